"""pass@1 is the mean over samples, cons@k the majority's verdict, with a clustered 95 % interval."""

from __future__ import annotations

import math

from app.core.checks.scores import summarize
from app.core.checks.store import SampleRecord
from app.core.checks.suites import Problem

P = [Problem(f"p{i}", "?", "5", "Algebra", 1 + i % 2) for i in range(4)]


def rec(uid: str, j: int, extracted: str | None, correct: bool) -> SampleRecord:
    return SampleRecord(uid, j, j, 1, "Algebra", extracted, "5", "", correct, 10, 5, 1.0, "stop", "")


def test_pass_at_1_averages_each_problems_share_and_cons_takes_the_majority() -> None:
    samples = {}
    # p0: 3 of 4 right (majority right); p1: 1 of 4 right (majority wrong "6"); p2: 0 of 4; p3: 4 of 4
    for j, (a, ok) in enumerate([("5", True), ("5", True), ("5", True), ("6", False)]):
        samples[("p0", j)] = rec("p0", j, a, ok)
    for j, (a, ok) in enumerate([("5", True), ("6", False), ("6", False), (None, False)]):
        samples[("p1", j)] = rec("p1", j, a, ok)
    for j in range(4):
        samples[("p2", j)] = rec("p2", j, None, False)
        samples[("p3", j)] = rec("p3", j, "5", True)
    s = summarize(P, samples, k=4)
    assert s.pass_at_1 == (0.75 + 0.25 + 0 + 1) / 4
    assert s.cons_at_k == 0.5  # p0 and p3
    means = [0.75, 0.25, 0.0, 1.0]
    var = sum((m - 0.5) ** 2 for m in means) / 3
    assert s.half_width is not None and math.isclose(s.half_width, 1.96 * math.sqrt(var / 4))
    assert s.done == 4 and s.samples == 16 and s.by_level == {1: (2, 0.375), 2: (2, 0.625)}


def test_a_run_in_progress_counts_what_it_has() -> None:
    samples = {("p0", 0): rec("p0", 0, "5", True), ("p0", 1): rec("p0", 1, "6", False)}
    s = summarize(P, samples, k=4)
    assert s.pass_at_1 == 0.5 and s.started == 1 and s.done == 0
    assert s.cons_at_k is None and s.half_width is None  # one problem: no interval yet
    samples[("p0", 5)] = rec("p0", 5, "5", True)  # beyond k: not counted
    assert summarize(P, samples, k=4).samples == 2
