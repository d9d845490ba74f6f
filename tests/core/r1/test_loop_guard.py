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
