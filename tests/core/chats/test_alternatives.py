"""Kept alternatives: regenerate and edit add versions instead of deleting; the shown branch is
what the model gets; a wave-1 database upgrades; search and export cover every version."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from app.core.chats import export
from app.core.chats.schema import MIGRATIONS
from app.core.chats.session import ChatSession
from app.core.chats.store import Message, Store
from app.core.inference.events import ChatOptions
from app.core.r1.presets import get_preset
from tests.support.fake_engine import stats

R1 = get_preset("R1 (paper)")


@pytest.fixture()
def session(tmp_path: Path) -> ChatSession:
    return ChatSession(Store(tmp_path / "c.sqlite3"))


def answer(session: ChatSession, text: str, reasoning: str = "") -> Message:
    if reasoning:
        session.append("reasoning", reasoning)
    session.append("answer", text)
    m = session.finish(stats(3))
    assert m is not None
    return m


def test_regenerate_keeps_both_versions_and_switches(session: ChatSession) -> None:
    session.send("Is 91 prime?", R1, ChatOptions(), "tiny")
    first = answer(session, "No, 7 × 13.", "minutes of reasoning")
    session.send("And 97?", R1, ChatOptions(), "tiny")
    answer(session, "97 is prime.")
    out = session.regenerate(first, R1, ChatOptions(), "tiny")
    assert out is not None and out.messages == [{"role": "user", "content": "Is 91 prime?"}]
    second = answer(session, "91 = 7 · 13: not prime.")
    assert session.versions(second) == (2, 2)
    assert [m.content for m in session.messages] == ["Is 91 prime?", "91 = 7 · 13: not prime."]
    assert session.switch(second, -1)
    shown = [m.content for m in session.messages]
    assert shown == ["Is 91 prime?", "No, 7 × 13.", "And 97?", "97 is prime."]  # its branch came back
    assert session.messages[1].reasoning == "minutes of reasoning"
    assert session.versions(session.messages[1]) == (1, 2)
    assert not session.switch(session.messages[1], -1)  # no version before the first


def test_the_shown_branch_is_the_history_sent_to_the_model(session: ChatSession) -> None:
    session.send("q", R1, ChatOptions(), "tiny")
    a1 = answer(session, "A1")
    session.regenerate(a1, R1, ChatOptions(), "tiny")
    answer(session, "A2")
    session.switch(session.messages[-1], -1)  # back to A1
    out = session.send("follow-up", R1, ChatOptions(), "tiny")
    assert [m["content"] for m in out.messages] == ["q", "A1", "follow-up"]


def test_edit_and_resend_keeps_the_old_prompt_with_what_followed(session: ChatSession) -> None:
    session.send("one", R1, ChatOptions(), "tiny")
    answer(session, "first answer")
    session.send("two", R1, ChatOptions(), "tiny")
    answer(session, "second answer")
    session.edit(session.messages[0])
    out = session.send("one, edited", R1, ChatOptions(), "tiny")
    assert out.messages == [{"role": "user", "content": "one, edited"}]
    answer(session, "edited answer")
    assert [m.content for m in session.messages] == ["one, edited", "edited answer"]
    assert session.versions(session.messages[0]) == (2, 2)
    session.switch(session.messages[0], -1)
    assert [m.content for m in session.messages] == ["one", "first answer", "two", "second answer"]


def test_deleting_a_version_shows_its_neighbour(session: ChatSession) -> None:
    session.send("q", R1, ChatOptions(), "tiny")
    a1 = answer(session, "A1")
    session.regenerate(a1, R1, ChatOptions(), "tiny")
    a2 = answer(session, "A2")
    assert session.delete_message(a2)
    assert [m.content for m in session.messages] == ["q", "A1"] and session.versions(session.messages[1]) == (1, 1)


def test_search_and_export_cover_every_version_and_import_back(session: ChatSession) -> None:
    session.send("q", R1, ChatOptions(), "tiny")
    a1 = answer(session, "the old zebra answer")
    session.regenerate(a1, R1, ChatOptions(), "tiny")
    answer(session, "the new answer")
    store, cid = session.store, session.conversation_id
    assert cid is not None
    assert store.search("zebra") == [cid]  # a version not shown is still found
    data = json.loads(json.dumps(export.export_json(store, cid)))
    assert data["version"] == 2 and [m["content"] for m in data["messages"]] == [
        "q",
        "the old zebra answer",
        "the new answer",
    ]
    new = export.import_json(store, data)
    assert [m.content for m in store.messages(new)] == ["q", "the new answer"]
    assert [m.content for m in store.all_messages(new)] == ["q", "the old zebra answer", "the new answer"]
    md = export.export_markdown(store, cid)
    assert "(version 2 of 2)" in md and "the new answer" in md


def test_a_wave_1_database_upgrades_to_kept_alternatives(tmp_path: Path) -> None:
    path = tmp_path / "wave1.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])  # the schema wave 1 wrote
    db.execute("INSERT INTO conversations (id, title, model, created, updated) VALUES (1, 'Old', 'tiny', 1, 1)")
    for pos, (role, text) in enumerate([("user", "q1"), ("assistant", "a1"), ("user", "q2"), ("assistant", "a2")]):
        db.execute(
            "INSERT INTO messages (conversation_id, position, role, content, created, updated) VALUES (1,?,?,?,1,1)",
            (pos, role, text),
        )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    store = Store(path)
    assert store._db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert [m.content for m in store.messages(1)] == ["q1", "a1", "q2", "a2"]
    session = ChatSession(store)
    session.open(1)
    session.regenerate(session.messages[1], R1, ChatOptions(), "tiny")
    answer(session, "a1, again")
    assert [m.content for m in store.messages(1)] == ["q1", "a1, again"]
    session.switch(session.messages[1], -1)
    assert [m.content for m in store.messages(1)] == ["q1", "a1", "q2", "a2"]
