"""How a model is loaded, decided once for the CLI and the window: the context, the GPU layers,
and the fall back to the CPU when the GPU cannot take it.

The context defaults to R1's generation length (32K), capped by what the model was trained for.
GPU layers come from the memory estimate (``fit.judge``): every layer when the model fits,
the estimated share when it fits partly, none when it does not fit at all; a build without
GPU offload always loads on the CPU. A GPU load that runs out of memory is retried with fewer
layers (3/4, then 1/2), then on the CPU; the caller is told what was loaded and why. A load
that fails for good does not cost the user the model that was working: the new file is
checked before anything is unloaded, and when llama.cpp itself refuses it (or its process
dies), the previous model is loaded again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, replace

from app.core import errors
from app.core.inference.engine import Engine, ProgressCallback
from app.core.inference.events import BackendInfo, LoadParams, ModelFacts
from app.core.inference.threads import choose_threads
from app.core.models.gguf_header import GGUFInfo
from app.core.models.hardware import Hardware
from app.core.models.kv_cache import KVCacheType
from app.core.r1.sampling import DEFAULT_CONTEXT


@dataclass(frozen=True)
class LoadRequest:
    """What the user asked for; ``None`` means "choose for me".

    Attributes:
        n_ctx: context length (None: 32K, or the model's maximum when smaller).
        n_gpu_layers: layers on the GPU (None: from the memory estimate; -1 all; 0 CPU only).
        n_threads: CPU threads (None: ``threads.choose_threads``).
        for_window: the window streams while the model generates: leave its GUI thread a core.
    """

    n_ctx: int | None = None
    n_gpu_layers: int | None = None
    n_threads: int | None = None
    flash_attn: bool = False
    kv_cache_type: KVCacheType = "f16"
    for_window: bool = False


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
    threads = choose_threads(request.n_threads, hardware.physical_cores if hardware else None, gui=request.for_window)
    return LoadParams(
        model=path,
        n_ctx=n_ctx,
        n_gpu_layers=choose_gpu_layers(request, info, n_ctx, backend, hardware),
        n_threads=threads.generate,
        n_threads_batch=threads.batch,
        tune_threads=request.n_threads is None,
        flash_attn=request.flash_attn,
        kv_cache_type=request.kv_cache_type,
    )


RETRY_SHARES = (0.75, 0.5)  # of the first try's GPU layers, tried after it runs out of memory


def fewer_layers(n_gpu_layers: int, layers: int | None) -> list[int]:
    """GPU layer counts to try, in order, after a load of ``n_gpu_layers`` ran out of GPU memory."""
    n = layers if n_gpu_layers < 0 else n_gpu_layers
    out: list[int] = []
    for share in RETRY_SHARES:
        k = int((n or 0) * share)
        if 0 < k < (out[-1] if out else (n or 0)):
            out.append(k)
    return out


def _on_gpu(n: int, layers: int | None) -> str:
    if n < 0:
        return "every layer" if layers is None else f"all {layers} layers"
    return f"{n} of {layers} layers" if layers else f"{n} layers"


def load_with_fallback(
    engine: Engine,
    params: LoadParams,
    progress: ProgressCallback | None = None,
    notice: Callable[[str], None] | None = None,
    layers: int | None = None,
) -> ModelFacts:
    """Load; when the GPU runs out of memory, retry with fewer layers, then load on the CPU.

    ``layers`` is the model's layer count (to retry a load of "every layer" with fewer). A load
    that needed a step down says so through ``notice``. An out-of-memory failure or a crash (a GPU driver
    that aborts) is retried with fewer layers; another failure goes straight to the CPU; an
    architecture llama.cpp does not know fails the same on the CPU and is not retried.
    """
    if params.n_gpu_layers == 0 or params.vocab_only:
        return engine.load(params, progress)
    tries = [params.n_gpu_layers, *fewer_layers(params.n_gpu_layers, layers)]
    first: errors.EngineError | None = None
    for n in tries:
        try:
            facts = engine.load(replace(params, n_gpu_layers=n), progress)
        except errors.UnsupportedModelError:
            raise
        except (errors.OutOfMemoryError, errors.EngineCrashed) as e:
            first = first or e
            continue
        except errors.EngineError as e:
            first = first or e
            break  # not a memory failure: fewer layers would fail the same way
        if first is not None and notice is not None:
            notice(
                f"Only {_on_gpu(n, layers)} fit on the GPU ({_on_gpu(tries[0], layers)}: {first}); "
                "the rest run on the CPU."
            )
        return facts
    if notice is not None:
        notice(f"Could not load on the GPU ({first}); loading on the CPU instead.")
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
    from app.core.models.gguf_header import read_gguf

    info = read_gguf(path)  # a damaged or foreign file stops here, before anything is unloaded
    params = plan_load(path, info, request, engine.backend_info(), hardware)
    # Only engines that load files know how they loaded them (the local one does).
    previous: LoadParams | None = getattr(engine, "params", None) if engine.loaded else None
    try:
        return load_with_fallback(engine, params, progress, notice, layers=info.n_layers or None)
    except errors.EngineError:
        if previous is not None and not engine.loaded:
            with contextlib.suppress(errors.EngineError):
                engine.load(previous)
        raise
