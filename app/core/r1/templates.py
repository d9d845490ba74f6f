"""The app's own R1 prompt format and the history it hands to a chat template.

The fallback is a Jinja template (``assets/templates/r1.jinja``) rendered by the same sandboxed
formatter as a GGUF's own, so both paths produce text the same way.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from app.core.config.paths import asset
from app.core.r1.reasoning import CLOSE

_ROLES = ("system", "user", "assistant", "tool")


@cache
def fallback_template() -> str:
    return asset("templates", "r1.jinja").read_text(encoding="utf-8")


def answer_part(content: str) -> str:
    """What the official template keeps of an assistant turn: the text after ``</think>``."""
    return content.split(CLOSE)[-1] if CLOSE in content else content


def history_for_template(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Messages as the template should see them: earlier assistant turns without reasoning.

    Dropping the reasoning here (exactly as the official template's own split does) keeps
    non-R1 templates, which would otherwise send the reasoning back, on the R1 protocol. An
    assistant turn's ``tool_calls`` and a tool result's ``tool_call_id`` and ``name`` go along.
    """
    out = []
    for m in messages:
        role, content = m.get("role"), m.get("content")
        if role not in _ROLES:
            raise ValueError(f"unknown message role {role!r} (expected system, user, assistant or tool)")
        if not isinstance(content, str) and not (role == "assistant" and m.get("tool_calls")):
            raise ValueError(f"a {role} message has no text content")
        turn: dict[str, Any] = {"role": role, "content": answer_part(content or "") if role == "assistant" else content}
        for key in ("tool_calls", "tool_call_id", "name"):
            if m.get(key):
                turn[key] = m[key]
        out.append(turn)
    return out
