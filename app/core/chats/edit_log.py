"""What the chats database keeps for edits and projects: each chat's project folder, and each
proposed edit's fate (applied, undone, discarded) with the bytes that undo it, so "Undo apply"
works after a restart.

A part of :class:`~app.core.chats.store.Store` (a mixin over its connection and lock). The
undo bytes are the file's whole content before and after (a BLOB each): exact, CRs and a missing
last line break included, and small (an edited file is at most ``MAX_EDIT_BYTES``).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from app.core.code.edit_files import Applied

EditState = Literal["applied", "undone", "discarded"]


@dataclass(frozen=True)
class EditRecord:
    """One file's edit from one answer, as the user left it.

    Attributes:
        state: "applied", "undone" or "discarded".
        path: the file written (for an applied edit); before/after: its bytes around the write.
    """

    message_id: int
    rel: str
    state: EditState
    path: str = ""
    before: bytes | None = None
    after: bytes | None = None
    updated: float = 0.0

    def applied(self) -> Applied | None:
        """What undoes it (None unless it is applied)."""
        if self.state != "applied" or self.after is None or not self.path:
            return None
        return Applied(self.rel, Path(self.path), self.before, self.after)


class EditLog:
    """Project folders and edit records."""

    if TYPE_CHECKING:
        _db: sqlite3.Connection
        _lock: threading.RLock
        _projects: dict[int, str]  # read once per chat: a chat's open and each card ask for it

        def _writing(self) -> AbstractContextManager[None]: ...

    def project(self, conversation_id: int | None) -> str:
        """The chat's project folder ("" when it has none)."""
        if conversation_id is None:
            return ""
        with self._lock:
            known = self._projects.get(conversation_id)
            if known is not None:
                return known
            row = self._db.execute("SELECT project FROM conversations WHERE id=?", (conversation_id,)).fetchone()
            folder = str(row[0]) if row is not None and row[0] else ""
            if row is not None:
                self._projects[conversation_id] = folder
        return folder

    def set_project(self, conversation_id: int, folder: str) -> None:
        with self._lock, self._writing():
            self._db.execute("UPDATE conversations SET project=? WHERE id=?", (folder, conversation_id))
        self._projects[conversation_id] = folder  # once written: a failed write keeps the old one

    def record_edit(self, message_id: int, rel: str, state: EditState, applied: Applied | None = None) -> None:
        """Keep an edit's new state (an applied one with what undoes it)."""
        path = str(applied.path) if applied is not None else ""
        before = applied.before if applied is not None else None
        after = applied.after if applied is not None else None
        with self._lock, self._writing():
            self._db.execute(
                """INSERT INTO edits (message_id, rel, state, path, before, after, updated) VALUES (?,?,?,?,?,?,?)
                   ON CONFLICT (message_id, rel) DO UPDATE SET state=excluded.state, path=excluded.path,
                   before=excluded.before, after=excluded.after, updated=excluded.updated""",
                (message_id, rel, state, path, before, after, time.time()),
            )

    def edit_records(self, message_id: int | None) -> dict[str, EditRecord]:
        """Each file's record for one answer, by its path in the project."""
        if message_id is None:
            return {}
        with self._lock:
            rows = self._db.execute("SELECT * FROM edits WHERE message_id=?", (message_id,)).fetchall()
        return {r["rel"]: _record(r) for r in rows}


def _blob(v: object) -> bytes | None:
    return bytes(v) if isinstance(v, (bytes, bytearray, memoryview)) else None


def _record(r: sqlite3.Row) -> EditRecord:
    state: EditState = "discarded"
    if r["state"] in ("applied", "undone"):
        state = "applied" if r["state"] == "applied" else "undone"
    return EditRecord(
        r["message_id"], r["rel"], state, r["path"] or "", _blob(r["before"]), _blob(r["after"]), r["updated"]
    )
