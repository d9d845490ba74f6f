"""The worker that owns the engine, on its own QThread.

Requests arrive as queued signals (load, load_remote, generate) and answers leave as signals; the
worker never touches a widget. It holds the local engine for its whole life and, while a remote
model is in use, a ``RemoteEngine`` in front of it: ``engine`` is whichever answers now. Stop and
"answer now" are *not* queued slots (they would wait behind the generation they should stop): the
GUI thread calls :meth:`stop` and :meth:`answer_now` directly, which set the engine's thread-safe
flags.

Every use of the engine takes a turn at the engine gate (``core/inference/gate.py``), which the
local API server shares: while an API request runs, the window's answer or load waits its turn
(this thread blocks; the window stays responsive), and Stop while waiting leaves the queue.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from app.core.code.measure import MeasureRequest
from app.core.config.endpoints import Endpoint
from app.core.errors import EngineBusy, R1DeskError
from app.core.inference.engine import Engine
from app.core.inference.events import ChatOptions, Delta, LoadParams, Reading, Stats, Tick
from app.core.inference.gate import WINDOW_GATES, Abandoned, EngineGate, Ticket
from app.core.inference.load_policy import LoadRequest, load_model, probe
from app.core.models.hardware import Hardware
from app.core.r1.sampling import Sampling

MEASURE_WAIT_S = 0.5  # a token count waits this long for the model before giving up


class GenerationWorker(QObject):
    """Signals:
    backend_ready(object BackendInfo, object Hardware): the engine is up; this machine.
    hardware_probed(object Hardware): this machine now (asked with ``probe_hardware``, and after a load).
    load_progress(float): 0..1 while loading.
    load_notice(str): something the user should know about a load (a fallback to the CPU).
    loaded(object ModelFacts): a model is ready.
    load_failed(str, object): why it could not load, and the ModelFacts of the model still
        loaded (the one before: a failed load keeps or restores it), or None.
    delta(str kind, str text): streamed text, kind "reasoning" or "answer".
    tick(int generated_tokens, float tokens_per_s): live progress.
    reading(int done, int total): progress through a long prompt, before the first token.
    finished(object Stats): the end of a generation (stopped ones too).
    failed(str): a generation failed midway.
    measured(int job, object Measurement): a message measured against the context.
    measure_failed(int job, str): it could not be (no model, the engine busy elsewhere).
    """

    backend_ready = Signal(object, object)
    hardware_probed = Signal(object)
    load_progress = Signal(float)
    load_notice = Signal(str)
    loaded = Signal(object)
    load_failed = Signal(str, object)
    delta = Signal(str, str)
    tick = Signal(int, float)
    reading = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    measured = Signal(int, object)
    measure_failed = Signal(int, str)

    def __init__(self, engine: Engine | None = None) -> None:
        super().__init__()
        if engine is None:
            from app.core.inference.local_engine import LocalEngine

            engine = LocalEngine()
        self.local: Engine = engine
        self.gate = EngineGate(engine)
        WINDOW_GATES.add(self.gate.id)  # the window's own API server is refused as a remote (remote_engine.probe)
        self._ticket: Ticket | None = None  # the window's turn, waiting or running
        self._stop_early = False  # Stop came before the queued generate() began
        self.latest_measure = 0  # set by the GUI thread: older queued measurements are skipped

    @property
    def engine(self) -> Engine:
        return self.gate.engine

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
            with self._turn(f"loading {Path(path).name}"):
                self._use(self.local)
                facts = load_model(
                    self.engine,
                    path,
                    request,
                    hardware=self.hardware(),
                    progress=self.load_progress.emit,
                    notice=self.load_notice.emit,
                )
            self.loaded.emit(facts)
            self.probe_hardware()  # the picker and the reload offer see the memory as it is now
        except R1DeskError as e:
            self.load_failed.emit(str(e), self.engine.facts if self.engine.loaded else None)

    @Slot(object, str)
    def load_remote(self, endpoint: Endpoint, model: str) -> None:
        """Use ``model`` on a remote server. The server is asked first; only when it answers is
        the local model unloaded (its memory freed; its process stays for the next local model)."""
        from app.core.config.secrets import resolve_key
        from app.core.inference.remote_engine import RemoteEngine

        try:
            key, _ = resolve_key(endpoint.name)
            remote = RemoteEngine(endpoint, key)
            facts = remote.load(LoadParams(model), self.load_progress.emit)
            with self._turn(f"switching to {model}"):
                self._use(remote)
        except R1DeskError as e:  # the engine in use was not touched: its model stays
            self.load_failed.emit(str(e), self.engine.facts if self.engine.loaded else None)
            return
        self.loaded.emit(facts)

    def _use(self, engine: Engine) -> None:
        """Make ``engine`` the one that answers (within a turn); a remote one it replaces is closed."""
        old = self.engine
        if old is engine:
            return
        self.gate.swap(engine, self._ticket)
        if old is not self.local:
            old.close()
        elif old.loaded:
            old.unload()

    def close_engines(self) -> None:
        """Close the remote engine, if any, and the local one (called once the thread is gone)."""
        WINDOW_GATES.discard(self.gate.id)
        if self.engine is not self.local:
            self.engine.close()
        self.local.close()

    def hardware(self) -> Hardware:
        """This machine now (off the GUI thread: nvidia-smi can take a moment): its free memory
        changes with other programs, so each load, and each picker, asks again."""
        return probe(self.local)

    @Slot()
    def probe_hardware(self) -> None:
        """Emit ``hardware_probed`` with this machine now (the picker's verdicts use it)."""
        with contextlib.suppress(R1DeskError):  # the model process could not start: the picker keeps what it knew
            self.hardware_probed.emit(self.hardware())

    @Slot(list, object, object)
    def generate(self, messages: list[dict[str, str]], sampling: Sampling, options: ChatOptions) -> None:
        if self._stop_early:
            self._stop_early = False
            self.finished.emit(_cancelled())
            return
        try:
            with self._turn("answering", shared=True) as ticket:
                first = True
                ticket.stream = stream = self.engine.stream_chat(messages, sampling, options)
                for ev in stream:
                    if first and ticket.cancelled:
                        self.gate.halt(ticket)  # Stop came between the turn and the stream's start
                    first = False
                    if type(ev) is Delta:
                        self.delta.emit(ev.kind, ev.text)
                    elif type(ev) is Tick:
                        self.tick.emit(ev.generated_tokens, ev.tokens_per_s)
                    elif type(ev) is Reading:
                        self.reading.emit(ev.done, ev.total)
                    elif isinstance(ev, Stats):
                        self.finished.emit(ev)
        except Abandoned:  # stopped while an API request held the model
            self.finished.emit(_cancelled())
        except R1DeskError as e:
            self.failed.emit(str(e))

    @Slot(int, object)
    def measure(self, job: int, request: MeasureRequest) -> None:
        """Count a message's tokens in the engine (the model's tokenizer) for the composer.

        It takes a turn at the engine gate like any request, but waits only briefly: while an
        API request holds the model, the composer shows its last numbers instead of queueing."""
        if job < self.latest_measure:
            return  # the user typed on; a newer request is queued behind this one
        try:
            ticket = self.gate.enqueue("window", "counting tokens")
            try:
                if not self.gate.wait(ticket, timeout=MEASURE_WAIT_S):
                    raise EngineBusy("The model is busy with another request; tokens are counted when it is free.")
                self.measured.emit(job, request.run(self.engine))
            finally:
                self.gate.release(ticket)
        except R1DeskError as e:
            self.measure_failed.emit(job, str(e))

    @contextlib.contextmanager
    def _turn(self, label: str, *, shared: bool = False) -> Iterator[Ticket]:
        """A turn at the engine gate, cancellable by :meth:`stop` while it still waits."""
        ticket = self.gate.enqueue("window", label, shared=shared)
        self._ticket = ticket
        try:
            if self._stop_early or not self.gate.wait(ticket):
                self._stop_early = False
                raise Abandoned("Stopped while waiting for the model.")
            yield ticket
        finally:
            self._ticket = None
            self.gate.release(ticket)

    # Called from the GUI thread, on purpose: these only set flags the token loop checks.
    def stop(self) -> None:
        ticket = self._ticket
        if ticket is not None:
            ticket.cancel()  # leaves the queue, or cancels the window's own generation
        else:
            self._stop_early = True  # not the engine's cancel: an API request may be running

    def answer_now(self) -> None:
        ticket = self._ticket
        if ticket is not None and ticket.running:  # never the API request's generation
            self.gate.answer_now(ticket)

    @Slot()
    def shutdown(self) -> None:
        self.close_engines()


def _cancelled() -> Stats:
    """The end of an answer stopped before it began."""
    return Stats.from_dict({"finish_reason": "cancelled", "thinking_finished": False})
