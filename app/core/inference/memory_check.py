"""A CPU load's memory, checked before llama.cpp tries (it aborts the process when RAM runs out)."""

from __future__ import annotations

from app.core import errors
from app.core.inference.events import LoadParams
from app.core.models.gguf_header import GGUFInfo, read_gguf


def check_memory(info: GGUFInfo, params: LoadParams) -> None:
    """Refuse a CPU load that cannot fit in this machine's RAM, before llama.cpp tries.

    (A GPU's share is checked by llama.cpp itself, which fails politely.)
    """
    from app.core.models.fit import estimate, shape_of

    try:
        import psutil

        total = psutil.virtual_memory().total
    except Exception:
        return
    n_kv = params.n_ctx * params.n_seq  # a KV cache for each answer decoded together
    mem = estimate(
        shape_of(info), info.file_size, n_kv, params.type_k, params.flash_attn != "off", type_v=params.type_v
    )
    kv, need = mem.kv_cache, mem.weights + mem.kv_cache
    if params.draft_model:  # the draft model and its own KV cache of the context count too
        d = read_gguf(params.draft_model)
        dm = estimate(
            shape_of(d), d.file_size, params.n_ctx, params.type_k, params.flash_attn != "off", type_v=params.type_v
        )
        need += dm.weights + dm.kv_cache
    if need > total:
        raise errors.OutOfMemoryError(
            f"{info.path.name} with a context of {params.n_ctx:,} tokens needs about {need / 1e9:.1f} GB "
            f"(model {info.file_size / 1e9:.1f} GB + KV cache {kv / 1e9:.1f} GB), but this machine "
            f"has {total / 1e9:.1f} GB of memory. Choose a shorter context, the q8_0 KV cache, or "
            "a smaller model."
        )
