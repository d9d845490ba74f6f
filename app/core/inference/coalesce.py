"""Merge streamed deltas so a consumer is woken at most every ``interval`` seconds.

Every message across a process boundary (or every Qt signal) wakes its receiver, and on a
machine whose cores all run llama.cpp's threads each wake-up stalls a token step (measured: one
message per token cost 6-10% of SmolLM2's speed on 2 cores). This is the one throttle on the
token path: the window renders what arrives, as it arrives.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator

from app.core.inference.events import Delta, Event, Tick, ToolCallDelta
from app.core.r1.reasoning import Kind

FLUSH_S = 0.05


def coalesce(
    events: Iterable[Event],
    interval: float = FLUSH_S,
    clock: Callable[[], float] = time.perf_counter,
    flush_at: int | None = None,
) -> Iterator[Event]:
    """The same stream with adjacent deltas of one kind merged, flushed at most every ``interval``.

    A delta waits at most until the next token, and only when tokens come faster than
    ``interval``; the first one goes out at once. Of the ``Tick`` events (one per token, each
    after its token's text) only the one that follows a flush goes out, so the live figures
    (tokens, tok/s) move as often as the text does, are never a token behind it, and never wake
    the consumer more often than the throttle allows. A tool call's argument pieces merge the
    same way (the piece that opens a call, with its name, goes out as it is). Any other event
    flushes first.

    ``flush_at``: the token after which the stream pauses (``ChatOptions.hold_at``, the tests'
    seam): its text and figures go out at once, so what is on screen during the pause is whole.
    """
    kind: Kind | int = "answer"  # what ``parts`` holds: reasoning, answer, or a call's arguments
    parts: list[str] = []
    tick: Tick | None = None  # the newest figures not yet sent
    owed = False  # text went out without figures: the next tick follows it at once
    last = float("-inf")
    for ev in events:
        if type(ev) is Tick and ev.generated_tokens == flush_at:
            last = float("-inf")  # the stream pauses after this token: everything goes out now
        if type(ev) is Tick:
            if owed:
                yield ev
                owed, tick = False, None
                continue
            tick = ev
        elif isinstance(ev, Delta) or (type(ev) is ToolCallDelta and not ev.name):
            here, text = (ev.kind, ev.text) if isinstance(ev, Delta) else (ev.index, ev.arguments)
            if parts and here != kind:
                yield _merged(kind, parts)
                parts.clear()
                last = clock()
            kind = here
            parts.append(text)
        else:
            if parts:
                yield _merged(kind, parts)
                parts.clear()
            owed, tick = False, None
            yield ev
            continue
        now = clock()
        if now - last >= interval:
            if parts:
                yield _merged(kind, parts)
                parts.clear()
            if tick is not None and type(ev) is Tick:
                yield tick
            else:
                owed = True  # the token's own tick comes next (the loop sends it after the text)
            tick = None
            last = now
    if parts:
        yield _merged(kind, parts)


def _merged(kind: Kind | int, parts: list[str]) -> Event:
    text = "".join(parts)
    return ToolCallDelta(kind, arguments=text) if isinstance(kind, int) else Delta(kind, text)
