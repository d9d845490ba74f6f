"""Remote engines keep the R1 protocol against real servers on 127.0.0.1.

R1 Desk as the remote engine of another R1 Desk (the window on one machine, ``r1desk serve`` on
the machine with the GPU): recognised as its own kind, the reasoning travels as
``reasoning_content``, Stop reaches the serving side, Answer now takes its route, the thinking
budget is kept by the server to the token, Deep Thinking off reaches it. llama.cpp's own server
(PyPI ``xllamacpp``): the continuation after a thinking budget gets what is left of max_tokens.
llama-cpp-python's server: the reasoning is found by what the model writes, whatever its name.
"""

from __future__ import annotations

import dataclasses
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.config.endpoints import Endpoint
from app.core.inference.events import ChatOptions, Delta, LoadParams, Stats
from app.core.inference.remote_engine import RemoteEngine, probe
from app.core.r1.sampling import Sampling
from tests.server.conftest import Running, start, wait_for
from tests.support.tiny_model import write_tiny_model
from tests.support.tool_templates import official_template

HI = [{"role": "user", "content": "Hello"}]
HOLD = 8  # the serving side holds each answer at this token until Stop or Answer now


def text(events: list[Any], kind: str) -> str:
    return "".join(ev.text for ev in events if isinstance(ev, Delta) and ev.kind == kind)


def test_another_r1_desk_serves_reasoning_and_answer_and_stops(tiny_server: Running) -> None:
    ep = Endpoint("the GPU box", tiny_server.url)
    found = probe(ep, None)
    assert [m.id for m in found.models][:1] == ["tiny-r1.gguf"] and found.kind == "r1desk"
    with RemoteEngine(dataclasses.replace(ep, kind=found.kind)) as e:
        assert e.can_answer_now and e.can_skip_thinking
        e.load(LoadParams(found.models[0].id))
        events = list(e.stream_chat(HI, Sampling(max_tokens=24, seed=1)))
        stats = events[-1]
        assert isinstance(stats, Stats) and stats.generated_tokens > 0
        assert stats.thought, "the R1 template opens the reasoning: it arrives as reasoning"
        reasoning = text(events, "reasoning")
        assert reasoning.strip() and "<think>" not in reasoning
        stream = e.stream_chat([{"role": "user", "content": "Count"}], Sampling(max_tokens=4000, seed=2))
        first = next(stream)
        e.cancel()
        rest = list(stream)
        assert isinstance(first, Delta) and isinstance(rest[-1], Stats) and rest[-1].finish_reason == "cancelled"
        off = list(e.stream_chat(HI, Sampling(max_tokens=12, seed=3), ChatOptions(think=False)))
        assert not off[-1].thought and not text(off, "reasoning"), "Deep Thinking off reaches the server"
    wait_for(lambda: tiny_server.gate.state().running is None, timeout=60)  # the serving side let go


class Steered:
    """The serving side's engine with options the API does not take: a grammar that keeps the
    tiny model's output to 300 letters or more (its reasoning never ends by itself, no answer ends early) and,
    for Answer now, ``hold_at`` (the answer waits at that token until Stop or Answer now)."""

    def __init__(self, engine: Any, **changes: Any) -> None:
        self._engine, self._changes = engine, changes

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)

    def stream_chat(self, messages: Any, sampling: Any = None, options: Any = None) -> Any:
        steered = dataclasses.replace(options or ChatOptions(), grammar="root ::= [a-z ]{300,}", **self._changes)
        return self._engine.stream_chat(messages, sampling, steered)


@pytest.fixture(scope="module")
def held_server(engine: Any, tiny_server: Running) -> Iterator[Running]:
    running = start(Steered(engine, hold_at=HOLD))
    yield running
    running.server.stop()


@pytest.fixture(scope="module")
def lettered_server(engine: Any, tiny_server: Running) -> Iterator[Running]:
    running = start(Steered(engine))
    yield running
    running.server.stop()


def test_answer_now_takes_r1_desks_route_and_the_answer_goes_on(held_server: Running) -> None:
    with RemoteEngine(Endpoint("box", held_server.url, kind="r1desk")) as e:
        e.load(LoadParams("tiny-r1.gguf"))
        events: list[Any] = []
        for ev in e.stream_chat(HI, Sampling(max_tokens=40, seed=4)):
            if isinstance(ev, Delta) and ev.kind == "reasoning" and not events:
                e.answer_now()  # at the first piece of reasoning; the serving side waits at its token
            events.append(ev)
    stats = events[-1]
    assert isinstance(stats, Stats) and stats.answered_early == "answer_now"
    assert stats.reasoning_tokens == HOLD, "closed at the token the serving side held"
    assert stats.thinking_finished and stats.generated_tokens == 40 and text(events, "answer")
    assert any(log.path == "/v1/r1desk/answer_now" and log.status == 200 for log in held_server.logs)


