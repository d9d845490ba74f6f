"""The model process's own side: how it starts, follows the app, and leaves.

``LocalEngine`` (the app's side) spawns ``child_main``; everything here is about that process's
life, not about models: signals, the parent watch, stderr kept for crash reports, and
multiprocessing's helper process reaped after the last child.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import signal
import sys
import threading
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import Any

_PR_SET_PDEATHSIG = 1


def child_main(conn: Connection, cancel: Any, answer_now: Any, log_path: str | None = None) -> None:
    # Ctrl+C in a terminal reaches the whole process group; the app decides what it means and
    # tells the child through the cancel flag. (SIGINT was blocked from the start, see
    # sigint_blocked; a Ctrl+C that came meanwhile is dropped here, not raised mid-import.)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _follow_parent()
    # The app starts this process as a daemon (it must never keep the app from exiting), and
    # multiprocessing forbids daemons children; this one has one, the template helper, which
    # dies with it (template_sandbox.py), so the rule's reason (orphans) does not apply.
    mp.current_process().daemon = False
    if log_path:
        _stderr_to(log_path)
    # ggml answers a failed assertion by attaching gdb for a backtrace (seconds, and pages of it
    # in the user's terminal); what it asserted is enough, and the app reports it.
    os.environ.setdefault("GGML_NO_BACKTRACE", "1")
    # Imported here, in the child, so the app process never loads llama.cpp. Nothing imported
    # before this point loads numpy: with a CUDA build, numpy loaded before llama.cpp's libraries
    # made every model load segfault (seen on an H200 with numpy 2.5.2); llama_runner imports
    # llama_cpp before anything that could import numpy.
    from app.core.inference.model_server import serve

    with contextlib.suppress(BrokenPipeError, ConnectionError, EOFError, SystemExit):
        serve(conn, cancel, answer_now)  # a broken pipe: the app is gone; leave quietly, no traceback
    os._exit(0)  # nothing left to flush, and no interpreter teardown under llama.cpp's threads


def _follow_parent() -> None:
    """Exit when the app dies, even if it was killed (SIGKILL leaves no chance to say goodbye).

    A thread waits on the parent's sentinel (the end of a pipe only the parent holds, which any
    death closes) and ends this process at once: busy in llama.cpp or in a template, the model
    process never lingers at 100 % CPU under PID 1. On Linux the kernel's parent-death signal
    comes first; it is sent when the *thread* that started us ends too (the window starts the
    model process from its worker thread), so the handler checks that the parent is really gone.
    """
    parent = mp.parent_process()
    if parent is None:
        return
    ppid = os.getppid()

    def watch() -> None:
        parent.join()
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    if sys.platform.startswith("linux"):

        def on_parent_death(*_: object) -> None:
            if os.getppid() != ppid:
                os._exit(0)

        with contextlib.suppress(Exception):
            signal.signal(signal.SIGUSR2, on_parent_death)
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGUSR2)
            if os.getppid() != ppid:  # died before prctl took effect
                os._exit(0)


def _stderr_to(path: str) -> None:
    """Send this process's stderr (llama.cpp's own messages, a native assertion) to ``path``, where
    the app reads its last lines if the process crashes."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        os.dup2(fd, 2)
        os.close(fd)
        sys.stderr = open(2, "w", encoding="utf-8", errors="replace", buffering=1, closefd=False)  # noqa: SIM115


@contextlib.contextmanager
def sigint_blocked() -> Iterator[None]:
    """Start the model process with SIGINT blocked (a signal mask survives exec): a Ctrl+C during
    its start-up would otherwise print a KeyboardInterrupt traceback from Python's bootstrap."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


@contextlib.contextmanager
def main_module_hidden() -> Iterator[None]:
    """Start the model process without re-running the caller's main module in it.

    ``spawn`` normally imports the parent's ``__main__`` in the child first. That costs start-up
    time, demands an ``if __name__ == "__main__"`` guard from every script, and can import numpy
    before llama_cpp (see ``child_main``). The child needs nothing from it: the target lives here.
    """
    main = sys.modules.get("__main__")
    if main is None or getattr(sys, "frozen", False):
        yield
        return
    saved: dict[str, Any] = {k: main.__dict__[k] for k in ("__spec__", "__file__") if k in main.__dict__}
    main.__dict__.pop("__file__", None)
    main.__dict__["__spec__"] = None
    try:
        yield
    finally:
        main.__dict__.pop("__spec__", None)
        main.__dict__.update(saved)


def stop_resource_tracker() -> None:
    """Stop multiprocessing's resource-tracker process once no child process is left, and reap it.

    ``spawn`` starts that helper process with the first child and leaves it to exit after the
    app does; under an init that does not reap orphans (containers, some VMs) it stayed behind
    as a defunct process after every ``r1desk ask``. It tracks named semaphores and shared
    memory, which the app does not create (``SharedFlag``), so stopping it loses nothing; the
    next child starts a new one. While any child lives the tracker is left alone: stopping it
    waits for every holder of its pipe.
    """
    if mp.active_children():
        return
    from multiprocessing import resource_tracker

    stop = getattr(resource_tracker._resource_tracker, "_stop", None)  # private, in 3.10-3.13
    if stop is not None:
        with contextlib.suppress(Exception):
            stop()
