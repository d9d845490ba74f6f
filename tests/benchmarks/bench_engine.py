"""Engine streaming speed next to raw llama-cpp-python, same model, prompt, sampling and seed.

    .venv/bin/python -m tests.benchmarks.bench_engine [--tokens 512] [--rounds 3] [--model PATH]

Prints tokens/s for:
- engine: R1 Desk's Engine (model in a child process, events over a pipe);
- create_completion: llama-cpp-python's own streaming path, in this process (the issue's baseline);
- generate loop: Llama.generate() with one detokenization per token (the honest floor).
The goal is engine / create_completion >= 0.98. Same seed and sampler chain, so all three write
the same tokens; the counts are printed to show it.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from tests.benchmarks.models import smollm

PROMPT = "Write a long, detailed story about a dragon who learns to bake bread. Use many chapters."


def rate(times: list[float], n_tokens: int | None = None) -> float:
    """Tokens per second from the first token's arrival to the last one's."""
    n = len(times) if n_tokens is None else n_tokens
    return (n - 1) / (times[-1] - times[0]) if n > 1 and times[-1] > times[0] else 0.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", type=Path, default=None)
    ap.add_argument("--tokens", type=int, default=512)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--ctx", type=int, default=4096)
    ap.add_argument("--in-process", action="store_true", help="also time the runner without the process boundary")
    args = ap.parse_args()
    path = args.model or smollm()

    from llama_cpp import Llama  # the benchmark's own baseline, not app code

    from app.core.inference.events import Delta, LoadParams, Stats
    from app.core.inference.local_engine import LocalEngine as Engine
    from app.core.inference.threads import choose_threads
    from app.core.r1.sampling import Sampling

    threads = choose_threads(None).generate
    sampling = Sampling(max_tokens=args.tokens, seed=1234)
    messages = [{"role": "user", "content": PROMPT}]
    results: dict[str, list[float]] = {"engine": [], "create_completion": [], "generate loop": []}
    counts: dict[str, int] = {}

    with Engine() as engine:
        engine.load(LoadParams(str(path), n_ctx=args.ctx, n_threads=threads))
        prompt = engine.render_prompt(messages).text
        raw = Llama(str(path), n_ctx=args.ctx, n_threads=threads, n_threads_batch=threads, verbose=False)
        prompt_tokens = raw.tokenize(prompt.encode(), add_bos=False, special=True)

        def run_engine() -> tuple[list[float], int]:
            # The engine sends merged deltas (see inference/coalesce.py), so count tokens from its Stats.
            stamps, n = [], 0
            for ev in engine.stream_chat(messages, sampling):
                if isinstance(ev, Delta):
                    stamps.append(time.perf_counter())
                elif isinstance(ev, Stats):
                    n = ev.generated_tokens
            return stamps, n

        def run_completion() -> list[float]:
            stamps = []
            for _ in raw.create_completion(
                prompt_tokens,
                max_tokens=args.tokens,
                temperature=0.6,
                top_p=0.95,
                top_k=0,
                min_p=0.0,
                repeat_penalty=1.0,
                seed=1234,
                stream=True,
            ):
                stamps.append(time.perf_counter())
            return stamps

        def run_generate() -> list[float]:
            raw.set_seed(1234)
            stamps = []
            for tok in raw.generate(prompt_tokens, top_k=0, top_p=0.95, min_p=0.0, temp=0.6, repeat_penalty=1.0):
                if tok == raw.token_eos() or len(stamps) >= args.tokens:
                    break
                raw.detokenize([tok])
                stamps.append(time.perf_counter())
            return stamps

        runners = {"engine": run_engine, "create_completion": run_completion, "generate loop": run_generate}
        if args.in_process:
            import threading

            from app.core.inference.events import LoadParams
            from app.core.inference.llama_runner import LlamaRunner
            from app.core.inference.wire import ChatRequest

            runner = LlamaRunner(LoadParams(str(path), n_ctx=args.ctx, n_threads=threads))

            def run_in_process() -> tuple[list[float], int]:
                stamps, n = [], 0
                req = ChatRequest(messages, sampling)
                for ev in runner.stream(req, threading.Event(), threading.Event()):
                    if isinstance(ev, Delta):
                        stamps.append(time.perf_counter())
                    else:
                        n = ev.generated_tokens
                return stamps, n

            runners["runner in-process"] = run_in_process
            results["runner in-process"] = []
        for r in range(args.rounds):
            order = list(runners) if r % 2 == 0 else list(reversed(runners))
            for name in order:
                got = runners[name]()
                stamps, n = got if isinstance(got, tuple) else (got, len(got))
                counts[name] = n
                results[name].append(rate(stamps, n))
        raw.close()

    print(f"model: {path.name}; threads: {threads}; up to {args.tokens} tokens; {args.rounds} rounds (median)")
    med = {k: statistics.median(v) for k, v in results.items()}
    for name, v in results.items():
        print(
            f"  {name:18s} {med[name]:7.1f} tok/s   ({counts[name]} tokens; rounds: "
            + ", ".join(f"{x:.1f}" for x in v)
            + ")"
        )
    print(f"engine / create_completion = {med['engine'] / med['create_completion']:.3f}   (goal >= 0.98)")
    print(f"engine / generate loop     = {med['engine'] / med['generate loop']:.3f}")


if __name__ == "__main__":
    main()
