"""Running a check from the window: the core's ``CheckRun`` on a daemon thread, its events
passed as plain data through a queue and turned into signals by a GUI timer (the attachments'
and downloads' pattern), so no QObject is touched off the GUI thread.

The check uses the window's engine through the engine gate, one turn per sample: the chat and
the local API can use the model between samples (they wait at most one sample), and loading
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
from app.core.errors import EngineError, R1DeskError
from app.core.inference.engine import Engine
from app.core.inference.gate import EngineGate, Ticket
from app.ui.text.i18n import translate

POLL_MS = 100


class CheckWorker(QObject):
    """Signals:
    prepared(object CheckSetup): the model identified, what is stored, the time estimate.
    started(object SampleStarted): a sample begins.
    tokens(int): the running sample's tokens so far.
    sample_done(object SampleDone): a sample was graded and stored.
    ended(object CheckEnded): the run is over (done, stopped, or failed with a sentence).
    failed(str): preparing failed (no model, a file that cannot be read).
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
        self.options_for = None  # a test seam: CheckRun's options_for
        self._events: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._run: CheckRun | None = None
        self._ticket: Ticket | None = None
        self._busy = False
        self._known_speed: float | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    @property
    def busy(self) -> bool:
        return self._busy

    def prepare(self, plan: Plan, model_path: str, known_speed: float | None = None) -> None:
        """Identify the loaded model and estimate the time, off the GUI thread (``known_speed``:
        a speed measured a moment ago, so no second probe runs)."""
        self._known_speed = known_speed
        self._start(self._prepare, plan, model_path)

    def start(self, plan: Plan, model_path: str) -> None:
        """Run (or resume) the check of the loaded model, which must still be ``model_path``."""
        self._start(self._check, plan, model_path)

    def stop(self) -> None:
        """Stop now; the running sample is not stored. Safe while nothing runs."""
        run = self._run
        if run is not None:
            run.stop()

    def _start(self, target: Callable[[Plan, str], None], plan: Plan, model_path: str) -> None:
        if self._busy:
            return
        self._busy = True
        threading.Thread(target=target, args=(plan, model_path), name="r1desk-check", daemon=True).start()
        self._timer.start()

    @contextlib.contextmanager
    def _turn(self, model_path: str) -> Iterator[Engine]:
        with self.gate.turn("window", "checking the model") as ticket:
            self._ticket = ticket
            try:
                engine = self.gate.engine
                if engine.facts is None or engine.facts.path != model_path:
                    raise EngineError(
                        translate("Check", "Another model was loaded, so the check stopped; its results are kept.")
                    )
                yield engine
            finally:
                self._ticket = None

    def _cancel(self) -> None:
        ticket = self._ticket
        if ticket is not None:
            ticket.cancel()

    def _prepare(self, plan: Plan, model_path: str) -> None:
        try:
            with self._turn(model_path) as engine:
                setup = prepare(engine, plan, known_speed=self._known_speed)
            self._events.put(setup)
        except R1DeskError as e:
            self._events.put(str(e))
        except OSError as e:  # the model file went away
            self._events.put(str(e.strerror or e))
        finally:
            self._events.put(None)

    def _check(self, plan: Plan, model_path: str) -> None:
        try:
            with self._turn(model_path) as engine:
                setup = prepare(engine, plan, probe=False)
            run = CheckRun(
                engine,
                plan,
                setup.results,
                setup.problems,
                turn=lambda: self._turn(model_path),
                cancel=self._cancel,
                options_for=self.options_for,
            )
            self._run = run
            for ev in run.events():
                self._events.put(ev)
        except R1DeskError as e:
            self._events.put(str(e))
        finally:
            self._run = None
            self._events.put(None)

    def _poll(self) -> None:
        while True:
            try:
                ev = self._events.get_nowait()
            except queue.Empty:
                return
            if ev is None:
                self._busy = False
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
