"""The one throttle on the token path: deltas merged, in order, ticks never more often than text."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from app.core.inference.coalesce import coalesce
from app.core.inference.events import Delta, Event, Stats, Tick, ToolCallDelta

END = Stats.from_dict({})


def test_deltas_are_coalesced_in_order() -> None:
    events = [Delta("reasoning", c) for c in "abc"] + [Delta("answer", c) for c in "xyz"] + [END]
    sent = list(coalesce(events, interval=3600.0))
    # The first delta goes out at once; the rest wait for a kind change or the end.
    assert sent == [Delta("reasoning", "a"), Delta("reasoning", "bc"), Delta("answer", "xyz"), END]
    assert list(coalesce(events, interval=0.0)) == events  # tokens slower than the interval go out one by one


def test_a_calls_argument_pieces_merge_like_text() -> None:
    events: list[Event] = [Delta("answer", "Let me look."), ToolCallDelta(0, "call_a", "f")]
    events += [ToolCallDelta(0, arguments=c) for c in '{"x": 1}']
    events += [ToolCallDelta(1, "call_b", "g"), ToolCallDelta(1, arguments="{}"), END]
    assert list(coalesce(events, interval=3600.0)) == [
        Delta("answer", "Let me look."),
        ToolCallDelta(0, "call_a", "f"),
        ToolCallDelta(0, arguments='{"x": 1}'),
        ToolCallDelta(1, "call_b", "g"),
        ToolCallDelta(1, arguments="{}"),
        END,
    ]


def test_a_stream_that_ends_without_stats_still_flushes() -> None:
    assert list(coalesce([Delta("answer", "a"), Delta("answer", "b")], interval=3600.0)) == [
        Delta("answer", "a"),
        Delta("answer", "b"),
    ]


def test_the_latest_tick_goes_out_with_each_flush() -> None:
    events = [Delta("answer", "a"), Tick(1, 0.0), Delta("answer", "b"), Tick(2, 40.0), END]
    assert list(coalesce(events, interval=0.0)) == [
        Delta("answer", "a"),
        Tick(1, 0.0),
        Delta("answer", "b"),
        Tick(2, 40.0),
        END,
    ]
    # Slower flushes: figures go out with the text that goes out, never more often.
    assert list(coalesce(events, interval=3600.0)) == [Delta("answer", "a"), Tick(1, 0.0), Delta("answer", "b"), END]


@pytest.mark.parametrize("tokens_per_s", [2.0, 10.0, 48.0, 200.0])
def test_live_figures_move_at_least_every_half_second(tokens_per_s: float) -> None:
    """The thinking header's count and tok/s come from the ticks the consumer receives: at any
    speed, one must arrive within half a second of stream time, with the latest count."""
    now = [0.0]

    def tokens() -> Iterator[Event]:
        for n in range(1, 400):
            now[0] = n / tokens_per_s
            yield Delta("reasoning", "x")
            yield Tick(n, tokens_per_s)

    seen: list[tuple[float, int]] = []
    for ev in coalesce(tokens(), clock=lambda: now[0]):
        if isinstance(ev, Tick):
            seen.append((now[0], ev.generated_tokens))
    assert seen, "no live figures reached the consumer"
    times = [0.0] + [t for t, _ in seen]
    assert max(b - a for a, b in itertools.pairwise(times)) <= 0.5
    assert all(n == round(t * tokens_per_s) for t, n in seen), "each tick carries the count at its time"
    assert len(seen) <= now[0] / 0.05 + 1, "never more often than the throttle"


def test_a_held_token_goes_out_whole_before_the_pause() -> None:
    """``hold_at`` pauses the stream after a token: the text and count up to it must be on screen
    during the pause, however fast the tokens came before it (here: all at one instant)."""
    sent: list[Event] = []
    paused_at: list[list[Event]] = []

    def tokens() -> Iterator[Event]:
        for n in range(1, 8):
            yield Delta("reasoning", str(n))
            yield Tick(n, 100.0)
            if n == 5:
                paused_at.append(list(sent))  # what the consumer has while the loop waits here

    for ev in coalesce(tokens(), interval=3600.0, clock=lambda: 0.0, flush_at=5):
        sent.append(ev)
    held = paused_at[0]
    assert "".join(e.text for e in held if isinstance(e, Delta)) == "12345"
    assert [e.generated_tokens for e in held if isinstance(e, Tick)][-1] == 5
    # without the seam the pause would show the first token only
    sent.clear()
    paused_at.clear()
    for ev in coalesce(tokens(), interval=3600.0, clock=lambda: 0.0):
        sent.append(ev)
    assert [e.generated_tokens for e in paused_at[0] if isinstance(e, Tick)] == [1]
