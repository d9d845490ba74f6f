"""The runner in this process, with SmolLM2: Stop during a long prompt, and what Stop costs per token."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.inference.events import Delta, LoadParams, Stats
from app.core.inference.llama_runner import LlamaRunner
from app.core.inference.wire import ChatRequest
from app.core.r1.sampling import Sampling

LONG_PROMPT = "Summarize this text. " + "The quick brown fox jumps over the lazy dog. " * 150  # ~1,500 tokens


class CountingFlag:
    """A stop flag that counts how often it is read, and turns itself on at read number ``trip``."""

    def __init__(self, trip: int | None = None) -> None:
        self.reads = 0
        self.trip = trip

    def is_set(self) -> bool:
        self.reads += 1
        return self.trip is not None and self.reads >= self.trip


@pytest.fixture(scope="module")
def runner(smollm_path: Path) -> Iterator[LlamaRunner]:
    r = LlamaRunner(LoadParams(str(smollm_path), n_ctx=2048, n_threads=2))
    yield r
    r.close()


def _run(runner: LlamaRunner, prompt: str, cancel: CountingFlag, max_tokens: int) -> tuple[Stats, int]:
    """(stats, flag reads before the first token)."""
    request = ChatRequest([{"role": "user", "content": prompt}], Sampling(max_tokens=max_tokens, temperature=0.0))
    before_first: int | None = None
    stats = None
    for ev in runner.stream(request, cancel, threading.Event()):
        if isinstance(ev, Delta) and before_first is None:
            before_first = cancel.reads
        elif isinstance(ev, Stats):
            stats = ev
    assert stats is not None
    return stats, before_first if before_first is not None else cancel.reads


def test_stop_interrupts_a_long_prompt_evaluation(runner: LlamaRunner) -> None:
    stats, _ = _run(runner, LONG_PROMPT, CountingFlag(trip=20), max_tokens=50)
    assert stats.finish_reason == "cancelled"
    assert stats.generated_tokens == 0
    assert runner.llm.n_tokens < stats.prompt_tokens, "the prompt evaluation must stop, not run to its end"
    # The runner answers the next request normally.
    again, _ = _run(runner, "Say hello.", CountingFlag(), max_tokens=5)
    assert again.finish_reason in ("stop", "length") and again.generated_tokens > 0


def test_after_the_prompt_stop_is_checked_once_per_token(runner: LlamaRunner) -> None:
    # llama.cpp's CPU backend would call an abort callback once per graph node (about 600 times
    # per SmolLM2 token); after the prompt, the token loop checks the flag itself.
    flag = CountingFlag()
    stats, during_prompt = _run(runner, "List the numbers from 1 to 1000, one per line.", flag, max_tokens=40)
    assert stats.generated_tokens == 40
    assert during_prompt > 1, "the prompt evaluation can be interrupted"
    assert flag.reads - during_prompt <= stats.generated_tokens


def test_a_grammar_llama_cpp_refuses_is_an_error_not_a_crash(tiny_model: Path) -> None:
    # Past the check (which refuses it too), llama.cpp's own parse is asked first: llama-cpp-python
    # would add the NULL sampler it returns to the chain and the process would die with SIGSEGV.
    from app.core.errors import GrammarError

    r = LlamaRunner(LoadParams(str(tiny_model), n_ctx=256, n_threads=1))
    try:
        with pytest.raises(GrammarError, match="parser refused"):
            r._grammar('root ::= "a" ""?')
        assert r._grammar('root ::= "a"') is not None
    finally:
        r.close()
