""" "Solve k times": k samples one after another, each stored, the majority voted and shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.chats.samples import SampleRun, summarize
from app.core.chats.session import ChatSession
from app.core.chats.store import Message, Store
from app.core.inference.events import ChatOptions
from app.core.r1.presets import Preset, get_preset
from app.core.r1.sampling import Sampling
from tests.support.fake_engine import stats

MATH = get_preset("Math")


@pytest.fixture()
def session(tmp_path: Path) -> ChatSession:
    return ChatSession(Store(tmp_path / "c.sqlite3"))


def finish(session: ChatSession, text: str) -> None:
    session.append("reasoning", "thinking")
    session.append("answer", text)
    session.finish(stats(4))


def test_k_samples_run_in_turn_and_the_majority_is_shown(session: ChatSession) -> None:
    out = session.send("What is 6 × 7?", MATH, ChatOptions(), "tiny", samples=3)
    assert out.sampling.temperature == 0.6 and out.sampling.top_p == 0.95  # the paper's sampling
    finish(session, "So \\boxed{41}.")
    second = session.next_sample()
    assert second is not None and second.messages == out.messages  # the same prompt, no earlier sample
    finish(session, "Thus \\boxed{42}.")
    assert session.next_sample() is not None
    finish(session, "It is $\\boxed{42}$.")
    assert session.next_sample() is None and session.run is None  # the run is over
    assert session.messages[-1].content == "Thus \\boxed{42}."  # the first sample of the majority
    samples = session.batch_of(session.messages[-1])
    assert len(samples) == 3 and session.versions(session.messages[-1]) == (2, 3)
    s = summarize(samples)
    assert [r.answer for r in s.rows] == ["41", "42", "42"]
    assert [r.in_majority for r in s.rows] == [False, True, True]
    assert s.headline == "Majority: 42 (2 of 3 votes)"
    assert s.rows[0].text == "1. 41 · 1.0 s"


def test_stop_ends_the_run_and_keeps_what_was_sampled(session: ChatSession) -> None:
    session.send("q", MATH, ChatOptions(), "tiny", samples=5)
    finish(session, "\\boxed{1}")
    assert session.next_sample() is not None
    session.append("answer", "partial")
    session.stop()
    session.finish(stats(2, finish="cancelled"))
    assert session.next_sample() is None
    samples = session.batch_of(session.messages[-1])
    assert [m.state for m in samples] == ["done", "stopped"]
    assert summarize(samples, 5).headline == "Majority: 1 (1 of 2 votes)"


def test_a_fixed_seed_moves_on_per_sample_and_k_is_bounded() -> None:
    preset = Preset("Seeded", Sampling(seed=7))
    run = SampleRun(40, "b", preset, ChatOptions(), "tiny")
    assert run.k == 16
    assert run.sampling_for_next().seed == 7
    run.add(Message("assistant", "\\boxed{3}"))
    assert run.sampling_for_next().seed == 8


def test_no_boxed_answer_says_so() -> None:
    s = summarize([Message("assistant", "no box here", id=1)], 4)
    assert s.vote.answer is None and "no sample gave a boxed answer" in s.headline
    assert s.rows[0].text.startswith("1. no boxed answer")
