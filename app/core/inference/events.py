"""The vocabulary every engine speaks: load parameters, chat options, facts, and stream events.

Plain frozen dataclasses, so they pickle cheaply across the model process's pipe and read the
same for the local engine, a remote one, the window, the CLI and the server.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, get_args

from app.core.models.hardware import Device
from app.core.models.kv_cache import KVCacheType
from app.core.models.load_config import FlashAttn
from app.core.r1.reasoning import Kind
from app.core.r1.sampling import DEFAULT_CONTEXT
from app.core.r1.tool_calls import ToolCallDelta, ToolFormat, ToolSpec

FinishReason = Literal["stop", "length", "cancelled", "loop"]
TemplateSource = Literal["gguf", "fallback", "server"]  # server: a remote server rendered the prompt
AnsweredEarly = Literal["", "answer_now", "budget", "loop"]
# {"role": ..., "content": ...}; an assistant turn may carry "tool_calls" (OpenAI's shape, its
# content then None), a "tool" turn "tool_call_id" and "name".
ChatMessage = dict[str, Any]


@dataclass(frozen=True)
class LoadParams:
    """How to load a model.

    Attributes:
        model: a GGUF path for the local engine; a model name for a remote one.
        n_gpu_layers: -1 offloads every layer, 0 none.
        n_threads: threads for token generation (None: one per physical core).
        n_threads_batch: threads for prompt evaluation (None: one per physical core); see
            ``inference/threads.py``.
        tune_threads: while streaming, measure whether fewer (or more, up to
            ``n_threads_batch``) generation threads are faster and switch (``thread_tuner.py``).
        flash_attn: auto (llama.cpp decides), on or off.
        type_k, type_v: the KV cache's element types.
        vocab_only: load only the tokenizer (for ``--dry-run`` and token counts).
        n_seq: answers decoded together (``parallel.py``: samples, the API's slots); the KV
            cache holds ``n_ctx`` tokens for each.
        draft_model: a GGUF with the same vocabulary that drafts for this one (``draft_model.py``;
            "": none, prompt lookup only).
    """

    model: str
    n_ctx: int = DEFAULT_CONTEXT
    n_gpu_layers: int = 0
    n_threads: int | None = None
    n_threads_batch: int | None = None
    tune_threads: bool = False
    flash_attn: FlashAttn = "off"
    type_k: KVCacheType = "f16"
    type_v: KVCacheType = "f16"
    use_mmap: bool = True
    vocab_only: bool = False
    n_seq: int = 1
    draft_model: str = ""


@dataclass(frozen=True)
class ChatOptions:
    """Per-request controls beyond sampling.

    Attributes:
        think: False pre-fills an empty reasoning block so the model answers directly.
        think_budget: reasoning tokens after which the reasoning is closed ("answer now").
        loop_guard: close a reasoning that repeats itself; stop an answer that does.
        grammar: a GBNF grammar constraining the output (tests use it to force exact text).
        force_think: with ``think`` on, an R1 prompt that does not open the reasoning itself
            (older GGUF templates) gets ``<think>\n`` appended, as DeepSeek's usage notes ask.
        raw_prompt: evaluate this text as the whole prompt, without the chat template (the
            API's ``/v1/completions``); the messages are then ignored.
        hold_at: a seam for tests: Stop and Answer now take effect exactly after this many
            generated tokens, whenever they were pressed. The loop ignores them before that
            token and waits there (up to a minute) until one is set, so a test's assertion on
            token counts holds on an idle machine and a loaded one alike.
        draft: speculative decoding (``drafts.py``): verify drafted tokens in one batch where
            that pays; the output is the same either way.
        draft_fixed: a seam for tests: draft exactly this many tokens whenever a draft exists,
            without adapting the length to what pays.
        tools: tools the model may call (the API's ``tools``); calls stream as ``ToolCallDelta``.
    """

    think: bool = True
    think_budget: int | None = None
    loop_guard: bool = True
    grammar: str | None = None
    force_think: bool = True
    raw_prompt: str | None = None
    hold_at: int | None = None
    draft: bool = True
    draft_fixed: int | None = None
    tools: ToolSpec | None = None


@dataclass(frozen=True)
class RenderedPrompt:
    """The exact prompt text a request evaluates.

    Attributes:
        text: the prompt, special tokens written out.
        n_tokens: its length in tokens.
        forced_open: whether it ends inside an open ``<think>``.
        template: "gguf" (the model's own) or "fallback" (the app's R1 format).
        template_problem: why the model's own template was not used, when it was not.
        think_forced: the app appended ``<think>\n`` (the template did not open the reasoning).
        tool_format: how the answer's tool calls are written ("" when the request offers no
            tools or the template has no tool-call turns).
    """

    text: str
    n_tokens: int
    forced_open: bool
    template: Literal["gguf", "fallback"]
    template_problem: str | None = None
    think_forced: bool = False
    tool_format: ToolFormat | Literal[""] = ""


@dataclass(frozen=True)
class TokenCount:
    """Token counts for pieces of text and, when asked, for a whole prompt.

    Attributes:
        counts: tokens of each text, in order (no BOS; special-token text counts as the template
            would tokenize it).
        prompt_tokens: the rendered prompt's length (None when no messages were given).
        estimated: counted from the text's length, not with the model's tokenizer (a remote model).
    """

    counts: list[int]
    prompt_tokens: int | None = None
    estimated: bool = False


@dataclass(frozen=True)
class ModelFacts:
    """What the loaded model and the engine report.

    Attributes:
        path: the model file (or the remote model's name).
        name: what the UI calls the model.
        quantization: Q4_K_M, ... ("" when unknown).
        buffers_mib: llama.cpp's allocations by buffer ("CPU KV" -> MiB).
        flash_attn: whether llama.cpp ran with flash attention (what "auto" became).
        memory_estimate, memory_used: bytes the fit estimate expected and llama.cpp allocated
            (0 when not known: a remote model); see ``load_policy.load_model``.
    """

    path: str
    n_ctx: int
    n_ctx_train: int
    n_vocab: int
    n_params: int
    size_bytes: int
    description: str
    backend: str
    gpu_offload: bool
    n_gpu_layers: int
    n_threads: int
    has_template: bool
    load_seconds: float
    buffers_mib: dict[str, float] = field(default_factory=dict)
    name: str = ""
    quantization: str = ""
    flash_attn: bool = False
    type_k: KVCacheType = "f16"
    type_v: KVCacheType = "f16"
    memory_estimate: int = 0
    memory_used: int = 0


@dataclass(frozen=True)
class BackendInfo:
    """Which llama.cpp backends this build of llama-cpp-python has (or where a remote one runs)."""

    name: str  # "CUDA", "Metal", "Vulkan", "CPU", ...
    gpu_offload: bool
    system_info: str
    llama_cpp_python: str
    llama_cpp: str = ""  # the llama.cpp library's own version (Help ▸ About)
    devices: tuple[Device, ...] | None = None  # llama.cpp's devices (None: it could not list them)


# ---- events streamed back --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Delta:
    """A piece of streamed text and which part of the output it belongs to."""

    kind: Kind
    text: str


@dataclass(frozen=True)
class Stats:
    """The final event of a stream.

    Times are seconds. ``thinking_s`` runs from the first token to ``</think>`` (or to the end
    when the thinking never finished). ``tool_calls``: the calls the answer made; ``bad_tool_calls``
    the indexes of those that cannot be used, and ``tool_problem`` why.
    """

    prompt_tokens: int
    cached_tokens: int
    generated_tokens: int
    reasoning_tokens: int
    ttft_s: float
    tokens_per_s: float
    elapsed_s: float
    thinking_s: float
    finish_reason: FinishReason
    forced_open: bool
    thought: bool
    thinking_finished: bool
    answered_early: AnsweredEarly
    template: TemplateSource
    template_problem: str | None = None
    think_forced: bool = False
    drafted_tokens: int = 0
    accepted_tokens: int = 0
    tool_calls: int = 0
    bad_tool_calls: tuple[int, ...] = ()
    tool_problem: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Stats:
        """Read back what ``to_dict`` wrote, by an older app version too (missing fields zeroed),
        or what an imported file says: a value of the wrong type or out of range (a count as a
        string, 10**30, NaN) is zeroed too, so showing the statistics never fails."""
        fine = {k: v for k, v in data.items() if k in _STATS_DEFAULTS and not _stats_problem(k, v)}
        values = {**_STATS_DEFAULTS, **fine}
        values["bad_tool_calls"] = tuple(values["bad_tool_calls"])  # JSON keeps it as a list
        return cls(**values)

    @staticmethod
    def problems(data: dict[str, Any]) -> list[str]:
        """The fields of ``data`` that ``from_dict`` would zero because they are no figures."""
        return [k for k, v in data.items() if k in _STATS_DEFAULTS and _stats_problem(k, v)]


_STATS_DEFAULTS: dict[str, Any] = {
    "prompt_tokens": 0,
    "cached_tokens": 0,
    "generated_tokens": 0,
    "reasoning_tokens": 0,
    "ttft_s": 0.0,
    "tokens_per_s": 0.0,
    "elapsed_s": 0.0,
    "thinking_s": 0.0,
    "finish_reason": "stop",
    "forced_open": False,
    "thought": False,
    "thinking_finished": True,
    "answered_early": "",
    "template": "gguf",
    "template_problem": None,
    "think_forced": False,
    "drafted_tokens": 0,
    "accepted_tokens": 0,
    "tool_calls": 0,
    "bad_tool_calls": (),
    "tool_problem": "",
}
_STATS_CHOICES: dict[str, tuple[object, ...]] = {
    "finish_reason": get_args(FinishReason),
    "answered_early": get_args(AnsweredEarly),
    "template": get_args(TemplateSource),
}
MAX_FIGURE = 10**12  # no count or time of one answer comes near this; SQLite's integers end at 2**63


def _stats_problem(name: str, value: Any) -> bool:
    """Whether ``value`` is not a valid ``name`` of Stats (by the type of its default)."""
    default = _STATS_DEFAULTS[name]
    if name in _STATS_CHOICES:
        return value not in _STATS_CHOICES[name]
    if name == "template_problem":
        return value is not None and not isinstance(value, str)
    if name == "tool_problem":
        return not isinstance(value, str)
    if name == "bad_tool_calls":
        return not isinstance(value, (list, tuple)) or not all(
            isinstance(i, int) and not isinstance(i, bool) and 0 <= i <= MAX_FIGURE for i in value
        )
    if isinstance(default, bool):
        return not isinstance(value, bool)
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or (isinstance(default, int) and not isinstance(value, int))
    ):
        return True
    return not (math.isfinite(value) and 0 <= value <= MAX_FIGURE)


@dataclass(frozen=True, slots=True)
class Tick:
    """Generation so far, sent now and then so a window can show live speed and context use."""

    generated_tokens: int
    tokens_per_s: float


@dataclass(frozen=True, slots=True)
class Reading:
    """Progress through a long prompt before the first token (10K tokens of code take minutes
    on a CPU): ``done`` of ``total`` prompt tokens are in the KV cache, reused ones included."""

    done: int
    total: int


@dataclass(frozen=True)
class Progress:
    """Loading progress, 0..1."""

    fraction: float


Event = Delta | Tick | Stats | Reading | ToolCallDelta
