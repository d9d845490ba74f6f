"""Conversations on disk: SQLite in WAL mode, written as answers stream.

An assistant message is created when its generation starts (state "streaming") and updated at
most once a second while text arrives, then once more at the end (state "done", "stopped" or
"error"). If the app is killed, the row keeps the text of the last flush and its state stays
"streaming"; the next open marks such rows "interrupted", which the window shows.

The schema carries a version (``PRAGMA user_version``); ``schema.MIGRATIONS`` upgrades older files
step by step.

Kept alternatives (schema 2): the messages of a conversation form a tree. Each message names its
``parent_id`` (the turn it follows); regenerating an answer or editing a prompt adds a sibling
instead of deleting, and one sibling of each family is ``active``. The shown branch, which is
also what goes back to the model, follows the active child from the first turn down
(:func:`active_branch`). Samples of one "solve k times" run share a ``batch`` id.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.core.chats import recovery
from app.core.chats.edit_log import EditLog
from app.core.chats.messages import (
    MESSAGE_STATES,
    Conversation,
    Message,
    Node,
    active_branch,
    branch_and_families,
    branch_ids,
    dump,
    from_row,
    history_for_model,
    stats_json,
)
from app.core.chats.recovery import Recovery
from app.core.chats.schema import MIGRATIONS, SCHEMA_VERSION
from app.core.config.paths import data_dir
from app.core.errors import DiskFullError, StoreError

__all__ = [
    "LAST",
    "MESSAGE_STATES",
    "SCHEMA_VERSION",
    "Conversation",
    "Message",
    "Store",
    "StoreError",
    "active_branch",
    "branch_and_families",
    "branch_ids",
    "history_for_model",
]

FLUSH_INTERVAL_S = 1.0
LAST = -1  # add_message's parent: the last message of the shown branch


class Store(EditLog):
    """All conversations. Thread-safe: the GUI and a worker may both write. Project folders and
    edit records: :class:`~app.core.chats.edit_log.EditLog`."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / "chats.sqlite3"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._last_flush: dict[int, float] = {}
        self._projects: dict[int, str] = {}
        self.damage: Recovery | None = None  # set when a damaged file was set aside and recovered
        self.recovered = self._open_or_recover()

    def _open_or_recover(self) -> int:
        """Open (and migrate) the database; a damaged one is kept aside and its readable rows are
        copied into a fresh one (``recovery.py``). Returns how many answers were interrupted."""
        try:
            return self._open()
        except sqlite3.DatabaseError as e:
            if not recovery.is_damage(e, self.path):
                raise StoreError(f"Cannot open the chats database {self.path}: {e}") from None
            first = e
        db = getattr(self, "_db", None)
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.close()
        try:
            backup = recovery.set_aside(self.path)
            interrupted = self._open()
            self.damage = recovery.recover_into(backup, self._db)
        except (OSError, sqlite3.DatabaseError) as e:
            raise StoreError(
                f"The chats database {self.path} is damaged ({first}) and could not be set aside ({e})."
            ) from None
        return interrupted

    def _open(self) -> int:
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._migrate()
        self._db.execute("SELECT count(*) FROM conversations").fetchone()
        return self._mark_interrupted()

    # ---- schema -------------------------------------------------------------------------------

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path} was written by a newer R1 Desk (schema {version}); update the app.")
        for v in range(version, SCHEMA_VERSION):
            # executescript commits whatever is open first, so the transaction lives in the script.
            self._db.executescript(f"BEGIN; {MIGRATIONS[v]}; PRAGMA user_version = {v + 1}; COMMIT;")

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN")
        try:
            yield self._db
        except BaseException:
            if self._db.in_transaction:  # SQLite has already rolled back after some errors (a full disk)
                self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """A failed write becomes a StoreError that says why (a full disk above all)."""
        try:
            yield
        except sqlite3.DatabaseError as e:
            code = getattr(e, "sqlite_errorcode", 0)
            if "full" in str(e).lower() or (isinstance(code, int) and code & 0xFF == 13):  # SQLITE_FULL
                raise DiskFullError(
                    f"The disk is full: the chats database ({self.path.parent}) cannot be written. Free some space."
                ) from None
            raise StoreError(f"The chats database {self.path} cannot be written: {e}.") from None

    def _mark_interrupted(self) -> int:
        cur = self._db.execute("UPDATE messages SET state='interrupted' WHERE state='streaming'")
        return cur.rowcount

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # ---- conversations --------------------------------------------------------------------------

    def create_conversation(self, title: str = "New chat", model: str = "") -> int:
        now = time.time()
        with self._lock, self._writing():
            cur = self._db.execute(
                "INSERT INTO conversations (title, model, created, updated) VALUES (?,?,?,?)", (title, model, now, now)
            )
            return int(cur.lastrowid or 0)

    def conversations(self) -> list[Conversation]:
        with self._lock:
            rows = self._db.execute("SELECT * FROM conversations ORDER BY updated DESC, id DESC").fetchall()
        return [Conversation(r["id"], r["title"], r["model"], r["created"], r["updated"]) for r in rows]

    def conversation(self, conversation_id: int) -> Conversation | None:
        with self._lock:
            r = self._db.execute("SELECT * FROM conversations WHERE id=?", (conversation_id,)).fetchone()
        return Conversation(r["id"], r["title"], r["model"], r["created"], r["updated"]) if r else None

    def rename(self, conversation_id: int, title: str) -> None:
        with self._lock, self._writing():
            self._db.execute(
                "UPDATE conversations SET title=? WHERE id=?", (title.strip() or "Untitled", conversation_id)
            )

    def delete(self, conversation_id: int) -> None:
        with self._lock, self._writing():
            self._db.execute("DELETE FROM conversations WHERE id=?", (conversation_id,))
            self._projects.pop(conversation_id, None)

    def search(self, text: str) -> list[int]:
        """Conversations whose title, prompts, answers or reasoning contain ``text``."""
        needle = f"%{text.strip()}%"
        with self._lock:
            rows = self._db.execute(
                """SELECT DISTINCT c.id, c.updated FROM conversations c LEFT JOIN messages m ON m.conversation_id = c.id
                   WHERE c.title LIKE ? OR m.content LIKE ? OR m.reasoning LIKE ? ORDER BY c.updated DESC""",
                (needle, needle, needle),
            ).fetchall()
        return [r["id"] for r in rows]

    # ---- messages -------------------------------------------------------------------------------

    def messages(self, conversation_id: int) -> list[Message]:
        """The shown branch, first turn first (see :func:`active_branch`)."""
        return active_branch(self.all_messages(conversation_id))

    def all_messages(self, conversation_id: int) -> list[Message]:
        """Every message of the conversation, every version included, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM messages WHERE conversation_id=? ORDER BY id", (conversation_id,)
            ).fetchall()
        return [from_row(r) for r in rows]

    def message_tree(self, conversation_id: int) -> list[Node]:
        """Every message's (id, parent_id, active), in id order: the tree without the text, which
        a 10,000-turn chat reads in a tenth of the time of its rows (see :meth:`messages_by_id`)."""
        with self._lock:
            cur = self._db.cursor()
            cur.row_factory = None  # plain tuples: the rows are used as they come
            rows: list[Node] = cur.execute(
                "SELECT id, parent_id, active FROM messages WHERE conversation_id=? ORDER BY id", (conversation_id,)
            ).fetchall()
        return rows

    def messages_by_id(self, ids: list[int]) -> list[Message]:
        """These messages, in the order given (those that no longer exist left out); one query
        per 500."""
        found: dict[int, Message] = {}
        for at in range(0, len(ids), 500):
            part = ids[at : at + 500]
            with self._lock:
                rows = self._db.execute(
                    f"SELECT * FROM messages WHERE id IN ({','.join('?' * len(part))})", part
                ).fetchall()
            found.update((r["id"], from_row(r)) for r in rows)
        return [found[i] for i in ids if i in found]

    def add_message(
        self, conversation_id: int, m: Message, parent_id: int | None = LAST, *, select: bool = True
    ) -> int:
        """Add ``m`` after ``parent_id`` (None: a first turn; LAST: after the shown branch's last
        message). With ``select`` it becomes the shown version among its siblings."""
        with self._lock, self._writing(), self._tx():
            if parent_id == LAST:
                branch = branch_ids(self.message_tree(conversation_id))
                parent_id = branch[-1] if branch else None
            return self._insert(conversation_id, m, parent_id, select)

    def add_conversation(self, title: str, model: str, messages: list[tuple[Message, int | None]]) -> int:
        """A whole conversation in one transaction (an import): each message with the index of the
        one it follows in the list, or None. Nothing is written unless all of it is."""
        now = time.time()
        with self._lock, self._writing(), self._tx():
            cur = self._db.execute(
                "INSERT INTO conversations (title, model, created, updated) VALUES (?,?,?,?)", (title, model, now, now)
            )
            cid = int(cur.lastrowid or 0)
            for m, parent in messages:
                self._insert(cid, m, messages[parent][0].id if parent is not None else None, select=False)
        return cid

    def _insert(self, conversation_id: int, m: Message, parent_id: int | None, select: bool) -> int:
        """The INSERT of a message, inside the caller's transaction."""
        now = time.time()
        parent_pos = (
            self._db.execute("SELECT position FROM messages WHERE id=?", (parent_id,)).fetchone()
            if parent_id is not None
            else None
        )
        pos = parent_pos[0] + 1 if parent_pos is not None else 0
        if select:
            self._db.execute(
                "UPDATE messages SET active=0 WHERE conversation_id=? AND parent_id IS ?",
                (conversation_id, parent_id),
            )
        cur = self._db.execute(
            """INSERT INTO messages (conversation_id, position, role, content, reasoning, state, thinking_s,
               reasoning_tokens, generated_tokens, stats, model, preset, sampling, created, updated,
               parent_id, active, batch)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            (
                conversation_id,
                pos,
                m.role,
                m.content,
                m.reasoning,
                m.state,
                m.thinking_s,
                m.reasoning_tokens,
                m.generated_tokens,
                stats_json(m),
                m.model,
                m.preset,
                dump(m.sampling),
                m.created,
                now,
                parent_id,
                1 if select or m.active else 0,
                m.batch,
            ),
        )
        self._db.execute("UPDATE conversations SET updated=? WHERE id=?", (now, conversation_id))
        m.id, m.position, m.parent_id, m.active = int(cur.lastrowid or 0), pos, parent_id, select or m.active
        return m.id

    def siblings(self, m: Message) -> list[Message]:
        """``m`` and its alternatives (the messages with the same parent), oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM messages WHERE conversation_id=(SELECT conversation_id FROM messages WHERE id=?) "
                "AND parent_id IS ? ORDER BY id",
                (m.id, m.parent_id),
            ).fetchall()
        return [from_row(r) for r in rows]

    def select(self, message_id: int) -> None:
        """Show this version of its turn (and below it, the versions that were shown there)."""
        with self._lock, self._writing(), self._tx():
            row = self._db.execute(
                "SELECT conversation_id, parent_id FROM messages WHERE id=?", (message_id,)
            ).fetchone()
            if row is None:
                return
            self._db.execute(
                "UPDATE messages SET active=(id=?) WHERE conversation_id=? AND parent_id IS ?",
                (message_id, row["conversation_id"], row["parent_id"]),
            )

    def stream_update(self, message_id: int, content: str, reasoning: str, *, force: bool = False) -> bool:
        """Save a streaming message's text, at most once per FLUSH_INTERVAL_S unless forced."""
        now = time.monotonic()
        if not force and now - self._last_flush.get(message_id, 0.0) < FLUSH_INTERVAL_S:
            return False
        self._last_flush[message_id] = now
        with self._lock, self._writing():
            self._db.execute(
                "UPDATE messages SET content=?, reasoning=?, updated=? WHERE id=?",
                (content, reasoning, time.time(), message_id),
            )
        return True

    def finish_message(self, m: Message) -> None:
        """Write a message's final text, state and statistics."""
        assert m.id is not None
        self._last_flush.pop(m.id, None)
        with self._lock, self._writing():
            self._db.execute(
                """UPDATE messages SET content=?, reasoning=?, state=?, thinking_s=?, reasoning_tokens=?,
                   generated_tokens=?, stats=?, updated=? WHERE id=?""",
                (
                    m.content,
                    m.reasoning,
                    m.state,
                    m.thinking_s,
                    m.reasoning_tokens,
                    m.generated_tokens,
                    stats_json(m),
                    time.time(),
                    m.id,
                ),
            )

    def update_content(self, message_id: int, content: str) -> None:
        with self._lock, self._writing():
            self._db.execute("UPDATE messages SET content=?, updated=? WHERE id=?", (content, time.time(), message_id))

    def delete_message(self, message_id: int) -> None:
        """Delete one message. A version with alternatives goes with what followed it (its
        branch) and a neighbouring version is shown instead; a turn without alternatives goes
        alone, and what followed it moves up."""
        with self._lock, self._writing(), self._tx():
            row = self._db.execute(
                "SELECT conversation_id, parent_id FROM messages WHERE id=?", (message_id,)
            ).fetchone()
            if row is None:
                return
            cid, parent = row["conversation_id"], row["parent_id"]
            family = [
                r[0]
                for r in self._db.execute(
                    "SELECT id FROM messages WHERE conversation_id=? AND parent_id IS ? ORDER BY id", (cid, parent)
                )
            ]
            if len(family) > 1:
                self._db.execute(
                    """WITH RECURSIVE branch(id) AS (
                           SELECT ? UNION ALL SELECT m.id FROM messages m JOIN branch b ON m.parent_id = b.id)
                       DELETE FROM messages WHERE id IN branch""",
                    (message_id,),
                )
                i = family.index(message_id)
                neighbour = family[i - 1] if i > 0 else family[i + 1]
                active = self._db.execute(
                    "SELECT COUNT(*) FROM messages WHERE conversation_id=? AND parent_id IS ? AND active=1",
                    (cid, parent),
                ).fetchone()[0]
                if not active:
                    self._db.execute("UPDATE messages SET active=1 WHERE id=?", (neighbour,))
            else:
                self._db.execute("UPDATE messages SET parent_id=? WHERE parent_id=?", (parent, message_id))
                self._db.execute("DELETE FROM messages WHERE id=?", (message_id,))
