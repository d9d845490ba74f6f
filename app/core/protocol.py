"""What crosses the boundary between the app and the model process: requests and stream events.

Plain frozen dataclasses, so they pickle cheaply (one ``Delta`` per token crosses a pipe) and
read the same on both sides.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Union

from app.core.reasoning import Kind
from app.core.sampling import Sampling

KVCacheType = Literal["f16", "q8_0", "q4_0"]
FinishReason = Literal["stop", "length", "cancelled", "loop"]
ChatMessage = dict[str, str]  # {"role": ..., "content": ...}


@dataclass(frozen=True)
class LoadParams:
    """How to load a model. ``n_gpu_layers=-1`` offloads every layer; ``n_threads=None`` picks
    the number of physical cores."""

    path: str
    n_ctx: int = 32_768
    n_gpu_layers: int = 0
    n_threads: int | None = None
    flash_attn: bool = False
    kv_cache_type: KVCacheType = "f16"
    use_mmap: bool = True
    vocab_only: bool = False


@dataclass(frozen=True)
class ChatOptions:
    """Per-request controls beyond sampling.

    Attributes:
        think: False pre-fills an empty reasoning block so the model answers directly.
        think_budget: reasoning tokens after which the reasoning is closed ("answer now").
        loop_guard: close a reasoning that repeats itself; stop an answer that does.
        grammar: a GBNF grammar constraining the output (tests use it to force exact text).
    """

    think: bool = True
    think_budget: int | None = None
    loop_guard: bool = True
    grammar: str | None = None


@dataclass(frozen=True)
class ChatRequest:
    messages: list[ChatMessage]
    sampling: Sampling = field(default_factory=Sampling)
    options: ChatOptions = field(default_factory=ChatOptions)


@dataclass(frozen=True)
class RenderedPrompt:
    """The exact prompt text a request evaluates.

    Attributes:
        text: the prompt, special tokens written out.
        n_tokens: its length in tokens.
        forced_open: whether it ends inside an open ``<think>``.
        template: "gguf" (the model's own) or "fallback" (the app's R1 format).
        template_problem: why the model's own template was not used, when it was not.
    """

    text: str
    n_tokens: int
    forced_open: bool
    template: Literal["gguf", "fallback"]
    template_problem: str | None = None


@dataclass(frozen=True)
class ModelFacts:
    """What the loaded model and this llama.cpp build report."""

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
    buffers_mib: dict[str, float] = field(default_factory=dict)  # llama.cpp's allocations


@dataclass(frozen=True)
class BackendInfo:
    """Which llama.cpp backends this build of llama-cpp-python has."""

    name: str  # "CUDA", "Metal", "Vulkan", "CPU", ...
    gpu_offload: bool
    system_info: str
    llama_cpp_python: str


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
    when the thinking never finished).
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
    answered_early: Literal["", "answer_now", "budget", "loop"]
    template: Literal["gguf", "fallback"]
    template_problem: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Tick:
    """Generation so far, sent now and then so a window can show live speed and context use."""

    generated_tokens: int
    tokens_per_s: float


@dataclass(frozen=True)
class Progress:
    """Loading progress, 0..1."""

    fraction: float


@dataclass(frozen=True)
class Failed:
    """An error in the model process, re-raised in the app as ``errors.<error>``."""

    error: str
    message: str


Event = Union[Delta, Tick, Stats]
