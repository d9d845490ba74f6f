"""The one throttle on the token path: deltas merged, in order, ticks never more often than text."""

from __future__ import annotations

from app.core.inference.coalesce import coalesce
from app.core.inference.events import Delta, Stats, Tick

END = Stats.from_dict({})


def test_deltas_are_coalesced_in_order() -> None:
    events = [Delta("reasoning", c) for c in "abc"] + [Delta("answer", c) for c in "xyz"] + [END]
    sent = list(coalesce(events, interval=3600.0))
    # The first delta goes out at once; the rest wait for a kind change or the end.
    assert sent == [Delta("reasoning", "a"), Delta("reasoning", "bc"), Delta("answer", "xyz"), END]
    assert list(coalesce(events, interval=0.0)) == events  # tokens slower than the interval go out one by one


def test_a_stream_that_ends_without_stats_still_flushes() -> None:
    assert list(coalesce([Delta("answer", "a"), Delta("answer", "b")], interval=3600.0)) == [
        Delta("answer", "a"),
        Delta("answer", "b"),
    ]


def test_ticks_report_live_progress_between_flushes() -> None:
    events = [Delta("answer", "a"), Tick(16, 40.0), END]
    assert list(coalesce(events, interval=0.0))[1] == Tick(16, 40.0)
    # A tick never wakes the consumer more often than text does.
    assert not any(isinstance(e, Tick) for e in coalesce(events, interval=3600.0))
