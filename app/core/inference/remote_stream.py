"""The network-free half of the remote engine: the request body, and turning streamed chunks into
the same ``Delta`` events and ``Stats`` the local engine produces.

Servers deliver R1's reasoning two ways: in a separate field (``reasoning_content`` from the
DeepSeek API, vLLM's ``--reasoning-parser deepseek_r1`` and llama-server's
``--reasoning-format deepseek``; ``reasoning`` from newer vLLM and Ollama), or inline as
``<think>…</think>`` text in ``content``. :class:`StreamState` writes the separate field back as
tagged text, so both ways go through the one :class:`ReasoningSplitter` and come out alike.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any

from app.core.config.server_kinds import ServerKind
from app.core.inference.events import (
    AnsweredEarly,
    ChatMessage,
    ChatOptions,
    Delta,
    FinishReason,
    Stats,
    ToolCallDelta,
    ToolSpec,
)
from app.core.inference.remote_chunks import MAX_TOKEN_CHARS
from app.core.r1.json_end import check_arguments
from app.core.r1.reasoning import CLOSE, CLOSE_REASONING, OPEN, ReasoningSplitter
from app.core.r1.sampling import Sampling
from app.core.r1.templates import history_for_template

_FINISH: dict[str, FinishReason] = {"stop": "stop", "length": "length"}
CHARS_PER_TOKEN = 3.5  # English prose and code average 3.5-4 characters a token in BPE vocabularies
ONE_TOKEN_CHARS = 8  # chunks longer than this on average carry several tokens (R1 Desk's do)


def count_tokens(chunks: int, chars: int) -> int:
    """Tokens that arrived in ``chunks`` chunks of ``chars`` characters: a chunk a token, as most
    servers stream, unless the chunks are too long for that; then estimated from the text."""
    return chunks if chars <= ONE_TOKEN_CHARS * chunks else math.ceil(chars / CHARS_PER_TOKEN)


def looks_like_r1(model: str) -> bool:
    """Whether a model name is an R1 model, whose official templates open ``<think>`` in the prompt.

    Only used for servers that send the reasoning inline: their output then starts inside the
    reasoning with no opening tag, which nothing in the stream can tell us. Only the name counts,
    not the folders of a path (llama-cpp-python's server names a model by its file path, and
    ``/home/r1dev/models/SmolLM2.gguf`` is no R1 model).
    """
    m = model.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return "r1" in m or "reasoner" in m


def build_request(
    model: str,
    messages: list[ChatMessage],
    sampling: Sampling,
    options: ChatOptions,
    kind: ServerKind,
    *,
    prefill: str | None = None,
) -> dict[str, Any]:
    """Keyword arguments for ``chat.completions.create``: the common API, plus what ``kind`` takes.

    Earlier assistant turns go without their reasoning (R1's rule; the original
    ``deepseek-reasoner`` answered 400 to ``reasoning_content`` in input messages). ``prefill``
    continues an assistant message the model has started (for "answer now").
    """
    s = sampling
    history: list[dict[str, Any]] = [_wire_turn(m) for m in history_for_template(messages)]
    extra: dict[str, Any] = {}
    if kind.sampling_extras:
        extra["top_k"] = s.top_k if s.top_k > 0 else kind.top_k_off
        extra["min_p"] = s.min_p
        if kind.repeat_key:
            extra[kind.repeat_key] = s.repeat_penalty
    if kind.budget_key and options.think and options.think_budget is not None:
        extra[kind.budget_key] = options.think_budget  # the server keeps it, to the token
    if not options.think:
        if kind.think_off == "template_kwargs":
            extra["chat_template_kwargs"] = {"enable_thinking": False}
        elif kind.think_off == "reasoning_effort":
            extra["reasoning_effort"] = "none"
    if prefill is not None:
        history = history + [{"role": "assistant", "content": prefill}]
        if kind.prefill == "continue_final_message":
            extra.update(continue_final_message=True, add_generation_prompt=False)
        else:  # llama-server refuses a prefill while its template's thinking is on
            extra["chat_template_kwargs"] = {"enable_thinking": False}
    req: dict[str, Any] = {
        "model": model,
        "messages": history,
        "stream": True,
        "stream_options": {"include_usage": True},
        "temperature": s.temperature,
        "top_p": s.top_p,
        "max_tokens": s.max_tokens,
    }
    if s.seed is not None:
        req["seed"] = s.seed
    if options.tools is not None:
        req.update(_tools(options.tools))
    if extra:
        req["extra_body"] = extra
    return req


def _wire_turn(m: dict[str, Any]) -> dict[str, Any]:
    """A turn as the OpenAI API takes it: a tool result names its call, not its function."""
    if m["role"] == "tool":
        return {"role": "tool", "content": m["content"], "tool_call_id": m.get("tool_call_id", "")}
    return m


def _tools(spec: ToolSpec) -> dict[str, Any]:
    """The request's tools, as the client sent them (the server parses and constrains calls)."""
    out: dict[str, Any] = {"tools": list(spec.tools)}
    if spec.name:
        out["tool_choice"] = {"type": "function", "function": {"name": spec.name}}
    elif spec.required:
        out["tool_choice"] = "required"
    if not spec.parallel:
        out["parallel_tool_calls"] = False
    return out


