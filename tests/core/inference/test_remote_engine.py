"""The remote engine against a scripted DeepSeek-shaped server, each fault, and a real server
(llama-cpp-python's own OpenAI server running SmolLM2) — all on 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.core import errors
from app.core.config.endpoints import Endpoint
from app.core.inference.events import ChatOptions, Delta, LoadParams, Stats
from app.core.inference.remote_engine import RemoteEngine, probe
from app.core.r1.sampling import Sampling
from tests.support.scripted_server import ANSWER, REASONING, Script, ScriptedServer, self_signed_cert

ASK = [{"role": "user", "content": "What is 6 × 7?"}]
KEY = "sk-test-0123456789"


@pytest.fixture(scope="module")
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer(models=("deepseek-reasoner",)) as s:
        yield s


@pytest.fixture()
def srv(server: ScriptedServer) -> ScriptedServer:
    server.script = Script()
    server._429_sent = False
    server.requests.clear()
    server.headers.clear()
    server.disconnects.clear()
    return server


def engine(srv: ScriptedServer, kind: str = "deepseek", stall_s: float = 60.0) -> RemoteEngine:
    e = RemoteEngine(Endpoint("test", srv.url, ("deepseek-reasoner",), kind), KEY, stall_s=stall_s)
    e.load(LoadParams("deepseek-reasoner"))
    return e


def run(e: RemoteEngine, options: ChatOptions | None = None) -> tuple[str, str, Stats | None, list]:
    return split(list(e.stream_chat(ASK, Sampling(seed=7), options)))


def split(events: list) -> tuple[str, str, Stats | None, list]:
    deltas = [ev for ev in events if isinstance(ev, Delta)]
    stats = events[-1] if events and isinstance(events[-1], Stats) else None
    r = "".join(d.text for d in deltas if d.kind == "reasoning")
    a = "".join(d.text for d in deltas if d.kind == "answer")
    return r, a, stats, events


def wait_until(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def start(e: RemoteEngine) -> tuple[threading.Thread, list]:
    """Stream on another thread (as the window's worker does); returns it and the events so far."""
    got: list = []
    t = threading.Thread(target=lambda: got.extend(e.stream_chat(ASK, Sampling(seed=7))), daemon=True)
    t.start()
    return t, got


def held_midway(srv: ScriptedServer, e: RemoteEngine) -> tuple[threading.Thread, list]:
    """A long reasoning, held by the server after 5 chunks: returns once the first reached the
    client and the server waits, so the test acts mid-reasoning on any machine."""
    srv.script = Script(reasoning=[f"step {i}… " for i in range(100)], hold_at=5)
    t, got = start(e)
    wait_until(lambda: srv.holding and any(isinstance(ev, Delta) for ev in list(got)))
    return t, got


def test_a_deepseek_shaped_stream_gives_reasoning_then_answer_then_stats(srv: ScriptedServer) -> None:
    with engine(srv) as e:
        assert e.facts is not None and e.facts.backend == f"remote: {srv.url.split('/')[2]}"
        assert e.facts.n_ctx == 32768  # the server's max_model_len
        reasoning, answer, stats, _ = run(e)
    assert reasoning == "".join(REASONING) and answer == "".join(ANSWER)
    assert stats is not None and stats.finish_reason == "stop" and stats.thought and stats.thinking_finished
    assert (stats.prompt_tokens, stats.reasoning_tokens) == (12, len(REASONING))
    body = srv.requests[-1]
    assert (body["temperature"], body["top_p"], body["max_tokens"], body["seed"]) == (0.6, 0.95, 32768, 7)
    assert "top_k" not in body  # the DeepSeek API takes no extras
    assert srv.headers[-1] == f"Bearer {KEY}"


@pytest.mark.parametrize("field", ["reasoning", ""])
def test_reasoning_in_the_reasoning_field_or_inline_reaches_the_same_pane(srv: ScriptedServer, field: str) -> None:
    srv.script = Script(field=field)
    with engine(srv, kind="ollama" if field else "llama-cpp-python") as e:
        reasoning, answer, stats, _ = run(e)
    assert reasoning.strip() == "".join(REASONING).strip() and answer.strip() == "".join(ANSWER)
    assert stats is not None and stats.thinking_finished


@pytest.mark.parametrize(
    ("fault", "error", "says", "kept"),
    [
        ("403", errors.RemoteAuthError, "403", 0),
        ("404", errors.RemoteModelMissing, "no model named 'deepseek-reasoner'", 0),
        ("429-always", errors.RemoteBusy, "429", 0),
        ("500", errors.RemoteServerError, r"server error \(500\)", 0),
        ("400", errors.RemoteServerError, r"refused the request \(400\)", 0),
        ("error-event", errors.RemoteServerError, "The model crashed", 3),
        ("drop", errors.RemoteStreamBroken, "dropped mid-answer", 3),
        ("stall", errors.RemoteStreamBroken, "stopped sending", 3),
        ("no-finish", errors.RemoteStreamBroken, "ended early", 6),
    ],
)
def test_each_fault_is_one_sentence_and_what_arrived_is_kept(
    srv: ScriptedServer, fault: str, error: type, says: str, kept: int
) -> None:
    srv.script = Script(fault=fault, after=3)
    # Only the stall is judged by time: 2 s of silence after 3 chunks (the server then sleeps for
    # an hour). Every other fault gets a minute, so a slow machine never reads as a stall.
    e = engine(srv, stall_s=2.0 if fault == "stall" else 60.0)
    got: list = []
    with pytest.raises(error, match=says) as caught:
        for ev in e.stream_chat(ASK):
            got.append(ev)
    assert KEY not in str(caught.value)
    assert sum(len(d.text) for d in got if isinstance(d, Delta)) == sum(len(t) for t in (REASONING + ANSWER)[:kept])
    e.close()


def test_a_401_asks_for_the_key_and_never_shows_it() -> None:
    with ScriptedServer(key="sk-right-key") as srv:
        ep = Endpoint("t", srv.url, ("deepseek-reasoner",), "deepseek")
        with pytest.raises(errors.RemoteAuthError, match="refused the API key") as caught:
            RemoteEngine(ep, "sk-wrong-key").load(LoadParams("deepseek-reasoner"))
        assert "sk-wrong-key" not in str(caught.value)
        assert [m.id for m in probe(ep, "sk-right-key").models] == ["deepseek-reasoner"]


def test_a_429_is_retried_once_after_retry_after(srv: ScriptedServer) -> None:
    srv.script = Script(fault="429", retry_after="0.3")
    with engine(srv) as e:
        t0 = time.perf_counter()
        _, answer, stats, _ = run(e)
    assert answer == "".join(ANSWER) and stats is not None
    assert time.perf_counter() - t0 >= 0.3 and len(srv.requests) == 2


def test_stop_closes_the_stream_and_the_server_sees_the_client_leave(srv: ScriptedServer) -> None:
    e = engine(srv)
    t, got = held_midway(srv, e)
    e.cancel()
    t.join(60)
    assert not t.is_alive() and isinstance(got[-1], Stats) and got[-1].finish_reason == "cancelled"
    reasoning = split(got)[0]
    assert reasoning and "step 0… step 1… step 2… step 3… step 4… ".startswith(reasoning)  # what arrived, no more
    wait_until(lambda: bool(srv.disconnects))  # the server saw the client leave (its hold ends with that)
    # the engine is free for the next question at once
    srv.script = Script()
    assert run(e)[1] == "".join(ANSWER)
    e.close()


def test_answer_now_continues_with_an_assistant_prefill_where_the_server_takes_one(srv: ScriptedServer) -> None:
    e = engine(srv, kind="vllm")
    t, got = held_midway(srv, e)
    e.answer_now()
    t.join(60)
    reasoning, answer, stats, _ = split(got)
    assert stats is not None and stats.answered_early == "answer_now" and stats.thinking_finished
    assert answer.strip() == "".join(ANSWER)  # after the "\n</think>\n\n" written for the model
    assert "step 0… step 1… step 2… step 3… step 4… ".startswith(reasoning.rstrip("\n"))  # closed where it was
    cont = srv.requests[-1]
    assert len(srv.requests) == 2 and srv.disconnects  # the held reasoning was left for the continuation
    assert cont["continue_final_message"] is True and cont["add_generation_prompt"] is False
    assert cont["messages"][-1]["role"] == "assistant"
    assert cont["messages"][-1]["content"] == reasoning + "</think>\n\n"  # the reasoning so far, closed
    e.close()


def test_answer_now_stops_where_the_server_cannot_continue(srv: ScriptedServer) -> None:
    e = engine(srv, kind="deepseek")
    assert not e.can_answer_now
    t, got = held_midway(srv, e)
    e.answer_now()
    t.join(60)
    _, answer, stats, _ = split(got)
    assert stats is not None and stats.finish_reason == "cancelled" and answer == ""
    assert len(srv.requests) == 1
    e.close()


def test_a_model_the_server_does_not_offer_is_refused_at_load(srv: ScriptedServer) -> None:
    e = RemoteEngine(Endpoint("t", srv.url, (), "vllm"), None)
    with pytest.raises(errors.RemoteModelMissing, match="offers deepseek-reasoner"):
        e.load(LoadParams("deepseek-r1:70b"))
    assert not e.loaded


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_connection_refused_unknown_host_and_tls_failure_each_say_so(monkeypatch, tmp_path: Path) -> None:
    refused = Endpoint("t", f"http://127.0.0.1:{_free_port()}/v1")
    with pytest.raises(errors.RemoteUnreachable, match="connection refused"):
        probe(refused, None)
    tls_failure = pytest.raises(errors.RemoteUnreachable, match="certificate of 127.0.0.1:.* could not be verified")
    with ScriptedServer(tls=self_signed_cert(tmp_path)) as srv, tls_failure:
        probe(Endpoint("t", srv.url), None)

    def no_such_host(*args: object, **kw: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)  # no DNS query leaves the machine
    with pytest.raises(errors.RemoteUnreachable, match="could not be found"):
        probe(Endpoint("t", "http://gpu-box.invalid:8000/v1"), None)


# ---- a real server: llama-cpp-python's own OpenAI server ----------------------------------------


@pytest.fixture(scope="module")
def llama_cpp_server(smollm_path: Path) -> Iterator[str]:
    port = _free_port()
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(smollm_path)]
    cmd += ["--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048", "--n_threads", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{url}/models", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("python -m llama_cpp.server did not start")
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.smollm
def test_a_real_openai_compatible_server_streams_an_answer_and_stops(llama_cpp_server: str) -> None:
    ep = Endpoint("local llama-cpp-python", llama_cpp_server, kind="llama-cpp-python")
    found = probe(ep, None)
    assert found.kind == "llama-cpp-python" and found.latency_s < 5
    with RemoteEngine(ep) as e:
        e.load(LoadParams(found.models[0].id))
        events = list(e.stream_chat([{"role": "user", "content": "Say hello."}], Sampling(max_tokens=12, seed=1)))
        stats = events[-1]
        assert isinstance(stats, Stats) and stats.generated_tokens > 0 and stats.finish_reason in ("stop", "length")
        assert not stats.thought  # SmolLM2 does not think: everything is answer
        assert "".join(ev.text for ev in events if isinstance(ev, Delta)).strip()
        # Stop mid-answer: the stream ends as cancelled
        stream = e.stream_chat([{"role": "user", "content": "Count to 100."}], Sampling(max_tokens=400))
        first = next(stream)
        e.cancel()
        rest = list(stream)
        assert isinstance(first, Delta) and isinstance(rest[-1], Stats) and rest[-1].finish_reason == "cancelled"
