"""A conversation as a JSON export (which imports back, reasoning, statistics and every kept
version included) or as Markdown for reading (the shown branch); and undo for a deleted
conversation, which is an export kept in memory.

Format version 2 lists every message, every version of a turn included, oldest first; each
names the message it follows by its index in the list (``parent``) and says whether it is the
version shown (``active``). Version 1 files (one line of turns) still import.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, fields
from typing import Any

from app.core.chats.store import MESSAGE_STATES, Message, Store, active_branch
from app.core.errors import StoreError
from app.core.inference.events import MAX_FIGURE, Stats

EXPORT_FORMAT = "r1desk-conversation"
EXPORT_VERSION = 2
_IMPORTED = {f.name for f in fields(Message)} - {"id", "position", "parent_id", "active"}
_SURROGATE = re.compile("[\ud800-\udfff]")
_TYPES: dict[str, tuple[type, ...]] = {
    "content": (str,),
    "reasoning": (str,),
    "state": (str,),
    "model": (str,),
    "preset": (str,),
    "error": (str,),
    "thinking_s": (int, float, type(None)),
    "reasoning_tokens": (int, type(None)),
    "generated_tokens": (int, type(None)),
    "sampling": (dict, type(None)),
    "created": (int, float),
    "batch": (str,),
}


def export_json(store: Store, conversation_id: int) -> dict[str, Any]:
    c = store.conversation(conversation_id)
    if c is None:
        raise StoreError(f"No conversation {conversation_id}.")
    every = store.all_messages(conversation_id)
    index = {m.id: i for i, m in enumerate(every)}
    msgs = []
    for m in every:
        d = asdict(m)
        for private in ("id", "position", "parent_id"):
            d.pop(private)
        d["parent"] = index.get(m.parent_id)
        msgs.append(d)
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "title": c.title,
        "model": c.model,
        "created": c.created,
        "messages": msgs,
    }


def import_json(store: Store, data: Any) -> int:
    """Add an exported conversation; returns its new id. Refuses anything else with a StoreError.

    Every value is checked before anything is written, and the conversation is written in one
    transaction: a refused file leaves nothing behind (a count of 10**30 half-way through once
    left half a chat)."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT or not isinstance(data.get("messages"), list):
        raise StoreError("This file is not an R1 Desk conversation export.")
    version = data.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise StoreError(f"The export's version should be a whole number, not {version!r}.")
    if version > EXPORT_VERSION:
        raise StoreError(f"The export was written by a newer R1 Desk (format {version}); update the app to import it.")
    raw_messages = data["messages"]
    messages = [_message(raw) for raw in raw_messages]
    tree = version >= 2
    parents: list[int | None] = []
    for i, raw in enumerate(raw_messages):
        parent = raw.get("parent") if tree else (i - 1 if i else None)
        if parent is not None and (not isinstance(parent, int) or isinstance(parent, bool) or not 0 <= parent < i):
            raise StoreError("The export has a message that follows one listed after it.")
        parents.append(parent)
        active = raw.get("active", True) if tree else True
        if not isinstance(active, bool):
            raise StoreError("The export has a message whose active has the wrong type.")
        messages[i].active = active
    title = _plain(str(data.get("title") or "Imported chat"), "title")
    model = _plain(str(data.get("model") or ""), "model")
    return store.add_conversation(title, model, list(zip(messages, parents)))


def _plain(text: str, name: str) -> str:
    """Text SQLite can store: a lone surrogate (which JSON allows) cannot be encoded."""
    if _SURROGATE.search(text):
        raise StoreError(f"The export has a {name} that is not valid text (a lone surrogate).")
    return text


def _message(raw: Any) -> Message:
    if not isinstance(raw, dict) or raw.get("role") not in ("user", "assistant"):
        raise StoreError("The export has a message without a valid role.")
    values = {k: v for k, v in raw.items() if k in _IMPORTED}
    stats = values.pop("stats", None)
    try:
        m = Message(**values)
        if isinstance(stats, dict):
            if "error" in stats:  # exports of wave 1 kept the error in the statistics
                m.error = str(stats["error"])
            else:
                wrong = Stats.problems(stats)
                if wrong:
                    raise StoreError(f"The export has a message whose statistics' {wrong[0]} is {stats[wrong[0]]!r}.")
                m.stats = Stats.from_dict(stats)
    except (TypeError, ValueError) as e:
        raise StoreError(f"The export has a message that cannot be read ({e}).") from None
    for name, kinds in _TYPES.items():
        value = getattr(m, name)
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            raise StoreError(f"The export has a message whose {name} has the wrong type.")
        if isinstance(value, (int, float)) and not (math.isfinite(value) and 0 <= value <= MAX_FIGURE):
            raise StoreError(f"The export has a message whose {name} is out of range ({value!r}).")
        if isinstance(value, str):
            _plain(value, name)
    if m.sampling is not None:
        _plain(json.dumps(m.sampling, ensure_ascii=False, allow_nan=True), "sampling")
    if m.state not in MESSAGE_STATES:
        m.state = "done"
    return m


def delete_with_undo(store: Store, conversation_id: int) -> dict[str, Any]:
    """Delete a conversation; returns its export, which ``import_json`` restores."""
    data = export_json(store, conversation_id)
    store.delete(conversation_id)
    return data


def export_markdown(store: Store, conversation_id: int) -> str:
    c = store.conversation(conversation_id)
    if c is None:
        raise StoreError(f"No conversation {conversation_id}.")
    out = [f"# {c.title}", ""]
    every = store.all_messages(conversation_id)
    for m in active_branch(every):
        family = [x for x in every if x.parent_id == m.parent_id]
        version = f" (version {family.index(m) + 1} of {len(family)})" if len(family) > 1 else ""
        if m.role == "user":
            out += [f"## You{version}", "", m.content, ""]
            continue
        out += [f"## {m.model or 'Assistant'}{version}", ""]
        if m.reasoning:
            label = f"Thought for {m.thinking_s:.0f} s" if m.thinking_s else "Thinking"
            quoted = "\n".join(f"> {line}" if line else ">" for line in inert(m.reasoning).splitlines())
            out += [f"<details><summary>{label}</summary>", "", quoted, "", "</details>", ""]
        out += [inert(m.content), ""]
        if m.state in ("stopped", "interrupted", "error"):
            out += [f"*({m.state})*", ""]
    return "\n".join(out).rstrip() + "\n"


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(.*?)\1")
_IMAGE = re.compile(r"!\[|<img\b", re.IGNORECASE)


def inert(text: str) -> str:
    """Model output for a Markdown file that other apps will render: images and ``<img>`` tags are
    escaped so that opening the export never makes a viewer read a local path or fetch anything
    (code blocks and code spans are left exactly as written)."""
    out: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        m = _FENCE.match(line)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        if m:
            fence = m.group(1)
            out.append(line)
            continue
        pieces, last = [], 0
        for span in _CODE_SPAN.finditer(line):
            pieces.append(_IMAGE.sub(_escape, line[last : span.start()]))
            pieces.append(span.group(0))
            last = span.end()
        pieces.append(_IMAGE.sub(_escape, line[last:]))
        out.append("".join(pieces))
    return "\n".join(out)


def _escape(m: re.Match[str]) -> str:
    return "!\\[" if m.group(0) == "![" else "&lt;" + m.group(0)[1:]
