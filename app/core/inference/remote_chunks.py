"""Reading what an OpenAI-compatible server streams: each chunk's fields checked against what the
API says they are (text is text, a usage figure is a count, tool-call pieces are well formed), so
a hostile or broken server ends the stream with a sentence instead of a crash deep in the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.core.inference.events import AnsweredEarly

_EARLY: dict[str, AnsweredEarly] = {"answer_now": "answer_now", "budget": "budget", "loop": "loop"}

MAX_COUNT = 10**9  # a usage figure above this (or below 0) is not a count
MAX_TOKEN_CHARS = 256  # no vocabulary has a longer token: more text than this per token asked for is too much
_SCALARS = (str, bytes, int, float, bool, list, tuple)


class Malformed(ValueError):
    """A chunk field that is not what the OpenAI API says it is (the text says which, and what it was)."""


@dataclass(frozen=True)
class ChunkParts:
    """What one streamed chunk says, checked: text fields are text, the usage figures are counts.

    ``tool_calls``: pieces of the tool calls the server parsed, as (index, id, name, arguments);
    ``answered_early``: why another R1 Desk closed the reasoning ("answer_now", "budget", "loop")."""

    reasoning: str | None = None
    content: str | None = None
    finish: str | None = None
    usage: dict[str, int] | None = None
    id: str = ""
    tool_calls: tuple[tuple[int, str, str, str], ...] = ()
    answered_early: AnsweredEarly = ""


def _get(obj: Any, name: str, where: str) -> Any:
    """A field of a JSON object as the ``openai`` client hands it over (a model, extra fields kept, or a dict)."""
    if obj is None:
        return None
    if isinstance(obj, dict):
        return obj.get(name)
    if isinstance(obj, _SCALARS):
        raise Malformed(f"'{where}' is {type(obj).__name__}, not an object")
    value = getattr(obj, name, None)
    if value is None:
        value = (getattr(obj, "model_extra", None) or {}).get(name)
    return value


def _text(value: Any, where: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise Malformed(f"'{where}' is {type(value).__name__}, not text")


def _count(value: Any) -> int | None:
    """A usage figure, or None for one that is not a count (a string, a fraction, 10**30, -5)."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_COUNT:
        return value
    return None


def _usage(usage: Any) -> dict[str, int] | None:
    """The usage figures that are counts; the rest are left out (the stream's own counts stand in)."""
    if usage is None or isinstance(usage, _SCALARS):
        return None
    figures = {
        "prompt_tokens": ("prompt_tokens",),
        "completion_tokens": ("completion_tokens",),
        "reasoning_tokens": ("completion_tokens_details", "reasoning_tokens"),
        "cached_tokens": ("prompt_tokens_details", "cached_tokens"),
        "prompt_cache_hit_tokens": ("prompt_cache_hit_tokens",),
    }
    out: dict[str, int] = {}
    for key, path in figures.items():
        value: Any = usage
        try:
            for name in path:
                value = _get(value, name, "usage")
        except Malformed:
            continue
        n = _count(value)
        if n is not None:
            out[key] = n
    return out


def read_model(item: Any) -> tuple[str, str, int] | None:
    """One entry of a server's model list: its name, owner and context (0: not said), checked;
    None for an entry without a name."""
    try:
        name, owner = _get(item, "id", "data[]"), _get(item, "owned_by", "data[]")
        context = _get(item, "max_model_len", "data[]") or _get(item, "context_length", "data[]")  # vLLM; LM Studio
    except Malformed:
        return None
    if not isinstance(name, str) or not name:
        return None
    n = _count(context)
    return name, owner if isinstance(owner, str) else "", n if n is not None and n <= 10**8 else 0


def read_chunk(chunk: Any) -> ChunkParts:
    """The first choice's reasoning, content and finish reason, and the usage, each checked.

    Raises ``Malformed`` for a shape no server should send (``delta.content`` a list, a
    ``finish_reason`` object): the stream cannot be read on. A usage figure that is not a count
    is left out instead, as the answer itself arrived whole.
    """
    choices = _get(chunk, "choices", "chunk")
    if choices is not None and not isinstance(choices, list):
        raise Malformed(f"'choices' is {type(choices).__name__}, not a list")
    usage = _usage(_get(chunk, "usage", "chunk"))
    chunk_id = _get(chunk, "id", "chunk")
    chunk_id = chunk_id if isinstance(chunk_id, str) else ""
    if not choices:
        return ChunkParts(usage=usage, id=chunk_id)
    choice = choices[0]  # one answer per request (n=1)
    delta = _get(choice, "delta", "choices[0]")
    reasoning = _get(delta, "reasoning_content", "delta")
    if reasoning is None:
        reasoning = _get(delta, "reasoning", "delta")
    early = _get(choice, "answered_early", "choices[0]")
    return ChunkParts(
        reasoning=_text(reasoning, "delta.reasoning_content"),
        content=_text(_get(delta, "content", "delta"), "delta.content"),
        finish=_text(_get(choice, "finish_reason", "choices[0]"), "finish_reason"),
        usage=usage,
        id=chunk_id,
        tool_calls=_tool_calls(_get(delta, "tool_calls", "delta")),
        answered_early=_EARLY.get(early, "") if isinstance(early, str) else "",
    )


def _tool_calls(calls: Any) -> tuple[tuple[int, str, str, str], ...]:
    """The tool-call pieces of a delta, each field checked (an index is a count, the rest text)."""
    if calls is None:
        return ()
    if not isinstance(calls, list):
        raise Malformed(f"'delta.tool_calls' is {type(calls).__name__}, not a list")
    out = []
    for i, call in enumerate(calls):
        where = f"delta.tool_calls[{i}]"
        index = _count(_get(call, "index", where))
        if index is None:
            raise Malformed(f"'{where}.index' is not a count")
        fn = _get(call, "function", where)
        out.append(
            (
                index,
                _text(_get(call, "id", where), f"{where}.id") or "",
                _text(_get(fn, "name", f"{where}.function"), f"{where}.function.name") or "",
                _text(_get(fn, "arguments", f"{where}.function"), f"{where}.function.arguments") or "",
            )
        )
    return tuple(out)
