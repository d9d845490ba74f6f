"""Hostile remote servers (issue 29 items 11 and 12): a stream without end stops at the token limit
asked for, with a sentence; every shape a server should never send is one sentence, or (a usage
figure that is no count) left out; nothing ends in a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from app.cli import main
from app.core import errors
from app.core.config.endpoints import Endpoint
from app.core.inference.events import Delta, LoadParams, Stats
from app.core.inference.remote_chunks import MAX_TOKEN_CHARS
from app.core.inference.remote_engine import RemoteEngine, probe
from app.core.r1.sampling import Sampling
from tests.support.scripted_server import Script, ScriptedServer
from tests.support.waiting import wait_for

ASK = [{"role": "user", "content": "hi"}]
MODEL = "deepseek-reasoner"


@pytest.fixture(scope="module")
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer(models=(MODEL,)) as s:
        yield s


def _engine(server: ScriptedServer) -> RemoteEngine:
    e = RemoteEngine(Endpoint("hostile", server.url, (MODEL,), "deepseek"), "k")
    e.load(LoadParams(MODEL))
    return e


def _run(server: ScriptedServer, script: Script, max_tokens: int = 32768) -> tuple[list[Any], Exception | None]:
    server.script, server._429_sent = script, False
    events: list[Any] = []
    with _engine(server) as e:
        try:
            for ev in e.stream_chat(ASK, Sampling(max_tokens=max_tokens)):
                events.append(ev)
        except Exception as failure:
            return events, failure
    return events, None


def _chunk(delta: Any, finish: Any = None) -> dict[str, Any]:
    return {"choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


def test_an_endless_stream_stops_at_the_limit(tries, server: ScriptedServer) -> None:
    t = tries("hostile remote servers: endless streams")
    for field in ("content", "reasoning_content"):
        for text in ("word ", "x" * 4000):
            with t(f"endless {field} of {len(text)}-character chunks, --max-tokens 20"):
                server.disconnects.clear()
                events, failure = _run(server, Script(endless=field, endless_text=text), max_tokens=20)
                assert isinstance(failure, errors.RemoteError), failure
                assert "past the 20 tokens asked for" in str(failure)
                received = sum(len(ev.text) for ev in events if isinstance(ev, Delta))
                assert received <= 2 * 20 * MAX_TOKEN_CHARS + len(text), received  # bounded, whatever came
                wait_for(lambda: server.disconnects)  # and the connection is dropped: the server sees it


def test_an_endless_stream_through_the_cli_ends_with_a_sentence(server: ScriptedServer, capsys) -> None:
    server.script = Script(endless="content")
    code = main(["ask", "--endpoint", server.url, "--model", MODEL, "--max-tokens", "20", "hi"])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in err
    assert "went on past the 20 tokens asked for" in err
    assert len(out) <= 2 * 20 * MAX_TOKEN_CHARS


MALFORMED = {  # what a server sent -> what the sentence names
    "delta.content a list": (Script(raw=[_chunk({"content": [{"type": "text", "text": "hi"}]})]), "'delta.content'"),
    "finish_reason an object": (
        Script(raw=[_chunk({"content": "hi"}, {"why": 1})], fault="no-finish"),
        "finish_reason",
    ),
    "choices an object": (Script(raw=[{"choices": {"0": {}}}]), "'choices'"),
    "a choice that is text": (Script(raw=[{"choices": ["hi"]}]), "'choices[0]'"),
    "delta text": (Script(raw=[{"choices": [{"index": 0, "delta": "hi"}]}]), "'delta'"),
    "reasoning_content a number": (Script(raw=[_chunk({"reasoning_content": 5})]), "reasoning_content"),
}
USAGE = {  # a usage that is not counts: the answer stands, its own counts stand in
    "numbers as strings": {"prompt_tokens": "12", "completion_tokens": "many"},
    "details not objects": {
        "prompt_tokens": 3,
        "completion_tokens": 2,
        "completion_tokens_details": [1],
        "prompt_tokens_details": "x",
    },
    "usage a list": [1, 2],
    "out of range": {"prompt_tokens": 10**30, "completion_tokens": -5},
    "fractions": {"prompt_tokens": 1.5, "completion_tokens": 2.5},
}


def test_hostile_shapes_are_one_sentence(tries, server: ScriptedServer) -> None:
    t = tries("hostile remote servers: shapes")
    for name, (script, names) in MALFORMED.items():
        with t(name):
            events, failure = _run(server, script)
            assert isinstance(failure, errors.RemoteServerError), failure
            assert "in a shape R1 Desk cannot read" in str(failure) and names in str(failure), failure
    for name, usage in USAGE.items():
        with t(f"usage: {name}"):
            events, failure = _run(server, Script(usage_value=usage))
            assert failure is None, failure
            stats = events[-1]
            assert isinstance(stats, Stats) and stats.generated_tokens > 0
            assert 0 <= stats.prompt_tokens <= 10**9 and isinstance(stats.prompt_tokens, int)
    with t("Retry-After: soon-ish"):
        _, failure = _run(server, Script(fault="429-always", retry_after="soon-ish"))
        assert isinstance(failure, errors.RemoteBusy), failure


@pytest.mark.parametrize(
    "body", [{"data": "x"}, {"data": {"a": 1}}, [1, 2], {}, {"data": ["m"]}, {"data": [{"id": 5}, {"id": None}]}]
)
def test_a_hostile_model_list_is_one_sentence_or_no_models(server: ScriptedServer, body: Any) -> None:
    server.models_body = body
    try:
        found = probe(Endpoint("hostile", server.url), None)
        assert found.models == []
    except errors.RemoteServerError as e:
        assert "list of models in a shape R1 Desk cannot read" in str(e)
    finally:
        server.models_body = None
