"""Answers decoded together (``parallel.py``): each is the answer it would be alone, the shared
prompt is read once, an answer can join while others run, and Stop, Answer now and the budget
act on their own answer only."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.inference.events import ChatOptions, Delta, Event, LoadParams, Stats
from app.core.inference.llama_runner import LlamaRunner
from app.core.inference.local_engine import LocalEngine
from app.core.inference.parallel import Parallel
from app.core.inference.wire import ChatRequest
from app.core.r1.sampling import Sampling
from tests.support.tiny_model import gbnf_literal

QUESTION = [{"role": "user", "content": "Write a short poem about the sea, then explain it."}]


class Collect:
    """Each stream's text and Stats, as ``Parallel`` emits them."""

    def __init__(self) -> None:
        self.text: dict[int, str] = {}
        self.reasoning: dict[int, str] = {}
        self.stats: dict[int, Stats] = {}
        self.errors: dict[int, BaseException] = {}

    def __call__(self, stream: int, ev: Event | BaseException) -> None:
        if isinstance(ev, Delta):
            target = self.reasoning if ev.kind == "reasoning" else self.text
            target[stream] = target.get(stream, "") + ev.text
        elif isinstance(ev, Stats):
            self.stats[stream] = ev
        elif isinstance(ev, BaseException):
            self.errors[stream] = ev


def run(parallel: Parallel, requests: dict[int, ChatRequest], join: dict[int, ChatRequest] | None = None) -> None:
    """Start ``requests``; ``join`` starts after the first step."""
    for stream, request in requests.items():
        parallel.start(stream, request)
    steps = 0
    while parallel.running or join:
        parallel.step(0.05)
        steps += 1
        if join and steps == 3:
            for stream, request in join.items():
                parallel.start(stream, request)
            join = None


def emptied(runner: LlamaRunner) -> LlamaRunner:
    """Every sequence's cache emptied. (A cache kept from other answers is reused, and its cells lie
    elsewhere in the cache, which changes llama.cpp's rounding: the comparisons start empty.)"""
    runner._seq_rm(-1, 0, -1)
    for cache in runner._caches:
        cache.keep(0)
    return runner


def alone(runner: LlamaRunner, request: ChatRequest) -> tuple[str, Stats]:
    events = list(emptied(runner).stream(request, threading.Event(), threading.Event()))
    stats = events[-1]
    assert isinstance(stats, Stats)
    return "".join(ev.text for ev in events if isinstance(ev, Delta)), stats


@pytest.fixture(scope="module")
def smol(smollm_path: Path) -> Iterator[LlamaRunner]:
    r = LlamaRunner(LoadParams(str(smollm_path), n_ctx=1024, n_threads=1, n_threads_batch=1, flash_attn="on", n_seq=4))
    yield r
    r.close()


@pytest.fixture(scope="module")
def tiny(tiny_model: Path) -> Iterator[LlamaRunner]:
    r = LlamaRunner(LoadParams(str(tiny_model), n_ctx=1024, n_threads=1, n_seq=3))
    yield r
    r.close()


def test_samples_decoded_together_are_the_samples_decoded_one_by_one(smol: LlamaRunner) -> None:
    """Four samples of one question: the question is read once (by the first sample, in a batch of
    its own as it would be alone), then one batch a step carries all four. llama.cpp computes each
    row of such a batch bit for bit as alone (one thread, flash attention), so each sample is
    exactly the one its seed gives alone."""
    requests = {i: ChatRequest(QUESTION, Sampling(max_tokens=48, seed=10 + i)) for i in range(4)}
    expected = {i: alone(smol, r) for i, r in requests.items()}
    assert len({t for t, _ in expected.values()}) == 4, "the seeds give different samples"
    got = Collect()
    run(Parallel(emptied(smol), got), requests)
    assert not got.errors
    for i, (text, stats) in expected.items():
        assert got.text[i] == text
        assert got.stats[i].generated_tokens == stats.generated_tokens


def sampled(n: int, seed: int, **options: object) -> ChatRequest:
    """A tiny-model sample: four candidates of about equal weight, so llama.cpp's rounding (about
    1e-6 of a logit in this float32 model) would have to put the draw within that of a boundary."""
    return ChatRequest(QUESTION, Sampling(top_k=4, max_tokens=n, seed=seed), ChatOptions(loop_guard=False, **options))  # type: ignore[arg-type]


def test_different_questions_decoded_together_are_each_the_answer_alone(tiny: LlamaRunner) -> None:
    """Three questions read in one batch (where llama.cpp rounds a little differently from three
    batches: harmless for these draws) and answered together: each is its answer alone."""
    questions = ["Name three colours.", "What is the capital of France?", "Count from one to five."]
    requests = {
        i: ChatRequest(
            [{"role": "user", "content": q}], Sampling(top_k=4, max_tokens=40, seed=i), ChatOptions(loop_guard=False)
        )
        for i, q in enumerate(questions)
    }
    expected = {i: alone(tiny, r)[0] for i, r in requests.items()}
    got = Collect()
    run(Parallel(emptied(tiny), got), requests)
    assert got.reasoning == expected  # the R1 template: the output is reasoning


def test_an_answer_joins_while_others_run(tiny: LlamaRunner) -> None:
    first, late = {0: sampled(60, 1)}, {1: sampled(30, 2)}
    expected = {0: alone(tiny, first[0])[0], 1: alone(tiny, late[1])[0]}
    got = Collect()
    run(Parallel(emptied(tiny), got), first, join=late)
    assert got.reasoning == expected


