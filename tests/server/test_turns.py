"""One generation at a time, first come first served; a client that hangs up frees the engine."""

from __future__ import annotations

import dataclasses
import threading
from typing import Any

import openai
import pytest

from app.server.chat_request import Call, parse_chat
from tests.server.conftest import Running, wait_for
from tests.support.tiny_model import gbnf_literal

ASK = [{"role": "user", "content": "What is 6 * 7?"}]


def test_four_concurrent_clients_are_answered_in_order(tiny_server: Running, monkeypatch) -> None:
    """First come, first served: the order is the one the engine serves them in (recorded where
    it generates, not where the client threads happen to wake up), their arrival order."""
    gate = tiny_server.gate
    served: list[int] = []
    answers: dict[int, str] = {}
    lock = threading.Lock()
    engine = gate.engine
    stream_chat = engine.stream_chat

    def recording(messages: Any, sampling: Any = None, options: Any = None) -> Any:
        served.append(int(options.grammar.split("Client ")[1][0]))
        return stream_chat(messages, sampling, options)

    monkeypatch.setattr(engine, "stream_chat", recording)

    def ask(i: int) -> None:
        r = tiny_server.client().chat.completions.create(
            model="", messages=ASK, extra_body={"grammar": gbnf_literal(f"Client {i}.\n</think>\n\nAnswer {i}.")}
        )
        with lock:
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
        t.join(60)
    assert served == [0, 1, 2, 3]
    assert answers == {i: f"Answer {i}." for i in range(4)}
    assert gate.state().running is None


def test_a_client_that_hangs_up_frees_the_engine_at_once(tiny_server: Running, monkeypatch) -> None:
    """The generation is held at token 50 (``hold_at``) until the hang-up stops it, so the
    cancel lands mid-answer on any machine: the engine is free, the next request is answered,
    and the log says what the hung-up request generated (exactly its 50 tokens)."""
    from app.server import routes

    def held(body: object) -> Call:
        call = parse_chat(body)
        return dataclasses.replace(call, options=dataclasses.replace(call.options, hold_at=50))

    monkeypatch.setattr(routes, "parse_chat", held)
    client = tiny_server.client()
    text = "".join(f"{i} " for i in range(3000))  # no repeats: the loop guard never ends it first
    stream = client.chat.completions.create(
        model="", messages=ASK, stream=True, max_tokens=7000, extra_body={"grammar": gbnf_literal(text)}
    )
    it = iter(stream)
    next(it)  # the role chunk: the request runs
    assert tiny_server.gate.state().running == "api"
    stream.close()
    wait_for(lambda: tiny_server.gate.state().running is None)
    monkeypatch.undo()
    r = client.chat.completions.create(
        model="", messages=ASK, extra_body={"grammar": gbnf_literal("Next.\n</think>\n\nOK.")}
    )
    assert r.choices[0].message.content == "OK."
    wait_for(lambda: any(entry.status == 499 for entry in tiny_server.logs))
    [cancelled] = [entry for entry in tiny_server.logs if entry.status == 499]
    assert cancelled.tokens == 50, cancelled.line()
    assert "client disconnected" in cancelled.line()


def test_a_waiting_client_that_hangs_up_leaves_the_queue(tiny_server: Running) -> None:
    gate = tiny_server.gate
    client = tiny_server.client(timeout=0.5)
    with gate.turn("window", "answering"):
        with pytest.raises(openai.APITimeoutError):  # the client gives up while queued
            client.chat.completions.create(model="", messages=ASK, extra_body={"grammar": gbnf_literal("x")})
        wait_for(lambda: gate.state().waiting == 0, timeout=60)
