"""``r1desk ask`` against a plain ``Llama.generate()`` loop, each in its own process, alternating.

    .venv/bin/python -m tests.benchmarks.bench_cli [--tokens 4096] [--rounds 3] [--threads N]
                                                   [--before DIR]

SmolLM2-135M with the R1 template (its text streams as reasoning, to stderr), greedy, loop guard
off, so every run writes the same tokens up to ``--tokens``. Prints, per round and as medians:
- CLI: tokens/s from the first streamed byte to the last one, as the terminal receives them, and
  the command's wall time (process start, model load and prompt included);
- loop: ``Llama.generate()`` with one ``detokenize([token])`` per token, in a fresh process, with
  the same prompt tokens and one thread per physical core (the honest "raw llama-cpp-python"
  speed); ``--threads N`` fixes both to N (then the CLI does not tune its count);
- the ratio CLI / loop (goal >= 0.98).
``--before DIR`` adds a third contender: ``python -m app`` run from another checkout (e.g.
``git archive main | tar -x -C DIR``), for before/after figures under the same noise.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

PROMPT = "Write a long, detailed story about a dragon who learns to bake bread. Use many chapters."
ROOT = Path(__file__).resolve().parents[2]
_STATS = re.compile(r"\[(\d+) tokens · ([\d.]+) tok/s")


def run_cli(
    checkout: Path, model: Path, tokens: int, threads: int | None, extra: list[str] | None = None
) -> dict[str, float]:
    """Run ``r1desk ask`` from ``checkout`` and time the bytes as they arrive."""
    cmd = [
        sys.executable,
        "-m",
        "app",
        "ask",
        "-m",
        str(model),
        "--temperature",
        "0",
        "--no-loop-guard",
        *(extra or []),
    ]
    cmd += ["--max-tokens", str(tokens), *(["--threads", str(threads)] if threads else []), PROMPT]
    stamps: list[float] = []
    text: list[bytes] = []
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=checkout, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def read(stream: object, keep: bool) -> None:
        fd = stream.fileno()  # type: ignore[attr-defined]
        while chunk := os.read(fd, 65536):
            stamps.append(time.perf_counter())
            if keep:
                text.append(chunk)

    readers = [
        threading.Thread(target=read, args=(proc.stdout, False)),
        threading.Thread(target=read, args=(proc.stderr, True)),
    ]
    for r in readers:
        r.start()
    proc.wait()
    for r in readers:
        r.join()
    wall = time.perf_counter() - t0
    err = b"".join(text).decode("utf-8", "replace")
    m = _STATS.search(err)
    if proc.returncode != 0 or m is None:
        raise SystemExit(f"r1desk ask failed ({proc.returncode}): {err[-2000:]}")
    n = int(m.group(1))
    stamps.sort()
    # The last write is the statistics line, right after the last token's text.
    return {"rate": (n - 1) / (stamps[-1] - stamps[0]), "wall": wall, "tokens": n, "child_rate": float(m.group(2))}


def run_loop(model: Path, tokens: int, threads: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.bench_cli", "--loop-only", "--model", str(model)]
        + ["--tokens", str(tokens), "--threads", str(threads)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def generate_loop(model: Path, tokens: int, threads: int) -> dict[str, float]:
    """The baseline, in this process: the prompt the app renders, Llama.generate, one detokenize per token."""
    t0 = time.perf_counter()
    import llama_cpp
    from llama_cpp import Llama  # the benchmark's own baseline, not app code

    from app.core.r1.templates import fallback_template, history_for_template

    llm = Llama(str(model), n_ctx=tokens + 512, n_threads=threads, n_threads_batch=threads, verbose=False)
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    m = llm._model
    template = llm.metadata.get("tokenizer.chat_template") or fallback_template()
    fmt = Jinja2ChatFormatter(
        template=template,
        eos_token=m.token_get_text(m.token_eos()),
        bos_token=m.token_get_text(m.token_bos()),
        add_generation_prompt=True,
    )
    prompt = fmt(messages=history_for_template([{"role": "user", "content": PROMPT}])).prompt  # type: ignore[arg-type]
    toks = llm.tokenize(prompt.encode(), add_bos=False, special=True)
    if m.add_bos_token() and toks[0] != m.token_bos():
        toks.insert(0, m.token_bos())
    stamps: list[float] = []
    for tok in llm.generate(toks, top_k=0, top_p=0.95, min_p=0.0, temp=0.0, repeat_penalty=1.0):
        if llama_cpp.llama_vocab_is_eog(llm._model.vocab, tok):
            break
        llm.detokenize([tok])
        stamps.append(time.perf_counter())
        if len(stamps) >= tokens:
            break
    wall = time.perf_counter() - t0
    llm.close()
    n = len(stamps)
    return {"rate": (n - 1) / (stamps[-1] - stamps[0]), "wall": wall, "tokens": n}


def main() -> None:
    from tests.benchmarks.models import smollm_r1

    ap = argparse.ArgumentParser()
    ap.add_argument("--tokens", type=int, default=4096)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument(
        "--threads", type=int, default=None, help="fix the count for both (default: the CLI chooses and tunes its own)"
    )
    ap.add_argument("--before", type=Path, default=None, help="another checkout to time the same way")
    ap.add_argument("--model", type=Path, default=None)
    ap.add_argument(
        "--no-draft",
        action="store_true",
        help="this checkout's CLI without prompt-lookup drafts: the app's own cost against the loop (drafts pay on "
        "SmolLM2's repetitive greedy text, which hides it)",
    )
    ap.add_argument("--loop-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    model = args.model or smollm_r1()
    from app.core.inference.threads import choose_threads

    loop_threads = args.threads or choose_threads(None).generate  # raw llama-cpp-python: one per physical core
    if args.loop_only:
        print(json.dumps(generate_loop(model, args.tokens, loop_threads)))
        return
    extra = ["--no-draft"] if args.no_draft else []
    contenders = {"cli": lambda: run_cli(ROOT, model, args.tokens, args.threads, extra)}
    if args.before is not None:
        contenders["cli (before)"] = lambda: run_cli(args.before.resolve(), model, args.tokens, args.threads)
    contenders["loop"] = lambda: run_loop(model, args.tokens, loop_threads)
    results: dict[str, list[dict[str, float]]] = {k: [] for k in contenders}
    for r in range(args.rounds):
        order = list(contenders) if r % 2 == 0 else list(reversed(contenders))
        for name in order:
            results[name].append(contenders[name]())
            got = results[name][-1]
            print(
                f"  round {r + 1} {name:13s} {got['rate']:6.1f} tok/s  wall {got['wall']:6.1f} s  ({got['tokens']:.0f} tokens)",
                flush=True,
            )
    med = {k: statistics.median(x["rate"] for x in v) for k, v in results.items()}
    wall = {k: statistics.median(x["wall"] for x in v) for k, v in results.items()}
    cli_threads = args.threads or "the CLI's own (rule + tuner)"
    print(
        f"{model.name}, greedy, {args.tokens} tokens; threads: loop {loop_threads}, CLI {cli_threads}; "
        f"{args.rounds} rounds alternating (medians):"
    )
    for k in contenders:
        print(f"  {k:13s} {med[k]:6.1f} tok/s   wall {wall[k]:6.1f} s")
    for k in contenders:
        if k != "loop":
            print(f"  {k} / loop tokens/s = {med[k] / med['loop']:.3f}   (goal >= 0.98)")
            ratios = [a["rate"] / b["rate"] for a, b in zip(results[k], results["loop"])]
            print("    per round: " + ", ".join(f"{x:.3f}" for x in ratios))


if __name__ == "__main__":
    main()
