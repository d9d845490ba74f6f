"""Merge streamed deltas so a consumer is woken at most every ``interval`` seconds.

Every message across a process boundary (or every Qt signal) wakes its receiver, and on a
machine whose cores all run llama.cpp's threads each wake-up stalls a token step (measured: one
message per token cost 6-10% of SmolLM2's speed on 2 cores). This is the one throttle on the
token path: the window renders what arrives, as it arrives.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator

from app.core.inference.events import Delta, Event, Tick
from app.core.r1.reasoning import Kind

FLUSH_S = 0.05


def coalesce(events: Iterable[Event], interval: float = FLUSH_S) -> Iterator[Event]:
    """The same stream with adjacent deltas of one kind merged, flushed at most every ``interval``.

    A delta waits at most until the next token, and only when tokens come faster than
    ``interval``; the first one goes out at once. A ``Tick`` passes only between flushes, so it
    never wakes the consumer more often than the deltas do. Any other event flushes first.
    """
    kind: Kind = "answer"
    parts: list[str] = []
    last = float("-inf")
    clock = time.perf_counter
    for ev in events:
        if type(ev) is Tick:
            if clock() - last >= interval:
                yield ev
            continue
        if isinstance(ev, Delta):
            if parts and ev.kind != kind:
                yield Delta(kind, "".join(parts))
                parts.clear()
                last = clock()
            kind = ev.kind
            parts.append(ev.text)
            now = clock()
            if now - last >= interval:
                yield Delta(kind, "".join(parts))
                parts.clear()
                last = now
            continue
        if parts:
            yield Delta(kind, "".join(parts))
            parts.clear()
        yield ev
    if parts:
        yield Delta(kind, "".join(parts))
