"""A damaged chats database: set it aside and copy what SQLite can still read into a fresh one.

The sqlite3 command-line tool (and its ``.recover``) is not on every user's machine, so this
reads the damaged file with Python's own sqlite3 module, row by row in rowid order. When a read
fails (a damaged page, a broken record), it looks for the next rowid it can read again and goes
on from there; what lies on the damaged pages is lost, the rest comes back. The damaged file is
kept beside the new one as ``<name>.corrupt-<time>`` (with its ``-wal``), so nothing is
destroyed.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_TABLES = ("conversations", "messages", "edits")  # parents first: messages refer to conversations, edits to messages
_DAMAGE_WORDS = ("malformed", "not a database", "corrupt", "file is encrypted", "disk i/o error")
_DAMAGE_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_MAX_ROWID = 2**63 - 1
_DB_SUFFIXES = (".sqlite3", ".sqlite", ".db")
_TIME_LIMIT_S = 20.0  # per table: what cannot be read by then stays in the kept file
_MAGIC = b"SQLite format 3\x00"
_PAGE_SIZES = (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512)


@dataclass(frozen=True)
class Recovery:
    """What happened to a damaged database. ``backup``: where the damaged file was kept."""

    backup: Path
    conversations: int
    messages: int

    def note(self) -> str:
        if self.conversations or self.messages:
            what = f"{_count(self.conversations, 'chat')} and {_count(self.messages, 'message')} were recovered"
        else:
            what = "nothing in it could be read, so your chats start empty"
        return (
            f"Your chats database was damaged. It was kept as {self.backup.name}, and {what}. "
            f"The damaged file stays in {self.backup.parent} in case you want to try other tools."
        )


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def is_damage(e: sqlite3.DatabaseError, path: Path) -> bool:
    """Whether opening ``path`` failed because the file is damaged (not merely unreachable)."""
    if path.is_dir():
        # A folder named like a database where the file should be: set it aside like a damaged
        # file. Any other folder (a settings path pointing at Documents) is the user's: never moved.
        return path.suffix.lower() in _DB_SUFFIXES
    code = getattr(e, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _DAMAGE_CODES:
        return True
    text = str(e).lower()
    return any(w in text for w in _DAMAGE_WORDS)


def _sidecars(path: Path) -> list[tuple[Path, str]]:
    return [(path.with_name(path.name + s), s) for s in ("-wal", "-shm", "-journal")]


def set_aside(path: Path) -> Path:
    """Rename the damaged database (and its WAL, which may hold the latest writes) out of the way."""
    backup = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
    n = 1
    while backup.exists():
        n += 1
        backup = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}-{n}")
    path.replace(backup)
    for side, suffix in _sidecars(path):
        if side.exists():
            side.replace(backup.with_name(backup.name + suffix))
    return backup


def recover_into(backup: Path, into: sqlite3.Connection) -> Recovery:
    """Copy every readable conversation and message of ``backup`` into the fresh database ``into``."""
    counts = {t: 0 for t in _TABLES}
    if backup.is_file():
        with tempfile.TemporaryDirectory(prefix="r1desk-recover-") as tmp:
            try:
                copy = _readable_copy(backup, Path(tmp))
                src = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
            except (OSError, sqlite3.DatabaseError):
                src = None
            if src is not None:
                with contextlib.closing(src):
                    conversations: set[int] = set()
                    into.execute("BEGIN")
                    for table in _TABLES:
                        counts[table] = _copy_table(src, into, table, conversations)
                    _relink(src, into)
                    into.execute("COMMIT")
    return Recovery(backup, counts["conversations"], counts["messages"])


def _readable_copy(backup: Path, folder: Path) -> Path:
    """A copy of the damaged file that SQLite will read as far as it can (the original is kept).

    A file cut short is padded with zero pages up to the size its header gives (SQLite refuses
    even the intact pages of a file shorter than its header says); a damaged header is rewritten
    with a plain one when page 1's table still looks like a table, so the pages behind it count.
    """
    data = bytearray(backup.read_bytes())
    if not data.startswith(_MAGIC):
        page_size = next((n for n in _PAGE_SIZES if len(data) > n and data[100] in (0x05, 0x0D)), 0)
        if page_size and len(data) >= 100:
            data[:100] = _plain_header(page_size, len(data) // page_size)
    if data.startswith(_MAGIC):
        raw = int.from_bytes(data[16:18], "big")
        page_size = 65536 if raw == 1 else raw
        pages = int.from_bytes(data[28:32], "big")
        if page_size in _PAGE_SIZES and pages and len(data) < pages * page_size:
            data.extend(bytes(pages * page_size - len(data)))
    copy = folder / "damaged.sqlite3"
    copy.write_bytes(bytes(data))
    wal = backup.with_name(backup.name + "-wal")
    if wal.is_file() and wal.stat().st_size:
        shutil.copyfile(wal, folder / "damaged.sqlite3-wal")
    return copy


def _plain_header(page_size: int, pages: int) -> bytes:
    """The 100-byte header of a plain UTF-8 database (see sqlite.org/fileformat.html)."""
    h = bytearray(100)
    h[0:16] = _MAGIC
    h[16:18] = (1 if page_size == 65536 else page_size).to_bytes(2, "big")
    h[18], h[19], h[21], h[22], h[23] = 1, 1, 64, 32, 32
    h[24:28] = (1).to_bytes(4, "big")  # change counter
    h[28:32] = pages.to_bytes(4, "big")
    h[40:44] = (1).to_bytes(4, "big")  # schema cookie
    h[44:48] = (4).to_bytes(4, "big")  # schema format
    h[56:60] = (1).to_bytes(4, "big")  # UTF-8
    h[92:96] = (1).to_bytes(4, "big")  # version-valid-for = the change counter
    h[96:100] = (3_045_000).to_bytes(4, "big")
    return bytes(h)


def _columns(con: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in con.execute(f"PRAGMA table_info({table})")]


def _copy_table(src: sqlite3.Connection, into: sqlite3.Connection, table: str, conversations: set[int]) -> int:
    wanted = _columns(into, table)
    copied = 0
    try:
        have = set(_columns(src, table))
    except sqlite3.DatabaseError:
        return 0
    cols = [c for c in wanted if c in have]
    if "id" not in cols:
        return 0
    for row in _readable_rows(src, table, cols):
        values = dict(zip(cols, row))
        if table == "messages":
            if values.get("state") == "streaming":
                values["state"] = "interrupted"
            cid = values.get("conversation_id")
            if isinstance(cid, int) and cid not in conversations:
                _placeholder_conversation(into, cid, values)
                conversations.add(cid)
        names = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        try:
            into.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(values.values()))
        except sqlite3.DatabaseError:
            continue  # a row whose values no longer make sense (a damaged record that still parsed)
        copied += 1
        if table == "conversations" and isinstance(values["id"], int):
            conversations.add(values["id"])
    return copied


def _relink(src: sqlite3.Connection, into: sqlite3.Connection) -> None:
    """Give every recovered message a parent that was recovered too (the message before it),
    so no turn hangs off one that was lost; a file from before parents existed gets them all."""
    if "parent_id" not in _columns(into, "messages"):
        return
    try:
        had_parents = "parent_id" in _columns(src, "messages")
    except sqlite3.DatabaseError:
        had_parents = False
    lost = "parent_id IS NOT NULL AND parent_id NOT IN (SELECT id FROM messages)"
    into.execute(
        f"""UPDATE messages SET parent_id = (
            SELECT p.id FROM messages p WHERE p.conversation_id = messages.conversation_id
            AND (p.position < messages.position OR (p.position = messages.position AND p.id < messages.id))
            ORDER BY p.position DESC, p.id DESC LIMIT 1)
        WHERE {lost if had_parents else "1"}"""
    )


def _placeholder_conversation(into: sqlite3.Connection, cid: int, message: dict[str, object]) -> None:
    """The conversation of a recovered message was on a damaged page: give it a new one."""
    when = message.get("created") if isinstance(message.get("created"), (int, float)) else time.time()
    with contextlib.suppress(sqlite3.DatabaseError):
        into.execute(
            "INSERT INTO conversations (id, title, model, created, updated) VALUES (?, ?, '', ?, ?)",
            (cid, "Recovered chat", when, when),
        )


def _readable_rows(src: sqlite3.Connection, table: str, cols: list[str]) -> Iterator[tuple[object, ...]]:
    """Rows in rowid order, stepping over the ones SQLite cannot read.

    A damaged tree can hand rows back out of order or lead round in a circle: each row read must
    lie past the last one, and the whole walk has a time limit (``_TIME_LIMIT_S``)."""
    select = f"SELECT rowid, {', '.join(cols)} FROM {table} WHERE rowid >= ? ORDER BY rowid"
    deadline = time.monotonic() + _TIME_LIMIT_S
    start: int | None = -_MAX_ROWID
    while start is not None and time.monotonic() < deadline:
        begun = start
        try:
            for row in src.execute(select, (start,)):
                rowid = int(row[0])
                if rowid < start:
                    continue  # out of order: a damaged page
                start = rowid + 1
                yield tuple(row[1:])
                if time.monotonic() > deadline:
                    return
            return
        except (sqlite3.DatabaseError, OverflowError):
            found = _next_readable(src, select, start)
            start = None if found is None else max(found, begun + 1)


def _probe(src: sqlite3.Connection, select: str, at: int) -> int | None:
    """The rowid of the first whole row at or after ``at``; None when there is none; raises if damaged."""
    row = src.execute(select + " LIMIT 1", (at,)).fetchone()
    return None if row is None else int(row[0])


def _next_readable(src: sqlite3.Connection, select: str, bad: int) -> int | None:
    """The smallest rowid after ``bad`` from which rows read again (None: nothing more can be read).

    Steps forward in doubling strides until a read works, then halves the gap back, so a
    damaged page costs a few dozen probes and only its own rows are lost.
    """

    def attempt(at: int) -> tuple[bool, int | None]:
        try:
            return True, _probe(src, select, at)
        except (sqlite3.DatabaseError, OverflowError):
            return False, None

    lo, step = bad, 1  # reading from lo fails
    while True:
        hi = bad + step
        if hi > _MAX_ROWID:
            return None
        ok, found = attempt(hi)
        if ok:
            break
        lo, step = hi, step * 2
    while hi - lo > 1:  # reading from hi works: find the first place where it starts to
        mid = (lo + hi) // 2
        ok, first = attempt(mid)
        if ok:
            hi, found = mid, first
        else:
            lo = mid
    return None if found is None else hi
