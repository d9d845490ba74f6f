"""An editor's request (aider/Continue shape: a system prompt, several turns, a long code file)
evaluates exactly the prompt ``r1desk ask --messages … --system … --dry-run`` shows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main as cli_main
from app.core.inference.events import LoadParams
from tests.server.conftest import Running, post, start

SYSTEM = (
    "Act as an expert software developer.\nAlways use best practices when coding.\n"
    "Once you understand the request you MUST:\n1. Decide if you need to propose *SEARCH/REPLACE* edits."
)
CODE = "".join(f"def f{i}(x: int) -> int:\n    '''Add {i}.'''\n    return x + {i}\n\n\n" for i in range(400))


def editor_messages() -> list[dict[str, object]]:
    return [
        {"role": "system", "content": SYSTEM},
        {"role": "user", "content": "I am working on this repo."},
        {"role": "assistant", "content": "<think>\nThey want help.\n</think>\n\nOk, show me the files."},
        {"role": "user", "content": [{"type": "text", "text": f"app/adder.py\n```python\n{CODE}```"}]},
        {"role": "assistant", "content": "Ok."},
        {"role": "user", "content": "Rename f3 to add_three and fix the callers."},
    ]


@pytest.fixture(scope="module", params=["tiny", "r1"])
def model(request: pytest.FixtureRequest, tiny_model: Path) -> Path:
    """The tiny model (the app's R1 template) and the real R1 header (the checkpoint's own, old template)."""
    return tiny_model if request.param == "tiny" else request.getfixturevalue("r1_model").path


@pytest.fixture(scope="module")
def long_context_server(engine, model: Path):
    engine.load(LoadParams(str(model), n_ctx=4096))
    running = start(engine)
    yield running
    running.server.stop()


def test_editor_request_renders_like_ask_dry_run(
    long_context_server: Running, model: Path, tmp_path: Path, capsys
) -> None:
    messages = editor_messages()
    status, headers, rendered = post(
        long_context_server.url.removesuffix("/v1") + "/apply-template", {"model": "", "messages": messages}
    )
    assert status == 200
    assert headers.get("x-r1desk-system-merged") == "first-user-turn"

    turns = [
        {"role": m["role"], "content": m["content"] if isinstance(m["content"], str) else m["content"][0]["text"]}  # type: ignore[index]
        for m in messages
        if m["role"] != "system"
    ]
    conversation = tmp_path / "chat.json"
    conversation.write_text(json.dumps(turns), encoding="utf-8")
    capsys.readouterr()
    code = cli_main(["ask", "--model", str(model), "--messages", str(conversation), "--system", SYSTEM, "--dry-run"])
    assert code == 0
    assert rendered["prompt"] == capsys.readouterr().out
    assert "They want help" not in rendered["prompt"]  # earlier reasoning is not sent back
    assert rendered["prompt"].count("def f399") == 1
    assert rendered["prompt"].endswith("<｜Assistant｜><think>\n")  # the old template's forced <think> included
