"""Waiting for a condition in tests: poll, give up only after a deadline no healthy run comes near
(a loaded CI machine included), and never decide an outcome by how long something took."""

from __future__ import annotations

import time
from collections.abc import Callable


def wait_for(condition: Callable[[], object], timeout: float = 60.0) -> None:
    """Poll ``condition()`` until it holds; fail after ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.005)
