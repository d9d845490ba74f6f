"""A chat with attached files: stored with the message, re-sent on regenerate and edit, exported as
sent; and leaving the oldest turns out to make room."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.chats import export
from app.core.chats.session import ChatSession
from app.core.chats.store import Store
from app.core.code.attach import attach, compose, files_of, split_message
from app.core.inference.events import ChatOptions
from app.core.r1.presets import get_preset
from tests.support.code_fixture import make_project
from tests.support.fake_engine import stats

R1 = get_preset("R1 (paper)")


@pytest.fixture()
def session(tmp_path: Path) -> ChatSession:
    return ChatSession(Store(tmp_path / "c.sqlite3"))


def answer(session: ChatSession, text: str) -> None:
    session.append("answer", text)
    session.finish(stats(3))


def test_attached_files_are_stored_with_the_message_and_resent_on_regenerate(
    session: ChatSession, tmp_path: Path
) -> None:
    content = compose("What does app.py print?", files_of([attach(make_project(tmp_path))]))
    out = session.send(content, R1, ChatOptions(), "tiny")
    assert out.messages == [{"role": "user", "content": content}]
    assert session.store.conversations()[0].title == "What does app.py print?"
    answer(session, "Hello, world!")
    stored = session.store.messages(session.conversation_id)  # type: ignore[arg-type]
    assert stored[0].content == content
    again = session.regenerate(session.messages[-1], R1, ChatOptions(), "tiny")
    assert again is not None and again.messages == out.messages
    md = export.export_markdown(session.store, session.conversation_id)  # type: ignore[arg-type]
    assert "File: app.py\n```python\n" in md and "What does app.py print?" in md
    # Editing gives back the words and the files; sending them again sends the same text.
    words, files = split_message(stored[0].content)
    assert compose(words, files) == content


def test_a_message_of_files_alone_is_titled_by_its_first_file(session: ChatSession, tmp_path: Path) -> None:
    content = compose("", files_of([attach(make_project(tmp_path) / "app.py")]))
    session.send(content, R1, ChatOptions(), "tiny")
    assert session.store.conversations()[0].title == "app.py"


def test_leaving_out_the_oldest_turns(session: ChatSession) -> None:
    for q in ("one", "two", "three"):
        session.send(q, R1, ChatOptions(), "tiny")
        answer(session, f"answer {q}")
    assert [m["content"] for m in session.preview("four", R1)] == [
        "one", "answer one", "two", "answer two", "three", "answer three", "four",
    ]  # fmt: skip
    assert session.leave_out_turns(2) == 4
    assert [m["content"] for m in session.preview("four", R1)] == ["three", "answer three", "four"]
    out = session.send("four", R1, ChatOptions(), "tiny")
    assert [m["content"] for m in out.messages] == ["three", "answer three", "four"]
    assert len(session.store.messages(session.conversation_id)) == 8  # nothing was deleted  # type: ignore[arg-type]
    answer(session, "answer four")
    # Regenerating an answer that was left out sends its own question again.
    first = session.messages[1]
    again = session.regenerate(first, R1, ChatOptions(), "tiny")
    assert again is not None and [m["content"] for m in again.messages] == ["one"]
    session.new()
    assert session.left_out == 0


def test_editing_previews_the_history_before_the_edited_message(session: ChatSession) -> None:
    for q in ("one", "two"):
        session.send(q, R1, ChatOptions(), "tiny")
        answer(session, f"answer {q}")
    session.edit(session.messages[2])
    assert [m["content"] for m in session.preview("TWO", R1)] == ["one", "answer one", "TWO"]
