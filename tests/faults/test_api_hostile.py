"""Hostile requests against ``r1desk serve`` as a user runs it (issue 29 items 6 and 7, issue 23
section 3): each is answered with its status and a sentence naming the field, nothing reaches the
model that would crash it, and the serve log has no traceback after the battery. And a model
process that dies under an API request leaves the window its model."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import openai
import pytest

from app.core.inference.events import ChatOptions, LoadParams
from app.core.inference.local_engine import LocalEngine
from app.core.r1.sampling import Sampling
from tests.faults.tally import Tries
from tests.faults.test_grammar_fuzz import CRASHED
from tests.server.conftest import start
from tests.support.tiny_model import gbnf_literal, write_tiny_model

KEY = "hostile-test-key"
ASK = [{"role": "user", "content": "hi"}]
ANSWER = gbnf_literal("Hm.\n</think>\n\nHello there, and more words after the stop.")


class Serve:
    """``r1desk serve`` with a key, its log, and requests to it."""

    def __init__(self, model: Path) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "R1DESK_TEST_KEY": KEY}
        cmd = [sys.executable, "-m", "app", "serve", "-m", str(model), "--port", "0", "--ctx", "512"]
        self.proc = subprocess.Popen(
            [*cmd, "--api-key-env", "R1DESK_TEST_KEY"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        assert self.proc.stdout is not None
        self.log: list[str] = []
        for line in self.proc.stdout:
            self.log.append(line)
            if "R1 Desk API at" in line:
                break
        found = re.search(r"http://127\.0\.0\.1:(\d+)/v1", "".join(self.log))
        assert found, "".join(self.log)
        self.port = int(found.group(1))
        self.base = f"http://127.0.0.1:{self.port}"

    def post(self, path: str, body: bytes | dict[str, Any], key: bool = True) -> tuple[int, Any]:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {KEY}"} if key else {})}
        req = urllib.request.Request(self.base + path, data=data, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                return r.status, _read(r.read())
        except urllib.error.HTTPError as e:
            return e.code, _read(e.read())

    def raw(self, request: bytes, half_close: bool = True) -> bytes:
        """Bytes as a script or ``nc`` sends them, closing its side once sent; the whole reply."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=120) as s:
            s.sendall(request)
            if half_close:
                s.shutdown(socket.SHUT_WR)
            reply = b""
            while chunk := s.recv(65536):
                reply += chunk
            return reply

    def stop(self) -> str:
        self.proc.send_signal(signal.SIGINT)
        rest, _ = self.proc.communicate(timeout=60)
        return "".join(self.log) + rest


def _read(data: bytes) -> Any:
    text = data.decode()
    if text.startswith("data:"):  # a stream: its events
        return [json.loads(x[5:]) for x in text.splitlines() if x.startswith("data:") and x[5:].strip() != "[DONE]"]
    return json.loads(text)


def _refused(answer: tuple[int, Any], param: str, *words: str) -> None:
    status, body = answer
    assert status == 400, (status, body)
    err = body["error"]
    assert err["param"] == param, err
    for w in words:
        assert w in err["message"], err["message"]


SURROGATES = {  # JSON a client can send, which Python cannot encode: (path, body, the field named)
    "content": ("/v1/chat/completions", b'{"messages":[{"role":"user","content":"a\\ud800b"}]}', "messages"),
    "model": ("/v1/chat/completions", b'{"model":"\\ud800","messages":[{"role":"user","content":"hi"}]}', "model"),
    "system": (
        "/v1/chat/completions",
        b'{"messages":[{"role":"system","content":"\\udfff"},{"role":"user","content":"hi"}]}',
        "messages",
    ),
    "prompt": ("/v1/completions", b'{"prompt":"x\\ud800"}', "prompt"),
    "apply-template": ("/apply-template", b'{"messages":[{"role":"user","content":"\\ud800"}]}', "messages"),
    "stop": ("/v1/chat/completions", b'{"messages":[{"role":"user","content":"hi"}],"stop":["\\ud800"]}', "stop"),
}
RANGES = {  # a value out of range: the 400 names the field (it said param: null)
    "max_completion_tokens": {"max_completion_tokens": 0},
    "temperature": {"temperature": 5},
    "max_tokens": {"max_tokens": -1},
    "top_p": {"top_p": 1.5},
}


