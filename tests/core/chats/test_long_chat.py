"""A long chat is read from its end (issue 29, item 15): opening one reads its tree and its last
messages in a fixed number of queries, earlier messages are read a batch at a time, and what is
sent to the model is still the whole conversation."""

from __future__ import annotations

from pathlib import Path

from app.core.chats.session import TAIL, ChatSession
from app.core.chats.store import Store
from app.core.inference.events import ChatOptions
from app.core.r1.presets import get_preset
from tests.support.long_chat import fill


def _queries(store: Store) -> list[str]:
    seen: list[str] = []
    store._db.set_trace_callback(seen.append)
    return seen


def test_opening_reads_the_end_of_a_long_chat_in_a_fixed_number_of_queries(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.sqlite3")
    small, big = fill(store, 300, math=False), fill(store, 3_000, math=False)
    counts = []
    for cid in (small, big):
        seen = _queries(store)
        s = ChatSession(store)
        s.open(cid)
        counts.append(len(seen))
        assert len(s.messages) == TAIL and s.messages[-1].role == "assistant"
        assert s.messages[-2].content.startswith(f"Question {(300 if cid == small else 3_000) - 1}:")
    assert counts[0] == counts[1] <= 3  # the tree and the last rows: never one query per turn
    assert s.versions(s.messages[-1]) == (1, 1)


def test_earlier_messages_are_read_in_batches_before_the_others(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.sqlite3")
    cid = fill(store, 1_000, math=False)
    s = ChatSession(store)
    s.open(cid)
    first = s.messages[0]
    seen = _queries(store)
    older = s.read_earlier(50)
    assert len(seen) == 1 and len(older) == 50 and s.messages[50] is first and s.messages[:50] == older
    assert len(s.unread) == 2_000 - TAIL - 50
    s.read_all()
    assert s.unread == [] and len(s.messages) == 2_000
    assert [m.content.split(":")[0] for m in s.messages[0:4:2]] == ["Question 0", "Question 1"]


def test_a_message_sent_in_a_long_chat_goes_with_the_whole_conversation(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.sqlite3")
    cid = fill(store, 500, math=False)
    s = ChatSession(store)
    s.open(cid)
    assert s.unread  # not read at open
    out = s.send("And the next one?", get_preset("math"), ChatOptions(), "m")
    users = [m["content"] for m in out.messages if m["role"] == "user"]
    assert users[0].startswith("Question 0:") and users[-1].startswith("And the next one?") and len(users) == 501
    assert s.unread == [] and s.messages[-2].content == "And the next one?"
