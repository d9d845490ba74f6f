"""The model process's loop while several answers run (``parallel.py``): between decode steps it
sends each answer's events, tagged with its stream, starts answers that arrive (up to the slots;
the rest wait their turn here), and applies Stop and Answer now to one answer or to all.

Each answer's events are merged as a single answer's are (``coalesce.py``, at most one message
per ``FLUSH_S`` per answer), on that answer's thread.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from app.core.inference.events import Event
from app.core.inference.parallel import Parallel
from app.core.inference.wire import ChatRequest, Close, Failed, GenerateMany, StopStream, Tagged

STEP_WAIT_S = 0.02  # how long a step waits for the answers' threads before the pipe is read again


def serve_many(
    conn: Connection,
    parallel: Parallel,
    first: GenerateMany,
    cancel: Any,
    answer_now: Any,
    failed: Callable[[BaseException], Failed],
) -> bool:
    """Run ``first``'s answers and those that join, until none is left. ``cancel`` and
    ``answer_now`` (the app's shared flags) act on every answer. False when ``Close`` came."""
    queue: deque[tuple[int, ChatRequest]] = deque(zip(first.streams, first.requests))
    outbox: deque[tuple[int, Event | BaseException]] = deque()
    parallel.emit = lambda stream, ev: outbox.append((stream, ev))
    open_ = True
    stopped: set[int] = set()  # Stop came while these waited for a slot: they end at their start
    early: set[int] = set()  # Answer now came while these waited
    while True:
        if cancel.is_set():
            parallel.cancel()
        if answer_now.is_set():
            parallel.answer_now()
        while queue and parallel.free:
            stream, request = queue.popleft()
            parallel.start(stream, request, cancelled=cancel.is_set() or not open_ or stream in stopped)
            stopped.discard(stream)
            if stream in early:
                early.discard(stream)
                parallel.answer_now(stream)
        if not parallel.running and not queue:
            _flush(conn, outbox, failed)
            return open_
        parallel.step(STEP_WAIT_S)
        _flush(conn, outbox, failed)
        while open_ and conn.poll(0):
            match conn.recv():
                case GenerateMany(requests, streams):
                    queue.extend(zip(streams, requests))
                case StopStream(stream, now):
                    if any(q[0] == stream for q in queue):  # not started: no slot to act on yet
                        (early if now else stopped).add(stream)
                    elif now:
                        parallel.answer_now(stream)
                    else:
                        parallel.cancel(stream)
                case Close():
                    open_ = False
                    parallel.cancel()
                case other:
                    conn.send(Failed("EngineBusy", f"The model is answering; {type(other).__name__} must wait."))


def _flush(
    conn: Connection, outbox: deque[tuple[int, Event | BaseException]], failed: Callable[[BaseException], Failed]
) -> None:
    while outbox:
        stream, ev = outbox.popleft()
        conn.send(Tagged(stream, failed(ev) if isinstance(ev, BaseException) else ev))
