"""Will this model run well here? Memory estimates, a verdict per file, and one recommendation.

Memory = weights (the file size) + KV cache + compute buffers, as llama.cpp allocates them:
- KV cache = layers x context x KV heads x head size x (bytes per K element + per V element);
- compute buffers: llama.cpp reserves its scratch for the worst 512-token batch, the larger of
  the logits of every token in it (4 bytes x 512 x (vocabulary + 3 x embedding width)) and the
  attention (4 bytes x 512 x (context x (heads + 1) + 6 x embedding width): the scores and the
  mask; with flash attention only the f16 mask, 2 bytes x 512 x context, + 8 x embedding width),
  plus one token's logits for the output;
- a margin: 6 % of the KV cache and buffers and 1 % of the weights (backends allocate a little
  beyond their reports: alignment, graph copies).
Calibrated on llama.cpp's own allocation reports (tests/benchmarks/bench_memory_estimate.py:
SmolLM2 and the tiny test model at 2K-32K, f16 with flash attention off and on, q8_0 and q4_0
with it on: +2.7 % to +6.0 % above the allocation; llama-cpp-python 0.3.36's llama.cpp, CPU
backend). A file whose last load needed more than estimated carries a correction
(``model_defaults``).
R1 thinks long, so estimates default to a 32K context (the paper's generation length).

Free memory is the machine's at the moment of the probe (``hardware.detect``): the RAM that is
available now (other programs' use left out), and each GPU's free memory; several GPUs pool.

Speed: token generation reads every weight once per token, so tokens/s is about memory
bandwidth / model size. Bandwidth is a rough class figure (a GPU's, a Mac's unified memory,
or ~4 GB/s per CPU core up to 60 GB/s, calibrated on SmolLM2 here); the result is labelled
as an estimate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from app.core.models.catalog import CatalogModel, Shape, Variant
from app.core.models.gguf_header import GGUFInfo
from app.core.models.hardware import APP_RESERVE, Hardware
from app.core.models.kv_cache import KV_TYPES
from app.core.models.load_config import PLAIN, LoadConfig
from app.core.r1.sampling import DEFAULT_CONTEXT

__all__ = [
    "DEFAULT_CONTEXT",
    "Fit",
    "MemoryEstimate",
    "estimate",
    "judge",
    "judge_config",
    "judge_variant",
    "recommend",
    "shape_of",
]
USABLE_TOKENS_PER_S = 5.0  # below this an R1 answer (thousands of tokens) takes far too long
UPGRADE_TOKENS_PER_S = 8.0  # a larger quant is chosen only while it stays this fast
_N_UBATCH = 512
_MARGIN_BUFFERS = 0.06
_MARGIN_WEIGHTS = 0.01
_GPU_RESERVE = 0.5e9  # the CUDA/Metal context and driver buffers, never available to llama.cpp
PARTIAL_MARGIN = 0.1  # a partial offload leaves out this share of the layers that seem to fit

Verdict = Literal["gpu", "partial", "cpu", "too_large"]
VERDICT_LABELS = {"gpu": "fits on GPU", "partial": "partial offload", "cpu": "CPU only", "too_large": "too large"}


@dataclass(frozen=True)
class MemoryEstimate:
    weights: int
    kv_cache: int
    compute: int

    @property
    def total(self) -> int:
        return self.weights + self.kv_cache + self.compute


@dataclass(frozen=True)
class Fit:
    """The verdict for one file at one context length on one machine.

    Attributes:
        verdict: gpu / partial / cpu / too_large.
        gpu_layers: layers to offload (0 for CPU only; all layers for "gpu").
        layers: the model's layer count.
        memory: the estimate behind the verdict.
        tokens_per_s: estimated generation speed (None when it cannot run).
        detail: one sentence with the numbers, for a tooltip or the CLI.
    """

    verdict: Verdict
    gpu_layers: int
    layers: int
    memory: MemoryEstimate
    tokens_per_s: float | None
    detail: str

    @property
    def label(self) -> str:
        if self.verdict == "partial":
            return f"partial offload: {self.gpu_layers} of {self.layers} layers"
        return VERDICT_LABELS[self.verdict]

    @property
    def usable(self) -> bool:
        return self.tokens_per_s is not None and self.tokens_per_s >= USABLE_TOKENS_PER_S


def estimate(
    shape: Shape,
    weights: int,
    n_ctx: int = DEFAULT_CONTEXT,
    kv_type: str = "f16",
    flash_attn: bool = False,
    *,
    type_v: str | None = None,
    correction: float = 1.0,
) -> MemoryEstimate:
    """Memory for ``weights`` bytes of ``shape`` at ``n_ctx`` tokens (K cache ``kv_type``, V cache
    ``type_v`` or the same); ``correction``: what this file's last load measured (1.0: none)."""
    per_element = KV_TYPES[kv_type].bytes_per_element + KV_TYPES[type_v or kv_type].bytes_per_element
    kv = int(shape.layers * n_ctx * shape.kv_heads * shape.head_dim * per_element)
    u = min(_N_UBATCH, n_ctx)
    logits = 4 * u * (shape.vocab + 3 * shape.embedding)
    if flash_attn:
        attention = 2 * u * n_ctx + 4 * u * 8 * shape.embedding
    else:
        attention = 4 * u * (n_ctx * (shape.heads + 1) + 6 * shape.embedding)
    compute = max(logits, attention) + 4 * shape.vocab
    margin = _MARGIN_BUFFERS * (kv + compute) + _MARGIN_WEIGHTS * weights
    extra = max(0.0, correction - 1.0) * (weights + kv + compute + margin)
    return MemoryEstimate(weights, kv, int(compute + margin + extra))


