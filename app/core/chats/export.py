"""A conversation as a JSON export (which imports back, reasoning and statistics included) or as
Markdown for reading; and undo for a deleted conversation, which is an export kept in memory."""

from __future__ import annotations

import re
from dataclasses import asdict, fields
from typing import Any

from app.core.chats.store import MESSAGE_STATES, Message, Store
from app.core.errors import StoreError
from app.core.inference.events import Stats

EXPORT_FORMAT = "r1desk-conversation"
_IMPORTED = {f.name for f in fields(Message)} - {"id", "position"}
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
}


def export_json(store: Store, conversation_id: int) -> dict[str, Any]:
    c = store.conversation(conversation_id)
    if c is None:
        raise StoreError(f"No conversation {conversation_id}.")
    msgs = []
    for m in store.messages(conversation_id):
        d = asdict(m)
        d.pop("id")
        d.pop("position")
        msgs.append(d)
    return {
        "format": EXPORT_FORMAT,
        "version": 1,
        "title": c.title,
        "model": c.model,
        "created": c.created,
        "messages": msgs,
    }


def import_json(store: Store, data: Any) -> int:
    """Add an exported conversation; returns its new id. Refuses anything else with a StoreError."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT or not isinstance(data.get("messages"), list):
        raise StoreError("This file is not an R1 Desk conversation export.")
    messages = [_message(raw) for raw in data["messages"]]
    cid = store.create_conversation(str(data.get("title") or "Imported chat"), str(data.get("model") or ""))
    for m in messages:
        store.add_message(cid, m)
    return cid


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
                m.stats = Stats.from_dict(stats)
    except (TypeError, ValueError) as e:
        raise StoreError(f"The export has a message that cannot be read ({e}).") from None
    for name, kinds in _TYPES.items():
        if not isinstance(getattr(m, name), kinds) or (isinstance(getattr(m, name), bool) and bool not in kinds):
            raise StoreError(f"The export has a message whose {name} has the wrong type.")
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
    for m in store.messages(conversation_id):
        if m.role == "user":
            out += ["## You", "", m.content, ""]
            continue
        out += [f"## {m.model or 'Assistant'}", ""]
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
