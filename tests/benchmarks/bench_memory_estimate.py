"""The memory estimate against what llama.cpp allocates, for each KV-cache type and flash attention.

    .venv/bin/python -m tests.benchmarks.bench_memory_estimate

Loads each model at several context lengths with f16 (flash attention off and on), q8_0 and
q4_0 (flash attention on: a quantized cache needs it), writes a few tokens (so the weights are
paged in and the buffers touched), and compares ``fit.estimate`` with llama.cpp's own report:
the KV, compute and output buffers it allocated plus the file (the mapped weights), counted as
``load_policy.allocated_bytes`` counts them for the window's "estimated …, used …". The target
(issue 26) is an estimate 1 % to 15 % above the allocation. The tiny test model's attention
heads hold 16 values, too few for a q8_0/q4_0 block (32): it runs with f16 only.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import psutil

from app.core.inference.events import LoadParams
from app.core.inference.load_policy import allocated_bytes
from app.core.inference.local_engine import LocalEngine as Engine
from app.core.models.fit import estimate, shape_of
from app.core.models.gguf_header import read_gguf
from app.core.models.kv_cache import KVCacheType
from app.core.r1.sampling import Sampling
from tests.benchmarks.bench_engine import smollm
from tests.support.tiny_model import write_tiny_model

CONFIGS: tuple[tuple[KVCacheType, bool], ...] = (("f16", False), ("f16", True), ("q8_0", True), ("q4_0", True))
CONTEXTS = (2048, 8192, 32768)
LOW, HIGH = 1.0, 15.0  # the target band, percent above the allocation


def measure(path: Path, n_ctx: int, kv: KVCacheType, flash: bool) -> tuple[int, int, int]:
    """(resident growth after a short answer, llama.cpp's allocation, the estimate), bytes."""
    with Engine() as e:
        e.backend_info()
        proc = psutil.Process(e._proc.pid)
        idle = proc.memory_info().rss
        params = LoadParams(str(path), n_ctx=n_ctx, type_k=kv, type_v=kv, flash_attn="on" if flash else "off")
        facts = e.load(params)
        for _ in e.stream_chat([{"role": "user", "content": "Say hello."}], Sampling(max_tokens=8, seed=1)):
            pass
        used = proc.memory_info().rss - idle
    size = path.stat().st_size
    allocated = allocated_bytes(facts.buffers_mib, size)
    est = estimate(shape_of(read_gguf(path)), size, n_ctx, kv, flash).total
    return used, allocated, est


def main() -> None:
    tiny = write_tiny_model(Path(tempfile.mkdtemp()) / "tiny.gguf")
    print(
        f"{'model':32s} {'context':>7s} {'KV':>5s} {'flash':>5s} {'resident':>10s} {'allocated':>10s} "
        f"{'estimate':>10s} {'vs alloc':>9s}"
    )
    outside = []
    for path in (tiny, smollm()):
        for kv, flash in CONFIGS:
            if kv != "f16" and read_gguf(path).head_dim % 32:
                continue
            for n_ctx in CONTEXTS:
                used, alloc, est = measure(path, n_ctx, kv, flash)
                pct = 100 * (est - alloc) / alloc
                mark = "" if LOW <= pct <= HIGH else "  outside +1..+15 %"
                if mark:
                    outside.append(f"{path.name} {n_ctx} {kv} flash {'on' if flash else 'off'}: {pct:+.1f} %")
                print(
                    f"{path.name:32s} {n_ctx:7d} {kv:>5s} {'on' if flash else 'off':>5s} {used / 1e6:7.0f} MB "
                    f"{alloc / 1e6:7.1f} MB {est / 1e6:7.1f} MB {pct:+8.1f}%{mark}"
                )
    print("resident: RSS growth after load and an 8-token answer (untouched KV pages are not resident yet);")
    print("allocated: the file (mapped weights) + the KV, compute and output buffers llama.cpp reports.")
    print("all within +1 % to +15 %" if not outside else "outside the target: " + "; ".join(outside))


if __name__ == "__main__":
    main()
