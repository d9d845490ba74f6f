"""Prompt lookup, the adaptive draft length and speculative sampling's rule, without a model."""

from __future__ import annotations

import numpy as np
import pytest

from app.core.inference.drafts import DraftLength, NgramDrafter
from app.core.inference.spec_sampling import accept, draw, pick, probabilities, residual

CHI2_DF3_P001 = 16.27  # chi-square critical values at p = 0.001
CHI2_DF4_P001 = 18.47


def chi_square(observed: np.ndarray, expected: np.ndarray) -> float:
    return float(((observed - expected) ** 2 / expected).sum())


def test_lookup_drafts_what_followed_the_latest_longest_match() -> None:
    d = NgramDrafter([1, 2, 3, 9, 9, 7, 2, 3, 4, 5, 6, 1, 2, 3])
    # the history ends in 1 2 3: the 3-gram occurred at the start, followed by 9 9 7
    assert d.draft(3) == ([9, 9, 7], 3)
    d.append(4)  # ... 2 3 4: the latest "2 3 4" was followed by 5 6 1
    assert d.draft(2) == ([5, 6], 3)


def test_lookup_never_drafts_from_its_own_ending_and_needs_two_tokens() -> None:
    assert NgramDrafter([5, 6, 7]).draft(4) == ([], 0)
    assert NgramDrafter([5]).draft(4) == ([], 0)
    d = NgramDrafter([8, 8, 8, 8])  # a repeat: the 4-gram is new, the 3-gram "8 8 8" came before
    assert d.draft(4) == ([8], 3)


def timed(length: DraftLength, costs: dict[int, float]) -> None:
    for _ in range(20):
        length.timed(1, 0.010)
        for n, steps in costs.items():
            length.timed(n, 0.010 * steps)


def test_draft_length_follows_acceptance_where_batches_cost() -> None:
    length = DraftLength()
    timed(length, {9: 3.4, 13: 4.7, 17: 6.0})  # this 2-core CPU
    assert length.length(16, kind=4) >= 8, "a fresh 4-gram match: draft long"
    for _ in range(4):
        length.verified(8, 0, kind=4)
    assert length.length(16, kind=4) == 0, "four first-token rejections: drafting does not pay"
    for _ in range(6):
        length.verified(8, 8, kind=3)
    assert length.length(16, kind=3) >= 8, "each kind keeps its own rate"


def test_where_batches_are_almost_free_even_a_middling_draft_pays() -> None:
    length = DraftLength()
    timed(length, {9: 1.1, 13: 1.15, 17: 1.2})  # a GPU
    for _ in range(4):
        length.verified(8, 1, kind=4)
    assert length.length(16, kind=4) >= 8


def test_drafting_switches_off_where_batches_cost_as_much_as_steps() -> None:
    length = DraftLength()
    for _ in range(20):  # a CPU where a batch of n costs n steps
        length.timed(1, 0.010)
        for n in (2, 3, 4, 5, 7, 9, 13, 17):
            length.timed(n, 0.010 * n)
    length.verified(8, 5, kind=3)
    assert length.length(16, kind=3) == 0


def test_drafting_is_tried_again_after_a_while() -> None:
    length = DraftLength()
    for _ in range(3):
        length.verified(8, 0, kind=4)
    assert length.length(16, kind=4) == 0
    for _ in range(300):
        length.idle()
    assert length.length(16, kind=4) > 0


def test_fixed_length_is_a_seam_that_only_the_room_limits() -> None:
    length = DraftLength(fixed=8)
    length.verified(8, 0, kind=4)
    assert length.length(16, kind=4) == 8
    assert length.length(3, kind=4) == 3


def test_draw_takes_the_first_candidate_whose_running_sum_reaches_u() -> None:
    w = np.array([0.5, 0.25, 0.25])
    assert [draw(w, u) for u in (0.0, 0.49, 0.5, 0.51, 0.75, 0.99)] == [0, 0, 0, 1, 1, 2]
    assert pick(np.array([7, 3, 5], np.int32), np.array([1.0, 3.0, 3.0], np.float32), 0.9, greedy=True) == 3


@pytest.mark.parametrize("q_shift", [0.0, 2.0])
def test_the_papers_rule_keeps_the_targets_distribution(q_shift: float) -> None:
    """Draft x ~ q, accept with min(1, p/q), else resample from max(0, p - q): the output is p."""
    rng = np.random.default_rng(0)
    ids = np.arange(5, dtype=np.int32)
    p = probabilities(np.array([2.0, 1.0, 0.5, 0.0, -1.0], np.float32))
    q = probabilities(np.array([0.0, 1.0, 0.5 + q_shift, 2.0, 0.0], np.float32))  # a draft model that disagrees
    n = 40_000
    counts = np.zeros(5)
    accepted = 0
    for _ in range(n):
        x = int(ids[draw(q, rng.random())])
        if accept(float(p[x]), float(q[x]), rng.random()):
            accepted += 1
            counts[x] += 1
        else:
            counts[draw(residual(ids, p, ids, q), rng.random())] += 1
    assert 0.2 * n < accepted < 0.9 * n  # both branches ran
    assert chi_square(counts, p * n) < CHI2_DF4_P001


def test_a_point_mass_draft_checked_against_the_targets_own_draw_keeps_p() -> None:
    """The n-gram case: accept x when the target's draw with the position's u is x (P = p(x)),
    else take that draw (y != x with P = p(y)): the output is p, and it is the undrafted token."""
    rng = np.random.default_rng(1)
    ids = np.array([10, 11, 12, 13], np.int32)
    logits = np.array([1.5, 1.0, 0.2, -0.5], np.float32)
    p = probabilities(logits)
    n = 30_000
    counts = np.zeros(4)
    accepted = 0
    for _ in range(n):
        token = pick(ids, logits, rng.random(), greedy=False)
        accepted += token == 11  # the draft
        counts[token - 10] += 1
    assert abs(accepted / n - p[1]) < 0.01
    assert chi_square(counts, p * n) < CHI2_DF3_P001
