"""Remote streaming through R1 Desk ÷ the same stream read directly by the ``openai`` client.

    .venv/bin/python -m tests.benchmarks.bench_remote [--tokens 3000] [--pairs 5]

One scripted server on 127.0.0.1 replays a DeepSeek-shaped stream (reasoning, then answer).
Each pair reads it once through the plain ``openai`` client (chunks counted, nothing else done)
and once through ``RemoteEngine.stream_chat`` (reasoning split, coalesced into Delta events,
Stats), alternating which goes first. Tokens/s counts text chunks from the first one to the end.
Two server paces: "flat out" (the server sends as fast as it can: the client's own cost shows)
and "paced" (5 ms per token, a fast real server). Goal: ratio ≥ 0.97 (median of the pairs).
Also the Stop latency: from ``cancel()`` to the server seeing the client leave (goal < 100 ms).
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time

from app.core.config.endpoints import Endpoint
from app.core.inference.events import Delta, LoadParams, Stats
from app.core.inference.remote_engine import RemoteEngine
from tests.support.scripted_server import Script, ScriptedServer

ASK = [{"role": "user", "content": "Think long."}]


def direct(url: str, n_expected: int) -> float:
    import openai

    client = openai.OpenAI(base_url=url, api_key="no-key", max_retries=0)
    t_first = 0.0
    n = 0
    stream = client.chat.completions.create(model="deepseek-reasoner", messages=ASK, stream=True)  # type: ignore[arg-type]
    for chunk in stream:
        if not chunk.choices:
            continue
        d = chunk.choices[0].delta
        extra = d.model_extra or {}
        if d.content or extra.get("reasoning_content"):
            n += 1
            if not t_first:
                t_first = time.perf_counter()
    end = time.perf_counter()
    client.close()
    assert n == n_expected, (n, n_expected)
    return (n - 1) / (end - t_first)


def through_r1desk(url: str, n_expected: int) -> float:
    with RemoteEngine(Endpoint("bench", url, ("deepseek-reasoner",), "deepseek")) as e:
        e.load(LoadParams("deepseek-reasoner"))
        t_first = 0.0
        stats = None
        for ev in e.stream_chat(ASK):
            if isinstance(ev, Delta) and not t_first:
                t_first = time.perf_counter()
            elif isinstance(ev, Stats):
                stats = ev
        end = time.perf_counter()
    assert stats is not None and stats.generated_tokens == n_expected
    return (n_expected - 1) / (end - t_first)


def stop_latency(srv: ScriptedServer) -> float:
    srv.script = Script(reasoning=["x "] * 5000, delay=0.01)
    srv.disconnects.clear()
    with RemoteEngine(Endpoint("bench", srv.url, ("deepseek-reasoner",), "deepseek")) as e:
        e.load(LoadParams("deepseek-reasoner"))
        t_stop = [0.0]

        def stop() -> None:
            time.sleep(0.3)
            t_stop[0] = time.perf_counter()
            e.cancel()

        threading.Thread(target=stop).start()
        for _ in e.stream_chat(ASK):
            pass
        deadline = time.monotonic() + 5
        while not srv.disconnects and time.monotonic() < deadline:
            time.sleep(0.001)
    return (srv.disconnects[0] - t_stop[0]) * 1000 if srv.disconnects else float("inf")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tokens", type=int, default=3000)
    ap.add_argument("--pairs", type=int, default=5)
    args = ap.parse_args()
    n_r, n_a = args.tokens * 2 // 3, args.tokens - args.tokens * 2 // 3
    with ScriptedServer() as srv:
        for pace, delay in (("flat out", 0.0), ("paced 5 ms/token", 0.005)):
            ratios, ours, theirs = [], [], []
            for i in range(args.pairs):
                srv.script = Script(reasoning=["tok "] * n_r, answer=["ans "] * n_a, delay=delay)
                order = (direct, through_r1desk) if i % 2 == 0 else (through_r1desk, direct)
                got = {f.__name__: f(srv.url, args.tokens) for f in order}
                ours.append(got["through_r1desk"])
                theirs.append(got["direct"])
                ratios.append(got["through_r1desk"] / got["direct"])
            print(
                f"{pace:>17}: openai client {statistics.median(theirs):8.0f} tok/s · through R1 Desk "
                f"{statistics.median(ours):8.0f} tok/s · ratio median {statistics.median(ratios):.3f} "
                f"(range {min(ratios):.3f}–{max(ratios):.3f}, {args.pairs} alternating pairs, {args.tokens} tokens)"
            )
        stops = [stop_latency(srv) for _ in range(5)]
        print(
            f"Stop → server sees the client leave: median {statistics.median(stops):.1f} ms (max {max(stops):.1f} ms)"
        )


if __name__ == "__main__":
    main()
