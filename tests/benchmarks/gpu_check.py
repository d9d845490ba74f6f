"""GPU check (run on a machine with a CUDA or Metal build of llama-cpp-python): backend detection,
full offload, streaming, cancel, hardware probe and the recommendation.

    python -m tests.benchmarks.gpu_check
"""
import json, tempfile, time
from pathlib import Path

from app.core.engine import Engine
from app.core.hardware import detect
from app.core.catalog import load_catalog
from app.core.fit import recommend, judge_variant
from app.core.catalog import find
from app.core.protocol import ChatOptions, Delta, Stats
from app.core.sampling import Sampling
from tests.tiny_model import write_tiny_model, gbnf_literal

if __name__ == "__main__":
    out = {}
    p = write_tiny_model(Path(tempfile.mkdtemp()) / "tiny.gguf")
    with Engine() as e:
        b = e.backend_info()
        out["backend"] = b.name; out["gpu_offload"] = b.gpu_offload
        facts = e.load(p, n_ctx=2048, n_gpu_layers=-1)
        out["facts"] = {"backend": facts.backend, "gpu_offload": facts.gpu_offload, "buffers_mib": facts.buffers_mib}
        out["log_tail"] = e.log[-5:]
        parts = {"reasoning": "", "answer": ""}
        for ev in e.stream_chat([{"role": "user", "content": "6*7?"}], Sampling(max_tokens=100),
                                ChatOptions(grammar=gbnf_literal("Six sevens.\n</think>\n\nForty-two."))):
            if isinstance(ev, Delta): parts[ev.kind] += ev.text
            elif isinstance(ev, Stats): out["stats"] = ev.to_dict()
        out["parts"] = parts
        # cancel + reuse on the GPU
        t = None
        n = 0
        for ev in e.stream_chat([{"role": "user", "content": "go"}], Sampling(max_tokens=4000),
                                ChatOptions(grammar=gbnf_literal("w " * 1500))):
            if isinstance(ev, Delta):
                n += len(ev.text)
                if n > 200 and t is None:
                    t = time.perf_counter(); e.cancel()
            elif isinstance(ev, Stats):
                out["cancel_latency_ms"] = (time.perf_counter() - t) * 1000; out["cancel_finish"] = ev.finish_reason
    hw = detect(b.name, b.gpu_offload)
    out["hardware"] = hw.describe()
    rec = recommend(load_catalog(), hw)
    out["recommend"] = rec.variant.key if rec else None
    out["recommend_why"] = rec.why if rec else None
    out["fit_70b_q4"] = judge_variant(find("r1-llama-70b:Q4_K_M"), hw).label
    print(json.dumps(out, indent=1))
