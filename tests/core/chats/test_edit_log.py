"""The chats database keeps a project folder per chat and each edit's undo (schema 3): a file from
before upgrades in place, a record survives recovery from a damaged file, and a deleted answer
takes its records with it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.core.chats import recovery
from app.core.chats.schema import MIGRATIONS
from app.core.chats.store import Message, Store
from app.core.code.edit_files import Applied


def test_a_schema_2_database_upgrades_with_no_project_and_no_edits(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0] + ";" + MIGRATIONS[1])
    db.execute("INSERT INTO conversations (id, title, model, created, updated) VALUES (1, 'Old', 'tiny', 1, 1)")
    db.execute(
        "INSERT INTO messages (id, conversation_id, position, role, content, created, updated) VALUES (1,1,0,'user','q',1,1)"
    )
    db.execute("PRAGMA user_version = 2")
    db.commit()
    db.close()
    store = Store(path)
    assert store._db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) == 3
    assert store.project(1) == "" and store.edit_records(1) == {}
    assert [m.content for m in store.messages(1)] == ["q"]


def _applied(store: Store, tmp_path: Path) -> tuple[int, int]:
    cid = store.create_conversation("Edit")
    store.set_project(cid, str(tmp_path))
    store.add_message(cid, Message("user", "change it"))
    mid = store.add_message(cid, Message("assistant", "File: a.py\n```python\nA = 2\n```\n"))
    store.record_edit(mid, "a.py", "applied", Applied("a.py", tmp_path / "a.py", b"A = 1\r\n", b"A = 2\r\n"))
    return cid, mid


def test_records_keep_the_exact_bytes_and_change_state(tmp_path: Path) -> None:
    store = Store(tmp_path / "chats.sqlite3")
    _, mid = _applied(store, tmp_path)
    record = store.edit_records(mid)["a.py"]
    assert (record.state, record.before, record.after) == ("applied", b"A = 1\r\n", b"A = 2\r\n")
    store.record_edit(mid, "a.py", "undone")
    assert store.edit_records(mid)["a.py"].applied() is None
    store.record_edit(mid, "a.py", "discarded")
    assert [r.state for r in store.edit_records(mid).values()] == ["discarded"]


def test_deleting_the_answer_deletes_its_records(tmp_path: Path) -> None:
    store = Store(tmp_path / "chats.sqlite3")
    _, mid = _applied(store, tmp_path)
    store.delete_message(mid)
    assert store.edit_records(mid) == {}


def test_recovery_from_a_damaged_file_brings_the_undo_back(tmp_path: Path) -> None:
    path = tmp_path / "chats.sqlite3"
    store = Store(path)
    cid, mid = _applied(store, tmp_path)
    store.close()
    backup = recovery.set_aside(path)
    fresh = Store(path)
    recovery.recover_into(backup, fresh._db)
    assert fresh.project(cid) == str(tmp_path)
    done = fresh.edit_records(mid)["a.py"].applied()
    assert done is not None and done.before == b"A = 1\r\n"
