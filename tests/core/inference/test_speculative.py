"""Speculative decoding on real models: the output is the one without drafts (greedy token for
token, sampled in distribution), the cache is rolled back exactly, and Stop, Answer now and the
thinking budget act on their exact token in the middle of a verified draft."""

from __future__ import annotations

import itertools
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from app.core.inference.drafts import Drafting
from app.core.inference.events import ChatOptions, Delta, LoadParams, Stats
from app.core.inference.llama_runner import LlamaRunner
from app.core.inference.wire import ChatRequest
from app.core.r1.sampling import Sampling
from tests.support.runner_answer import greedy_answer
from tests.support.tiny_model import gbnf_literal

CODE = "\n".join(
    f"def {name}(order, rate={i}):\n    total = 0\n    for item in order.items:\n"
    f"        total += item.price * item.quantity * rate\n    return round(total, 2)\n"
    for i, name in enumerate(["total_price", "apply_discount", "tax_for", "shipping_cost", "parse_sku", "stock_level"])
)
COPY = f"Rewrite this file, renaming total_price to order_total. Reply with the whole file.\n\n```python\n{CODE}```"
STORY = "Write a short story about a lighthouse keeper who finds a message in a bottle."


def answer(runner: LlamaRunner, prompt: str, options: ChatOptions, max_tokens: int = 160) -> tuple[str, Stats]:
    return greedy_answer(runner, prompt, options, max_tokens)


@pytest.fixture(scope="module")
def one_thread(smollm_path: Path) -> Iterator[LlamaRunner]:
    """One thread and flash attention: llama.cpp computes a batch's rows bit for bit as it
    computes one token at a time (see test_batch_rows_are_bit_identical_with_one_thread)."""
    r = LlamaRunner(LoadParams(str(smollm_path), n_ctx=2048, n_threads=1, n_threads_batch=1, flash_attn="on"))
    yield r
    r.close()


def rows_batched_and_one_by_one(runner: LlamaRunner, prefix: list[int], tokens: list[int]) -> float:
    """The largest difference between the logits of ``tokens`` decoded as one batch and one by one."""
    n = len(prefix)
    runner._seq_rm(0, 0, -1)
    runner.llm.n_tokens = 0
    runner._decode(prefix, range(n), [0] * n, [False] * n)
    runner._decode(tokens, range(n, n + len(tokens)), [0] * len(tokens), [True] * len(tokens))
    batched = [runner._logits(i).copy() for i in range(len(tokens))]
    runner._seq_rm(0, n, -1)
    worst = 0.0
    for i, t in enumerate(tokens):
        runner._decode([t], [n + i], [0], [True])
        worst = max(worst, float(np.abs(runner._logits(0) - batched[i]).max()))
    runner._seq_rm(0, 0, -1)
    return worst


def test_batch_rows_are_bit_identical_with_one_thread(one_thread: LlamaRunner) -> None:
    toks = one_thread.tokenize(CODE)
    assert rows_batched_and_one_by_one(one_thread, toks[:200], toks[200:209]) == 0.0


@pytest.mark.parametrize("prompt", [COPY, STORY], ids=["copying", "free"])
def test_greedy_output_with_drafts_is_the_output_without(one_thread: LlamaRunner, prompt: str) -> None:
    plain, s0 = answer(one_thread, prompt, ChatOptions(draft=False))
    forced, s1 = answer(one_thread, prompt, ChatOptions(draft_fixed=8))
    adaptive, s2 = answer(one_thread, prompt, ChatOptions())
    assert s0.drafted_tokens == 0 and s1.drafted_tokens > 0
    assert forced == plain and s1.generated_tokens == s0.generated_tokens
    assert adaptive == plain and s2.generated_tokens == s0.generated_tokens
    if prompt is COPY:
        assert s1.accepted_tokens > s1.generated_tokens / 2, "copying a file: most tokens came from drafts"


