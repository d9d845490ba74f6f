"""GPU check, for a machine with a CUDA or Metal build of llama-cpp-python.

    python -m tests.benchmarks.gpu_check

Prints JSON: the backend the build reports, the devices llama.cpp's backend registry lists (and
what nvidia-smi, the fallback, says beside them), a tiny model loaded with every layer offloaded
(llama.cpp's buffer report, which shows where the weights and KV cache went, and the estimate
beside that allocation), a grammar-forced stream split into reasoning and answer, the cancel
latency, and this machine's hardware probe and recommendation. Run on a lent H200 with llama-cpp-python built with
``CMAKE_ARGS="-DGGML_CUDA=on -DCMAKE_CUDA_ARCHITECTURES=90"``.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

from app.core.inference.events import ChatOptions, Delta, Stats
from app.core.inference.load_policy import LoadRequest, load_model, probe
from app.core.inference.local_engine import LocalEngine as Engine
from app.core.models.catalog import find, load_catalog
from app.core.models.fit import judge_variant, recommend
from app.core.models.hardware import detect
from app.core.r1.sampling import Sampling
from tests.support.tiny_model import gbnf_literal, write_tiny_model


def main() -> None:
    out: dict[str, Any] = {}
    model = write_tiny_model(Path(tempfile.mkdtemp()) / "tiny.gguf")
    with Engine() as e:
        b = e.backend_info()
        out["backend"], out["gpu_offload"] = b.name, b.gpu_offload
        out["devices"] = [d.__dict__ for d in e.devices() or ()]
        hw = probe(e)
        out["memory_source"], out["memory"] = hw.memory_source, hw.memory_line()
        out["fallback"] = [g.__dict__ for g in detect(b.name, b.gpu_offload, None).gpus]
        facts = load_model(e, str(model), LoadRequest(n_ctx=2048, n_gpu_layers=-1), hardware=hw)
        out["facts"] = {
            "backend": facts.backend,
            "gpu_offload": facts.gpu_offload,
            "buffers_mib": facts.buffers_mib,
            "flash_attn": facts.flash_attn,
            "memory_estimate": facts.memory_estimate,
            "memory_used": facts.memory_used,
        }
        parts = {"reasoning": "", "answer": ""}
        for ev in e.stream_chat(
            [{"role": "user", "content": "6*7?"}],
            Sampling(max_tokens=100),
            ChatOptions(grammar=gbnf_literal("Six sevens.\n</think>\n\nForty-two.")),
        ):
            if isinstance(ev, Delta):
                parts[ev.kind] += ev.text
            elif isinstance(ev, Stats):
                out["stats"] = ev.to_dict()
        out["parts"] = parts
        cancelled_at = None
        seen = 0
        for ev in e.stream_chat(
            [{"role": "user", "content": "go"}],
            Sampling(max_tokens=4000),
            ChatOptions(grammar=gbnf_literal("w " * 1500)),
        ):
            if isinstance(ev, Delta):
                seen += len(ev.text)
                if seen > 200 and cancelled_at is None:
                    cancelled_at = time.perf_counter()
                    e.cancel()
            elif isinstance(ev, Stats) and cancelled_at is not None:
                out["cancel_latency_ms"] = (time.perf_counter() - cancelled_at) * 1000
                out["cancel_finish"] = ev.finish_reason
    rec = recommend(load_catalog(), hw)
    out["hardware"] = hw.describe()
    out["recommend"] = rec.variant.key if rec else None
    out["fit_70b_q4"] = judge_variant(find("r1-llama-70b:Q4_K_M"), hw).label
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
