"""A model loaded with several slots: the gate lets answers run side by side (loads still alone),
the local engine streams them side by side through one model process, and Stop and Answer now
reach only their own answer."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from app.core.inference.events import ChatOptions, Delta, Event, LoadParams, Stats
from app.core.inference.gate import EngineGate
from app.core.inference.local_engine import LocalEngine
from app.core.r1.sampling import Sampling
from tests.support.fake_engine import FakeEngine
from tests.support.tiny_model import gbnf_literal

HOLD = 20


class SlotEngine(FakeEngine):
    """A fake with slots, which records what the gate stops."""

    def __init__(self, slots: int) -> None:
        super().__init__()
        self.slots = slots
        self.stopped: list[object] = []
        self.answered_now: list[object] = []

    def cancel_stream(self, stream: object) -> None:
        self.stopped.append(stream)

    def answer_now_stream(self, stream: object) -> None:
        self.answered_now.append(stream)


def test_answers_run_side_by_side_up_to_the_slots() -> None:
    gate = EngineGate(SlotEngine(slots=2))  # type: ignore[arg-type]
    a = gate.enqueue("window", "answering", shared=True)
    b = gate.enqueue("api", "answering", shared=True)
    c = gate.enqueue("api", "answering", shared=True)
    assert a.running and b.running and not c.running, "two slots: the third waits"
    assert gate.state().describe() == "2 answers running · 1 queued"
    gate.release(a)
    assert c.running


def test_a_load_waits_for_every_answer_and_holds_back_those_behind_it() -> None:
    gate = EngineGate(SlotEngine(slots=4))  # type: ignore[arg-type]
    a = gate.enqueue("api", "answering", shared=True)
    load = gate.enqueue("window", "loading")
    late = gate.enqueue("api", "answering", shared=True)
    assert a.running and not load.running and not late.running, "first come, first served"
    gate.release(a)
    assert load.running and not late.running, "a load runs alone"
    gate.release(load)
    assert late.running


def test_one_slot_is_one_answer_at_a_time() -> None:
    gate = EngineGate(SlotEngine(slots=1))  # type: ignore[arg-type]
    a = gate.enqueue("api", "answering", shared=True)
    b = gate.enqueue("api", "answering", shared=True)
    assert a.running and not b.running


def test_a_shared_ticket_behind_a_load_asks_again_whether_it_may_share() -> None:
    """An API request for the loaded model queued behind the window's load of another one must
    run alone (it loads its model back), never beside the window's answers."""
    gate = EngineGate(SlotEngine(slots=4))  # type: ignore[arg-type]
    same_model = [True]
    answer = gate.enqueue("window", "answering", shared=True)
    load = gate.enqueue("window", "loading")
    api = gate.enqueue("api", "answering", shared=lambda: same_model[0])
    same_model[0] = False  # the load will change the model
    gate.release(answer)
    assert load.running and not api.running
    gate.release(load)
    assert api.running and not api.shared
    window = gate.enqueue("window", "answering", shared=True)
    assert not window.running, "a ticket that loads runs alone"
    gate.release(api)
    assert window.running


def test_stop_before_its_answer_starts_leaves_the_others_alone() -> None:
    engine = SlotEngine(slots=2)
    gate = EngineGate(engine)  # type: ignore[arg-type]
    a = gate.enqueue("window", "answering", shared=True)
    b = gate.enqueue("api", "answering", shared=True)
    a.stream = object()
    b.cancel()  # b has no answer yet: its owner stops it when it starts (it sees b.cancelled)
    assert b.cancelled and engine.stopped == [] and not engine._cancel.is_set()


def test_stop_and_answer_now_reach_only_the_tickets_own_answer() -> None:
    engine = SlotEngine(slots=2)
    gate = EngineGate(engine)  # type: ignore[arg-type]
    a = gate.enqueue("window", "answering", shared=True)
    b = gate.enqueue("api", "answering", shared=True)
    a.stream, b.stream = object(), object()
    b.cancel()
    gate.answer_now(a)
    assert engine.stopped == [b.stream] and engine.answered_now == [a.stream]


def collect(stream: Any, out: dict[str, Any]) -> None:
    text, stats = [], None
    for ev in stream:
        if isinstance(ev, Delta):
            text.append(ev.text)
        elif isinstance(ev, Stats):
            stats = ev
    out["text"], out["stats"] = "".join(text), stats


def sample(seed: int, n: int, **options: Any) -> tuple[list[dict[str, str]], Sampling, ChatOptions]:
    return (
        [{"role": "user", "content": f"Question {seed}?"}],
        Sampling(top_k=4, max_tokens=n, seed=seed),
        ChatOptions(loop_guard=False, **options),
    )


