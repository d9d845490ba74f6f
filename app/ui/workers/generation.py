"""The worker that owns the engine, on its own QThread.

Requests arrive as queued signals (load, generate) and answers leave as signals; the worker
never touches a widget. Stop and "answer now" are *not* queued slots (they would wait behind the
generation they should stop): the GUI thread calls :meth:`stop` and :meth:`answer_now`
directly, which set the engine's thread-safe flags.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from app.core.errors import R1DeskError
from app.core.inference.engine import Engine
from app.core.inference.events import ChatOptions, Delta, Stats, Tick
from app.core.inference.load_policy import LoadRequest, load_model
from app.core.models.hardware import Hardware, detect
from app.core.r1.sampling import Sampling


class GenerationWorker(QObject):
    """Signals:
    backend_ready(object BackendInfo, object Hardware): the engine is up; this machine.
    load_progress(float): 0..1 while loading.
    load_notice(str): something the user should know about a load (a fallback to the CPU).
    loaded(object ModelFacts): a model is ready.
    load_failed(str, object): why it could not load, and the ModelFacts of the model still
        loaded (the one before: a failed load keeps or restores it), or None.
    delta(str kind, str text): streamed text, kind "reasoning" or "answer".
    tick(int generated_tokens, float tokens_per_s): live progress.
    finished(object Stats): the end of a generation (stopped ones too).
    failed(str): a generation failed midway.
    """

    backend_ready = Signal(object, object)
    load_progress = Signal(float)
    load_notice = Signal(str)
    loaded = Signal(object)
    load_failed = Signal(str, object)
    delta = Signal(str, str)
    tick = Signal(int, float)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, engine: Engine | None = None) -> None:
        super().__init__()
        if engine is None:
            from app.core.inference.local_engine import LocalEngine

            engine = LocalEngine()
        self.engine: Engine = engine
        self._hardware: Hardware | None = None

    @Slot()
    def start_backend(self) -> None:
        try:
            backend = self.engine.backend_info()
            self.backend_ready.emit(backend, self.hardware())
        except R1DeskError as e:
            self.load_failed.emit(str(e), None)

    @Slot(str, object)
    def load(self, path: str, request: LoadRequest) -> None:
        """Plan the load for this machine (context, GPU layers) and load, falling back to the CPU."""
        try:
            facts = load_model(
                self.engine,
                path,
                request,
                hardware=self.hardware(),
                progress=self.load_progress.emit,
                notice=self.load_notice.emit,
            )
            self.loaded.emit(facts)
        except R1DeskError as e:
            self.load_failed.emit(str(e), self.engine.facts if self.engine.loaded else None)

    def hardware(self) -> Hardware:
        """This machine, probed once (off the GUI thread: nvidia-smi can take a moment)."""
        if self._hardware is None:
            b = self.engine.backend_info()
            self._hardware = detect(b.name, b.gpu_offload)
        return self._hardware

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
