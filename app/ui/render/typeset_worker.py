r"""Formulas typeset in a helper process, each on a time budget, and never in the app's way at quit.

ziamath is pure Python. On a thread of the app a hostile formula (``\left(`` 24 deep) ran for
hours holding the GIL, and at quit Python waited for that thread: the window was gone but the
process stayed at 50-90 % CPU, and the next ``r1desk`` found it and exited. So formulas go to one
helper process, one at a time, from a daemon thread of the app that waits at most the budget
for each answer; past it the helper is killed (the next formula starts a new one). The helper
runs nothing but ziamath, ignores Ctrl+C, has its address space capped (POSIX), dies with the
app (the kernel's parent-death signal on Linux; everywhere a thread that watches the parent) and
is killed by :func:`shutdown` at quit; formulas still queued then are answered "closed".

The typesetting itself is ``math.svg_reply`` (ziamath's one gateway); the formulas cut before
they get here are ``tex_budget.precheck``'s. Pure Python, no Qt.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import threading
import time
from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from app.core.inference.helper_life import live_as_helper
from app.ui.render.tex_budget import BUDGET_S

START_S = 60.0  # a cold start on a busy machine (it imports ziamath and loads its font)
MEMORY_LIMIT = 1 << 30  # the helper's address space (POSIX)
HANG_FOR_TESTS = "R1DESK_TEST_TYPESET_HANG"  # the helper never answers a formula equal to this variable

Reply = tuple[str, Any]  # ("ok", svg) | ("unknown", command) | ("error", text) | ("slow", seconds) | ("closed", "")


@dataclass
class _Job:
    tex: str
    size: float
    colour: str
    inline: bool
    future: Future[Reply] = field(default_factory=Future)


class TypesetWorker:
    """The app's side: a queue, the daemon thread that feeds the helper, and the helper.

    Attributes:
        budget_s: seconds one formula may take.
        started: how many helpers were started (one more after each that was killed).
    """

    def __init__(self, budget_s: float = BUDGET_S) -> None:
        self.budget_s = budget_s
        self.started = 0
        self._jobs: deque[_Job] = deque()
        self._cv = threading.Condition()
        self._closed = False
        self._thread: threading.Thread | None = None
        self._proc: Any = None
        self._conn: Connection | None = None

    def submit(self, tex: str, size: float, colour: str, inline: bool) -> Future[Reply]:
        """Queue a formula; the future gets its reply (at the latest after the budget)."""
        job = _Job(tex, size, colour, inline)
        with self._cv:
            if self._closed:
                job.future.set_result(("closed", ""))
                return job.future
            self._jobs.append(job)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="typeset", daemon=True)
                self._thread.start()
            self._cv.notify()
        return job.future

    def close(self) -> None:
        """Stop at once: the helper is killed, queued formulas are answered "closed". Never waits
        for a formula (the daemon thread ends by itself when the helper's pipe closes)."""
        with self._cv:
            self._closed = True
            jobs = list(self._jobs)
            self._jobs.clear()
            proc = self._proc
            self._cv.notify_all()
        for job in jobs:
            if job.future.set_running_or_notify_cancel():
                job.future.set_result(("closed", ""))
        if proc is not None:
            with contextlib.suppress(Exception):
                proc.kill()

    # ---- the daemon thread --------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            with self._cv:
                while not self._jobs and not self._closed:
                    self._cv.wait()
                if self._closed:
                    break
                job = self._jobs.popleft()
            if job.future.set_running_or_notify_cancel():
                job.future.set_result(self._typeset(job))
        self._stop_helper()

    def _typeset(self, job: _Job) -> Reply:
        try:
            conn = self._helper()
            conn.send((job.tex, job.size, job.colour, job.inline))
            if not conn.poll(self.budget_s):
                self._stop_helper()
                return ("slow", self.budget_s)
            reply: Reply = conn.recv()
            return reply
        except (EOFError, OSError, ValueError):  # the helper died (its memory cap) or was killed at quit
            self._stop_helper()
            return ("closed", "") if self._closed else ("error", "the typesetting process ended")
        except TimeoutError:
            self._stop_helper()
            return ("error", "the typesetting process did not start")

    def _helper(self) -> Connection:
        """The running helper's pipe; a new helper if there is none (waits until it is ready)."""
        if self._proc is not None and self._proc.is_alive() and self._conn is not None:
            return self._conn
        self._stop_helper()
        from app.core.inference.model_process import main_module_hidden

        ctx = mp.get_context("spawn")
        mine, theirs = ctx.Pipe(duplex=True)
        proc = ctx.Process(target=serve, args=(theirs,), name="r1desk-typeset", daemon=True)
        with main_module_hidden():
            proc.start()
        theirs.close()
        with self._cv:
            self._proc, self._conn = proc, mine
            self.started += 1
            if self._closed:
                proc.kill()
        if not mine.poll(START_S):
            raise TimeoutError
        mine.recv()  # "ready"
        return mine

    def _stop_helper(self) -> None:
        with self._cv:
            proc, conn = self._proc, self._conn
            self._proc = self._conn = None
        if conn is not None:
            conn.close()
        if proc is not None:
            if proc.is_alive():
                proc.kill()
            proc.join(timeout=2)


_worker: TypesetWorker | None = None
_worker_lock = threading.Lock()


def worker() -> TypesetWorker:
    """The app's one typesetting worker."""
    global _worker
    with _worker_lock:
        if _worker is None:
            _worker = TypesetWorker()
        return _worker


def shutdown() -> None:
    """At quit: kill the helper and answer what is queued; returns at once. Whatever asks for a
    formula later (the window being torn down) is answered "closed": no helper starts again."""
    worker().close()


# ---- the helper process -------------------------------------------------------------------------


def serve(conn: Connection) -> None:
    """The helper: typeset what arrives until the pipe closes."""
    # Our parent is the app's typesetting thread: when it ends (the app quits), so do we.
    live_as_helper(MEMORY_LIMIT)
    from app.ui.render.math import svg_reply

    svg_reply("x", 10.0, "#000000", True)  # import ziamath and load its font before "ready"
    hang = os.environ.get(HANG_FOR_TESTS)
    conn.send(("ready", ""))
    while True:
        try:
            tex, size, colour, inline = conn.recv()
        except (EOFError, OSError):
            return
        while hang and tex == hang:  # a formula that never finishes, for the tests
            time.sleep(1)
        try:
            conn.send(svg_reply(tex, size, colour, inline))
        except (OSError, ValueError):
            return
