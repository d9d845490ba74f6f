"""A damaged chats database: set aside under its real name, readable rows recovered, the app starts."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from app.core.chats.store import Message, Store
from app.core.errors import StoreError


def _fill(path: Path, chats: int = 30, per_chat: int = 8) -> None:
    rng = random.Random(5)
    s = Store(path)
    for c in range(chats):
        cid = s.create_conversation(f"chat {c}")
        for i in range(per_chat):
            s.add_message(
                cid, Message(("user", "assistant")[i % 2], f"message {c}.{i} " + "x" * rng.randrange(10, 3000))
            )
    s.close()


def _damage(path: Path, kind: str) -> None:
    data = bytearray(path.read_bytes())
    if kind == "garbage":
        data = bytearray(os.urandom(len(data)))
    elif kind == "header":
        data[0:100] = os.urandom(100)
    elif kind == "half":
        data = data[: len(data) // 2]
    elif kind == "middle":
        third = len(data) // 3
        data[third : third + 8192] = os.urandom(8192)
    if kind == "folder":
        path.unlink()
        path.mkdir()
        (path / "something").write_text("x")
    else:
        path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("kind", "least"),
    [("garbage", 0), ("header", 240), ("half", 60), ("middle", 150), ("folder", 0)],
)
def test_a_damaged_database_is_kept_aside_and_what_can_be_read_comes_back(
    tmp_path: Path, kind: str, least: int
) -> None:
    path = tmp_path / "chats.sqlite3"
    _fill(path)
    _damage(path, kind)
    s = Store(path)  # no exception: the app starts
    assert s.damage is not None
    backups = sorted(tmp_path.glob("chats.sqlite3.corrupt-*"))
    assert backups and backups[0] == s.damage.backup, "the damaged file is kept under its real name"
    assert s.damage.messages >= least
    assert sum(len(s.messages(c.id)) for c in s.conversations()) == s.damage.messages
    note = s.damage.note()
    assert s.damage.backup.name in note and "damaged" in note
    # The fresh database works.
    cid = s.create_conversation("after")
    s.add_message(cid, Message("user", "hello"))
    assert Store(path).damage is None


def test_a_folder_that_is_not_named_like_a_database_is_never_moved(tmp_path: Path) -> None:
    docs = tmp_path / "Documents"
    docs.mkdir()
    with pytest.raises(StoreError, match="Cannot open"):
        Store(docs)
    assert docs.is_dir() and not list(tmp_path.glob("Documents.corrupt-*"))


def test_an_answer_cut_off_by_the_damage_comes_back_interrupted(tmp_path: Path) -> None:
    path = tmp_path / "chats.sqlite3"
    s = Store(path)
    cid = s.create_conversation("x")
    s.add_message(cid, Message("assistant", "partial", state="streaming"))
    s.close()
    data = bytearray(path.read_bytes())
    data[0:100] = os.urandom(100)
    path.write_bytes(bytes(data))
    [m] = Store(path).messages(cid)
    assert (m.content, m.state) == ("partial", "interrupted")