def test_the_thinking_budget_is_kept_by_the_serving_side_to_the_token(lettered_server: Running) -> None:
    with RemoteEngine(Endpoint("box", lettered_server.url, kind="r1desk")) as e:
        e.load(LoadParams("tiny-r1.gguf"))
        events = list(e.stream_chat(HI, Sampling(max_tokens=30, seed=5), ChatOptions(think_budget=5, loop_guard=False)))
    stats = events[-1]
    assert isinstance(stats, Stats) and stats.answered_early == "budget"
    assert stats.reasoning_tokens == 5 and stats.generated_tokens == 30, "one request, its usage"


def test_the_answer_now_route_says_what_it_cannot_do(tiny_server: Running) -> None:
    from tests.server.conftest import post

    status, _, body = post(tiny_server.url + "/r1desk/answer_now", {"id": "chatcmpl-gone"})
    assert status == 404 and body["error"]["param"] == "id"
    status, _, body = post(tiny_server.url + "/r1desk/answer_now", {})
    assert status == 400


# ---- llama.cpp's own server and llama-cpp-python's ------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(cmd: list[str], url: str, what: str) -> Iterator[str]:
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(url + "/models", timeout=60):
                    break
            except (urllib.error.URLError, OSError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"{what} did not start")
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


XLLAMACPP = """
import sys, time
import xllamacpp as x
p = x.CommonParams()
p.model.path, p.port, p.n_ctx, p.n_parallel = sys.argv[1], int(sys.argv[2]), 2048, 1
p.cpuparams.n_threads = p.cpuparams_batch.n_threads = 1
p.use_jinja = True
server = x.Server(p)
while True:
    time.sleep(3600)
"""


@pytest.fixture(scope="module")
def official_tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny model with the R1 distills' official template, named without "r1"."""
    return write_tiny_model(tmp_path_factory.mktemp("peer") / "tiny.gguf", template=official_template())


@pytest.fixture(scope="module")
def llama_server(official_tiny: Path) -> Iterator[str]:
    pytest.importorskip("xllamacpp")
    port = _free_port()
    cmd = [sys.executable, "-c", XLLAMACPP, str(official_tiny), str(port)]
    yield from _serve(cmd, f"http://127.0.0.1:{port}/v1", "xllamacpp (llama-server)")


def test_llama_server_continues_after_the_budget_with_what_is_left(llama_server: str) -> None:
    found = probe(Endpoint("llama", llama_server), None)
    assert found.kind == "llama-server"
    with RemoteEngine(Endpoint("llama", llama_server, kind=found.kind)) as e:
        e.load(LoadParams(found.models[0].id))
        hi = [{"role": "user", "content": "Hi"}]  # with this seed the answer runs to the limit
        events = list(e.stream_chat(hi, Sampling(max_tokens=40, seed=1), ChatOptions(think_budget=12)))
    stats = events[-1]
    assert isinstance(stats, Stats) and stats.answered_early == "budget" and stats.reasoning_tokens == 12
    assert stats.finish_reason == "length" and stats.generated_tokens == 40, "12 thought + 28 answered, not 12 + 40"
    assert text(events, "reasoning") and text(events, "answer")


@pytest.fixture(scope="module")
def llama_cpp_python_server(official_tiny: Path) -> Iterator[str]:
    port = _free_port()
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(official_tiny), "--model_alias", "tiny"]
    cmd += ["--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048", "--n_threads", "1"]
    yield from _serve(cmd, f"http://127.0.0.1:{port}/v1", "python -m llama_cpp.server")


@pytest.mark.parametrize("think", [True, False])
def test_llama_cpp_python_reasoning_is_found_by_what_the_model_writes(
    llama_cpp_python_server: str, think: bool
) -> None:
    ep = Endpoint("lcp", llama_cpp_python_server, kind="llama-cpp-python")
    with RemoteEngine(ep) as e:
        e.load(LoadParams("tiny"))  # no "r1" in the name: the model's </think> token tells
        events = list(e.stream_chat(HI, Sampling(max_tokens=16, seed=1), ChatOptions(think=think)))
    stats = events[-1]
    assert isinstance(stats, Stats) and stats.thought and stats.forced_open
    assert text(events, "reasoning") and "</think>" not in text(events, "answer")
