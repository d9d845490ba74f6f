"""The JSON the API answers with: OpenAI's chat completion and chunk objects, with DeepSeek's
``reasoning_content`` beside ``content`` and its ``usage.completion_tokens_details.reasoning_tokens``.

Plain dicts, built here only, so every endpoint and both the streamed and the whole answer use
the same field names. A choice whose reasoning was closed early says why in ``answered_early``
("answer_now", "budget" or "loop"), for a remote R1 Desk to show. Tool calls are OpenAI's ``tool_calls`` (streamed: ``index``, ``id``,
``function.name`` in a call's first piece, ``function.arguments`` in pieces after it); a call the
model wrote that cannot be used is left out of the whole answer, and the choice's
``tool_call_error`` says why and what it wrote (streamed, its pieces went out already).
"""

from __future__ import annotations

import secrets
import time
from typing import Any

from app.core.inference.events import Stats, ToolCallDelta
from app.server.service import Finished
from app.server.text import Piece


def new_id(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(12)}"


def usage(stats: Stats | None) -> dict[str, Any]:
    s = stats
    prompt, completion = (s.prompt_tokens, s.generated_tokens) if s is not None else (0, 0)
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
        "prompt_tokens_details": {"cached_tokens": s.cached_tokens if s is not None else 0},
        "completion_tokens_details": {"reasoning_tokens": s.reasoning_tokens if s is not None else 0},
    }


def timings(stats: Stats | None) -> dict[str, Any] | None:
    """The engine's own figures, named as llama-server names them (its ``timings`` object):
    ``prompt_n`` is the prompt tokens evaluated for this request, ``cache_n`` those reused from the
    last one (clients add the two: Open WebUI showed 49 input tokens for a 25-token prompt)."""
    if stats is None:
        return None
    return {
        "prompt_n": stats.prompt_tokens - stats.cached_tokens,
        "cache_n": stats.cached_tokens,
        "prompt_ms": stats.ttft_s * 1000,  # to the first generated token
        "predicted_n": stats.generated_tokens,
        "predicted_per_second": stats.tokens_per_s,
    }


class ChatShapes:
    """The objects of one chat completion (``chat.completion`` or its ``chat.completion.chunk``s)."""

    def __init__(self, model: str, *, include_usage: bool = False, text_completion: bool = False) -> None:
        self.id = new_id("cmpl" if text_completion else "chatcmpl")
        self.created = int(time.time())
        self.model = model
        self.include_usage = include_usage
        self.text_completion = text_completion

    def _base(self, obj: str) -> dict[str, Any]:
        return {"id": self.id, "object": obj, "created": self.created, "model": self.model, "system_fingerprint": None}

    # ---- streamed -----------------------------------------------------------------------------

    def chunk(self, delta: dict[str, Any], finish: Finished | None = None) -> dict[str, Any]:
        if self.text_completion:
            choice: dict[str, Any] = {"index": 0, "text": delta.get("content") or "", "logprobs": None}
            out = self._base("text_completion")
        else:
            choice = {"index": 0, "delta": delta, "logprobs": None}
            out = self._base("chat.completion.chunk")
        choice["finish_reason"] = finish.finish_reason if finish is not None else None
        if finish is not None and finish.stop_reason:
            choice["stop_reason"] = finish.stop_reason
        if finish is not None and finish.tool_error:
            choice["tool_call_error"] = finish.tool_error
        if finish is not None and finish.stats is not None and finish.stats.answered_early:
            choice["answered_early"] = finish.stats.answered_early
        out["choices"] = [choice]
        if self.include_usage:
            out["usage"] = None
        return out

    def first(self) -> dict[str, Any]:
        """The opening chunk: the role, as OpenAI sends it."""
        return self.chunk({"role": "assistant", "content": ""})

    def piece(self, p: Piece) -> dict[str, Any]:
        delta: dict[str, Any] = {}
        if p.reasoning:
            delta["reasoning_content"] = p.reasoning
        if p.content:
            delta["content"] = p.content
        if p.tool_calls:
            delta["tool_calls"] = [_call_piece(c) for c in p.tool_calls]
        return self.chunk(delta)

    def last(self, finish: Finished) -> dict[str, Any]:
        out = self.chunk({}, finish)
        out["timings"] = timings(finish.stats)
        return out

    def usage_chunk(self, finish: Finished) -> dict[str, Any]:
        """``stream_options.include_usage``: a last chunk with no choices and the usage."""
        out = self._base("text_completion" if self.text_completion else "chat.completion.chunk")
        out["choices"] = []
        out["usage"] = usage(finish.stats)
        return out

    # ---- whole --------------------------------------------------------------------------------

    def whole(
        self, reasoning: str, content: str, finish: Finished, calls: list[ToolCallDelta] | None = None
    ) -> dict[str, Any]:
        if self.text_completion:
            out = self._base("text_completion")
            choice: dict[str, Any] = {"index": 0, "text": content, "logprobs": None}
        else:
            out = self._base("chat.completion")
            message: dict[str, Any] = {"role": "assistant", "content": content}
            if reasoning:
                message["reasoning_content"] = reasoning
            whole = _whole_calls(calls or [])
            bad = set(finish.stats.bad_tool_calls) if finish.stats is not None else set()
            if any(i not in bad for i in whole):
                message["tool_calls"] = [c for i, c in whole.items() if i not in bad]
                message["content"] = content or None  # OpenAI's shape for a turn that only calls
            choice = {"index": 0, "message": message, "logprobs": None}
            if bad and finish.tool_error:
                wrote = "; ".join(
                    f"{c['function']['name']} {c['function']['arguments']}" for i, c in whole.items() if i in bad
                )
                choice["tool_call_error"] = f"{finish.tool_error} (it wrote: {wrote})"
        choice["finish_reason"] = finish.finish_reason
        if finish.stop_reason:
            choice["stop_reason"] = finish.stop_reason
        if finish.tool_error and "tool_call_error" not in choice:
            choice["tool_call_error"] = finish.tool_error
        if finish.stats is not None and finish.stats.answered_early:
            choice["answered_early"] = finish.stats.answered_early
        out["choices"] = [choice]
        out["usage"] = usage(finish.stats)
        out["timings"] = timings(finish.stats)
        return out


def _call_piece(c: ToolCallDelta) -> dict[str, Any]:
    """One ``delta.tool_calls[]`` entry: a call's first piece names it, the rest carry arguments."""
    if c.id or c.name:
        return {
            "index": c.index,
            "id": c.id,
            "type": "function",
            "function": {"name": c.name, "arguments": c.arguments},
        }
    return {"index": c.index, "function": {"arguments": c.arguments}}


def _whole_calls(pieces: list[ToolCallDelta]) -> dict[int, dict[str, Any]]:
    """The streamed pieces joined into whole calls, by index."""
    calls: dict[int, dict[str, Any]] = {}
    for p in pieces:
        c = calls.setdefault(p.index, {"id": "", "type": "function", "function": {"name": "", "arguments": ""}})
        c["id"] += p.id
        c["function"]["name"] += p.name
        c["function"]["arguments"] += p.arguments
    return calls
