r"""The chat window under a long R1 stream, and the app's end-to-end speed against raw llama-cpp-python.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.bench_chat_view [--skip-model]

1. Streams 2,000 and 32,000 synthetic tokens (three quarters reasoning, then a Markdown answer
   with code, lists and math) into the real window at ~2,000 tokens/s and prints the GUI
   thread's cost per token over the last 2,000 tokens of each run, and their ratio (goal <= 1.3);
   then the same with a math-heavy stream (a formula every few tokens in the reasoning and the
   answer: inline, \(…\), \[…\] with aligned steps, boxed; 60 distinct formulas, as a long R1
   answer repeats its quantities), typeset as they close;
2. the longest stall of the GUI thread meanwhile, measured by a 5 ms timer on the event loop
   (goal <= 50 ms);
3. SmolLM2 with the R1 template streamed through the whole app (worker thread, model process,
   window, its reasoning into the open Thinking pane) against raw llama-cpp-python
   (Llama.generate, one detokenization per token, in its own process) on the same prompt,
   greedy, 4,096 tokens by default (goal ratio >= 0.95); ``--threads 1,2`` compares the
   window's thread counts.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from app.core.chats.store import Store
from app.core.inference.coalesce import FLUSH_S
from app.core.inference.events import Stats
from app.core.settings import Settings
from app.ui.render.markdown import LIGHT
from app.ui.window.main_window import MainWindow
from app.ui.workers.generation import GenerationWorker
from tests.support.fake_engine import FakeEngine
from tests.support.tiny_model import write_tiny_model

WORDS = [
    "so",
    "the",
    "value",
    "of",
    "x",
    "must",
    "satisfy",
    "the",
    "equation",
    "we",
    "found",
    "above",
    "wait",
    "let",
    "me",
    "check",
    "that",
    "again",
    "if",
    "n",
    "is",
    "odd",
    "then",
    "2k",
    "plus",
    "one",
    "divides",
    "the",
    "sum",
    "hmm",
    "that",
    "does",
    "not",
    "look",
    "right",
    "consider",
    "instead",
]
ANSWER_PARTS = [
    "## Solution\n\n",
    "We proceed in three steps.\n\n",
    "1. Factor the expression.\n",
    "2. Apply the bound.\n",
    "3. Conclude.\n\n",
    "```python\n",
    "def f(n):\n",
    "    return sum(range(1, 2 * n, 2))\n",
    "```\n\n",
    "The inequality $a^2 + b^2 \\ge 2ab$ holds, ",
    "so the answer is $$\\boxed{42}$$\n\n",
]


MATH_ANSWER_PARTS = [
    "Let \\(a_{K} = a_1 r^{K-1}\\) for each term, ",
    "and note $\\frac{K(K+1)}{2}$ counts the pairs.\n\n",
    "\\[\n\\begin{aligned} S_{K} &= \\sum_{k=1}^{K} (2k-1) \\\\ &= K^2 \\end{aligned}\n\\]\n\n",
    "Hence $x_{K} = \\sqrt{K}$ and ",
    "the answer is $$\\boxed{K}$$\n\n",
]
DISTINCT = 12  # values of K: 5 formulas each, 60 distinct formulas


def synthetic_tokens(n: int, seed: int = 0, math: bool = False) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    n_reason = n * 3 // 4

    def reason_word() -> str:
        if math and rng.random() < 0.1:
            return f" $x_{{{rng.randrange(DISTINCT)}}}^2$"
        return " " + rng.choice(WORDS)

    out = [("reasoning", reason_word() + ("\n\n" if rng.random() < 0.03 else "")) for _ in range(n_reason)]
    answer_pieces: list[str] = []
    k = 0
    while len(answer_pieces) < n - n_reason:
        for part in MATH_ANSWER_PARTS if math else ANSWER_PARTS:
            text = part.replace("K", str(k % DISTINCT + 2)) if math else part
            answer_pieces.extend(w + " " for w in text.split(" ") if w)
        k += 1
    return out + [("answer", t) for t in answer_pieces[: n - n_reason]]


def pump(app: QApplication, ms: float) -> None:
    """Run the event loop for ``ms`` without spinning (a busy wait would steal a core from llama.cpp)."""
    loop = QEventLoop()
    QTimer.singleShot(int(ms), loop.quit)
    loop.exec()


def stream_into_window(
    n_tokens: int, rate: float = 2000.0, math: bool = False
) -> tuple[float, float, float, float, float]:
    """(GUI seconds per reasoning token over the last 1,500 reasoning tokens, per answer token over
    the last 500 answer tokens, longest stall in s, and the first two again as the GUI thread's
    CPU time, which other processes on a busy machine do not inflate)."""
    app = QApplication.instance() or QApplication([])
    home = Path(tempfile.mkdtemp())
    engine = FakeEngine(streams=[[]])  # the stream is fed by hand below
    w = MainWindow(Store(home / "c.sqlite3"), Settings(), LIGHT, GenerationWorker(engine))  # type: ignore[arg-type]
    w.resize(1100, 800)
    w.show()
    w.load_model(str(write_tiny_model(home / "m.gguf")))
    pump(app, 600)
    c = w.controller
    c.request_generate.disconnect()  # the fake worker does not run; deltas come from here
    w.composer.set_text("Prove it.")
    w.composer.send.click()
    cost_at: list[tuple[int, float]] = []  # (tokens fed so far, GUI seconds for this delta)
    cpu_at: list[tuple[int, float]] = []  # the same in the GUI thread's CPU time
    gaps: list[float] = []
    last = [time.perf_counter()]

    def probe() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    probe_timer = QTimer()
    probe_timer.setInterval(5)
    probe_timer.timeout.connect(probe)
    tokens = synthetic_tokens(n_tokens, math=math)
    per_delta = max(1, int(rate * FLUSH_S))  # what the engine's coalescer sends: one delta per 50 ms
    last[0] = time.perf_counter()
    probe_timer.start()
    start = time.perf_counter()
    i = 0
    while i < len(tokens):
        kind = tokens[i][0]
        j = i
        while j < len(tokens) and j - i < per_delta and tokens[j][0] == kind:
            j += 1
        text = "".join(t for _, t in tokens[i:j])
        t0, c0 = time.perf_counter(), time.thread_time()
        c.on_delta(kind, text)
        cost, cpu = time.perf_counter() - t0, time.thread_time() - c0
        cost_at.extend((k + 1, cost / (j - i)) for k in range(i, j))
        cpu_at.extend((k + 1, cpu / (j - i)) for k in range(i, j))
        i = j
        due = start + i / rate
        while time.perf_counter() < due:
            app.processEvents()
    pump(app, 100)
    probe_timer.stop()
    n_reason = n_tokens * 3 // 4

    def reasoning(costs: list[tuple[int, float]]) -> float:
        return sum(cost for at, cost in costs if n_reason - 1500 < at <= n_reason) / 1500

    def answer(costs: list[tuple[int, float]]) -> float:
        return sum(cost for at, cost in costs if at > n_tokens - 500) / 500

    stall = max(gaps) - 0.005 if gaps else 0.0
    w.close()
    return reasoning(cost_at), answer(cost_at), stall, reasoning(cpu_at), answer(cpu_at)


def end_to_end(max_tokens: int, threads: int | None) -> dict[str, float]:
    """SmolLM2 with the R1 template streamed through the whole app, its reasoning into the open
    Thinking pane: tokens/s as the model process measured it (Stats) and as the GUI thread
    received them (first delta to last), and the threads the window chose."""
    from app.core.r1.presets import Preset, save_user_preset
    from app.core.r1.sampling import Sampling
    from tests.benchmarks.bench_cli import PROMPT
    from tests.benchmarks.models import smollm_r1

    os.environ["R1DESK_HOME"] = tempfile.mkdtemp()
    save_user_preset(Preset("Bench", Sampling(max_tokens=max_tokens, temperature=0.0)))
    app = QApplication.instance() or QApplication([])
    home = Path(tempfile.mkdtemp())
    settings = Settings(preset="Bench", context_length=max_tokens + 512, threads=threads, loop_guard=False)
    w = MainWindow(Store(home / "c.sqlite3"), settings, LIGHT)
    w.resize(1100, 800)
    w.show()
    w.load_model(str(smollm_r1()))
    while not w.controller.model_ready:
        pump(app, 50)
    stats_seen: list[Stats] = []
    stamps: list[float] = []
    w.controller.stats_changed.connect(stats_seen.append)
    w.worker.delta.connect(lambda *_: stamps.append(time.perf_counter()))  # queued: runs on the GUI thread
    w.composer.set_presets(["Bench"], "Bench")
    w.composer.deep_thinking.setChecked(True)
    w.composer.set_text(PROMPT)
    w.composer.send.click()
    while not stats_seen:
        pump(app, 50)
    stats, facts = stats_seen[0], w.loader.facts
    w.close()
    n = stats.generated_tokens
    return {
        "app": stats.tokens_per_s,
        "gui": (n - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 1 else 0.0,
        "tokens": n,
        "reasoning": stats.reasoning_tokens,
        "threads": facts.n_threads if facts else 0,
    }


def synthetic() -> None:
    print("GUI-thread cost per token (deltas coalesced as the engine sends them), synthetic stream at 2,000 tok/s,")
    print(
        "three quarters reasoning then a Markdown answer; reasoning over its last 1,500 tokens, answer over its last 500:"
    )
    for label, math in (("Markdown stream", False), ("math-heavy stream", True)):
        small = stream_into_window(2_000, math=math)
        big = stream_into_window(32_000, math=math)
        print(f"  {label:18s} {'reasoning':>12s} {'answer':>12s}")
        print(f"  {'2,000 tokens':18s} {small[0] * 1e6:9.1f} µs {small[1] * 1e6:9.1f} µs")
        print(f"  {'32,000 tokens':18s} {big[0] * 1e6:9.1f} µs {big[1] * 1e6:9.1f} µs")
        print(f"  ratio 32K / 2K     {big[0] / small[0]:9.2f}    {big[1] / small[1]:9.2f}      (goal <= 1.3)")
        print(f"  the same in GUI-thread CPU time: 2K {small[3] * 1e6:.1f} / {small[4] * 1e6:.1f} µs, ", end="")
        print(
            f"32K {big[3] * 1e6:.1f} / {big[4] * 1e6:.1f} µs, ratio {big[3] / small[3]:.2f} / {big[4] / small[4]:.2f}"
        )
        print(f"  longest GUI-thread stall: {max(small[2], big[2]) * 1000:.1f} ms   (goal <= 50 ms)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--skip-model", action="store_true")
    ap.add_argument("--skip-synthetic", action="store_true")
    ap.add_argument("--tokens", type=int, default=4096, help="tokens for the end-to-end run")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument(
        "--threads",
        default="auto",
        help="the window's thread counts to compare, e.g. auto,1,2 (auto: its rule and tuner)",
    )
    args = ap.parse_args()
    if not args.skip_synthetic:
        synthetic()
    if args.skip_model:
        return
    from app.core.inference.threads import choose_threads
    from tests.benchmarks.bench_cli import run_loop
    from tests.benchmarks.models import smollm_r1

    loop_threads = choose_threads(None).generate  # raw llama-cpp-python: one thread per physical core
    counts = [None if t == "auto" else int(t) for t in args.threads.split(",")]
    contenders: dict[str, Callable[[], dict[str, float]]] = {
        f"window, {'auto' if t is None else t} threads": (lambda t=t: end_to_end(args.tokens, t)) for t in counts
    }
    contenders["loop"] = lambda: run_loop(smollm_r1(), args.tokens, loop_threads)
    results: dict[str, list[dict[str, float]]] = {k: [] for k in contenders}
    for r in range(args.rounds):
        for name in list(contenders) if r % 2 == 0 else list(reversed(contenders)):
            got = contenders[name]()
            results[name].append(got)
            if name == "loop":
                print(f"  round {r + 1} {name:22s} {got['rate']:6.1f} tok/s", flush=True)
            else:
                print(
                    f"  round {r + 1} {name:22s} {got['app']:6.1f} tok/s (GUI received {got['gui']:.1f}; "
                    f"{got['tokens']:.0f} tokens, {got['reasoning']:.0f} reasoning; started with {got['threads']:.0f} threads)",
                    flush=True,
                )
    loop = statistics.median(x["rate"] for x in results["loop"])
    print(
        f"SmolLM2 with the R1 template (all reasoning, Thinking pane open), greedy, {args.tokens} tokens, "
        f"{args.rounds} rounds alternating (medians):"
    )
    print(f"  raw llama-cpp-python generate loop, {loop_threads} threads: {loop:.1f} tok/s")
    for name in contenders:
        if name != "loop":
            app_rate = statistics.median(x["app"] for x in results[name])
            gui_rate = statistics.median(x["gui"] for x in results[name])
            print(f"  {name}: {app_rate:.1f} tok/s in the model process, {gui_rate:.1f} arriving on the GUI thread")
            print(f"    window / loop = {app_rate / loop:.3f}   (goal >= 0.95); as received: {gui_rate / loop:.3f}")


if __name__ == "__main__":
    main()
