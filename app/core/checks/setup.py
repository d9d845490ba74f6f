"""What a check knows before it starts, for the CLI and the window alike: which model and load
(hashing the file once), what is already stored, and the honest time estimate (the speed probed
here when no sample of this model says it already)."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.checks.estimate import Estimate, estimate, mean_assumed_tokens
from app.core.checks.identity import ModelIdentity, identify
from app.core.checks.runner import Plan, probe_speed
from app.core.checks.scores import Summary, summarize
from app.core.checks.store import ResultFile
from app.core.checks.suites import Problem, suite
from app.core.inference.engine import Engine


@dataclass(frozen=True)
class CheckSetup:
    """Attributes:
    stored: samples of this suite (up to k per problem) already stored for this model and load.
    estimate: the time left (None when no speed could be measured).
    assumed_tokens: the assumed mean answer length the estimate used (when it had no samples).
    probe_tokens_per_s: the speed a short probe measured (None when stored samples gave it).
    """

    plan: Plan
    identity: ModelIdentity
    results: ResultFile
    problems: list[Problem]
    stored: int
    summary: Summary
    estimate: Estimate | None
    assumed_tokens: float
    probe_tokens_per_s: float | None

    @property
    def total(self) -> int:
        return len(self.problems) * self.plan.k

    @property
    def complete(self) -> bool:
        return self.stored >= self.total


def prepare(engine: Engine, plan: Plan, *, probe: bool = True, known_speed: float | None = None) -> CheckSetup:
    """Identify the loaded model, read what is stored and estimate the time (a short probe
    generation, unless stored samples of this model already give its speed, or ``known_speed``
    is one measured a moment ago)."""
    problems = suite(plan.suite)
    identity = identify(engine, plan.protocol())
    results = ResultFile(identity)
    stored = sum(results.has(p.unique_id, j) for p in problems for j in range(plan.k))
    speed = known_speed
    if (
        speed is None
        and probe
        and stored < len(problems) * plan.k
        and not any(r.seconds for r in results.samples.values())
    ):
        speed = probe_speed(engine, problems[0])
    return CheckSetup(
        plan=plan,
        identity=identity,
        results=results,
        problems=problems,
        stored=stored,
        summary=summarize(problems, results.samples, plan.k),
        estimate=estimate(problems, plan.k, results.samples, plan.max_tokens, speed),
        assumed_tokens=mean_assumed_tokens(problems, plan.max_tokens),
        probe_tokens_per_s=speed,
    )
