"""How long a check will take: the tokens it should generate ÷ the speed measured here.

Before any sample of this model exists, the answer lengths are an assumption, stated wherever
the estimate is shown: R1 distills write about 3,500 tokens per MATH-500 answer on average,
longer at the higher levels (``ASSUMED_TOKENS``; this is the order of the lengths reported for
the 7B distill, not a figure measured here), each capped by the run's token limit. Once samples
are stored for this model, load and protocol, their own lengths replace the assumption (scaled
per level), and their own time per token replaces the probe's speed, which is measured on a
short answer and so runs a little faster than long ones do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.core.checks.store import SampleRecord
from app.core.checks.suites import Problem

# Assumed tokens per answer by level (reasoning and answer); their mean over MATH-500 is 3,524.
ASSUMED_TOKENS = {1: 1_500, 2: 2_000, 3: 2_800, 4: 3_800, 5: 5_500}
PROBE_TOKENS = 96  # long enough that the thread tuner's first probes and the first token do not rule it


@dataclass(frozen=True)
class Estimate:
    """Attributes:
    seconds: the time left, estimated.
    tokens: the tokens still to generate, estimated.
    samples: the samples still to run.
    tokens_per_s: the speed used (the probe's, or this model's stored samples').
    measured_lengths: the lengths come from this model's own samples, not the assumption.
    measured_speed: the speed comes from this model's own samples, not a short probe.
    """

    seconds: float
    tokens: float
    samples: int
    tokens_per_s: float
    measured_lengths: bool
    measured_speed: bool


def _assumed(level: int, max_tokens: int) -> float:
    return float(min(max_tokens, ASSUMED_TOKENS.get(level, ASSUMED_TOKENS[3])))


def estimate(
    problems: Iterable[Problem],
    k: int,
    stored: dict[tuple[str, int], SampleRecord],
    max_tokens: int,
    probe_tokens_per_s: float | None,
) -> Estimate | None:
    """The time left for ``k`` samples of each problem, given what is stored (None: no speed known)."""
    problems = list(problems)
    done = list(stored.values())
    scale = 1.0
    if done:
        assumed = sum(_assumed(r.level, max_tokens) for r in done)
        scale = sum(r.tokens for r in done) / assumed if assumed else 1.0
    todo = [p for p in problems for j in range(k) if (p.unique_id, j) not in stored]
    tokens = sum(min(float(max_tokens), _assumed(p.level, max_tokens) * scale) for p in todo)
    spent = sum(r.seconds for r in done)
    made = sum(r.tokens for r in done)
    measured_speed = spent > 0 and made > 0
    speed = made / spent if measured_speed else probe_tokens_per_s
    if not speed:
        return None
    return Estimate(tokens / speed, tokens, len(todo), speed, bool(done), measured_speed)


def mean_assumed_tokens(problems: Iterable[Problem], max_tokens: int) -> float:
    """The assumed answer length averaged over ``problems`` (what the estimate says it assumed)."""
    problems = list(problems)
    return sum(_assumed(p.level, max_tokens) for p in problems) / len(problems) if problems else 0.0
