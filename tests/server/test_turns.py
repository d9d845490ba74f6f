"""One generation at a time, first come first served; a client that hangs up frees the engine."""

from __future__ import annotations

import threading
import time

import openai
import pytest

from tests.server.conftest import Running, wait_for
from tests.support.tiny_model import gbnf_literal

ASK = [{"role": "user", "content": "What is 6 * 7?"}]


def test_four_concurrent_clients_are_answered_in_order(tiny_server: Running) -> None:
    gate = tiny_server.gate
    done: list[int] = []
    answers: dict[int, str] = {}
    lock = threading.Lock()

    def ask(i: int) -> None:
        r = tiny_server.client().chat.completions.create(
            model="", messages=ASK, extra_body={"grammar": gbnf_literal(f"Client {i}.\n</think>\n\nAnswer {i}.")}
        )
        with lock:
            done.append(i)
            answers[i] = r.choices[0].message.content or ""

    threads = []
    with gate.turn("window", "answering"):  # the window holds the model while the four arrive
        for i in range(4):
            t = threading.Thread(target=ask, args=(i,))
            t.start()
            threads.append(t)
            wait_for(lambda i=i: gate.state().waiting == i + 1)
        state = gate.state()
        assert state.running == "window" and state.waiting == 4
        assert state.describe() == "the window is answering · 4 queued"
    for t in threads:
        t.join(30)
    assert done == [0, 1, 2, 3]
    assert answers == {i: f"Answer {i}." for i in range(4)}
    assert gate.state().running is None


def test_a_client_that_hangs_up_frees_the_engine_at_once(tiny_server: Running) -> None:
    client = tiny_server.client()
    stream = client.chat.completions.create(
        model="", messages=ASK, stream=True, max_tokens=7000, extra_body={"grammar": gbnf_literal("word " * 7000)}
    )  # thousands of tokens: still running when a slow (busy) client has read four chunks
    it = iter(stream)
    for _ in range(4):
        next(it)
    assert tiny_server.gate.state().running == "api"
    hung_up = time.perf_counter()
    stream.close()
    wait_for(lambda: tiny_server.gate.state().running is None, timeout=60)
    freed = time.perf_counter() - hung_up
    print(f"engine free {freed * 1000:.0f} ms after the client hung up")
    assert freed < 3.0  # well under a second on a quiet machine; generating all 5,000 tokens takes far longer
    # the next request starts at once and the cancelled one generated far fewer tokens
    r = client.chat.completions.create(
        model="", messages=ASK, extra_body={"grammar": gbnf_literal("Next.\n</think>\n\nOK.")}
    )
    assert r.choices[0].message.content == "OK."
    cancelled = [entry for entry in tiny_server.logs if entry.status == 499]
    assert cancelled and cancelled[-1].tokens < 3000


def test_a_waiting_client_that_hangs_up_leaves_the_queue(tiny_server: Running) -> None:
    gate = tiny_server.gate
    client = tiny_server.client(timeout=0.5)
    with gate.turn("window", "answering"):
        with pytest.raises(openai.APITimeoutError):  # the client gives up while queued
            client.chat.completions.create(model="", messages=ASK, extra_body={"grammar": gbnf_literal("x")})
        wait_for(lambda: gate.state().waiting == 0, timeout=60)
