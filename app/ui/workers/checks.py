"""Running a check from the window: the core's ``CheckRun`` on a daemon thread, its events
passed as plain data through a queue and turned into signals by a GUI timer (the attachments'
and downloads' pattern). The thread works on a plain object (``_Job``: the gate, the queue, the
run) and never holds a QObject.

The check uses the window's engine through the engine gate, one turn per answer: the chat and
the local API can use the model between answers (they wait at most one answer), and loading
another model ends the check with a sentence rather than checking the wrong model.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.checks.runner import CheckEnded, CheckRun, Plan, SampleDone, SampleStarted, SampleTokens
from app.core.checks.setup import CheckSetup, prepare
from app.core.checks.suites import Problem
from app.core.errors import EngineError, R1DeskError
from app.core.inference.engine import Engine
from app.core.inference.events import ChatOptions
from app.core.inference.gate import EngineGate, Ticket
from app.ui.text.i18n import translate

POLL_MS = 100
OptionsFor = Callable[[Problem, int], ChatOptions]


class _Job:
    """What the check's thread works on: plain data only."""

    def __init__(self, gate: EngineGate, events: queue.SimpleQueue[object], model_path: str) -> None:
        self.gate = gate
        self.events = events
        self.model_path = model_path
        self.run: CheckRun | None = None
        self.ticket: Ticket | None = None
        self.stopped = False

    @contextlib.contextmanager
    def turn(self) -> Iterator[Engine]:
        with self.gate.turn("window", "checking the model") as ticket:
            self.ticket = ticket
            try:
                engine = self.gate.engine
                if engine.facts is None or engine.facts.path != self.model_path:
                    raise EngineError(
                        translate("Check", "Another model was loaded, so the check stopped; its results are kept.")
                    )
                yield engine
            finally:
                self.ticket = None

    def cancel(self) -> None:
        ticket = self.ticket
        if ticket is not None:
            ticket.cancel()

    def stop(self) -> None:
        self.stopped = True
        run = self.run
        if run is not None:
            run.stop()
        else:
            self.cancel()

    def estimate(self, plan: Plan, known_speed: float | None) -> None:
        try:
            with self.turn() as engine:
                self.events.put(prepare(engine, plan, known_speed=known_speed))
        except R1DeskError as e:
            self.events.put(str(e))
        except OSError as e:  # the model file went away
            self.events.put(str(e.strerror or e))
        finally:
            self.events.put(None)

    def check(self, plan: Plan, options_for: OptionsFor | None) -> None:
        try:
            with self.turn() as engine:
                setup = prepare(engine, plan, probe=False)
            run = CheckRun(
                engine,
                plan,
                setup.results,
                setup.problems,
                turn=self.turn,
                cancel=self.cancel,
                options_for=options_for,
            )
            self.run = run
            if self.stopped:
                run.stop()
            for ev in run.events():
                self.events.put(ev)
        except R1DeskError as e:
            self.events.put(str(e))
        finally:
            self.run = None
            self.events.put(None)


class CheckWorker(QObject):
    """Signals:
    prepared(object CheckSetup): the model identified, what is stored, the time estimate.
    started(object SampleStarted): an answer begins.
    tokens(int): the running answer's tokens so far.
    sample_done(object SampleDone): an answer was graded and stored.
    ended(object CheckEnded): the run is over (done, stopped, or failed with a sentence).
    failed(str): preparing failed (no model, a file that cannot be read).

    Attributes:
        options_for: a test seam, passed to ``CheckRun`` (a grammar forcing the answers).
    """

    prepared = Signal(object)
    started = Signal(object)
    tokens = Signal(int)
    sample_done = Signal(object)
    ended = Signal(object)
    failed = Signal(str)

    def __init__(self, gate: EngineGate, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.gate = gate
        self.options_for: OptionsFor | None = None
        self._events: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._job: _Job | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    @property
    def busy(self) -> bool:
        return self._job is not None

    def prepare(self, plan: Plan, model_path: str, known_speed: float | None = None) -> None:
        """Identify the loaded model and estimate the time, off the GUI thread (``known_speed``:
        a speed measured a moment ago, so no second probe runs)."""
        job = self._new_job(model_path)
        if job is not None:
            self._thread(job.estimate, plan, known_speed)

    def start(self, plan: Plan, model_path: str) -> None:
        """Run (or resume) the check of the loaded model, which must still be ``model_path``."""
        job = self._new_job(model_path)
        if job is not None:
            self._thread(job.check, plan, self.options_for)

    def stop(self) -> None:
        """Stop now; the running answer is not stored. Safe while nothing runs."""
        if self._job is not None:
            self._job.stop()

    def _new_job(self, model_path: str) -> _Job | None:
        if self._job is not None:
            return None
        self._job = _Job(self.gate, self._events, model_path)
        return self._job

    def _thread(self, target: Callable[..., None], *args: object) -> None:
        threading.Thread(target=target, args=args, name="r1desk-check", daemon=True).start()
        self._timer.start()

    def _poll(self) -> None:
        while True:
            try:
                ev = self._events.get_nowait()
            except queue.Empty:
                return
            if ev is None:
                self._job = None
                self._timer.stop()
            elif isinstance(ev, CheckSetup):
                self.prepared.emit(ev)
            elif isinstance(ev, SampleStarted):
                self.started.emit(ev)
            elif isinstance(ev, SampleTokens):
                self.tokens.emit(ev.tokens)
            elif isinstance(ev, SampleDone):
                self.sample_done.emit(ev)
            elif isinstance(ev, CheckEnded):
                self.ended.emit(ev)
            elif isinstance(ev, str):
                self.failed.emit(ev)