def test_with_two_threads_drafts_differ_only_at_a_near_tie(smollm_path: Path) -> None:
    """On two threads llama.cpp rounds a batch differently from one token at a time (up to about a
    logit on SmolLM2): where the two best tokens are closer than twice that, a drafted run may
    take the other one. Up to there the runs agree, and the token they part at is such a tie."""
    r = LlamaRunner(LoadParams(str(smollm_path), n_ctx=2048, n_threads=2, n_threads_batch=2, flash_attn="on"))
    try:
        toks = r.tokenize(CODE)
        bound = max(rows_batched_and_one_by_one(r, toks[:k], toks[k : k + 9]) for k in (120, 200, 280))
        prompt = r.render(ChatRequest([{"role": "user", "content": COPY}]))[1]
        kw = {"top_k": 0, "top_p": 1.0, "min_p": 0.0, "temp": 0.0, "repeat_penalty": 1.0}
        plain = list(itertools.islice(r._generate(prompt, Drafting.of(False), grammar=None, **kw), 150))
        drafting = Drafting.of(True, fixed=8)
        drafted = list(itertools.islice(r._generate(prompt, drafting, grammar=None, **kw), 150))
        assert drafting.accepted > 0
        if drafted == plain:
            return
        i = next(i for i, (x, y) in enumerate(zip(plain, drafted)) if x != y)
        r._seq_rm(0, 0, -1)  # the undrafted run again, decode for decode, to the token where they part
        r.llm.n_tokens = 0
        n = len(prompt) - 1
        r._decode(prompt[:-1], range(n), [0] * n, [False] * n)
        for j, t in enumerate([prompt[-1], *plain[:i]]):
            r._decode([t], [n + j], [0], [True])
        logits = r._logits(0)
        assert logits[plain[i]] - logits[drafted[i]] <= 2 * bound, (i, bound)
    finally:
        r.close()


def test_sampled_next_token_has_the_same_distribution_with_drafts(tiny_model: Path) -> None:
    """Chi-square: the token after a prompt whose ending was seen before (so the draft is the
    token that followed it then), drawn 1,500 times with a verified draft, against llama.cpp's
    own sampler (``Llama.generate``) drawn 1,500 times without one."""
    r = LlamaRunner(LoadParams(str(tiny_model), n_ctx=256, n_threads=1))
    try:
        kw = {"top_k": 4, "top_p": 0.95, "min_p": 0.0, "temp": 0.6, "repeat_penalty": 1.0}
        head = r.tokenize("the cat sat on the mat; abcd")
        tail = r.llm.tokenize(b" and then abcd", add_bos=False)
        drafted_token = 0
        for _ in range(8):  # the draft: the token most likely to follow the prompt it is part of
            best = next(r.llm.generate(head + [drafted_token] + tail, **{**kw, "temp": 0.0}))
            if best == drafted_token:
                break
            drafted_token = best
        prompt = head + [drafted_token] + tail
        n = 1500
        with_draft: Counter[int] = Counter()
        accepted = 0
        for seed in range(n):
            r._set_seed(seed)
            drafting = Drafting.of(True, fixed=1)
            gen = r._generate(prompt, drafting, grammar=None, **kw)
            with_draft[next(gen)] += 1
            gen.close()
            assert drafting.drafted == 1
            accepted += drafting.accepted
        without: Counter[int] = Counter()
        for seed in range(n):
            r.llm.set_seed(seed)
            gen = r.llm.generate(prompt, **kw)
            without[next(gen)] += 1
            gen.close()
        assert 0.1 * n < accepted < 0.9 * n, "the draft was kept sometimes and rejected sometimes"
        assert accepted == with_draft[drafted_token]
        keys = sorted(set(with_draft) | set(without))
        table = np.array([[with_draft[k] for k in keys], [without[k] for k in keys]], float)
        expected = table.sum(1, keepdims=True) * table.sum(0, keepdims=True) / table.sum()
        chi2 = float(((table - expected) ** 2 / expected).sum())
        assert len(keys) == 4
        assert chi2 < 16.27, (chi2, dict(with_draft), dict(without))  # df 3, p = 0.001
    finally:
        r.close()


