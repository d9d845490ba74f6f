"""A chats database whose disk fills up on demand: writes fail as SQLite fails on a full disk.

(The fault suite also fills a real tmpfs where mounting one is allowed; this works everywhere.)
"""

from __future__ import annotations

import sqlite3
from typing import Any

from app.core.chats.store import Store

_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class FullDisk:
    """Stands in for a store's connection; while ``full``, every write raises SQLITE_FULL."""

    def __init__(self, store: Store) -> None:
        self._db = store._db
        self.full = False
        store._db = self  # type: ignore[assignment]

    def execute(self, sql: str, *args: Any) -> Any:
        if self.full and sql.lstrip().split(None, 1)[0].upper() in _WRITES:
            raise sqlite3.OperationalError("database or disk is full")
        return self._db.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)
