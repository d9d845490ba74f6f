"""Every error a client can meet, with its status code and the OpenAI error shape; the key, the
origin check, CORS, the body limit and the queue limit."""

from __future__ import annotations

import json
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import openai
import pytest

from app.server.config import ServerConfig, ServerConfigError
from tests.server.conftest import Running, get, post, start, wait_for
from tests.support.fake_engine import HOLD, FakeEngine, script

ASK = [{"role": "user", "content": "What is 6 * 7?"}]


def assert_openai_error(body: dict[str, object], code: str | None = None) -> str:
    err = body["error"]
    assert isinstance(err, dict) and set(err) >= {"message", "type", "code"}
    assert isinstance(err["message"], str) and err["message"].endswith(".")
    if code is not None:
        assert err["code"] == code
    return err["message"]


@pytest.fixture()
def fake_server(tiny_model: Path) -> Iterator[tuple[Running, FakeEngine]]:
    from app.core.inference.events import LoadParams

    engine = FakeEngine()
    engine.load(LoadParams(str(tiny_model)))
    running = start(engine, max_waiting=1)
    yield running, engine
    running.server.stop()


def chat_url(r: Running) -> str:
    return f"{r.url}/chat/completions"


@pytest.mark.parametrize(
    ("body", "param"),
    [
        (b"{not json", None),
        (b"[1, 2]", None),
        ({"messages": "hello"}, "messages"),
        ({"messages": []}, "messages"),
        ({"messages": [{"role": "user", "content": 42}]}, "messages"),
        ({"messages": ASK, "temperature": "hot"}, "temperature"),
        ({"messages": ASK, "temperature": 5}, "temperature"),
        ({"messages": ASK, "max_tokens": -1}, "max_tokens"),
        ({"messages": ASK, "max_completion_tokens": 10**7}, "max_completion_tokens"),
        ({"messages": ASK, "grammar": 'root ::= "a" ""?'}, "grammar"),
        (b'{"messages": [{"role": "user", "content": "\\ud800"}]}', "messages"),
        ({"messages": ASK, "stream": "yes"}, "stream"),
        ({"messages": ASK, "max_tokens": 1.5}, "max_tokens"),
        ({"messages": ASK, "reasoning_effort": "extreme"}, "reasoning_effort"),
        ({"messages": ASK, "n": 2}, "n"),
        ({"messages": ASK, "tools": [{"type": "function", "function": {}}]}, "tools"),
        ({"messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}]}, "messages"),
        ({"messages": [{"role": "assistant", "content": "hi"}]}, "messages"),
    ],
)
def test_bad_requests_are_400(fake_server, body: object, param: str | None) -> None:
    running, engine = fake_server
    status, _, answer = post(chat_url(running), body)  # type: ignore[arg-type]
    assert status == 400
    assert_openai_error(answer)
    assert answer["error"]["type"] == "invalid_request_error"
    if param is not None:
        assert answer["error"]["param"] == param
    assert engine.requests == [], "nothing reaches the engine"


def test_unknown_model_is_404_with_the_list(fake_server) -> None:
    running, _ = fake_server
    with pytest.raises(openai.NotFoundError) as e:
        running.client().chat.completions.create(model="gpt-4o", messages=ASK)  # type: ignore[arg-type]
    message = assert_openai_error(
        e.value.body if "error" in e.value.body else {"error": e.value.body}, "model_not_found"
    )
    assert "gpt-4o" in message and "tiny-r1.gguf" in message


def test_unknown_endpoint_and_method_in_the_openai_shape(fake_server) -> None:
    running, _ = fake_server
    status, body = get(f"{running.url}/embeddings")
    assert status == 404
    assert_openai_error(body)
    status, body = get(chat_url(running))
    assert status == 405
    assert_openai_error(body)


def test_body_over_8_mb_is_413(fake_server) -> None:
    running, engine = fake_server
    big = json.dumps({"messages": [{"role": "user", "content": "x" * (8 * 1024 * 1024 + 1)}]}).encode()
    status, _, body = post(chat_url(running), big)
    assert status == 413
    assert_openai_error(body, "request_too_large")
    assert engine.requests == []


def test_a_web_page_cannot_drive_the_model(fake_server) -> None:
    running, engine = fake_server
    status, _, body = post(chat_url(running), {"messages": ASK}, {"Origin": "https://evil.example"})
    assert status == 403
    assert "--cors" in assert_openai_error(body, "origin_not_allowed")
    assert engine.requests == []
    # no CORS headers are offered either
    req = urllib.request.Request(f"{running.url}/models", method="OPTIONS", headers={"Origin": "https://evil.example"})
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req, timeout=60)
    assert "access-control-allow-origin" not in {k.lower() for k in e.value.headers}


def test_cors_names_the_one_origin_allowed(tiny_model: Path) -> None:
    from app.core.inference.events import LoadParams

    engine = FakeEngine()
    engine.load(LoadParams(str(tiny_model)))
    running = start(engine, ServerConfig(port=0, cors=("http://localhost:3000",)))
    try:
        status, headers, _ = post(chat_url(running), {"messages": ASK}, {"Origin": "http://localhost:3000"})
        assert status == 200
        assert headers.get("access-control-allow-origin") == "http://localhost:3000"
        status, _, _ = post(chat_url(running), {"messages": ASK}, {"Origin": "http://localhost:4000"})
        assert status == 403
    finally:
        running.server.stop()


def test_api_key_is_required_when_set(tiny_model: Path) -> None:
    from app.core.inference.events import LoadParams

    engine = FakeEngine()
    engine.load(LoadParams(str(tiny_model)))
    running = start(engine, ServerConfig(port=0, api_key="s3cret-key"))
    try:
        for key in ("wrong", "s3cret-ke", "s3cret-key2"):
            with pytest.raises(openai.AuthenticationError):
                running.client(api_key=key).chat.completions.create(model="", messages=ASK)  # type: ignore[arg-type]
        status, body = get(f"{running.url}/models")
        assert status == 401
        assert_openai_error(body, "invalid_api_key")
        r = running.client(api_key="s3cret-key").chat.completions.create(model="", messages=ASK)  # type: ignore[arg-type]
        assert "42" in (r.choices[0].message.content or "")
        assert len(engine.requests) == 1
    finally:
        running.server.stop()


def test_other_addresses_need_a_key() -> None:
    with pytest.raises(ServerConfigError, match="API key"):
        ServerConfig(host="0.0.0.0").check()
    with pytest.raises(ServerConfigError, match="API key"):
        ServerConfig(host="192.168.1.5").check()
    ServerConfig(host="0.0.0.0", api_key="k").check()
    ServerConfig(host="::1").check()
    ServerConfig(host="localhost").check()


def test_port_in_use_is_a_clear_error(fake_server) -> None:
    from app.server.runner import bind

    running, _ = fake_server
    with pytest.raises(ServerConfigError, match="choose another port"):
        bind(ServerConfig(port=running.server.port))


def test_a_full_queue_answers_429_with_retry_after(fake_server) -> None:
    running, engine = fake_server  # one may wait behind the running request
    first_stream = script(answer="y" * 3000)
    engine.streams.append([*first_stream[:5], HOLD, *first_stream[5:]])  # runs until its client hangs up
    client = running.client()
    first = client.chat.completions.create(model="", messages=ASK, stream=True)  # type: ignore[arg-type]
    next(iter(first))
    results: list[object] = []
    waiter = threading.Thread(target=lambda: results.append(client.chat.completions.create(model="", messages=ASK)))  # type: ignore[arg-type]
    waiter.start()
    wait_for(lambda: engine.holding and running.gate.state().waiting == 1)
    status, headers, body = post(chat_url(running), {"messages": ASK})
    assert status == 429
    assert headers.get("retry-after", "").isdigit()
    assert_openai_error(body, "queue_full")
    first.close()  # the client hangs up: the waiting request runs next
    waiter.join(60)
    assert results and "42" in (results[0].choices[0].message.content or "")  # type: ignore[attr-defined]


def test_an_engine_failure_midway_is_reported_in_the_stream(fake_server) -> None:
    running, engine = fake_server
    engine.fail_after = 3
    stream = running.client().chat.completions.create(model="", messages=ASK, stream=True)  # type: ignore[arg-type]
    with pytest.raises(openai.APIError, match="crashed"):
        list(stream)
    engine.fail_after = None
    status, _, body = post(chat_url(running), {"messages": ASK})
    assert status == 200 and "42" in body["choices"][0]["message"]["content"]
