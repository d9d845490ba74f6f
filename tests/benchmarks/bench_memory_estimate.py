"""The memory estimate against what the model process really uses.

    .venv/bin/python -m tests.benchmarks.bench_memory_estimate

Loads each model at several context lengths, writes a few tokens (so the weights are paged in
and the buffers touched), and compares the model process's resident memory growth over an idle
model process with ``fit.estimate``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import psutil

from app.core.inference.events import LoadParams
from app.core.inference.local_engine import LocalEngine as Engine
from app.core.models.fit import estimate, shape_of
from app.core.models.gguf_header import read_gguf
from app.core.r1.sampling import Sampling
from tests.benchmarks.bench_engine import smollm
from tests.support.tiny_model import write_tiny_model


def measure(path: Path, n_ctx: int) -> tuple[int, float, int]:
    """(resident growth after a short answer, llama.cpp's reported allocations + file, estimate)."""
    with Engine() as e:
        e.backend_info()
        proc = psutil.Process(e._proc.pid)
        idle = proc.memory_info().rss
        facts = e.load(LoadParams(str(path), n_ctx=n_ctx))
        for _ in e.stream_chat([{"role": "user", "content": "Say hello."}], Sampling(max_tokens=8, seed=1)):
            pass
        used = proc.memory_info().rss - idle
    # The weights are mmap'd, so "model buffer" lines may not appear: count the file instead.
    allocated = sum(v for k, v in facts.buffers_mib.items() if "model" not in k.lower()) * 2**20 + path.stat().st_size
    est = estimate(shape_of(read_gguf(path)), path.stat().st_size, n_ctx).total
    return used, allocated, est


def main() -> None:
    tiny = write_tiny_model(Path(tempfile.mkdtemp()) / "tiny.gguf")
    print(f"{'model':32s} {'context':>8s} {'resident':>11s} {'allocated':>11s} {'estimate':>11s} {'vs allocated':>13s}")
    for path in (tiny, smollm()):
        for n_ctx in (2048, 8192, 32768):
            used, alloc, est = measure(path, n_ctx)
            print(
                f"{path.name:32s} {n_ctx:8d} {used / 1e6:8.0f} MB {alloc / 1e6:8.0f} MB {est / 1e6:8.0f} MB "
                f"{100 * (est - alloc) / alloc:+12.0f}%"
            )
    print("resident: RSS growth after load and an 8-token answer (untouched KV pages are not resident yet);")
    print("allocated: the file (mmap'd weights) + the KV, compute and output buffers llama.cpp reports.")


if __name__ == "__main__":
    main()
