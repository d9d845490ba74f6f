"""The network-free half of the remote engine: the request body, and turning streamed chunks into
the same ``Delta`` events and ``Stats`` the local engine produces.

Servers deliver R1's reasoning two ways: in a separate field (``reasoning_content`` from the
DeepSeek API, vLLM's ``--reasoning-parser deepseek_r1`` and llama-server's
``--reasoning-format deepseek``; ``reasoning`` from newer vLLM and Ollama), or inline as
``<think>…</think>`` text in ``content``. :class:`StreamState` writes the separate field back as
tagged text, so both ways go through the one :class:`ReasoningSplitter` and come out alike.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from app.core.config.server_kinds import ServerKind
from app.core.inference.events import AnsweredEarly, ChatMessage, ChatOptions, Delta, FinishReason, Stats
from app.core.r1.reasoning import CLOSE, CLOSE_REASONING, OPEN, ReasoningSplitter
from app.core.r1.sampling import Sampling
from app.core.r1.templates import history_for_template

_FINISH: dict[str, FinishReason] = {"stop": "stop", "length": "length"}
MAX_COUNT = 10**9  # a usage figure above this (or below 0) is not a count
MAX_TOKEN_CHARS = 256  # no vocabulary has a longer token: more text than this per token asked for is too much
_SCALARS = (str, bytes, int, float, bool, list, tuple)


class Malformed(ValueError):
    """A chunk field that is not what the OpenAI API says it is (the text says which, and what it was)."""


@dataclass(frozen=True)
class ChunkParts:
    """What one streamed chunk says, checked: text fields are text, the usage figures are counts."""

    reasoning: str | None = None
    content: str | None = None
    finish: str | None = None
    usage: dict[str, int] | None = None


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
    if not choices:
        return ChunkParts(usage=usage)
    choice = choices[0]  # one answer per request (n=1)
    delta = _get(choice, "delta", "choices[0]")
    reasoning = _get(delta, "reasoning_content", "delta")
    if reasoning is None:
        reasoning = _get(delta, "reasoning", "delta")
    return ChunkParts(
        reasoning=_text(reasoning, "delta.reasoning_content"),
        content=_text(_get(delta, "content", "delta"), "delta.content"),
        finish=_text(_get(choice, "finish_reason", "choices[0]"), "finish_reason"),
        usage=usage,
    )


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
    history: list[dict[str, str]] = history_for_template(messages)
    extra: dict[str, Any] = {}
    if kind.sampling_extras:
        extra["top_k"] = s.top_k if s.top_k > 0 else kind.top_k_off
        extra["min_p"] = s.min_p
        if kind.repeat_key:
            extra[kind.repeat_key] = s.repeat_penalty
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
    if extra:
        req["extra_body"] = extra
    return req


@dataclass
class StreamState:
    """One answer as it streams: the splitter, token counts, timing and the final ``Stats``.

    Attributes:
        inline_forced_open: for inline reasoning, whether the prompt opened ``<think>``.
        mode: "" until the first text; then "fields" (reasoning in its own field) or "inline".
        forced_answer: set after "answer now" closed the reasoning: a continuation's text is all
            answer, whichever field the server puts it in (vLLM's reasoning parser, seeing no
            ``</think>`` in the new output, would call it reasoning).
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
    finish: str = ""
    early: AnsweredEarly = ""
    forced_answer: bool = False  # after "answer now": whatever the server sends is answer
    reasoning_text: list[str] = field(default_factory=list)
    usage: dict[str, int] = field(default_factory=dict)
    received: int = 0  # chunks, empty ones too
    chars: int = 0  # of reasoning and answer text

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
        self.chars += len(reasoning or "") + len(content or "")
        if self.splitter is None:
            self.mode = "fields" if reasoning else "inline"
            self.splitter = ReasoningSplitter(self.mode == "inline" and self.inline_forced_open)
            self.t_first = self.clock()
        sp = self.splitter
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
        return pieces

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
        else from the number of chunks (servers send about one token per chunk)."""
        end = self.clock()
        u = self.usage  # counts only (read_chunk left out what was not)
        n = u.get("completion_tokens") or self.chunks
        reasoning = u.get("reasoning_tokens") or self.reasoning_chunks
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
        )
