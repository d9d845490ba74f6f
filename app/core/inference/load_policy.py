"""How a model is loaded, decided once for the CLI, the API and the window: the configuration
(context, GPU layers, KV cache, flash attention, threads), and the fall back to the CPU when the
GPU cannot take it.

The configuration comes from, in order: what this load asks for (a CLI flag, the window's
longer context for an attachment), what this file was last loaded with (``model_defaults``:
while the general setting it was chosen against stands), the general settings. The context
defaults to R1's generation length (32K), capped by what the model was trained for. GPU
layers come from the memory estimate (``fit.judge``): every layer when the model fits, the
estimated share when it fits partly, none when it does not fit at all; a build without GPU
offload always loads on the CPU. A GPU load that runs out of memory is retried with fewer
layers (3/4, then 1/2), then on the CPU; the caller is told what was loaded and why. A load
that fails for good does not cost the user the model that was working: the new file is
checked before anything is unloaded, and when llama.cpp itself refuses it (or its process
dies), the previous model is loaded again.

After a load the estimate is compared with what llama.cpp allocated (``ModelFacts.memory_*``),
and the file's entry in ``model_defaults`` keeps both, with the configuration that worked.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from app.core import errors
from app.core.inference.engine import Engine, ProgressCallback
from app.core.inference.events import BackendInfo, LoadParams, ModelFacts
from app.core.inference.threads import choose_threads
from app.core.models import model_defaults
from app.core.models.gguf_header import GGUFInfo
from app.core.models.hardware import Hardware, detect, held_by_device
from app.core.models.kv_cache import KV_TYPES, KVCacheType
from app.core.models.load_config import FlashAttn, LoadConfig
from app.core.r1.sampling import DEFAULT_CONTEXT


@dataclass(frozen=True)
class LoadRequest:
    """What one load asks for, over the general settings ``base``; ``None``: not asked.

    Attributes:
        n_ctx: context length (None: the file's remembered one, else ``base``'s).
        n_gpu_layers: layers on the GPU (-1 all; 0 CPU only).
        n_threads: CPU threads.
        flash_attn: auto / on / off.
        kv_type: the KV cache's element type, for K and V.
        base: the general settings (the window's, or the settings file for the CLI).
        for_window: the window streams while the model generates: leave its GUI thread a core.
        parallel: answers to decode together (``--samples K``, the API's slots), as many of them as
            the memory estimate lets keep their KV cache beside the model (``fit_parallel``).
        draft: a draft model's file (``draft_model.py``), whose vocabulary must be the target's.
    """

    n_ctx: int | None = None
    n_gpu_layers: int | None = None
    n_threads: int | None = None
    flash_attn: FlashAttn | None = None
    kv_type: KVCacheType | None = None
    base: LoadConfig = field(default_factory=LoadConfig)
    for_window: bool = False
    parallel: int | None = None
    draft: str | None = None

    def chosen(self) -> dict[str, Any]:
        return {
            "n_ctx": self.n_ctx,
            "n_gpu_layers": self.n_gpu_layers,
            "n_threads": self.n_threads,
            "flash_attn": self.flash_attn,
            "type_k": self.kv_type,
            "type_v": self.kv_type,
            "parallel": self.parallel,
            "draft": self.draft,
        }


def choose_context(requested: int | None, info: GGUFInfo) -> int:
    """The requested context, else R1's generation length, never beyond the model's own."""
    n_ctx = requested or DEFAULT_CONTEXT
    return min(n_ctx, info.context_length) if info.context_length else n_ctx


def effective_config(
    path: str, info: GGUFInfo, request: LoadRequest
) -> tuple[LoadConfig, list[str], model_defaults.Remembered | None]:
    """The configuration a load of ``path`` uses, the sentences that explain a change, and the
    file's remembered entry (for its estimate correction)."""
    entry = model_defaults.remembered(path)
    config = model_defaults.apply(request.base, request.chosen(), entry)
    notes = []
    for kv in dict.fromkeys((config.type_k, config.type_v)):
        if info.head_dim % KV_TYPES[kv].block:
            k = "f16" if config.type_k == kv else config.type_k
            config = replace(config, type_k=k, type_v="f16" if config.type_v == kv else config.type_v)
            notes.append(
                f"{info.path.name} cannot use the {kv} KV cache (its attention heads hold {info.head_dim} values, "
                f"not a multiple of {KV_TYPES[kv].block}); it is loaded with the f16 KV cache."
            )
    config, note = config.checked()
    notes += [note] if note else []
    return config, notes, entry


def choose_gpu_layers(
    config: LoadConfig,
    info: GGUFInfo,
    n_ctx: int,
    backend: BackendInfo,
    hardware: Hardware | None,
    correction: float = 1.0,
) -> int:
    """Layers to offload: the configured number, else what the memory estimate says fits."""
    if not backend.gpu_offload:
        return 0
    if config.n_gpu_layers is not None:
        return config.n_gpu_layers
    if hardware is None or hardware.usable_gpu is None:
        return -1  # the build can offload but the GPU could not be probed: let llama.cpp try
    from app.core.models.fit import judge_config, shape_of

    fit = judge_config(shape_of(info), info.file_size, hardware, config, n_ctx * config.parallel, correction)
    return {"gpu": -1, "partial": fit.gpu_layers}.get(fit.verdict, 0)


def fit_parallel(info: GGUFInfo, config: LoadConfig, n_ctx: int, hardware: Hardware | None) -> int:
    """How many of ``config.parallel`` answers can keep a KV cache of ``n_ctx`` tokens each
    without moving the model off the GPU (or out of RAM): the most that fit as one does."""
    if config.parallel <= 1 or hardware is None:
        return max(1, config.parallel)
    from app.core.models.fit import judge_config, shape_of

    shape = shape_of(info)
    one = judge_config(shape, info.file_size, hardware, config, n_ctx)
    for n in range(config.parallel, 1, -1):
        fit = judge_config(shape, info.file_size, hardware, config, n_ctx * n)
        if fit.verdict == one.verdict != "too_large" and fit.gpu_layers >= one.gpu_layers:
            return n
    return 1


def plan(
    path: str,
    info: GGUFInfo,
    config: LoadConfig,
    backend: BackendInfo,
    hardware: Hardware | None = None,
    *,
    for_window: bool = False,
    correction: float = 1.0,
) -> LoadParams:
    """The parameters a load of ``path`` with ``config`` will use on this machine."""
    n_ctx = choose_context(config.n_ctx, info)
    threads = choose_threads(config.n_threads, hardware.physical_cores if hardware else None, gui=for_window)
    return LoadParams(
        model=path,
        n_ctx=n_ctx,
        n_gpu_layers=choose_gpu_layers(config, info, n_ctx, backend, hardware, correction),
        n_seq=config.parallel,
        draft_model=config.draft or "",
        n_threads=threads.generate,
        n_threads_batch=threads.batch,
        tune_threads=config.n_threads is None,
        flash_attn=config.flash_attn,
        type_k=config.type_k,
        type_v=config.type_v,
    )


def plan_load(
    path: str, info: GGUFInfo, request: LoadRequest, backend: BackendInfo, hardware: Hardware | None = None
) -> LoadParams:
    """The parameters a load of ``path`` will use (the file's remembered defaults included)."""
    config, _, entry = effective_config(path, info, request)
    correction = entry.correction if entry is not None else 1.0
    return plan(path, info, config, backend, hardware, for_window=request.for_window, correction=correction)


def probe(engine: Engine) -> Hardware:
    """This machine now: llama.cpp's devices and their free memory (asked through the engine),
    the RAM available, with what the loaded model holds counted as free (a load replaces it)."""
    backend = engine.backend_info()
    devices = backend.devices
    ask = getattr(engine, "devices", None)  # engines that run llama.cpp here can list them now
    if ask is not None:
        with contextlib.suppress(errors.EngineError):  # busy answering: what it said at start-up
            devices = ask()
    facts = engine.facts if engine.loaded else None
    held = held_by_device(facts.buffers_mib) if facts is not None else {}
    return detect(backend.name, backend.gpu_offload, devices, held)


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
    loaded (``engine.facts``), or loaded again when the failed attempt had dropped it. After a
    load that worked, the file remembers its configuration and the estimate's accuracy.
    """
    from app.core.models.gguf_header import read_gguf

    info = read_gguf(path)  # a damaged or foreign file stops here, before anything is unloaded
    config, notes, entry = effective_config(path, info, request)
    parallel = fit_parallel(info, config, choose_context(config.n_ctx, info), hardware)
    if parallel < config.parallel:
        notes.append(
            f"{parallel} of the {config.parallel} answers fit in memory at once (each keeps its own KV cache); "
            "the others wait their turn."
        )
        config = replace(config, parallel=parallel)
    for note in notes:
        if notice is not None:
            notice(note)
    correction = entry.correction if entry is not None else 1.0
    params = plan(
        path, info, config, engine.backend_info(), hardware, for_window=request.for_window, correction=correction
    )
    # Only engines that load files know how they loaded them (the local one does).
    previous: LoadParams | None = getattr(engine, "params", None) if engine.loaded else None
    try:
        facts = load_with_fallback(engine, params, progress, notice, layers=info.n_layers or None)
    except errors.EngineError:
        if previous is not None and not engine.loaded:
            with contextlib.suppress(errors.EngineError):
                engine.load(previous)
        raise
    measured = _remember(path, info, config, request.base, params, facts, entry)
    if engine.facts is facts:
        engine.facts = measured  # one set of facts for the loaded model, whoever asks the engine
    return measured


def allocated_bytes(buffers_mib: dict[str, float], file_size: int) -> int:
    """What llama.cpp allocated for a model: its KV, compute and output buffers, and the weights.

    The weights count as the file (mapped, or copied to the GPU's model buffers, which hold its
    tensors), so the figure compares with the estimate's weights, which are the file size too.
    """
    other = sum(v for k, v in buffers_mib.items() if "model" not in k.lower())
    return int(other * 2**20) + file_size if buffers_mib else 0


def _remember(
    path: str,
    info: GGUFInfo,
    config: LoadConfig,
    base: LoadConfig,
    params: LoadParams,
    facts: ModelFacts,
    entry: model_defaults.Remembered | None,
) -> ModelFacts:
    """Keep what worked for the file's next load, and put the estimate beside the allocation."""
    from app.core.models.fit import estimate, shape_of

    # A fall back to fewer GPU layers is remembered (the next load starts there); a planned
    # number stays "from the estimate", which follows the free memory of the day.
    layers = facts.n_gpu_layers if facts.n_gpu_layers != params.n_gpu_layers else config.n_gpu_layers
    # As the fit counted it ("auto" as on): a load where llama.cpp chose otherwise corrects it.
    shape = shape_of(info)
    n_kv = params.n_ctx * params.n_seq
    est = estimate(shape, info.file_size, n_kv, config.type_k, config.flash_counted, type_v=config.type_v)
    used = allocated_bytes(facts.buffers_mib, info.file_size)
    kept = replace(config, n_gpu_layers=layers, n_threads=None, parallel=1)
    model_defaults.remember(path, model_defaults.Remembered(kept, replace(base, n_threads=None), est.total, used))
    shown = est.total if entry is None else int(est.total * entry.correction)
    return replace(facts, memory_estimate=shown, memory_used=used)
