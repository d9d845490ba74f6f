"""The local API with two slots: a second client is answered while the first one streams; the
queue and 429 beyond the slots stay; a client that hangs up stops only its own answer."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.inference.events import LoadParams
from app.server.chat_request import Call, parse_chat
from tests.server.conftest import Running, start, wait_for
from tests.support.tiny_model import gbnf_literal

HELD_AT = 5
LONG = "".join(f"{i} " for i in range(2000))


@pytest.fixture(scope="module")
def slotted(engine: Any, tiny_model: Path) -> Iterator[Running]:
    engine.load(LoadParams(str(tiny_model), n_ctx=8192, n_seq=2))
    running = start(engine, max_waiting=1)
    yield running
    running.server.stop()


@pytest.fixture
def first_is_held(monkeypatch: pytest.MonkeyPatch) -> None:
    """A request saying "first" waits at its token 5 until it is stopped (``hold_at``): it is
    still answering, on any machine, whatever else happens meanwhile."""
    from app.server import routes

    def held(body: object) -> Call:
        call = parse_chat(body)
        if call.messages[-1]["content"] == "first":
            call = dataclasses.replace(call, options=dataclasses.replace(call.options, hold_at=HELD_AT))
        return call

    monkeypatch.setattr(routes, "parse_chat", held)


def ask(text: str, answer: str) -> dict[str, Any]:
    return {
        "model": "",
        "messages": [{"role": "user", "content": text}],
        "extra_body": {"grammar": gbnf_literal(f"Thinking.\n</think>\n\n{answer}")},
    }


def test_a_second_client_is_answered_while_the_first_streams(slotted: Running, first_is_held: None) -> None:
    client = slotted.client(timeout=30)  # one slot would keep the second waiting for the first (a minute)
    stream = client.chat.completions.create(
        model="",
        messages=[{"role": "user", "content": "first"}],
        stream=True,
        max_tokens=5000,
        extra_body={"grammar": gbnf_literal(LONG)},
    )
    it = iter(stream)
    next(it)  # the role chunk: the first request runs
    r = client.chat.completions.create(**ask("second", "Second answer."))
    assert r.choices[0].message.content == "Second answer."
    assert slotted.gate.state().running == "api", "the first still streams"
    stream.close()  # the first client hangs up: its answer stops at the held token
    wait_for(lambda: slotted.gate.state().running is None)
    wait_for(lambda: any(entry.status == 499 for entry in slotted.logs))
    [cancelled] = [entry for entry in slotted.logs if entry.status == 499]
    assert cancelled.tokens == HELD_AT


def test_beyond_the_slots_requests_queue_and_then_429(slotted: Running) -> None:
    gate = slotted.gate
    results: list[str] = []
    with gate.turn("window", "answering", shared=True), gate.turn("window", "answering", shared=True):
        # both slots are taken: one request waits (max_waiting=1), the next is refused
        waiting = threading.Thread(
            target=lambda: results.append(
                slotted.client(timeout=60).chat.completions.create(**ask("third", "Third.")).choices[0].message.content
            )
        )
        waiting.start()
        wait_for(lambda: gate.state().waiting == 1)
        import openai

        with pytest.raises(openai.RateLimitError):
            slotted.client().chat.completions.create(**ask("fourth", "Fourth."))
    waiting.join(60)
    assert results == ["Third."]


@pytest.fixture
def both_held(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests saying "A" or "B" wait at their token 5 until stopped or answered now."""
    from app.server import routes

    def held(body: object) -> Call:
        call = parse_chat(body)
        if call.messages[-1]["content"] in ("A", "B"):
            call = dataclasses.replace(call, options=dataclasses.replace(call.options, hold_at=HELD_AT))
        return call

    monkeypatch.setattr(routes, "parse_chat", held)


def test_answer_now_for_one_answer_leaves_the_other_thinking(slotted: Running, both_held: None) -> None:
    """POST /v1/r1desk/answer_now names one answer: another one running beside it in the other
    slot goes on thinking (it used to set the engine's flag for every answer, and for every
    answer started after it while any ran)."""
    import json
    import urllib.request

    client = slotted.client(timeout=30)
    before = len(slotted.logs)  # the module's server logged the tests before this one

    def open_stream(name: str) -> Any:
        thinking = gbnf_literal("ponder " * 300 + f"\n</think>\n\n{name} done.")
        stream = client.chat.completions.create(
            model="",
            messages=[{"role": "user", "content": name}],
            stream=True,
            max_tokens=2000,
            extra_body={"grammar": thinking},
        )
        return stream, iter(stream)

    a, a_chunks = open_stream("A")
    first = next(a_chunks)  # the role chunk: A runs
    b, b_chunks = open_stream("B")
    next(b_chunks)  # B runs beside it
    wait_for(lambda: slotted.gate.state().running == "api")
    req = urllib.request.Request(
        f"{slotted.url}/r1desk/answer_now",
        data=json.dumps({"id": first.id}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=30) as r:
        assert r.status == 200
    rest = list(a_chunks)
    answer = "".join(c.choices[0].delta.content or "" for c in rest if c.choices)
    assert answer.strip(), "A went on with an answer"
    assert (rest[-1].choices[0].model_extra or {}).get("answered_early") == "answer_now"
    assert not any(entry.status == 499 for entry in slotted.logs[before:])
    b.close()  # B was still held at its token: the hang-up stops it there
    wait_for(lambda: any(entry.status == 499 for entry in slotted.logs[before:]))
    [cancelled] = [entry for entry in slotted.logs[before:] if entry.status == 499]
    assert cancelled.tokens == HELD_AT, "B was answered early too"
    a.close()
