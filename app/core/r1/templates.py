"""The app's own R1 prompt format and the history it hands to a chat template.

The fallback is a Jinja template (``assets/templates/r1.jinja``) rendered by the same sandboxed
formatter as a GGUF's own, so both paths produce text the same way.
"""

from __future__ import annotations

from functools import cache

from app.core.config.paths import asset
from app.core.r1.reasoning import CLOSE

_ROLES = ("system", "user", "assistant")


@cache
def fallback_template() -> str:
    return asset("templates", "r1.jinja").read_text(encoding="utf-8")


def answer_part(content: str) -> str:
    """What the official template keeps of an assistant turn: the text after ``</think>``."""
    return content.split(CLOSE)[-1] if CLOSE in content else content


def history_for_template(messages: list[dict[str, str]]) -> list[dict[str, str]]:
    """Messages as the template should see them: earlier assistant turns without reasoning.

    Dropping the reasoning here (exactly as the official template's own split does) keeps
    non-R1 templates, which would otherwise send the reasoning back, on the R1 protocol.
    """
    out = []
    for m in messages:
        role, content = m.get("role"), m.get("content")
        if role not in _ROLES:
            raise ValueError(f"unknown message role {role!r} (expected system, user or assistant)")
        if not isinstance(content, str):
            raise ValueError(f"a {role} message has no text content")
        out.append({"role": role, "content": answer_part(content) if role == "assistant" else content})
    return out
