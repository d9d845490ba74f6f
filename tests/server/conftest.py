"""A real server on 127.0.0.1 (a free port) over the local engine with a tiny R1 model."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.inference.events import LoadParams
from app.core.inference.gate import EngineGate
from app.server.config import ServerConfig
from app.server.runner import Server
from app.server.service import ApiService, RequestLog


class Running:
    """A started server and what it logged."""

    def __init__(self, server: Server, gate: EngineGate, logs: list[RequestLog]) -> None:
        self.server = server
        self.gate = gate
        self.logs = logs
        self.url = server.url

    def client(self, **kw: Any) -> Any:
        from openai import OpenAI

        return OpenAI(base_url=self.url, api_key=kw.pop("api_key", "not-needed"), max_retries=0, **kw)


def start(engine: Any, config: ServerConfig | None = None, max_waiting: int = 16) -> Running:
    gate = EngineGate(engine, max_waiting=max_waiting)
    logs: list[RequestLog] = []
    service = ApiService(gate, on_log=logs.append)
    server = Server(service, config or ServerConfig(port=0))
    server.start()
    return Running(server, gate, logs)


@pytest.fixture(scope="module")
def tiny_server(engine: Any, tiny_model: Path) -> Iterator[Running]:
    engine.load(LoadParams(str(tiny_model), n_ctx=8192))
    running = start(engine)
    yield running
    running.server.stop()


def wait_for(condition: Any, timeout: float = 60.0) -> None:
    """Wait (briefly polling) until ``condition()`` holds; fail after ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.005)


def post(
    url: str, body: bytes | dict[str, Any], headers: dict[str, str] | None = None
) -> tuple[int, dict[str, Any], Any]:
    """A raw POST (for bodies the openai client would never send): status, headers, JSON."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, dict(r.headers), json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), json.loads(e.read())


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, Any]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())
