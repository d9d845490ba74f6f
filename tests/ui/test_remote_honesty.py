"""A remote model, honestly (issue 24, items 3 and 4): the app's own local API server is refused
as an endpoint (it would wait for the window's own answer, forever), every remote request gets a
first-part timeout with a sentence, and the window says where the model runs."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import Qt

from app.core import errors
from app.core.chats.store import Store
from app.core.config.endpoints import Endpoint
from app.core.inference.events import LoadParams
from app.core.inference.gate import WINDOW_GATES
from app.core.inference.remote_engine import RemoteEngine, probe
from app.core.settings import Settings
from app.ui.render.markdown import LIGHT
from app.ui.window.main_window import MainWindow
from app.ui.workers.generation import GenerationWorker
from tests.server.conftest import start
from tests.support.fake_engine import FakeEngine
from tests.support.memory_keyring import MemoryKeyring
from tests.support.scripted_server import Script, ScriptedServer

ASK = [{"role": "user", "content": "What is 6 * 7?"}]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    kr = MemoryKeyring()
    keyring.set_keyring(kr)
    yield kr
    keyring.set_keyring(before)


@pytest.fixture()
def window(qtbot, tmp_path: Path, tiny_model: Path) -> Iterator[MainWindow]:
    w = MainWindow(Store(tmp_path / "chats.sqlite3"), Settings(), LIGHT, GenerationWorker(FakeEngine()))  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w.resize(1100, 760)
    w.show()
    w.load_model(str(tiny_model))
    qtbot.waitUntil(lambda: w.controller.model_ready, timeout=60_000)
    yield w
    w.close()


# ---- item 3: the app's own server ---------------------------------------------------------------


def test_the_windows_own_server_is_refused_as_an_endpoint_whatever_its_address(
    qtbot, window: MainWindow, memory_keyring
) -> None:
    w = window
    port = free_port()
    w.apply_settings(w.settings.with_(server_enabled=True, server_port=port))
    w._apply_server()
    qtbot.waitUntil(lambda: w.server_indicator.isVisible(), timeout=60_000)
    # "localhost" rather than the 127.0.0.1 the server says: not recognised by its address.
    ep = Endpoint("me", f"http://localhost:{port}/v1")
    with pytest.raises(errors.RemoteError, match="this R1 Desk's own local API server"):
        probe(ep, None)
    # The picker's Test connection says so, and loading it from the window leaves the model as it was.
    w.open_picker()
    tab = w.picker.endpoints_tab
    w.picker.tabs.setCurrentWidget(tab)
    qtbot.keyClicks(tab.url, ep.base_url)
    qtbot.mouseClick(tab.test_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "own local API server" in tab.result.text(), timeout=60_000)
    w.picker.close()
    failed: list[str] = []
    w.loader.failed.connect(failed.append)
    w.loader.load_remote(ep, "tiny-r1.gguf")
    qtbot.waitUntil(lambda: bool(failed), timeout=60_000)
    assert "own local API server" in failed[0]
    assert w.facts is not None and w.facts.path.endswith("tiny-r1.gguf") and w.controller.model_ready


def test_another_r1_desk_is_still_a_fine_endpoint(engine, tiny_model: Path) -> None:
    """The same kind of server, through a gate no window here answers through: accepted."""
    engine.load(LoadParams(str(tiny_model), n_ctx=2048))
    other = start(engine)
    try:
        assert other.gate.id not in WINDOW_GATES
        found = probe(Endpoint("the GPU box", other.url), None)
        assert [m.id for m in found.models][:1] == ["tiny-r1.gguf"]
        WINDOW_GATES.add(other.gate.id)  # as if a window here answered through it
        with pytest.raises(errors.RemoteError, match="own local API server"):
            probe(Endpoint("the GPU box", other.url), None)
    finally:
        WINDOW_GATES.discard(other.gate.id)
        other.server.stop()


# ---- item 3: a first-part timeout on every remote request --------------------------------------


def test_a_server_that_sends_nothing_after_the_request_is_given_up_with_a_sentence() -> None:
    with ScriptedServer() as s:
        s.script = Script(fault="stall", after=0)  # the request is taken, then silence (pings at most)
        with RemoteEngine(Endpoint("quiet", s.url), stall_s=600) as e:
            e.first_chunk_s = 0.5
            e.load(LoadParams("deepseek-reasoner"))
            with pytest.raises(errors.RemoteUnreachable, match=r"sent no part of the answer within 0\.5 s"):
                list(e.stream_chat(ASK))
            s.script = Script()  # the engine is usable again
            assert list(e.stream_chat(ASK))[-1].finish_reason == "stop"  # type: ignore[union-attr]


# ---- item 4 and 7: where the model runs, said plainly --------------------------------------------


def test_a_remote_model_is_said_to_run_there_not_here(qtbot, window: MainWindow, qapp) -> None:
    from app.ui.text import i18n

    w = window
    empty = w.chat.empty
    assert empty.subtitle.text() == "tiny-r1-test runs on this computer. Nothing leaves your machine."
    empty.set_hint("DeepSeek-R1-Distill-Qwen-7B")  # an R1 model: the family is named, and that it thinks
    assert empty.subtitle.text().startswith("A DeepSeek-R1 model runs on this computer. Ask it something hard")
    empty.set_hint("SmolLM2-135M-R1")  # an R1 template on another model: not the family
    assert empty.subtitle.text() == "SmolLM2-135M-R1 runs on this computer. Nothing leaves your machine."
    with ScriptedServer(models=("deepseek-reasoner",)) as s:
        ep = Endpoint("Big box", s.url)
        w.loader.load_remote(ep, "deepseek-reasoner")
        qtbot.waitUntil(lambda: w.facts is not None and w.facts.backend.startswith("remote"), timeout=60_000)
        text = empty.subtitle.text()
        assert f"deepseek-reasoner runs on {ep.host}: your messages are sent there" in text
        assert "Nothing leaves your machine" not in text and "this computer" not in text
        assert "it thinks first" in text, "an R1 model by name: the reasoning is mentioned"
        i18n.install(qapp, "de")
        try:
            w.model_status.show(w.facts)
            assert "entfernt" not in w.status_bar.backend.text()
            assert f"Server {ep.host}" in w.status_bar.backend.text(), w.status_bar.backend.text()
        finally:
            i18n.install(qapp, "en")


def test_the_local_api_says_plainly_that_it_forwards_to_a_remote_model(qtbot, window: MainWindow) -> None:
    import json
    import urllib.request

    w = window
    logged: list[str] = []
    w.local_server.logged.connect(logged.append)
    port = free_port()
    w.apply_settings(w.settings.with_(server_enabled=True, server_port=port))
    w._apply_server()
    qtbot.waitUntil(lambda: w.server_indicator.isVisible(), timeout=60_000)
    health = f"http://127.0.0.1:{port}/health"
    with urllib.request.urlopen(health, timeout=30) as r:
        assert json.loads(r.read())["forwards_to"] is None, "a local model: nothing is forwarded"
    assert "→" not in w.server_indicator.text()
    with ScriptedServer(models=("deepseek-reasoner",)) as s:
        ep = Endpoint("Big box", s.url)
        w.loader.load_remote(ep, "deepseek-reasoner")
        qtbot.waitUntil(lambda: w.facts is not None and w.facts.backend.startswith("remote"), timeout=60_000)
        assert w.server_indicator.text().startswith(f"API 127.0.0.1:{port} → {ep.host}")
        assert "forwarded there" in w.server_indicator.toolTip()
        with urllib.request.urlopen(health, timeout=30) as r:
            assert json.loads(r.read())["forwards_to"] == ep.host
        from openai import OpenAI

        client = OpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key="none", max_retries=0)
        loaded = client.models.list().data[0].id  # the loaded model is listed first
        client.chat.completions.create(model=loaded, messages=ASK)  # type: ignore[arg-type]
        qtbot.waitUntil(lambda: any("chat/completions 200" in line for line in logged), timeout=60_000)
        assert any(f"forwarded to {ep.host}" in line for line in logged), logged
