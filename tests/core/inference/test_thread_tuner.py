"""The generation thread count follows what is faster on this machine at this moment."""

from __future__ import annotations

from collections.abc import Callable

from app.core.inference.thread_tuner import ThreadTuner


def stream(tuner: ThreadTuner, ms_per_token: Callable[[int, int], float], tokens: int) -> list[int]:
    """Threads in use for each token, as the runner would switch them."""
    used, threads = [], tuner.current
    for i in range(tokens):
        used.append(threads)
        switch = tuner.tick(ms_per_token(threads, i) / 1000)
        if switch is not None:
            threads = switch
    return used


def test_a_quiet_machine_keeps_every_core_and_probes_rarely() -> None:
    used = stream(ThreadTuner(2), lambda n, i: {2: 10.0, 1: 14.0}[n], 20_000)
    assert used[-1] == 2
    assert used.count(1) / len(used) < 0.01, "probing one thread fewer costs under 1 % of the tokens"


def test_a_busy_core_moves_generation_to_fewer_threads() -> None:
    # Something else busy on one of 2 cores: 2 threads stall at every barrier (measured 30 -> 5 tok/s).
    used = stream(ThreadTuner(2), lambda n, i: {2: 200.0, 1: 33.0}[n], 2_000)
    assert used[-1] == 1
    assert used.index(1) <= 60, "the first probe finds it"
    assert used[60:].count(2) / len(used[60:]) < 0.05


def test_it_moves_back_when_the_machine_quietens() -> None:
    busy_until = 3_000
    used = stream(ThreadTuner(4), lambda n, i: (40.0 if n == 4 else 25.0) if i < busy_until else 40.0 / n, 12_000)
    assert 3 in used[:busy_until], "a busy core: one thread fewer"
    assert used[-1] == 4, "quiet again: every core"


def test_one_core_never_probes() -> None:
    tuner = ThreadTuner(1)
    assert all(tuner.tick(0.01) is None for _ in range(5_000))
