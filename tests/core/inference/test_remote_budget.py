"""A thinking budget against a remote server counts tokens, not chunks; the continuation after it
gets what is left of max_tokens; a server that cannot continue says why the answer stopped."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

from app.cli.printer import Printer
from app.core.config.endpoints import Endpoint
from app.core.inference.events import ChatOptions, Delta, LoadParams, Stats
from app.core.inference.remote_engine import RemoteEngine
from app.core.inference.remote_stream import count_tokens
from app.core.r1.sampling import Sampling
from tests.support.scripted_server import ANSWER, Script, ScriptedServer

CHUNK = "word " * 8  # 40 characters: a chunk of several tokens, as R1 Desk's server sends them
ASK = [{"role": "user", "content": "6 × 7?"}]


@pytest.fixture(scope="module")
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer(models=("r1",)) as s:
        yield s


def run(server: ScriptedServer, kind: str, budget: int) -> list[object]:
    server.requests.clear()
    server.script = Script(reasoning=[CHUNK] * 10)
    with RemoteEngine(Endpoint("box", server.url, ("r1",), kind)) as e:
        e.load(LoadParams("r1"))
        return list(e.stream_chat(ASK, Sampling(max_tokens=100), ChatOptions(think_budget=budget)))


def test_chunks_of_many_tokens_count_as_many() -> None:
    assert count_tokens(10, 30) == 10, "a chunk a token, as most servers stream"
    assert count_tokens(2, 80) == 23, "long chunks are estimated from their text"


def test_the_continuation_gets_what_is_left_of_max_tokens(server: ScriptedServer) -> None:
    events = run(server, "vllm", budget=20)
    spent = count_tokens(2, 2 * len(CHUNK))  # two chunks of reasoning pass 20 tokens, not twenty chunks
    first, cont = server.requests
    assert first["max_tokens"] == 100 and cont["max_tokens"] == 100 - spent
    reasoning = "".join(ev.text for ev in events if isinstance(ev, Delta) and ev.kind == "reasoning")
    assert reasoning.strip() == (CHUNK * 2).strip()
    stats = events[-1]
    assert isinstance(stats, Stats) and stats.answered_early == "budget" and stats.thinking_finished
    assert stats.generated_tokens == spent + len(ANSWER), "both requests' tokens, the second from its usage"
    assert stats.reasoning_tokens == spent


def test_a_server_that_cannot_continue_stops_and_says_why(server: ScriptedServer) -> None:
    events = run(server, "ollama", budget=20)
    stats = events[-1]
    assert len(server.requests) == 1
    assert isinstance(stats, Stats) and stats.finish_reason == "cancelled" and stats.answered_early == "budget"
    out, err = io.StringIO(), io.StringIO()
    Printer(out, err, show_thinking=False).end(stats)
    assert "stopped at the thinking budget: this server cannot continue an answer after its reasoning" in err.getvalue()
    assert " · stopped]" not in err.getvalue()
