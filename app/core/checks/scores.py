"""The figures of a check: pass@1 (the paper's: each problem's share of correct samples, averaged
over the problems), its 95 % confidence interval, and cons@k (the majority answer of each
problem's k samples, right or wrong).

The interval is the clustered standard error of the per-problem means (Miller, "Adding Error
Bars to Evals", 2024): the k samples of one problem are not independent draws, so the spread
between problems is what counts. 1.96 standard errors either side; none below two problems.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.core.checks.store import SampleRecord
from app.core.checks.suites import Problem
from app.core.r1.answers import majority_vote, normalize_answer

Z95 = 1.96


@dataclass(frozen=True)
class Summary:
    """A check's figures so far.

    Attributes:
        problems: problems in the suite; ``done`` of them have all k samples; ``started`` at least one.
        samples: samples counted (at most k per problem); ``correct`` of them right.
        pass_at_1: mean over the started problems of their share of correct samples (None: none yet).
        half_width: the 95 % interval's half-width around ``pass_at_1`` (None below two problems).
        cons_at_k: share of the done problems whose majority answer is right (None: none done).
        by_level: level -> (problems started, pass@1 among them).
        tokens: generated tokens over the counted samples; ``seconds`` their time.
    """

    problems: int
    done: int
    started: int
    samples: int
    k: int
    pass_at_1: float | None
    half_width: float | None
    cons_at_k: float | None
    by_level: dict[int, tuple[int, float]] = field(default_factory=dict)
    tokens: int = 0
    seconds: float = 0.0
    correct: int = 0


def _vote_correct(records: list[SampleRecord]) -> bool:
    vote = majority_vote([r.extracted for r in records])
    if vote.answer is None:
        return False
    winner = normalize_answer(vote.answer)
    return any(r.correct for r in records if r.extracted and normalize_answer(r.extracted) == winner)


def summarize(problems: Iterable[Problem], samples: dict[tuple[str, int], SampleRecord], k: int) -> Summary:
    """The figures for ``problems`` from the stored ``samples`` (the first k of each problem)."""
    problems = list(problems)
    means: list[float] = []
    votes: list[bool] = []
    levels: dict[int, list[float]] = {}
    counted = tokens = correct = 0
    seconds = 0.0
    for p in problems:
        recs = [samples[(p.unique_id, j)] for j in range(k) if (p.unique_id, j) in samples]
        if not recs:
            continue
        counted += len(recs)
        correct += sum(r.correct for r in recs)
        tokens += sum(r.tokens for r in recs)
        seconds += sum(r.seconds for r in recs)
        mean = sum(r.correct for r in recs) / len(recs)
        means.append(mean)
        levels.setdefault(p.level, []).append(mean)
        if len(recs) == k:
            votes.append(_vote_correct(recs))
    n = len(means)
    p1 = sum(means) / n if n else None
    half = None
    if n >= 2 and p1 is not None:
        var = sum((m - p1) ** 2 for m in means) / (n - 1)
        half = Z95 * math.sqrt(var / n)
    return Summary(
        problems=len(problems),
        done=len(votes),
        started=n,
        samples=counted,
        k=k,
        pass_at_1=p1,
        half_width=half,
        cons_at_k=sum(votes) / len(votes) if votes else None,
        by_level={lv: (len(ms), sum(ms) / len(ms)) for lv, ms in sorted(levels.items())},
        tokens=tokens,
        seconds=seconds,
        correct=correct,
    )


def headline(samples: dict[tuple[str, int], SampleRecord]) -> tuple[str, Summary] | None:
    """What a model's stored samples say in one line: the largest suite they complete, else the
    suite they have most of (the picker's card shows it beside the paper's figure)."""
    from app.core.checks.suites import suite, suite_names

    if not samples:
        return None
    per_problem: dict[str, int] = {}
    for uid, _ in samples:
        per_problem[uid] = per_problem.get(uid, 0) + 1
    k = max(per_problem.values())
    names = suite_names()
    for name in reversed(names):
        s = summarize(suite(name), samples, k)
        if s.done == s.problems:
            return name, s
    best = max(names, key=lambda n: (summarize(suite(n), samples, k).started, -names.index(n)))
    return best, summarize(suite(best), samples, k)
