"""The chats database: streaming writes, kill recovery, search, export and import."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.chats import export
from app.core.chats.store import SCHEMA_VERSION, Message, Store, StoreError, history_for_model
from app.core.inference.events import Stats


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "chats.sqlite3")


def _chat(store: Store) -> int:
    cid = store.create_conversation("Primes", model="tiny")
    store.add_message(cid, Message("user", "Is 91 prime?"))
    store.add_message(
        cid,
        Message(
            "assistant",
            "No: 91 = 7 × 13.",
            reasoning="Try 7: 7*13=91.",
            thinking_s=3.2,
            reasoning_tokens=12,
            generated_tokens=30,
            stats=Stats.from_dict({"tokens_per_s": 9.5}),
            model="tiny",
            preset="R1 (paper)",
            sampling={"temperature": 0.6},
        ),
    )
    return cid


def test_round_trip_and_wal(store: Store) -> None:
    cid = _chat(store)
    [u, a] = store.messages(cid)
    assert (u.role, u.content) == ("user", "Is 91 prime?")
    assert (a.reasoning, a.thinking_s, a.sampling) == ("Try 7: 7*13=91.", 3.2, {"temperature": 0.6})
    assert a.stats is not None and a.stats.tokens_per_s == 9.5
    assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_history_for_the_model_has_no_reasoning(store: Store) -> None:
    cid = _chat(store)
    store.add_message(cid, Message("user", "And 97?"))
    store.add_message(cid, Message("assistant", "", reasoning="Hmm, let me", state="stopped"))
    assert history_for_model(store.messages(cid)) == [
        {"role": "user", "content": "Is 91 prime?"},
        {"role": "assistant", "content": "No: 91 = 7 × 13."},
        {"role": "user", "content": "And 97?"},
    ]


def test_streaming_writes_are_throttled_and_final_write_lands(store: Store) -> None:
    cid = store.create_conversation()
    mid = store.add_message(cid, Message("assistant", state="streaming"))
    assert store.stream_update(mid, "a", "r")
    assert not store.stream_update(mid, "ab", "r")  # within a second: skipped
    assert store.stream_update(mid, "abc", "r", force=True)
    m = store.messages(cid)[0]
    m.content, m.state = "abcd", "done"
    store.finish_message(m)
    assert store.messages(cid)[0].content == "abcd" and store.messages(cid)[0].state == "done"


def test_search_covers_titles_prompts_answers_and_reasoning(store: Store) -> None:
    cid = _chat(store)
    other = store.create_conversation("Cooking")
    store.add_message(other, Message("user", "Bread recipe?"))
    assert store.search("primes") == [cid]
    assert store.search("91 prime") == [cid]
    assert store.search("7 × 13") == [cid]
    assert store.search("7*13") == [cid]  # only in the reasoning
    assert store.search("bread") == [other]
    assert store.search("nothing like this") == []


def test_export_markdown_and_json_then_import(store: Store) -> None:
    cid = _chat(store)
    md = export.export_markdown(store, cid)
    assert md.startswith("# Primes\n") and "## You" in md and "> Try 7: 7*13=91." in md and "No: 91 = 7 × 13." in md
    data = export.export_json(store, cid)
    assert data["messages"][1]["reasoning"] == "Try 7: 7*13=91."
    new = export.import_json(store, json.loads(json.dumps(data)))
    assert [(m.role, m.content, m.reasoning) for m in store.messages(new)] == [
        (m.role, m.content, m.reasoning) for m in store.messages(cid)
    ]
    with pytest.raises(StoreError):
        export.import_json(store, {"format": "something else"})
    assert store.messages(new)[1].stats == store.messages(cid)[1].stats  # statistics survive the round trip


def test_delete_returns_data_for_undo(store: Store) -> None:
    cid = _chat(store)
    data = export.delete_with_undo(store, cid)
    assert store.conversations() == [] and store.messages(cid) == []
    restored = export.import_json(store, data)
    assert store.messages(restored)[1].reasoning == "Try 7: 7*13=91."


def test_a_new_version_keeps_the_old_one_and_its_branch(store: Store) -> None:
    cid = _chat(store)
    user, old = store.messages(cid)
    store.add_message(cid, Message("user", "next"))
    new = Message("assistant", "91 = 7 · 13, so no.")
    store.add_message(cid, new, user.id)  # a second version of the answer
    assert [m.content for m in store.messages(cid)] == ["Is 91 prime?", "91 = 7 · 13, so no."]
    assert [m.content for m in store.siblings(new)] == ["No: 91 = 7 × 13.", "91 = 7 · 13, so no."]
    store.select(old.id)  # back to the first version: what followed it comes back too
    assert [m.content for m in store.messages(cid)] == ["Is 91 prime?", "No: 91 = 7 × 13.", "next"]
    assert len(store.all_messages(cid)) == 4


def test_an_error_is_kept_with_the_message(store: Store) -> None:
    cid = store.create_conversation()
    m = Message("assistant", "half", state="streaming")
    store.add_message(cid, m)
    m.state, m.error = "error", "The model process crashed while generating (signal 9)."
    store.finish_message(m)
    [back] = store.messages(cid)
    assert (back.state, back.error, back.stats) == ("error", m.error, None)


def test_a_wave_1_export_with_dict_stats_imports(store: Store) -> None:
    data = {
        "format": "r1desk-conversation",
        "version": 1,
        "title": "Old",
        "messages": [
            {"role": "user", "content": "q"},
            {"role": "assistant", "content": "a", "stats": {"generated_tokens": 3, "tokens_per_s": 7.0}},
            {"role": "assistant", "content": "b", "state": "error", "stats": {"error": "it broke"}},
        ],
    }
    cid = export.import_json(store, data)
    _, a, b = store.messages(cid)
    assert a.stats is not None and a.stats.generated_tokens == 3
    assert b.error == "it broke" and b.stats is None


@pytest.mark.parametrize(
    "bad",
    [
        None,
        [],
        {"format": "r1desk-conversation", "messages": [{"role": "system"}]},
        {"format": "r1desk-conversation", "messages": [{"role": "user", "content": 5}]},
        {"format": "r1desk-conversation", "messages": [{"role": "user", "bogus": 1, "state": []}]},
    ],
)
def test_a_bad_export_is_refused_whole(store: Store, bad: object) -> None:
    with pytest.raises(StoreError):
        export.import_json(store, bad)
    assert store.conversations() == []  # nothing half-imported


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    s = Store(tmp_path / "x.sqlite3")
    s._db.execute("PRAGMA user_version = 99")
    s.close()
    with pytest.raises(StoreError, match="newer"):
        Store(tmp_path / "x.sqlite3")


WRITER = r"""
import sys, time
from pathlib import Path
from app.core.chats.store import Message, Store
s = Store(Path(sys.argv[1]))
cid = s.create_conversation("Killed")
s.add_message(cid, Message("user", "Write a lot"))
mid = s.add_message(cid, Message("assistant", state="streaming"))
text = ""
i = 0
while True:
    i += 1
    text += f"w{i} "
    if s.stream_update(mid, text, "thinking " + str(i)):
        print(len(text), flush=True)
    time.sleep(0.001)  # pacing only: the test checks what was flushed, whatever the speed
"""


def test_sigkill_mid_stream_loses_at_most_the_last_second(tmp_path: Path) -> None:
    db = tmp_path / "chats.sqlite3"
    p = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True)
    assert p.stdout is not None
    flushed = [int(p.stdout.readline()) for _ in range(3)]  # three flushes, about 2 s of streaming
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    store = Store(db)
    assert store.recovered == 1
    [_, m] = store.messages(store.conversations()[0].id)
    assert m.state == "interrupted"
    assert len(m.content) >= flushed[-1]  # everything up to the last flush survived
    assert m.content.startswith("w1 w2 w3 ")