def test_two_callers_stream_side_by_side_and_stop_only_their_own(tiny_model: Path) -> None:
    with LocalEngine() as engine:
        engine.load(LoadParams(str(tiny_model), n_ctx=2048, n_threads=1))
        alone = {i: {} for i in range(2)}  # type: ignore[var-annotated]
        for i in range(2):
            collect(engine.stream_chat(*sample(i, 200)), alone[i])
        engine.load(LoadParams(str(tiny_model), n_ctx=2048, n_threads=1, n_seq=3))
        assert engine.slots == 3
        got: dict[int, dict[str, Any]] = {i: {} for i in range(3)}
        streams = [engine.stream_chat(*sample(i, 200)) for i in range(2)]
        # a third, long and forced, held at its token HOLD (it steps aside: the others go on) and
        # stopped there by its caller
        held = engine.stream_chat(
            [{"role": "user", "content": "Think."}],
            Sampling(max_tokens=3000),
            ChatOptions(grammar=gbnf_literal("ponder " * 500), loop_guard=False, hold_at=HOLD),
        )
        threads = [threading.Thread(target=collect, args=(s, got[i])) for i, s in enumerate(streams)]
        for t in threads:
            t.start()
        first: list[Event] = []
        for ev in held:
            first.append(ev)
            if isinstance(ev, Delta):
                engine.cancel_stream(held)
                break
        rest = list(held)
        for t in threads:
            t.join(120)
        assert isinstance(rest[-1], Stats) and rest[-1].finish_reason == "cancelled"
        assert rest[-1].generated_tokens == HOLD, "stopped at the held token"
        for i in range(2):
            assert got[i]["stats"].finish_reason in ("stop", "length")
            assert got[i]["text"] == alone[i]["text"], "each is the answer it gives alone"
        # the engine is free again: a load or a count works
        assert engine.count_tokens(["hello"]).counts[0] > 0


def test_stop_before_the_first_read_ends_only_that_answer(tiny_model: Path) -> None:
    """A stream stopped before it is read starts cancelled: its Stats come at once, with no
    token, and the answer beside it is the one it gives alone."""
    with LocalEngine() as engine:
        engine.load(LoadParams(str(tiny_model), n_ctx=2048, n_threads=1, n_seq=2))
        alone: dict[str, Any] = {}
        collect(engine.stream_chat(*sample(7, 120)), alone)
        other, early = engine.stream_chat(*sample(7, 120)), engine.stream_chat(*sample(8, 120))
        engine.cancel_stream(early)
        got: dict[str, Any] = {}
        reader = threading.Thread(target=collect, args=(other, got))
        reader.start()
        events = list(early)
        reader.join(120)
        assert isinstance(events[-1], Stats) and events[-1].finish_reason == "cancelled"
        assert events[-1].generated_tokens == 0
        assert got["text"] == alone["text"] and got["stats"].finish_reason in ("stop", "length")


def test_a_long_prompt_beside_other_answers_says_how_far_it_read(tiny_model: Path) -> None:
    """With slots every answer goes through the shared batches; a long prompt is still read in
    steps the window can show ("Reading 1,500 tokens… 40 %")."""
    from app.core.inference.events import Reading

    with LocalEngine() as engine:
        engine.load(LoadParams(str(tiny_model), n_ctx=4096, n_threads=1, n_seq=2))
        long = "word " * 400  # 2,000 byte tokens: four batches of 512
        events = list(engine.stream_chat([{"role": "user", "content": long}], Sampling(max_tokens=3)))
    readings = [(ev.done, ev.total) for ev in events if isinstance(ev, Reading)]
    total = readings[0][1]
    assert total > 2000 and len(readings) >= 4, readings
    assert [d for d, _ in readings] == sorted(d for d, _ in readings) and readings[-1][0] == total - 1
    assert isinstance(events[-1], Stats) and events[-1].generated_tokens == 3


def test_a_caller_that_gives_up_draining_ends_only_its_own_answer(tiny_model: Path, monkeypatch: Any) -> None:
    """A caller that leaves (a client hanging up) stops its answer and reads on to its end for a
    while; when a batch step takes longer than that (a long prompt on a big model on a CPU) it
    gives up on its own answer only: the answer beside it streams on to its end (it used to end
    with 'The model process stopped answering' too)."""
    from app.core import errors

    with LocalEngine() as engine:
        engine.load(LoadParams(str(tiny_model), n_ctx=2048, n_threads=1, n_seq=2))
        leaving = engine.stream_chat(
            [{"role": "user", "content": "Think."}],
            Sampling(max_tokens=3000),
            ChatOptions(grammar=gbnf_literal("ponder " * 500), loop_guard=False, hold_at=HOLD),
        )
        staying = engine.stream_chat(*sample(1, 200))
        next(ev for ev in leaving if isinstance(ev, Delta))
        first = next(ev for ev in staying if isinstance(ev, Delta))
        real = engine._recv

        def slow(timeout: float | None = None) -> Any:
            if timeout is not None:  # the leaving caller's drain, as if the step outlasted its wait
                raise errors.EngineError("The model process stopped answering while generating.")
            return real(timeout)

        monkeypatch.setattr(engine, "_recv", slow)
        leaving.close()
        monkeypatch.setattr(engine, "_recv", real)
        rest = list(staying)
        assert isinstance(rest[-1], Stats) and rest[-1].finish_reason in ("stop", "length")
        assert first.text and rest[-1].generated_tokens > 0
        assert engine.count_tokens(["hello"]).counts[0] > 0  # the engine is free again
