"""The loop guard notices a stream that repeats one block, and nothing else."""

from __future__ import annotations

import random

from app.core.r1.loop_guard import LoopGuard


def feed(guard: LoopGuard, tokens: list[int]) -> bool:
    return any([guard.add(t) for t in tokens])


def test_a_repeated_block_is_a_loop() -> None:
    block = list(range(100, 137))  # 37 tokens, repeated
    assert feed(LoopGuard(), block * 12)


def test_varied_text_is_not_a_loop() -> None:
    rng = random.Random(0)
    assert not feed(LoopGuard(), [rng.randrange(50_000) for _ in range(5000)])


def test_a_short_repeat_below_the_minimum_span_is_not_a_loop() -> None:
    assert not feed(LoopGuard(min_span=256), [7, 8] * 100)  # 200 tokens: a list, not a loop yet
    assert feed(LoopGuard(min_span=256), [7, 8] * 200)


def test_reset_forgets_what_came_before() -> None:
    guard = LoopGuard()
    feed(guard, [1, 2, 3] * 80)
    guard.reset()
    assert not guard.looping()


def test_a_period_longer_than_the_limit_is_not_checked() -> None:
    block = list(range(300))
    assert not feed(LoopGuard(max_period=200), block * 5)


def test_reset_forgets_the_loop_so_the_answer_after_it_is_judged_alone() -> None:
    """After a looping reasoning is closed, the answer starts afresh: its first tokens are not
    counted as part of the reasoning's loop."""
    g = LoopGuard()
    assert feed(g, [1, 2, 3, 4, 5, 6, 7] * 300)
    g.reset()
    # The answer opens by echoing the phrase a few times (fewer tokens than a loop needs).
    assert not feed(g, [1, 2, 3, 4, 5, 6, 7] * 9), "judged alone, 63 tokens are no loop"


def test_a_long_answer_keeps_a_bounded_window() -> None:
    g = LoopGuard()
    for i in range(100_000):
        g.add(i)
    assert len(g._tokens) <= 2 * (max(g.min_span, g.repeats * g.max_period) + g.max_period)