def second_turn(runner: LlamaRunner, first: str) -> tuple[str, Stats]:
    turn = [
        {"role": "user", "content": COPY},
        {"role": "assistant", "content": first},
        {"role": "user", "content": "Now rename tax_for to tax."},
    ]
    events = list(
        runner.stream(
            ChatRequest(turn, Sampling(temperature=0.0, max_tokens=60), ChatOptions(draft=False)),
            threading.Event(),
            threading.Event(),
        )
    )
    stats = events[-1]
    assert isinstance(stats, Stats)
    return "".join(ev.text for ev in events if isinstance(ev, Delta)), stats


def test_after_rejected_drafts_the_next_turn_reuses_the_cache_exactly(one_thread: LlamaRunner) -> None:
    """The rejected drafts' cache entries are removed: the next turn, which reuses the first
    turn's cache, writes what it writes after the same turn generated without drafts. (Against a
    fresh model it could differ: llama.cpp rounds batches of 64 tokens and more differently.)"""
    first, stats = answer(one_thread, COPY, ChatOptions(draft_fixed=8))
    assert stats.drafted_tokens > stats.accepted_tokens > 0, "some drafts were rejected"
    after_drafts, s1 = second_turn(one_thread, first)
    first_plain, _ = answer(one_thread, COPY, ChatOptions(draft=False))
    assert first_plain == first
    after_plain, s2 = second_turn(one_thread, first)
    assert s1.cached_tokens == s2.cached_tokens > len(one_thread.tokenize(COPY)), "the first turn came from the cache"
    assert after_drafts == after_plain


@pytest.fixture(scope="module")
def tiny(tiny_model: Path) -> Iterator[LlamaRunner]:
    r = LlamaRunner(LoadParams(str(tiny_model), n_ctx=1024, n_threads=1))
    yield r
    r.close()


def forced(runner: LlamaRunner, options: ChatOptions, stop: bool = False, now: bool = False) -> tuple[str, str, Stats]:
    """A forced repetitive reasoning (every draft is right), with Stop or Answer now pressed before the start."""
    cancel, answer_now = threading.Event(), threading.Event()
    if stop:
        cancel.set()
    if now:
        answer_now.set()
    request = ChatRequest([{"role": "user", "content": "Think."}], Sampling(max_tokens=400), options)
    parts: dict[str, list[str]] = {"reasoning": [], "answer": []}
    stats = None
    for ev in runner.stream(request, cancel, answer_now):
        if isinstance(ev, Delta):
            parts[ev.kind].append(ev.text)
        elif isinstance(ev, Stats):
            stats = ev
    assert stats is not None
    return "".join(parts["reasoning"]), "".join(parts["answer"]), stats


PONDER = gbnf_literal("ponder " * 60)


@pytest.mark.parametrize("at", [13, 30])
def test_stop_mid_draft_keeps_exactly_the_tokens_before_it(tiny: LlamaRunner, at: int) -> None:
    reasoning, _, stats = forced(
        tiny, ChatOptions(grammar=PONDER, loop_guard=False, hold_at=at, draft_fixed=8), stop=True
    )
    assert stats.finish_reason == "cancelled"
    assert stats.generated_tokens == at
    assert tiny.llm.n_tokens > stats.prompt_tokens + at, "the stop came in the middle of a verified draft"
    assert reasoning == ("ponder " * 60)[:at]


def test_answer_now_mid_draft_closes_the_reasoning_at_that_token(tiny: LlamaRunner) -> None:
    reasoning, answer_text, stats = forced(
        tiny, ChatOptions(grammar=PONDER, loop_guard=False, hold_at=21, draft_fixed=8), now=True
    )
    assert stats.answered_early == "answer_now"
    assert stats.reasoning_tokens == 21 and reasoning == ("ponder " * 60)[:21] + "\n"
    assert answer_text.lstrip().startswith("ponder ponder")  # the grammar starts again after </think>
    assert stats.accepted_tokens > 21, "drafts were verified past the press, and after it"


def test_thinking_budget_mid_draft_closes_at_the_budget(tiny: LlamaRunner) -> None:
    reasoning, _, stats = forced(tiny, ChatOptions(grammar=PONDER, loop_guard=False, think_budget=19, draft_fixed=8))
    assert stats.answered_early == "budget"
    assert stats.reasoning_tokens == 19 and reasoning == ("ponder " * 60)[:19] + "\n"
    assert stats.accepted_tokens > 19
