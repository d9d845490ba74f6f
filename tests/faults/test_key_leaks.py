"""A remote server whose errors echo the API key (whole, cut at the 300-character mark, in an
``Authorization`` header, mid-stream) and other ``sk-…`` keys: no 8 characters of a key in a row
reach what the user sees, the chats database, an export, or the CLI's output."""

from __future__ import annotations

import json
import random
import string
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from app.core import errors
from app.core.chats import export
from app.core.chats.store import Store
from app.core.config.endpoints import Endpoint
from app.core.inference.events import ChatOptions, LoadParams
from app.core.inference.remote_engine import RemoteEngine
from app.core.r1.sampling import Sampling
from app.core.settings import Settings
from tests.faults.tally import Tries
from tests.support.scripted_server import Script, ScriptedServer

MODEL = "deepseek-reasoner"
OTHER = "sk-someone-elses-key-0123456789abcd"


def _key(rng: random.Random) -> str:
    return "sk-proj-" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(28))


def echoes(key: str) -> list[tuple[str, Script]]:
    """(what, the script): ways a server's error text carries a key."""
    pad = "x" * (300 - len(" It said: ") - 12)
    return [
        ("the whole key in a 400", Script(fault="400", message=f"Invalid key {key} for this project.")),
        ("the key across the 300-character cut", Script(fault="400", message=f"{pad}{key} and more text.")),
        ("Authorization echoed by a 500", Script(fault="500", message=f"Upstream said Authorization: Bearer {key}.")),
        ("a part of the key in a 403", Script(fault="403", message=f"Key {key[:20]}… may not use this model.")),
        ("the key mid-stream", Script(fault="error-event", after=2, message=f"crashed serving {key}")),
        ("someone else's key", Script(fault="500", message=f"Quota of {OTHER} exceeded; key {key[8:30]}.")),
    ]


def leaks(text: str, key: str) -> list[str]:
    """The runs of 8 characters of the key (or of OTHER) found in ``text``."""
    found = [key[i : i + 8] for i in range(len(key) - 7) if key[i : i + 8] in text]
    return found + [OTHER[i : i + 8] for i in range(len(OTHER) - 7) if OTHER[i : i + 8] in text]


@pytest.fixture()
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer(models=(MODEL,)) as s:
        yield s


def test_the_engine_error_never_carries_the_key(server: ScriptedServer, tries: Callable[[str], Tries]) -> None:
    t = tries("secrets in error texts")
    rng = random.Random(29)
    for i in range(4):
        key = _key(rng)
        with RemoteEngine(Endpoint("box", server.url, (MODEL,), "deepseek"), key) as engine:
            engine.load(LoadParams(MODEL))
            for what, script in echoes(key):
                with t(f"key {i}: {what}"):
                    server.script = script
                    with pytest.raises(errors.RemoteError) as e:
                        list(engine.stream_chat([{"role": "user", "content": "Hi"}], Sampling(), ChatOptions()))
                    assert leaks(str(e.value), key) == [], str(e.value)
                    assert "•••" in str(e.value)


def test_the_cli_never_prints_the_key(
    server: ScriptedServer,
    tries: Callable[[str], Tries],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from app.cli import main

    t = tries("secrets in error texts")
    key = _key(random.Random(7))
    monkeypatch.setenv("LEAK_TEST_KEY", key)
    args = ["ask", "--endpoint", server.url, "--kind", "deepseek", "-m", MODEL, "--api-key-env", "LEAK_TEST_KEY"]
    for what, script in echoes(key):
        for extra in ([], ["--json"]):
            with t(f"CLI {' '.join(extra)}: {what}"):
                server.script = script
                assert main([*args, *extra, "Hi"]) == 1
                out = capsys.readouterr()
                assert "r1desk: " in out.err and leaks(out.out + out.err, key) == [], out.err


def test_the_window_never_stores_or_exports_the_key(
    qtbot, tmp_path: Path, server: ScriptedServer, monkeypatch: pytest.MonkeyPatch, tries: Callable[[str], Tries]
) -> None:
    from app.ui.render.markdown import LIGHT
    from app.ui.window.main_window import MainWindow
    from app.ui.workers.generation import GenerationWorker
    from tests.support.fake_engine import FakeEngine

    t = tries("secrets in error texts")
    key = _key(random.Random(11))
    monkeypatch.setenv("R1DESK_API_KEY", key)  # no keyring here: the key comes from the environment
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    db = tmp_path / "chats.sqlite3"
    w = MainWindow(Store(db), Settings(), LIGHT, GenerationWorker(FakeEngine()))  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w.show()
    try:
        w.loader.load_remote(Endpoint("Leaky box", server.url, (MODEL,), "deepseek"), MODEL)
        qtbot.waitUntil(lambda: w.controller.model_ready, timeout=30_000)
        for what, script in echoes(key):
            with t(f"window: {what}"):
                server.script = script
                n = len(w.controller.messages)
                w.composer.set_text(f"Try {what}")
                w.composer.send.click()
                qtbot.waitUntil(
                    lambda n=n: len(w.controller.messages) >= n + 2 and not w.controller.generating, timeout=30_000
                )
                m = w.controller.messages[-1]
                assert m.state == "error" and m.error, m
                cid = w.controller.conversation_id
                assert cid is not None
                shown = [m.error, w.statusBar().currentMessage()]
                exported = [json.dumps(export.export_json(w.store, cid)), export.export_markdown(w.store, cid)]
                assert leaks("\n".join(shown + exported), key) == [], m.error
                stored = db.read_bytes() + (
                    db.with_name(db.name + "-wal").read_bytes() if db.with_name(db.name + "-wal").exists() else b""
                )
                assert leaks(stored.decode("utf-8", "replace"), key) == [], "the key reached the chats database"
    finally:
        w.close()
        keyring.set_keyring(before)
