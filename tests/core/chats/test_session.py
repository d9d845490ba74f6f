"""The chat session without Qt: turns, streaming, timing, the thinking pane's state, store writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.chats.answer_card import badge_of, stats_text, thinking_of
from app.core.chats.session import ChatSession
from app.core.chats.store import Store
from app.core.chats.thinking import PaneMode, ThinkingState
from app.core.inference.events import ChatOptions
from app.core.r1.presets import get_preset
from tests.support.fake_engine import stats


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture()
def clock() -> Clock:
    return Clock()


@pytest.fixture()
def session(tmp_path: Path, clock: Clock) -> ChatSession:
    return ChatSession(Store(tmp_path / "c.sqlite3"), clock=clock)


R1 = get_preset("R1 (paper)")


def test_send_saves_the_prompt_and_starts_a_streaming_answer(session: ChatSession) -> None:
    out = session.send("What is 6 × 7?", R1, ChatOptions(), "tiny")
    assert out.messages == [{"role": "user", "content": "What is 6 × 7?"}]
    assert out.sampling.temperature == 0.6
    [user, answer] = session.store.messages(session.conversation_id)  # type: ignore[arg-type]
    assert (user.content, answer.state, answer.model) == ("What is 6 × 7?", "streaming", "tiny")
    assert session.store.conversations()[0].title == "What is 6 × 7?"


def test_streaming_updates_text_timing_and_the_pane(session: ChatSession, clock: Clock) -> None:
    session.send("q", R1, ChatOptions(), "tiny")
    clock.now += 2  # the prompt is read: waiting, not thinking
    assert session.thinking().state is ThinkingState.NONE and session.waiting() == 2
    assert session.append("reasoning", "Let me think.").reasoning == "Let me think."
    assert session.waiting() is None and session.thinking().state is ThinkingState.LIVE
    clock.now += 4
    assert session.thinking().label == "Thinking… 4 s"
    first = session.append("answer", "\n\n42")
    assert first.answer == "42" and first.answer_started  # leading blank lines dropped
    assert not session.append("answer", " is it.").answer_started
    assert session.thinking().state is ThinkingState.DONE and session.thinking().label == "Thought for 4 s"
    m = session.finish(stats(5, 3))
    assert m is not None and (m.content, m.reasoning, m.state) == ("42 is it.", "Let me think.", "done")
    stored = session.store.messages(session.conversation_id)[-1]  # type: ignore[arg-type]
    assert stored.stats is not None and stored.stats.generated_tokens == 5 and stored.thinking_s == 3.0
    assert not session.generating


def test_a_model_that_never_reasons_gets_no_pane(session: ChatSession, clock: Clock) -> None:
    """The seconds before its first token are not "Thought for N s" (issue 17, item 10)."""
    session.send("q", R1, ChatOptions(), "smollm2")
    clock.now += 4
    session.append("reasoning", "\n")  # whitespace is not reasoning
    assert session.thinking().state is ThinkingState.NONE and session.waiting() == 4
    assert session.append("answer", "Hello there.").answer_started
    assert session.thinking().state is ThinkingState.NONE and session.waiting() is None
    m = session.finish(stats(3, 0, thought=False))
    assert m is not None and not thinking_of(m).visible


def test_context_used_follows_the_open_chat(session: ChatSession) -> None:
    assert session.context_used() == 0
    session.send("q", R1, ChatOptions(), "tiny")
    session.append("answer", "a")
    session.finish(stats(5))  # 20 prompt tokens + 5 generated
    cid = session.conversation_id
    assert session.context_used() == 25
    session.new()
    assert session.context_used() == 0
    session.open(cid)  # type: ignore[arg-type]
    assert session.context_used() == 25


def test_history_goes_back_without_reasoning_and_with_the_preset(session: ChatSession) -> None:
    session.send("first", R1, ChatOptions(), "tiny")
    session.append("reasoning", "secret thoughts")
    session.append("answer", "one")
    session.finish(stats(2))
    out = session.send("second", get_preset("Math"), ChatOptions(), "tiny")
    assert out.messages[:2] == [{"role": "user", "content": "first"}, {"role": "assistant", "content": "one"}]
    assert out.messages[2]["content"].startswith("second") and out.messages[2]["content"].endswith("\\boxed{}.")
    assert session.messages[-2].content == "second", "what the user typed is what is stored"


def test_stop_and_fail_keep_what_arrived(session: ChatSession) -> None:
    session.send("q", R1, ChatOptions(), "tiny")
    session.append("reasoning", "half a thought")
    session.stop()
    m = session.finish(stats(3, finish="cancelled", finished=False))
    assert m is not None and m.state == "stopped" and badge_of(m) == "stopped"
    assert thinking_of(m).state is ThinkingState.UNFINISHED
    session.send("again", R1, ChatOptions(), "tiny")
    session.append("answer", "par")
    m = session.fail("The model process crashed while generating (signal 9).")
    assert m is not None and (m.state, m.content) == ("error", "par")
    assert badge_of(m) == "error" and "crashed" in stats_text(m)


def test_regenerate_and_edit_replace_what_follows(session: ChatSession) -> None:
    session.send("one", R1, ChatOptions(), "tiny")
    session.append("answer", "first answer")
    session.finish(stats(2))
    answer = session.messages[-1]
    assert session.regenerate(answer, R1, ChatOptions(), "tiny") is not None
    session.append("answer", "second answer")
    session.finish(stats(2))
    assert [m.content for m in session.store.messages(session.conversation_id)] == ["one", "second answer"]  # type: ignore[arg-type]
    session.edit(session.messages[0])
    session.send("one, edited", R1, ChatOptions(), "tiny")
    assert [m.content for m in session.messages] == ["one, edited", ""]


def test_an_answer_without_reasoning_has_no_pane(session: ChatSession) -> None:
    session.send("q", R1, ChatOptions(think=False), "tiny")
    assert session.thinking().state is ThinkingState.NONE
    session.append("answer", "Just 42.")
    m = session.finish(stats(2, thought=False))
    assert m is not None and not thinking_of(m).visible


def test_a_stored_unfinished_thought_reads_as_such(session: ChatSession) -> None:
    session.send("q", R1, ChatOptions(), "tiny")
    session.append("reasoning", "hit the limit while")
    m = session.finish(stats(5, 5, finish="length", finished=False))
    assert m is not None and thinking_of(m).label.startswith("Thinking unfinished")
    assert badge_of(m) == "hit the token limit"
    assert thinking_of(m).wants_open(PaneMode.COLLAPSE) and not thinking_of(m).wants_open(PaneMode.COLLAPSED)


def test_a_model_that_ends_inside_its_reasoning_says_it_gave_no_answer(session: ChatSession) -> None:
    session.send("q", R1, ChatOptions(), "tiny")
    session.append("reasoning", "The answer to the question is:")
    m = session.finish(stats(14, 14, finish="stop", finished=False))
    assert m is not None and badge_of(m) == "ended while thinking: no answer"
    session.send("again", R1, ChatOptions(), "tiny")
    session.append("reasoning", "Fine.")
    session.append("answer", "42")
    m = session.finish(stats(3, 1))
    assert m is not None and badge_of(m) == ""  # an answer: nothing to say


def test_a_send_on_a_full_disk_leaves_no_trace(session: ChatSession) -> None:
    from app.core.errors import DiskFullError
    from tests.support.full_disk import FullDisk

    disk = FullDisk(session.store)
    disk.full = True
    with pytest.raises(DiskFullError, match="The disk is full"):
        session.send("a question", R1, ChatOptions(), "tiny")
    assert session.conversation_id is None and session.messages == [] and not session.generating
    disk.full = False
    session.send("a question", R1, ChatOptions(), "tiny")  # sending again works, once
    assert [m.role for m in session.store.messages(session.conversation_id)] == ["user", "assistant"]  # type: ignore[arg-type]
    assert len(session.store.conversations()) == 1


def test_an_answer_ending_on_a_full_disk_is_kept_and_written_later(session: ChatSession) -> None:
    from tests.support.full_disk import FullDisk

    disk = FullDisk(session.store)
    session.send("q", R1, ChatOptions(), "tiny")
    cid = session.conversation_id
    assert cid is not None
    disk.full = True
    session.append("reasoning", "thinking hard")
    session.append("answer", "42")
    m = session.finish(stats(3, 1))
    assert m is not None and m.state == "done" and not session.generating  # the turn ends all the same
    assert session.unsaved == [m] and session.write_problem and "disk is full" in session.write_problem
    assert not session.save_unsaved()  # still full
    session.open(cid)
    assert session.messages[-1] is m, "the chat shows the answer memory holds, not the stale row"
    disk.full = False
    assert session.save_unsaved() and session.unsaved == [] and session.write_problem is None
    stored = session.store.messages(cid)[-1]
    assert (stored.content, stored.reasoning, stored.state) == ("42", "thinking hard", "done")
