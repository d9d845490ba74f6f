"""How a model is loaded, decided once for the CLI and the window: the context, the GPU layers,
and the fall back to the CPU when the GPU cannot take it.

The context defaults to R1's generation length (32K), capped by what the model was trained for.
GPU layers come from the memory estimate (``fit.judge``): every layer when the model fits,
the estimated share when it fits partly, none when it does not fit at all; a build without
GPU offload always loads on the CPU. A GPU load that fails is retried on the CPU, and the
caller is told why. A load that fails for good does not cost the user the model that was
working: the new file is checked before anything is unloaded, and when llama.cpp itself
refuses it (or its process dies), the previous model is loaded again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, replace

from app.core import errors
from app.core.inference.engine import Engine, ProgressCallback
from app.core.inference.events import BackendInfo, LoadParams, ModelFacts
from app.core.inference.gguf_header import GGUFInfo
from app.core.inference.kv_cache import KVCacheType
from app.core.models.hardware import Hardware
from app.core.r1.sampling import DEFAULT_CONTEXT


@dataclass(frozen=True)
class LoadRequest:
    """What the user asked for; ``None`` means "choose for me".

    Attributes:
        n_ctx: context length (None: 32K, or the model's maximum when smaller).
        n_gpu_layers: layers on the GPU (None: from the memory estimate; -1 all; 0 CPU only).
    """

    n_ctx: int | None = None
    n_gpu_layers: int | None = None
    n_threads: int | None = None
    flash_attn: bool = False
    kv_cache_type: KVCacheType = "f16"


def choose_context(requested: int | None, info: GGUFInfo) -> int:
    """The requested context, else R1's generation length, never beyond the model's own."""
    n_ctx = requested or DEFAULT_CONTEXT
    return min(n_ctx, info.context_length) if info.context_length else n_ctx


def choose_gpu_layers(
    request: LoadRequest, info: GGUFInfo, n_ctx: int, backend: BackendInfo, hardware: Hardware | None
) -> int:
    """Layers to offload: the user's number, else what the memory estimate says fits."""
    if not backend.gpu_offload:
        return 0
    if request.n_gpu_layers is not None:
        return request.n_gpu_layers
    if hardware is None or hardware.usable_gpu is None:
        return -1  # the build can offload but the GPU could not be probed: let llama.cpp try
    from app.core.models.fit import judge, shape_of

    fit = judge(shape_of(info), info.file_size, hardware, n_ctx, request.kv_cache_type, request.flash_attn)
    return {"gpu": -1, "partial": fit.gpu_layers}.get(fit.verdict, 0)


def plan_load(
    path: str, info: GGUFInfo, request: LoadRequest, backend: BackendInfo, hardware: Hardware | None = None
) -> LoadParams:
    """The parameters a load of ``path`` will use."""
    n_ctx = choose_context(request.n_ctx, info)
    return LoadParams(
        model=path,
        n_ctx=n_ctx,
        n_gpu_layers=choose_gpu_layers(request, info, n_ctx, backend, hardware),
        n_threads=request.n_threads,
        flash_attn=request.flash_attn,
        kv_cache_type=request.kv_cache_type,
    )


def load_with_fallback(
    engine: Engine,
    params: LoadParams,
    progress: ProgressCallback | None = None,
    notice: Callable[[str], None] | None = None,
) -> ModelFacts:
    """Load; when a GPU load fails, load on the CPU instead and say why through ``notice``.

    An architecture llama.cpp does not know fails the same on the CPU, so it is not retried.
    """
    try:
        return engine.load(params, progress)
    except errors.UnsupportedModelError:
        raise
    except errors.EngineError as e:
        if params.n_gpu_layers == 0 or params.vocab_only:
            raise
        if notice is not None:
            notice(f"Could not load on the GPU ({e}); loading on the CPU instead.")
        return engine.load(replace(params, n_gpu_layers=0), progress)


def load_model(
    engine: Engine,
    path: str,
    request: LoadRequest,
    *,
    hardware: Hardware | None = None,
    progress: ProgressCallback | None = None,
    notice: Callable[[str], None] | None = None,
) -> ModelFacts:
    """Check the file, plan the load for this machine and load it, falling back to the CPU.

    On failure the error is raised as it came, with the model that was loaded before still
    loaded (``engine.facts``), or loaded again when the failed attempt had dropped it.
    """
    from app.core.inference.gguf_header import read_gguf

    info = read_gguf(path)  # a damaged or foreign file stops here, before anything is unloaded
    params = plan_load(path, info, request, engine.backend_info(), hardware)
    # Only engines that load files know how they loaded them (the local one does).
    previous: LoadParams | None = getattr(engine, "params", None) if engine.loaded else None
    try:
        return load_with_fallback(engine, params, progress, notice)
    except errors.EngineError:
        if previous is not None and not engine.loaded:
            with contextlib.suppress(errors.EngineError):
                engine.load(previous)
        raise
