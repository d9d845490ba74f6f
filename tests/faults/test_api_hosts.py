"""The local API against a web page that rebinds its name to 127.0.0.1 (every Host name that is
not this computer's is refused, with the OpenAI error shape, unless a key is set), HTTP/1.0
without Host, and ``r1desk serve`` enforcing the key the user set (R1DESK_SERVER_KEY, or the key
saved by the window) without ``--api-key-env``."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.inference.events import LoadParams
from app.server.config import ServerConfig
from tests.faults.tally import Tries
from tests.server.conftest import Running, start
from tests.support.fake_engine import FakeEngine

ASK = {"messages": [{"role": "user", "content": "Hi"}]}
REFUSED = [
    "evil.example",
    "evil.example:8080",
    "attacker.com.",
    "127.0.0.1.nip.io",
    "localhost.evil.com",
    "0.0.0.0",
    "[::2]",
    "192.168.1.5:8080",
    "LOCALHOST.attacker.net",
]
SERVED = ["127.0.0.1", "127.0.0.1:{port}", "localhost", "LocalHost:{port}", "localhost.", "[::1]", "[::1]:{port}"]
ENDPOINTS = [("GET", "/v1/models"), ("GET", "/health"), ("POST", "/v1/chat/completions"), ("GET", "/nope")]


def _request(port: int, method: str, path: str, host: str | None, headers: dict[str, str] | None = None) -> Any:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        if host is not None:
            conn.putheader("Host", host)
        for k, v in (headers or {}).items():
            conn.putheader(k, v)
        body = json.dumps(ASK).encode() if method == "POST" else b""
        conn.putheader("Content-Type", "application/json")
        conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        r = conn.getresponse()
        return r.status, json.loads(r.read() or b"null")
    finally:
        conn.close()


@pytest.fixture()
def fake(tiny_model: Path) -> Iterator[tuple[Running, FakeEngine]]:
    engine = FakeEngine()
    engine.load(LoadParams(str(tiny_model)))
    running = start(engine)
    yield running, engine
    running.server.stop()


def test_a_host_name_that_is_not_this_computers_is_refused(fake, tries: Callable[[str], Tries]) -> None:
    running, engine = fake
    port = running.server.port
    t = tries("API: Host names (DNS rebinding)")
    for host in REFUSED:
        for method, path in ENDPOINTS:
            with t(f"{method} {path} Host: {host}"):
                status, body = _request(port, method, path, host)
                assert status == 403, (status, body)
                assert body["error"]["code"] == "host_not_allowed" and body["error"]["type"] == "invalid_request_error"
                assert body["error"]["message"].endswith(".") and repr(host) in body["error"]["message"]
    assert engine.requests == [], "nothing reached the engine"
    assert any(log.status == 403 and log.path == "/v1/models" for log in running.logs), "the refusal is logged"
    for host in SERVED:
        with t(f"Host: {host} is served"):
            status, body = _request(port, "GET", "/v1/models", host.format(port=port))
            assert status == 200 and body["object"] == "list", body
    with t("a chat with a loopback Host is answered"):
        status, body = _request(port, "POST", "/v1/chat/completions", f"localhost:{port}")
        assert status == 200 and body["choices"][0]["message"]["content"], body


def test_with_a_key_any_host_name_is_served_to_whoever_sends_the_key(
    tiny_model: Path, tries: Callable[[str], Tries]
) -> None:
    engine = FakeEngine()
    engine.load(LoadParams(str(tiny_model)))
    running = start(engine, ServerConfig(port=0, api_key="k-123456789"))
    t = tries("API: Host names (DNS rebinding)")
    try:
        with t("a key, another name"):
            ok = _request(running.server.port, "GET", "/v1/models", "box.lan", {"Authorization": "Bearer k-123456789"})
            assert ok[0] == 200
            assert _request(running.server.port, "GET", "/v1/models", "box.lan")[0] == 401
    finally:
        running.server.stop()


def _raw(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
        s.sendall(request)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return data


def test_http_1_0_without_host_gets_a_real_answer(fake, tries: Callable[[str], Tries]) -> None:
    running, _ = fake
    port = running.server.port
    t = tries("API: Host names (DNS rebinding)")
    body = json.dumps(ASK).encode()
    cases = {
        "GET /v1/models": b"GET /v1/models HTTP/1.0\r\n\r\n",
        "GET /health": b"GET /health HTTP/1.0\r\n\r\n",
        "POST chat": b"POST /v1/chat/completions HTTP/1.0\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body,
    }
    for what, request in cases.items():
        with t(f"HTTP/1.0 without Host: {what}"):
            reply = _raw(port, request)
            head, _, payload = reply.partition(b"\r\n\r\n")
            assert head.startswith(b"HTTP/1.1 200"), reply[:300]
            assert json.loads(payload), payload


# ---- r1desk serve and the key the user set -----------------------------------------------------


def _serve(env: dict[str, str]) -> tuple[subprocess.Popen[str], str, list[str]]:
    """``r1desk serve --port 0`` started; the process, its URL and what it printed up to it."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**env, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(Path(__file__).parents[2])},
    )
    lines: list[str] = []
    assert proc.stdout is not None
    timer = threading.Timer(120, proc.kill)  # a server that never says it is up fails, not hangs
    timer.start()
    try:
        for line in proc.stdout:
            lines.append(line)
            if "R1 Desk API at" in line:
                break
    finally:
        timer.cancel()
    m = re.search(r"(http://127\.0\.0\.1:(\d+))/v1", "".join(lines))
    assert m is not None, "".join(lines)
    return proc, m.group(2), lines


def _stop(proc: subprocess.Popen[str]) -> str:
    proc.send_signal(signal.SIGINT)
    try:
        rest, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    return rest


def test_serve_enforces_the_key_the_user_set(tries: Callable[[str], Tries], monkeypatch: pytest.MonkeyPatch) -> None:
    from app.core.config.server_key import ENV_VAR, save_key

    t = tries("API: the key the user set is enforced")
    env_key, saved_key = "r1d-env-Secret-0123456789", "r1d-saved-Secret-9876543210"
    base = {k: v for k, v in os.environ.items() if k != ENV_VAR}
    for source, env in (("R1DESK_SERVER_KEY", {**base, ENV_VAR: env_key}), ("the saved key", base)):
        key = env_key if source == "R1DESK_SERVER_KEY" else saved_key
        if source == "the saved key":
            save_key(saved_key)  # as the window's Server tab does (R1DESK_HOME is this test's)
        with t(f"serve with {source}"):
            proc, port, lines = _serve(env)
            try:
                start_line = next(line for line in lines if "R1 Desk API at" in line)
                assert "clients must send the API key from" in start_line, start_line
                assert (ENV_VAR if source == "R1DESK_SERVER_KEY" else "saved in R1 Desk's settings") in start_line
                assert _request(int(port), "GET", "/v1/models", "127.0.0.1")[0] == 401
                auth = {"Authorization": f"Bearer {key}"}
                assert _request(int(port), "GET", "/v1/models", "127.0.0.1", auth)[0] == 200
            finally:
                out = "".join(lines) + _stop(proc)
            assert key[:8] not in out and key[-8:] not in out, "the key is never printed"
    with t("serve with no key says so"):
        save_key("")
        proc, port, lines = _serve(base)
        try:
            assert "no API key is set" in "".join(lines)
            assert _request(int(port), "GET", "/v1/models", "127.0.0.1")[0] == 200
        finally:
            _stop(proc)
