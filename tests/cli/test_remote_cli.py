"""``r1desk ask --endpoint`` and ``r1desk models --endpoint`` against the scripted server."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from app.cli import main
from app.core.config.endpoints import Endpoint, save_endpoints
from tests.support.scripted_server import ANSWER, REASONING, Script, ScriptedServer


@pytest.fixture(scope="module")
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer(key="sk-cli-secret-42") as s:
        yield s


def test_ask_streams_the_answer_to_stdout_and_the_reasoning_to_stderr(server, monkeypatch, capsys) -> None:
    monkeypatch.setenv("MY_DEEPSEEK_KEY", "sk-cli-secret-42")
    code = main(
        ["ask", "--endpoint", server.url, "--model", "deepseek-reasoner", "--api-key-env", "MY_DEEPSEEK_KEY", "6 × 7?"]
    )
    out, err = capsys.readouterr()
    assert code == 0
    assert out.strip() == "".join(ANSWER)
    assert "".join(REASONING).strip() in err and "sk-cli-secret-42" not in out + err
    assert server.requests[-1]["messages"] == [{"role": "user", "content": "6 × 7?"}]


def test_ask_json_and_the_environment_key(server, monkeypatch, capsys) -> None:
    monkeypatch.setenv("R1DESK_API_KEY", "sk-cli-secret-42")
    assert main(["ask", "--endpoint", server.url, "--model", "deepseek-reasoner", "--json", "hi"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["answer"] == "".join(ANSWER) and data["reasoning"] == "".join(REASONING).strip()
    assert data["stats"]["template"] == "server" and data["model"].startswith("deepseek-reasoner @ http://127.0.0.1")


def test_a_saved_endpoint_is_found_by_name_and_a_wrong_key_is_one_sentence(server, monkeypatch, capsys) -> None:
    save_endpoints([Endpoint("DeepSeek here", server.url, ("deepseek-reasoner",), "deepseek")])
    monkeypatch.setenv("R1DESK_API_KEY", "sk-wrong")
    assert main(["ask", "--endpoint", "DeepSeek here", "--model", "deepseek-reasoner", "hi"]) == 1
    err = capsys.readouterr().err
    assert "refused the API key (401)" in err and "sk-wrong" not in err and "Traceback" not in err


def test_models_lists_what_the_server_offers(server, monkeypatch, capsys) -> None:
    monkeypatch.setenv("R1DESK_API_KEY", "sk-cli-secret-42")
    assert main(["models", "--endpoint", server.url]) == 0
    out = capsys.readouterr().out
    assert "deepseek-reasoner" in out and "DeepSeek API" in out and "answered in" in out
    assert main(["models", "--endpoint", server.url, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["models"][0] == {"id": "deepseek-reasoner", "owned_by": "deepseek", "context": 32768}


def test_a_bad_endpoint_and_dry_run_say_why(capsys) -> None:
    assert main(["models", "--endpoint", "gpu-box"]) == 1
    assert "not a saved endpoint" in capsys.readouterr().err
    assert main(["ask", "--endpoint", "http://127.0.0.1:9/v1", "--model", "m", "--dry-run", "hi"]) == 1
    assert "remote server renders its own" in capsys.readouterr().err


def test_cli_errors_point_at_cli_options_and_start_on_their_own_line(server, monkeypatch, capsys) -> None:
    monkeypatch.setenv("R1DESK_API_KEY", "sk-wrong")
    assert main(["ask", "--endpoint", server.url, "--model", "deepseek-reasoner", "hi"]) == 1
    err = capsys.readouterr().err
    assert "--api-key-env" in err and "Endpoints tab" not in err
    monkeypatch.setenv("R1DESK_API_KEY", "sk-cli-secret-42")
    assert main(["ask", "--endpoint", server.url, "--model", "", "hi"]) == 1
    err = capsys.readouterr().err
    assert "Name one of the models 127.0.0.1" in err and "deepseek-reasoner" in err and "''" not in err
    assert main(["models", "--endpoint", server.url.removesuffix("/v1")]) == 1
    assert "answered 404 (not found): the base URL is wrong" in capsys.readouterr().err
    server.script = Script(fault="drop", after=3)
    try:
        assert main(["ask", "--endpoint", server.url, "--model", "deepseek-reasoner", "hi"]) == 1
    finally:
        server.script = Script()
    err = capsys.readouterr().err
    assert "\nr1desk: " in err and err.index("r1desk: ") > 0, "the error starts a line of its own"
