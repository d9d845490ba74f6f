"""The worker that owns the engine, on its own QThread.

Requests arrive as queued signals (load, generate) and answers leave as signals; the worker
never touches a widget. Stop and "answer now" are *not* queued slots (they would wait behind the
generation they should stop): the GUI thread calls :meth:`stop` and :meth:`answer_now`
directly, which set the engine's thread-safe flags.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from app.core.engine import Engine
from app.core.errors import R1DeskError
from app.core.protocol import ChatOptions, Delta, Stats, Tick
from app.core.sampling import Sampling


class GenerationWorker(QObject):
    """Signals:
        backend_ready(object BackendInfo): the model process started.
        load_progress(float): 0..1 while loading.
        loaded(object ModelFacts, object GGUFInfo): a model is ready.
        load_failed(str): why it could not load (the previous model is gone too).
        delta(str kind, str text): streamed text, kind "reasoning" or "answer".
        tick(int generated_tokens, float tokens_per_s): live progress.
        finished(object Stats): the end of a generation (stopped ones too).
        failed(str): a generation failed midway.
    """

    backend_ready = Signal(object)
    load_progress = Signal(float)
    loaded = Signal(object, object)
    load_failed = Signal(str)
    delta = Signal(str, str)
    tick = Signal(int, float)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, engine: Engine | None = None) -> None:
        super().__init__()
        self.engine = engine or Engine()

    @Slot()
    def start_backend(self) -> None:
        try:
            self.backend_ready.emit(self.engine.backend_info())
        except R1DeskError as e:
            self.load_failed.emit(str(e))

    @Slot(str, dict)
    def load(self, path: str, params: dict[str, Any]) -> None:
        try:
            facts = self.engine.load(path, progress=self.load_progress.emit, **params)
            self.loaded.emit(facts, self.engine.info)
        except R1DeskError as e:
            self.load_failed.emit(str(e))

    @Slot(list, object, object)
    def generate(self, messages: list[dict[str, str]], sampling: Sampling, options: ChatOptions) -> None:
        try:
            for ev in self.engine.stream_chat(messages, sampling, options):
                if type(ev) is Delta:
                    self.delta.emit(ev.kind, ev.text)
                elif type(ev) is Tick:
                    self.tick.emit(ev.generated_tokens, ev.tokens_per_s)
                elif isinstance(ev, Stats):
                    self.finished.emit(ev)
        except R1DeskError as e:
            self.failed.emit(str(e))

    # Called from the GUI thread, on purpose: these only set flags the token loop checks.
    def stop(self) -> None:
        self.engine.cancel()

    def answer_now(self) -> None:
        self.engine.answer_now()

    @Slot()
    def shutdown(self) -> None:
        self.engine.close()
