"""A long chat written straight into a store (10,000 turns in about a second): the long-chat
tests and benchmark open it."""

from __future__ import annotations

import sqlite3
import time

from app.core.chats.store import Message, Store


def fill(store: Store, turns: int, math: bool = True) -> int:
    """A conversation of ``turns`` questions and answers, written in one transaction."""
    cid = store.create_conversation("Long chat", "bench")
    db: sqlite3.Connection = store._db
    now = time.time()
    db.execute("BEGIN")
    parent: int | None = None
    for i in range(turns):
        for m in (
            Message("user", f"Question {i}: what is the sum of the first {i + 2} odd numbers?"),
            Message(
                "assistant",
                f"The sum of the first $n$ odd numbers is $n^2$, so for $n = {i + 2}$ it is **{(i + 2) ** 2}**.\n\n"
                "- list each odd number\n- add them in pairs\n\nHence the answer.",
                reasoning=f"Let me think. The odd numbers 1, 3, 5, … up to {2 * i + 3}. Pairing gives n/2 pairs. "
                "Wait, that works for even n only; the formula n^2 holds anyway.",
                model="bench",
            ),
        ):
            cur = db.execute(
                "INSERT INTO messages (conversation_id, position, role, content, reasoning, state, model, preset,"
                " created, updated, parent_id, active, batch) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (cid, 0, m.role, m.content, m.reasoning, "done", m.model, "", now, now, parent, 1, ""),
            )
            parent = cur.lastrowid
    if not math:
        db.execute("UPDATE messages SET content = replace(content, '$', '')")
    db.execute("COMMIT")
    return cid