@dataclass
class StreamState:
    """One answer as it streams: the splitter, token counts, timing and the final ``Stats``.

    Attributes:
        inline_forced_open: for inline reasoning, whether the prompt opened ``<think>``.
        mode: "" until the first text; then "fields" (reasoning in its own field) or "inline".
        forced_answer: set after "answer now" closed the reasoning: a continuation's text is all
            answer, whichever field the server puts it in (vLLM's reasoning parser, seeing no
            ``</think>`` in the new output, would call it reasoning).
        spent_before, reasoning_before, chunks_before: tokens (all, and of the reasoning) and
            chunks of the request before a continuation, which the continuation's usage omits.
        response_id: the server's id for the answer (R1 Desk's Answer-now route takes it).
    """

    inline_forced_open: bool
    clock: Any = time.perf_counter
    mode: str = ""
    splitter: ReasoningSplitter | None = None
    t0: float = 0.0
    t_first: float = 0.0
    t_think_end: float = 0.0
    chunks: int = 0
    reasoning_chunks: int = 0
    chars: int = 0
    reasoning_chars: int = 0
    spent_before: int = 0
    reasoning_before: int = 0
    chunks_before: int = 0
    response_id: str = ""
    finish: str = ""
    early: AnsweredEarly = ""
    forced_answer: bool = False  # after "answer now": whatever the server sends is answer
    reasoning_text: list[str] = field(default_factory=list)
    usage: dict[str, int] = field(default_factory=dict)  # counts only (read_chunk leaves out what is not)
    received: int = 0  # chunks, empty ones too
    calls: dict[int, list[str]] = field(default_factory=dict)  # index -> [name, arguments]

    def __post_init__(self) -> None:
        self.t0 = self.clock()

    @property
    def in_reasoning(self) -> bool:
        return self.splitter is not None and self.splitter.in_reasoning and self.splitter.thought

    def past(self, max_tokens: int) -> bool:
        """Whether the server sent more than ``max_tokens`` tokens could be (also over an "answer now"
        continuation, which asks for as many again): counted as chunks, and as characters, at most
        ``MAX_TOKEN_CHARS`` a token. A server that ignores the limit is stopped here."""
        asked = 2 * max_tokens
        return self.chunks > asked + 64 or self.received > 2 * asked + 256 or self.chars > asked * MAX_TOKEN_CHARS

    def feed(self, reasoning: str | None, content: str | None) -> list[Delta]:
        """One chunk's text (either field may be empty) as Delta events."""
        self.received += 1
        if not reasoning and not content:
            return []
        if self.splitter is None:
            self.mode = "fields" if reasoning else "inline"
            self.splitter = ReasoningSplitter(self.mode == "inline" and self.inline_forced_open)
            self.t_first = self.clock()
        sp = self.splitter
        self.chars += len(reasoning or "") + len(content or "")
        if self.forced_answer:
            self._count(False)
            return [Delta(k, t) for k, t in sp.feed((reasoning or "") + (content or ""))]
        text = ""
        if reasoning:
            if self.mode == "fields" and not sp.thought:
                text = OPEN
            if self.mode == "fields" and sp.in_answer:
                # reasoning after the answer began: show it, but never reopen the pane's block
                self._count(True)
                self.reasoning_chars += len(reasoning)
                return [Delta("reasoning", reasoning)]
            text += reasoning
        if content:
            if self.mode == "fields" and sp.in_reasoning and sp.thought:
                text += CLOSE
            text += content
        was_reasoning = sp.in_reasoning
        pieces = [Delta(k, t) for k, t in sp.feed(text)]
        self._count(any(d.kind == "reasoning" for d in pieces) or (was_reasoning and not pieces))
        if was_reasoning and sp.finished_thinking and not self.t_think_end:
            self.t_think_end = self.clock()
        for d in pieces:
            if d.kind == "reasoning":
                self.reasoning_text.append(d.text)
                self.reasoning_chars += len(d.text)
        return pieces

    def spent(self) -> int:
        """Tokens generated so far."""
        return self.spent_before + count_tokens(self.chunks - self.chunks_before, self.chars)

    def reasoning_spent(self) -> int:
        """Reasoning tokens generated so far (what a thinking budget counts)."""
        return count_tokens(self.reasoning_chunks, self.reasoning_chars)

    def continue_after(self) -> None:
        """A new request continues this answer: what it will not count is kept here."""
        self.spent_before = self.spent()
        self.reasoning_before = self.reasoning_spent()
        self.chunks_before = self.chunks
        self.chars = 0
        self.usage = {}

    def call(self, index: int, call_id: str, name: str, arguments: str) -> ToolCallDelta:
        """A piece of a tool call the server parsed, kept to check its arguments at the end."""
        c = self.calls.setdefault(index, ["", ""])
        c[0] += name
        c[1] += arguments
        return ToolCallDelta(index, call_id, name, arguments)

    def _tool_stats(self) -> dict[str, Any]:
        bad = {i: check_arguments(args) for i, (_, args) in self.calls.items()}
        bad = {i: why for i, why in bad.items() if why}
        problem = "; ".join(f"the call to {self.calls[i][0] or 'a tool'} (#{i + 1}): {why}" for i, why in bad.items())
        return {"tool_calls": len(self.calls), "bad_tool_calls": tuple(bad), "tool_problem": problem}

    def _count(self, reasoning: bool) -> None:
        self.chunks += 1
        if reasoning:
            self.reasoning_chunks += 1

    def close_reasoning(self) -> list[Delta]:
        """End the reasoning here ("answer now", a thinking budget): the answer comes next."""
        if self.splitter is None:
            return []
        pieces = [Delta(k, t) for k, t in self.splitter.feed(CLOSE_REASONING)]
        self.t_think_end = self.clock()
        return pieces

    def reasoning_so_far(self) -> str:
        return "".join(self.reasoning_text)

    def end(self) -> list[Delta]:
        """Release what the splitter held back; call once when the stream is over."""
        return [Delta(k, t) for k, t in self.splitter.finish()] if self.splitter is not None else []

    def stats(self, cancelled: bool) -> Stats:
        """The final event. Token counts come from the server's usage report when it sends one,
        else from what arrived (``count_tokens``); after a continuation, the first request's
        tokens are added to the continuation's."""
        end = self.clock()
        u = self.usage  # counts only (read_chunk left out what was not)
        n = self.spent_before + (
            u.get("completion_tokens") or count_tokens(self.chunks - self.chunks_before, self.chars)
        )
        reasoning = u.get("reasoning_tokens", 0) + self.reasoning_before
        if not reasoning or not u:
            reasoning = self.reasoning_spent()
        cached = u.get("cached_tokens") or u.get("prompt_cache_hit_tokens") or 0
        first = self.t_first or end
        sp = self.splitter
        thought = sp is not None and sp.thought
        finish: FinishReason = "cancelled" if cancelled else _FINISH.get(self.finish, "stop")
        return Stats(
            prompt_tokens=u.get("prompt_tokens") or 0,
            cached_tokens=cached,
            generated_tokens=n,
            reasoning_tokens=reasoning if thought else 0,
            ttft_s=first - self.t0,
            tokens_per_s=(n - 1) / (end - first) if n > 1 and end > first else 0.0,
            elapsed_s=end - self.t0,
            thinking_s=((self.t_think_end or end) - first) if thought else 0.0,
            finish_reason=finish,
            forced_open=self.mode == "inline" and self.inline_forced_open,
            thought=thought,
            thinking_finished=sp is not None and sp.finished_thinking,
            answered_early=self.early,
            template="server",
            **self._tool_stats(),
        )
