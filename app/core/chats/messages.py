"""A conversation's messages as the app holds them, read from and written to their SQLite rows.

Kept alternatives: the messages form a tree (each names its ``parent_id``); :func:`active_branch`
is the branch on screen, and :func:`history_for_model` what of it goes back to the model.
"""

from __future__ import annotations

import json
import math
import sqlite3
import time
from dataclasses import dataclass, field
from typing import Any

from app.core.inference.events import ChatMessage, Stats

MESSAGE_STATES = ("done", "streaming", "stopped", "interrupted", "error")


@dataclass
class Message:
    """One turn. ``content`` is the answer (for the assistant) or the prompt (for the user)."""

    role: str
    content: str = ""
    reasoning: str = ""
    state: str = "done"
    thinking_s: float | None = None
    reasoning_tokens: int | None = None
    generated_tokens: int | None = None
    stats: Stats | None = None
    error: str = ""
    model: str = ""
    preset: str = ""
    sampling: dict[str, Any] | None = None
    id: int | None = None
    position: int = 0
    created: float = field(default_factory=time.time)
    parent_id: int | None = None
    active: bool = True
    batch: str = ""


@dataclass
class Conversation:
    id: int
    title: str
    model: str
    created: float
    updated: float


def dump(v: Any) -> str | None:
    return None if v is None else json.dumps(v)


def stats_json(m: Message) -> str | None:
    """The stats column: the statistics, or the error that ended the message."""
    if m.stats is not None:
        return json.dumps(m.stats.to_dict())
    return json.dumps({"error": m.error}) if m.error else None


def read_stats(text: str | None) -> tuple[Stats | None, str]:
    """The stats column: statistics (their wrong values zeroed) or an error; nothing for text
    that is not what ``stats_json`` writes (opening a chat never fails on it)."""
    try:
        raw = json.loads(text) if text else None
    except (ValueError, RecursionError):
        return None, ""
    if not isinstance(raw, dict):
        return None, ""
    if "error" in raw:
        return None, str(raw["error"])
    return Stats.from_dict(raw), ""


def _figure(value: Any, kind: type) -> Any:
    """A number column as the app wrote it, or None for what an older import let through
    (SQLite keeps whatever type it was given)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return kind(value)


def _sampling(text: str | None) -> dict[str, Any] | None:
    try:
        value = json.loads(text) if text else None
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def from_row(r: sqlite3.Row) -> Message:
    stats, error = read_stats(r["stats"])
    return Message(
        role=r["role"],
        content=r["content"],
        reasoning=r["reasoning"],
        state=r["state"],
        thinking_s=_figure(r["thinking_s"], float),
        reasoning_tokens=_figure(r["reasoning_tokens"], int),
        generated_tokens=_figure(r["generated_tokens"], int),
        stats=stats,
        error=error,
        model=r["model"],
        preset=r["preset"],
        sampling=_sampling(r["sampling"]),
        id=r["id"],
        position=r["position"],
        created=_figure(r["created"], float) or 0.0,
        parent_id=r["parent_id"],
        active=bool(r["active"]),
        batch=r["batch"],
    )


Node = tuple[int, int | None, bool]  # a message's place in the tree: (id, parent_id, active)


def branch_and_families(tree: list[Node]) -> tuple[list[int], dict[int | None, list[int]]]:
    """The shown branch's message ids, first turn first: from the first turn, the active child of
    each message in turn (the newest one if none is marked); and each message's children (the
    versions of the turn after it), by parent. ``tree`` is in id order."""
    families: dict[int | None, list[int]] = {}
    active: set[int] = set()
    for mid, parent, on in tree:
        families.setdefault(parent, []).append(mid)
        if on:
            active.add(mid)
    branch: list[int] = []
    parent_id: int | None = None
    while (family := families.get(parent_id)) and len(branch) < len(tree):  # (a cycle cannot loop)
        chosen = family[-1] if len(family) == 1 else next((i for i in reversed(family) if i in active), family[-1])
        branch.append(chosen)
        parent_id = chosen
    return branch, families


def branch_ids(tree: list[Node]) -> list[int]:
    """The shown branch's message ids (see :func:`branch_and_families`)."""
    return branch_and_families(tree)[0]


def active_branch(messages: list[Message]) -> list[Message]:
    """The shown branch of a conversation's messages (see :func:`branch_ids`)."""
    ordered = sorted(messages, key=lambda m: m.id or 0)
    by_id = {m.id or 0: m for m in ordered}
    return [by_id[i] for i in branch_ids([(m.id or 0, m.parent_id, m.active) for m in ordered])]


def history_for_model(messages: list[Message]) -> list[ChatMessage]:
    """The turns to send: reasoning left out (the R1 protocol); an assistant turn that never got
    to its answer (stopped or cut off while thinking) is left out too."""
    return [{"role": m.role, "content": m.content} for m in messages if m.role == "user" or m.content.strip()]
