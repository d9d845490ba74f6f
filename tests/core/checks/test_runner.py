"""A check runs through any Engine (here the test stand-in, as a remote engine would be), stores
each sample as it ends, stops where it is told and resumes without running a finished sample again."""

from __future__ import annotations

from pathlib import Path

from app.core.checks.estimate import ASSUMED_TOKENS, estimate, mean_assumed_tokens
from app.core.checks.identity import identify
from app.core.checks.runner import CheckEnded, CheckRun, Plan, SampleDone, SampleStarted
from app.core.checks.store import ResultFile, SampleRecord
from app.core.checks.suites import suite
from app.core.inference.events import LoadParams
from tests.support.fake_engine import FakeEngine, script


def _engine(tiny_model: Path, problems: list, k: int, right: bool = True) -> FakeEngine:
    e = FakeEngine()
    e.load(LoadParams(str(tiny_model), n_ctx=4096))
    e.streams = [
        script("Let me think.\n", f"The answer is $\\boxed{{{p.answer if right else 'nope'}}}$.")
        for p in problems
        for _ in range(k)
    ]
    return e


def test_a_run_grades_every_sample_with_the_math_preset_and_seeds(tiny_model: Path) -> None:
    problems = suite("math500-20")[:3]
    e = _engine(tiny_model, problems, 2)
    plan = Plan("math500-20", k=2, max_tokens=1000, seed=7)
    run = CheckRun(e, plan, ResultFile(identify(e, plan.protocol())), problems)
    ended = next(ev for ev in run.events() if isinstance(ev, CheckEnded))
    assert ended.summary.pass_at_1 == 1.0 and ended.summary.cons_at_k == 1.0 and not ended.stopped
    assert "put your final answer within \\boxed{}" in e.requests[0][0]["content"]
    assert [r.seed for r in run.results.samples.values()] == [7, 8] * 3


def test_stop_keeps_the_finished_samples_and_a_resumed_run_does_only_the_rest(tiny_model: Path) -> None:
    problems = suite("math500-20")[:4]
    e = _engine(tiny_model, problems, 2, right=False)
    plan = Plan("math500-20", k=2)
    identity = identify(e, plan.protocol())
    run = CheckRun(e, plan, ResultFile(identity), problems)
    done = 0
    for ev in run.events():
        if isinstance(ev, SampleDone):
            done += 1
            if done == 3:
                run.stop()
        if isinstance(ev, CheckEnded):
            assert ev.stopped
    assert done == 3 and len(ResultFile(identity).samples) == 3
    asked = len(e.requests)
    resumed = CheckRun(e, plan, ResultFile(identity), problems)
    started = [ev for ev in resumed.events() if isinstance(ev, SampleStarted)]
    assert next((s.problem.unique_id, s.sample) for s in started) == (problems[1].unique_id, 1)
    assert len(e.requests) - asked == 5
    final = resumed.summary()
    assert final.samples == 8 and final.pass_at_1 == 0.0


def test_the_estimate_states_its_assumption_then_learns_from_the_models_own_samples(tiny_model: Path) -> None:
    problems = suite("math500-20")
    plan = Plan("math500-20", k=1, max_tokens=32768)
    before = estimate(problems, 1, {}, plan.max_tokens, probe_tokens_per_s=20.0)
    assert before is not None and not before.measured_lengths and not before.measured_speed
    assert before.tokens == sum(ASSUMED_TOKENS[p.level] for p in problems)
    assert before.seconds == before.tokens / 20.0
    assert 3000 < mean_assumed_tokens(suite("math500"), 32768) < 4000
    capped = estimate(problems, 1, {}, 500, probe_tokens_per_s=20.0)
    assert capped is not None and capped.tokens == 20 * 500  # every answer capped by the token limit
    # two samples stored, each half the assumed length, at 10 tokens/s (prompt included)
    stored = {}
    for p in problems[:2]:
        n = ASSUMED_TOKENS[p.level] // 2
        stored[(p.unique_id, 0)] = SampleRecord(
            p.unique_id, 0, 0, p.level, p.subject, "1", p.answer, "", True, n, n, n / 10, "stop", ""
        )
    after = estimate(problems, 1, stored, plan.max_tokens, probe_tokens_per_s=20.0)
    assert after is not None and after.samples == 18 and after.measured_lengths and after.measured_speed
    assert after.tokens_per_s == 10.0
    assert after.tokens == sum(ASSUMED_TOKENS[p.level] / 2 for p in problems[2:])