def test_the_shared_prompt_is_read_once(smol: LlamaRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    long_question = [{"role": "user", "content": "Summarize: " + "The tide rises and falls twice a day. " * 30}]
    prompt = emptied(smol).render(ChatRequest(long_question))[1]
    decoded: list[int] = []
    real = smol._decode
    monkeypatch.setattr(smol, "_decode", lambda t, p, s, lg: (decoded.append(len(t)), real(t, p, s, lg))[1])
    got = Collect()
    run(Parallel(smol, got), {i: ChatRequest(long_question, Sampling(max_tokens=8, seed=i)) for i in range(4)})
    assert len(got.stats) == 4 and all(s.generated_tokens == 8 for s in got.stats.values())
    assert sum(decoded) <= len(prompt) + 4 * 8, f"read {sum(decoded)} tokens for a prompt of {len(prompt)}"


def test_stop_answer_now_and_the_budget_act_on_their_own_answer(tiny: LlamaRunner) -> None:
    """Three answers at once, each with its own control: the R1 protocol works on every sequence."""
    think = gbnf_literal("ponder " * 60)

    def request(**options: object) -> ChatRequest:
        return ChatRequest(
            [{"role": "user", "content": "Think."}],
            Sampling(max_tokens=150),
            ChatOptions(grammar=think, loop_guard=False, **options),
        )  # type: ignore[arg-type]

    got = Collect()
    parallel = Parallel(tiny, got)
    parallel.start(0, request(hold_at=17))
    parallel.start(1, request(hold_at=11))
    parallel.start(2, request(think_budget=23))
    parallel.cancel(0)  # pressed before the start: takes effect at token 17 (hold_at)
    parallel.answer_now(1)
    while parallel.running:
        parallel.step(0.05)
    assert not got.errors
    assert got.stats[0].finish_reason == "cancelled" and got.stats[0].generated_tokens == 17
    assert got.reasoning[0] == ("ponder " * 60)[:17]
    assert got.stats[1].answered_early == "answer_now" and got.stats[1].reasoning_tokens == 11
    assert got.stats[2].answered_early == "budget" and got.stats[2].reasoning_tokens == 23
    assert got.stats[1].generated_tokens == got.stats[2].generated_tokens == 150  # both went on to answer


def test_the_model_process_streams_samples_together(tiny_model: Path) -> None:
    with LocalEngine() as engine:
        engine.load(LoadParams(str(tiny_model), n_ctx=1024, n_threads=1, n_seq=3))
        requests = [
            (QUESTION, Sampling(top_k=4, max_tokens=24, seed=i), ChatOptions(loop_guard=False)) for i in range(5)
        ]
        text: dict[int, str] = {}
        stats: dict[int, Stats] = {}
        for i, ev in engine.stream_many(requests):
            if isinstance(ev, Delta):
                text[i] = text.get(i, "") + ev.text
            elif isinstance(ev, Stats):
                stats[i] = ev
        assert sorted(stats) == [0, 1, 2, 3, 4], "five samples on three slots: two waited their turn"
        assert all(s.generated_tokens == 24 for s in stats.values())
        # the engine answers a single request afterwards, the same as sample 0
        alone_text = "".join(
            ev.text
            for ev in engine.stream_chat(
                QUESTION, Sampling(top_k=4, max_tokens=24, seed=0), ChatOptions(loop_guard=False)
            )
            if isinstance(ev, Delta)
        )
        assert alone_text == text[0]


class _Pipe:
    """The app's end of the model process's pipe: ``later`` arrives after the loop's first steps."""

    def __init__(self, later: list[object]) -> None:
        self.later, self.sent, self.polls = later, [], 0

    def poll(self, _timeout: float) -> bool:
        self.polls += 1
        return self.polls > 2 and bool(self.later)

    def recv(self) -> object:
        return self.later.pop(0)

    def send(self, message: object) -> None:
        self.sent.append(message)


def test_stop_and_answer_now_for_answers_waiting_for_a_slot(tiny_model: Path) -> None:
    """With every slot busy, a Stop for an answer still waiting in the model process ended every
    answer ('All 1 slots are answering' raised out of the loop) and an Answer now was lost: the
    stopped one now ends at its start, with nothing written, the other gets its Answer now when
    its turn comes, and the running one is untouched."""
    from app.core.inference.model_server import _failed
    from app.core.inference.multi_serve import serve_many
    from app.core.inference.wire import GenerateMany, StopStream, Tagged

    runner = LlamaRunner(LoadParams(str(tiny_model), n_ctx=1024, n_threads=1, n_seq=1))
    try:
        running = sampled(80, 1)
        think = ChatRequest(
            QUESTION,
            Sampling(top_k=4, max_tokens=200, seed=3),
            ChatOptions(grammar=gbnf_literal("ponder " * 60 + "\n</think>\n\nok")),
        )
        pipe = _Pipe([GenerateMany([running, think], [2, 3]), StopStream(2), StopStream(3, answer_now=True)])
        assert serve_many(
            pipe, Parallel(runner), GenerateMany([running], [1]), threading.Event(), threading.Event(), _failed
        )
        ends = {m.stream: m.event for m in pipe.sent if isinstance(m, Tagged) and isinstance(m.event, Stats)}
        assert not [m for m in pipe.sent if not isinstance(m, Tagged)], "nothing untagged: no answer failed"
        assert ends[1].finish_reason != "cancelled" and ends[1].generated_tokens > 0
        assert ends[2].finish_reason == "cancelled" and ends[2].generated_tokens == 0
        assert ends[3].answered_early == "answer_now" and ends[3].reasoning_tokens < 60
    finally:
        runner.close()
