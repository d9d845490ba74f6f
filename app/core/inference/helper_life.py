"""How a short-lived helper process lives: it ignores Ctrl+C (its parent handles it), dies with
its parent whatever it is doing, and works under a memory cap, so a template or a formula that
runs away fails there and never takes the app or the machine down with it.

Shared by the template sandbox (``template_sandbox.py``) and the typesetter (``ui/render``).
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import signal
import sys
import threading


def live_as_helper(memory_limit: int) -> None:
    """Call first thing in the helper process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Die with the parent: the kernel's parent-death signal on Linux (sent when the parent
    # *thread* that started us ends), and everywhere a thread that waits for the parent's end.
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    parent = mp.parent_process()
    if parent is not None:

        def watch() -> None:
            parent.join()
            os._exit(0)

        threading.Thread(target=watch, daemon=True).start()
    with contextlib.suppress(Exception):
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
