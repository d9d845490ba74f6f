"""How a model is loaded: one configuration for the CLI, the API, the window's loader, the picker's
badges and the memory estimate alike.

The context, the GPU layers, the KV-cache element types (K and V), flash attention and the CPU
threads. ``None`` means "choose for this machine" (the context: 32K or the model's own maximum;
the GPU layers: from the memory estimate; the threads: ``inference/threads.py``).

Flash attention is "auto" (llama.cpp turns it on where the backend supports it for the model,
which every backend does for these models today), "on" or "off". A quantized V cache is stored
by llama.cpp's flash-attention kernels only, so q8_0 and q4_0 need it: :meth:`LoadConfig.checked`
switches it on and says so. The estimate counts "auto" as on; a load where llama.cpp decided
otherwise shows up in the comparison of the estimate with its allocation (``model_defaults``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any, Literal, get_args

from app.core.models.kv_cache import KV_TYPE_NAMES, KV_TYPES, KVCacheType
from app.core.r1.sampling import DEFAULT_CONTEXT

FlashAttn = Literal["auto", "on", "off"]
FLASH_CHOICES: tuple[FlashAttn, ...] = get_args(FlashAttn)
FLASH_NEEDED = (
    "The {kv} KV cache needs flash attention, so flash attention is on for this load "
    "(choose the f16 KV cache to load without it)."
)


@dataclass(frozen=True)
class LoadConfig:
    """Attributes:
    n_ctx: context length (None: R1's 32K, or the model's maximum when smaller).
    n_gpu_layers: layers on the GPU (None: what the memory estimate says fits; -1 all; 0 none).
    type_k, type_v: the KV cache's element types (f16, q8_0, q4_0).
    flash_attn: auto / on / off.
    n_threads: CPU threads (None: chosen for this machine).
    parallel: answers decoded together (the samples of one question, the API's slots); the KV
        cache holds the context for each, so the estimate counts it that many times.
    draft: a draft model for speculative decoding (a path or catalog id; None: prompt lookup only).
    """

    n_ctx: int | None = None
    n_gpu_layers: int | None = None
    type_k: KVCacheType = "f16"
    type_v: KVCacheType = "f16"
    flash_attn: FlashAttn = "auto"
    n_threads: int | None = None
    parallel: int = 1
    draft: str | None = None

    @property
    def flash_counted(self) -> bool:
        """Whether the memory estimate counts flash attention as on ("auto" counts as on)."""
        return self.flash_attn != "off"

    def context(self, model_max: int | None = None) -> int:
        """The context this configuration loads ``model_max``-token model with."""
        n = self.n_ctx or DEFAULT_CONTEXT
        return min(n, model_max) if model_max else n

    def checked(self) -> tuple[LoadConfig, str]:
        """This configuration as llama.cpp can load it, and a sentence when something changed.

        A quantized KV cache with flash attention off gets flash attention on; with "auto" it is
        set to on without a word (auto would choose it anyway, and must not choose otherwise).
        """
        quantized = [t for t in (self.type_k, self.type_v) if KV_TYPES[t].needs_flash_attn]
        if not quantized or self.flash_attn == "on":
            return self, ""
        note = FLASH_NEEDED.format(kv=quantized[0]) if self.flash_attn == "off" else ""
        return replace(self, flash_attn="on"), note

    @property
    def kv_text(self) -> str:
        return self.type_k if self.type_k == self.type_v else f"K {self.type_k}, V {self.type_v}"

    def describe(self, n_ctx: int | None = None) -> str:
        """One line for the CLI: what a load (or an estimate) assumes."""
        ctx = f"{n_ctx or self.context():,} tokens of context"
        layers = {None: "GPU layers from the estimate", -1: "all layers on the GPU", 0: "no GPU layers"}.get(
            self.n_gpu_layers, f"{self.n_gpu_layers} GPU layers"
        )
        flash = "auto (counted as on)" if self.flash_attn == "auto" else self.flash_attn
        threads = f", {self.n_threads} threads" if self.n_threads else ""
        parallel = f", {self.parallel} answers at once (KV cache for each)" if self.parallel > 1 else ""
        draft = f", draft model {self.draft}" if self.draft else ""
        return f"{ctx}, KV cache {self.kv_text}, flash attention {flash}, {layers}{threads}{parallel}{draft}"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: object) -> LoadConfig | None:
        """A configuration from saved JSON, or None when the data is not one (a damaged file)."""
        if not isinstance(data, dict):
            return None
        try:
            c = cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})
        except TypeError:
            return None
        ok = (
            c.type_k in KV_TYPE_NAMES
            and c.type_v in KV_TYPE_NAMES
            and c.flash_attn in FLASH_CHOICES
            and all(v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in _numbers(c))
            and isinstance(c.parallel, int)
            and 1 <= c.parallel <= MAX_PARALLEL
            and (c.draft is None or isinstance(c.draft, str))
        )
        return c if ok else None


MAX_PARALLEL = 16  # the most answers decoded together (llama.cpp allows 256 sequences)
PLAIN = LoadConfig(flash_attn="off")  # llama-cpp-python's own load: f16, no flash attention


def _numbers(c: LoadConfig) -> tuple[int | None, ...]:
    return (c.n_ctx, c.n_gpu_layers, c.n_threads)