def _gb(n: float) -> str:
    return f"{n / 1e9:.1f} GB" if n >= 10**8 else f"{n / 1e6:.0f} MB"  # a test model's few MB read as such


def _cpu_bandwidth(hw: Hardware) -> float:
    return min(60e9, 4e9 * (hw.physical_cores or 2))


def _gpu_bandwidth(hw: Hardware) -> float:
    gpu = hw.usable_gpu
    if gpu is None:
        return 0.0
    return 100e9 if gpu.unified else 300e9


def ram_budget(hw: Hardware) -> int:
    """Memory a model may use: total RAM less room for the system and the app, and never more
    than is available now (other programs' memory is not the model's)."""
    total = hw.ram_total or 8 * 10**9
    budget = int(total - max(2 * 10**9, total * 0.15))
    if hw.ram_available is not None:
        budget = min(budget, hw.ram_available - APP_RESERVE)
    return max(0, budget)


def judge(
    shape: Shape,
    weights: int,
    hw: Hardware,
    n_ctx: int = DEFAULT_CONTEXT,
    kv_type: str = "f16",
    flash_attn: bool = False,
    *,
    type_v: str | None = None,
    correction: float = 1.0,
) -> Fit:
    """Where a file would run on ``hw`` and about how fast."""
    mem = estimate(shape, weights, n_ctx, kv_type, flash_attn, type_v=type_v, correction=correction)
    ram = ram_budget(hw)
    gpu = hw.usable_gpu
    per_layer = (mem.weights + mem.kv_cache) / shape.layers
    if gpu is not None and not gpu.unified:
        vram = int(gpu.free_bytes - _GPU_RESERVE * gpu.count)
        if mem.total <= vram:
            return Fit(
                "gpu",
                shape.layers,
                shape.layers,
                mem,
                _gpu_bandwidth(hw) / weights,
                f"needs {_gb(mem.total)} (weights {_gb(mem.weights)} + KV cache {_gb(mem.kv_cache)} + "
                f"buffers {_gb(mem.compute)}); {gpu.name} has {_gb(gpu.free_bytes)} free",
            )
        n = _with_margin(min(int(max(0, vram - mem.compute) // per_layer), shape.layers - 1))
        cpu_part = mem.total - n * per_layer
        if n > 0 and cpu_part <= ram:
            # Time per token: the GPU's share at GPU speed plus the rest at CPU speed.
            t = n * per_layer / _gpu_bandwidth(hw) + (weights - n * weights / shape.layers) / _cpu_bandwidth(hw)
            return Fit(
                "partial",
                n,
                shape.layers,
                mem,
                1 / t,
                f"needs {_gb(mem.total)}; {n} of {shape.layers} layers fit in {gpu.name}'s "
                f"{_gb(gpu.free_bytes)} free, the rest ({_gb(cpu_part)}) runs from RAM",
            )
    if gpu is not None and gpu.unified and mem.total <= gpu.free_bytes:
        return Fit(
            "gpu",
            shape.layers,
            shape.layers,
            mem,
            _gpu_bandwidth(hw) / weights,
            f"needs {_gb(mem.total)} of the {_gb(gpu.free_bytes)} of unified memory Metal can use",
        )
    if mem.total <= ram:
        return Fit(
            "cpu",
            0,
            shape.layers,
            mem,
            _cpu_bandwidth(hw) / weights,
            f"needs {_gb(mem.total)} (weights {_gb(mem.weights)} + KV cache {_gb(mem.kv_cache)} + buffers "
            f"{_gb(mem.compute)}) of the {_gb(ram)} of RAM a model can use here",
        )
    return Fit(
        "too_large",
        0,
        shape.layers,
        mem,
        None,
        f"needs {_gb(mem.total)} (weights {_gb(mem.weights)} + KV cache {_gb(mem.kv_cache)} at "
        f"{n_ctx // 1024}K context), more than this machine's {_gb(ram)} usable RAM"
        + (f" and {gpu.name}'s {_gb(gpu.free_bytes)}" if gpu else ""),
    )


def _with_margin(n: int) -> int:
    """Layers to offload when ``n`` seem to fit: fewer by ``PARTIAL_MARGIN`` (at least one).

    The estimate leaves out what the GPU backend allocates beyond llama.cpp's own buffers
    (cuBLAS workspaces, graph copies, other programs' use between the probe and the load), and
    a load that runs out of GPU memory costs a failed attempt; a layer left on the CPU costs
    only its share of the speed.
    """
    return max(0, n - max(1, math.ceil(n * PARTIAL_MARGIN))) if n > 0 else 0


def judge_config(
    shape: Shape, weights: int, hw: Hardware, config: LoadConfig, n_ctx: int, correction: float = 1.0
) -> Fit:
    """``judge`` with a load configuration's KV-cache types and flash attention, at ``n_ctx``."""
    return judge(
        shape,
        weights,
        hw,
        n_ctx,
        config.type_k,
        config.flash_counted,
        type_v=config.type_v,
        correction=correction,
    )


def judge_variant(
    v: Variant,
    hw: Hardware,
    n_ctx: int = DEFAULT_CONTEXT,
    config: LoadConfig = PLAIN,
    size: int | None = None,
    correction: float = 1.0,
) -> Fit:
    """A catalog file's fit at ``n_ctx`` tokens, loaded as ``config`` says (default: f16, no flash attention)."""
    return judge_config(v.model.shape, size or v.size, hw, config, n_ctx, correction)


@dataclass(frozen=True)
class Recommendation:
    variant: Variant
    fit: Fit
    why: str


def recommend(
    models: tuple[CatalogModel, ...] | list[CatalogModel],
    hw: Hardware,
    n_ctx: int = DEFAULT_CONTEXT,
    config: LoadConfig = PLAIN,
) -> Recommendation | None:
    """The largest distill that runs at a usable speed here, in the best quant that stays fast.

    Models are tried from the most parameters down (the seed article's advice: the 14B for
    desktop coding when it fits, otherwise step down); Q4_K_M first, then larger quants while
    they keep the same placement and at least UPGRADE_TOKENS_PER_S.
    """
    for m in sorted(models, key=lambda m: m.params, reverse=True):
        try:
            base = m.variant()
        except Exception:
            continue
        fit = judge_variant(base, hw, n_ctx, config)
        if fit.verdict == "too_large" or not fit.usable:
            continue
        best, best_fit = base, fit
        for v in m.variants:
            if v.size <= base.size:
                continue
            f = judge_variant(v, hw, n_ctx, config)
            if f.verdict == fit.verdict and f.tokens_per_s and f.tokens_per_s >= UPGRADE_TOKENS_PER_S:
                best, best_fit = v, f
        speed = f"about {best_fit.tokens_per_s:.0f} tokens/s" if best_fit.tokens_per_s else ""
        why = (
            f"The largest distill that runs at a usable speed here ({best_fit.label}, {speed}, "
            f"{n_ctx // 1024}K context of thinking)."
        )
        return Recommendation(best, best_fit, why)
    return None


def shape_of(info: GGUFInfo) -> Shape:
    """The shape of a model file, read from its header."""
    return Shape(
        layers=max(1, info.n_layers),
        heads=max(1, info.n_heads),
        kv_heads=max(1, info.n_kv_heads),
        head_dim=max(1, info.head_dim),
        embedding=info.embedding_length,
        vocab=info.n_vocab,
    )