def run_battery(t: Tries, serve: Serve) -> None:
    for name, (path, body, param) in SURROGATES.items():
        with t(f"lone surrogate in {name}"):
            _refused(serve.post(path, body), param, "lone surrogate")
    for param, extra in RANGES.items():
        with t(f"{param} out of range"):
            _refused(serve.post("/v1/chat/completions", {"messages": ASK, **extra}), param, param)
    for grammar in [*CRASHED, "root ::= ["]:
        with t(f"grammar {grammar!r}"):
            _refused(serve.post("/v1/chat/completions", {"messages": ASK, "grammar": grammar}), "grammar", "grammar")
    with t("a stop string keeps the usage, whole"):
        status, body = serve.post("/v1/chat/completions", {"messages": ASK, "grammar": ANSWER, "stop": ["there"]})
        assert status == 200 and body["choices"][0]["message"]["content"] == "Hello"
        assert body["usage"]["completion_tokens"] > 0 and body["usage"]["prompt_tokens"] > 0, body["usage"]
        assert body["timings"] is not None and body["timings"]["predicted_n"] > 0
    with t("a stop string keeps the usage, streamed"):
        stream = {"stream": True, "stream_options": {"include_usage": True}}
        status, events = serve.post(
            "/v1/chat/completions", {"messages": ASK, "grammar": ANSWER, "stop": "there", **stream}
        )
        assert status == 200
        assert events[-1]["usage"]["completion_tokens"] > 0, events[-1]
        assert events[-2]["timings"] is not None and events[-2]["choices"][0]["finish_reason"] == "stop"
    with t("timings.prompt_n counts what was evaluated, without the cache"):
        _, first = serve.post("/v1/chat/completions", {"messages": ASK, "grammar": ANSWER})
        _, again = serve.post("/v1/chat/completions", {"messages": ASK, "grammar": ANSWER})
        timings, usage = again["timings"], again["usage"]
        assert timings["cache_n"] > 0, timings  # the same prompt: most of it comes from the cache
        assert timings["prompt_n"] + timings["cache_n"] == usage["prompt_tokens"], (timings, usage)
    with t("/health without the key says only ok"):
        reply = serve.raw(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", half_close=False)
        assert json.loads(reply.split(b"\r\n\r\n", 1)[1]) == {"status": "ok"}, reply
    with t("/health with the key says which model"):
        reply = serve.raw(
            f"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {KEY}\r\nConnection: close\r\n\r\n".encode(),
            half_close=False,
        )
        assert json.loads(reply.split(b"\r\n\r\n", 1)[1])["model"], reply
    for path in ("/v1/models", "/health"):
        with t(f"HTTP/1.0 without Host that closes its side after the request gets the answer ({path})"):
            reply = serve.raw(f"GET {path} HTTP/1.0\r\nAuthorization: Bearer {KEY}\r\n\r\n".encode())
            assert reply.startswith(b"HTTP/1.1 200"), reply
    with t("a client that goes away in the middle of its body"):
        with socket.create_connection(("127.0.0.1", serve.port), timeout=60) as s:
            s.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{")
        status, _ = serve.post("/v1/chat/completions", {"messages": ASK, "grammar": ANSWER})
        assert status == 200  # and the server goes on


def test_hostile_requests_through_serve(tries, tiny_model: Path) -> None:
    serve = Serve(tiny_model)
    try:
        run_battery(tries("hostile API requests"), serve)
    finally:
        log = serve.stop()
    assert "Traceback" not in log, log
    assert serve.proc.returncode == 0, log


def test_a_model_process_killed_under_an_api_request_leaves_the_window_its_model(tries, tmp_path: Path) -> None:
    """The window's model is loaded again in the request's own turn, so the window's next message
    finds it (it said "No model is loaded"). The request's answer never ends on its own: the
    grammar repeats a word and the context holds 32K tokens, so the kill lands in its middle."""
    t = tries("model process killed under an API request")
    window_model = write_tiny_model(tmp_path / "window.gguf", context_length=32768)
    with LocalEngine() as engine:
        engine.load(LoadParams(str(window_model), n_ctx=32768))
        running = start(engine)
        try:
            for i in range(2):
                with t(f"kill {i} while the API request generates"):
                    stream = running.client().chat.completions.create(
                        model="", messages=ASK, stream=True, extra_body={"grammar": 'root ::= "word "+'}
                    )  # type: ignore[call-overload]
                    next(iter(stream))  # it is generating
                    assert engine._proc is not None
                    os.kill(engine._proc.pid, signal.SIGKILL)
                    with pytest.raises(openai.APIError, match="crashed"):
                        for _ in stream:
                            pass
                    with running.gate.turn("window", "answering"):  # after the request's turn, with its reload
                        assert engine.facts is not None and Path(engine.facts.path) == window_model.resolve()
                        events = list(
                            engine.stream_chat(ASK, Sampling(max_tokens=8), ChatOptions(grammar=gbnf_literal("ok")))
                        )
                    assert events, "the window's message is answered"
        finally:
            running.server.stop()
