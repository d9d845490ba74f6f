"""The engine gate: first come first served, a bounded queue, cancel while waiting or running."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from app.core.inference.gate import Abandoned, EngineGate, GateState, QueueFull
from tests.support.fake_engine import FakeEngine
from tests.support.waiting import wait_for


def wait_until(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.002)


def test_turns_are_taken_in_arrival_order() -> None:
    gate = EngineGate(FakeEngine())  # type: ignore[arg-type]
    order: list[int] = []
    first = gate.enqueue("window", "answering")
    assert gate.wait(first, timeout=60)
    tickets = [gate.enqueue("api", f"request {i}") for i in range(3)]
    threads = []
    for i, t in enumerate(tickets):

        def run(t=t, i=i) -> None:
            assert gate.wait(t, timeout=60)
            order.append(i)
            gate.release(t)

        threads.append(threading.Thread(target=run))
    for th in reversed(threads):  # started in the wrong order on purpose
        th.start()
    assert gate.state() == GateState(running="window", label="answering", waiting=3, window_waiting=False)
    gate.release(first)
    for th in threads:
        th.join(60)
    assert order == [0, 1, 2]
    assert gate.state().running is None


def test_the_queue_is_bounded() -> None:
    gate = EngineGate(FakeEngine(), max_waiting=2)  # type: ignore[arg-type]
    gate.enqueue("api", "a")
    gate.enqueue("api", "b")
    gate.enqueue("window", "c")
    with pytest.raises(QueueFull, match="2 requests are already waiting"):
        gate.enqueue("api", "d")
    assert gate.state().describe() == "API request running · 2 queued"
    assert gate.state().window_waiting


def test_cancelling_a_waiting_ticket_leaves_the_queue() -> None:
    gate = EngineGate(FakeEngine())  # type: ignore[arg-type]
    with gate.turn("api", "answering"):
        waiting = gate.enqueue("window", "answering")
        assert gate.state().waiting == 1
        waiting.cancel()
        assert gate.state().waiting == 0
        assert not gate.wait(waiting, timeout=0.1)
    assert gate.state().running is None


def test_cancelling_a_running_ticket_cancels_the_engine_only_for_its_owner() -> None:
    engine = FakeEngine()
    gate = EngineGate(engine)  # type: ignore[arg-type]
    with gate.turn("api", "answering") as api:
        queued = gate.enqueue("window", "answering")
        gate.cancel_all("window")  # the window's own ticket only
        assert not engine._cancel.is_set()
        assert queued.done
        api.cancel()
        assert engine._cancel.is_set()


def test_turn_raises_when_cancelled_while_waiting() -> None:
    gate = EngineGate(FakeEngine())  # type: ignore[arg-type]
    holder = gate.enqueue("api", "answering")
    errors: list[Exception] = []

    def window() -> None:
        try:
            with gate.turn("window", "answering"):
                pass
        except Abandoned as e:
            errors.append(e)

    th = threading.Thread(target=window)
    th.start()
    wait_for(lambda: gate.state().waiting == 1)
    gate.cancel_all("window")
    th.join(60)
    assert errors and gate.state().running == "api"
    gate.release(holder)


def test_observers_see_every_change_and_swap_waits_for_its_turn() -> None:
    old, new = FakeEngine(), FakeEngine()
    gate = EngineGate(old)  # type: ignore[arg-type]
    seen: list[GateState] = []
    gate.subscribe(seen.append)
    with gate.turn("api", "answering"):
        swapped = threading.Thread(target=lambda: gate.swap(new))  # type: ignore[arg-type]
        swapped.start()
        wait_for(lambda: gate.state().waiting == 1)
        assert gate.engine is old, "never under a running request"
    swapped.join(60)
    assert gate.engine is new
    assert [s.running for s in seen][:2] == ["api", "api"]
    assert seen[-1].running is None
