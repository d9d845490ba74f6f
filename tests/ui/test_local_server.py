"""The local API server from the window: Settings → Local server, the status-bar indicator, and
the window's own chat taking turns with an API request."""

from __future__ import annotations

import json
import socket
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.core.chats.store import Store
from app.core.config.server_key import key_path
from app.core.settings import Settings, settings_path
from app.ui.render.markdown import LIGHT
from app.ui.settings.dialog import SettingsDialog
from app.ui.window.main_window import MainWindow
from app.ui.workers.generation import GenerationWorker
from tests.support.fake_engine import HOLD, FakeEngine, script

ASK = [{"role": "user", "content": "What is 6 * 7?"}]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def window(qtbot, tmp_path: Path, tiny_model: Path) -> Iterator[tuple[MainWindow, FakeEngine]]:
    engine = FakeEngine()
    w = MainWindow(Store(tmp_path / "chats.sqlite3"), Settings(), LIGHT, GenerationWorker(engine))  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w.show()
    w.load_model(str(tiny_model))
    qtbot.waitUntil(lambda: w.controller.model_ready, timeout=60_000)
    yield w, engine
    w.close()


def models(url: str, key: str = "") -> list[str]:
    req = urllib.request.Request(f"{url}/models", headers={"Authorization": f"Bearer {key}"} if key else {})
    with urllib.request.urlopen(req, timeout=60) as r:
        return [m["id"] for m in json.loads(r.read())["data"]]


def settings_ok(monkeypatch, *, enabled: bool, port: int, key: str) -> None:
    """Make the modal settings dialog set the Local server tab and press OK."""

    def exec_(dlg: SettingsDialog) -> int:
        assert dlg.tabs.tabText(dlg.tabs.currentIndex()) == "Local server"
        dlg.server_tab.enabled.setChecked(enabled)
        dlg.server_tab.port.setValue(port)
        dlg.server_tab.key.setText(key)
        dlg._on_ok()
        return 1

    monkeypatch.setattr(SettingsDialog, "exec", exec_)


def test_turning_the_server_on_and_off_from_settings(qtbot, window, monkeypatch) -> None:
    w, _ = window
    ind = w.server_indicator
    assert not ind.isVisible()
    port = free_port()
    settings_ok(monkeypatch, enabled=True, port=port, key="my-key-123")
    w.open_settings("Local server")
    url = f"http://127.0.0.1:{port}/v1"
    qtbot.waitUntil(lambda: ind.isVisible(), timeout=60_000)
    assert ind.text() == f"API 127.0.0.1:{port}"
    assert models(url, "my-key-123") == ["tiny-r1.gguf"]
    with pytest.raises(urllib.error.HTTPError):
        models(url)  # the key is required
    # The key is kept apart from the settings, readable by the user alone.
    assert "my-key-123" not in settings_path().read_text(encoding="utf-8")
    assert key_path().read_text(encoding="utf-8") == "my-key-123"
    assert key_path().stat().st_mode & 0o077 == 0
    # Copy URL and the snippets
    ind.copy_actions["url"].trigger()
    assert QApplication.clipboard().text() == url
    ind.copy_actions["continue"].trigger()
    assert f"apiBase: {url}" in QApplication.clipboard().text()
    assert "model: tiny-r1.gguf" in QApplication.clipboard().text()
    ind.copy_actions["aider"].trigger()
    aider = QApplication.clipboard().text()
    assert aider.endswith(f"aider --openai-api-base {url} --openai-api-key my-key-123 --model openai/tiny-r1.gguf")
    assert "- name: openai/tiny-r1.gguf\n" in aider and "use_temperature: 0.6" in aider and "max_tokens: 16384" in aider
    # Off again: the indicator goes and the port closes.
    settings_ok(monkeypatch, enabled=False, port=port, key="my-key-123")
    w.open_settings("Local server")
    assert not ind.isVisible()
    with pytest.raises(urllib.error.URLError):
        models(url, "my-key-123")


def test_a_port_in_use_is_said_plainly(qtbot, window) -> None:
    w, _ = window
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        w.apply_settings(w.settings.with_(server_enabled=True, server_port=port))
        w._apply_server()
    assert w.server_indicator.text() == "API off"
    assert "choose another port" in w.server_indicator.toolTip()
    assert "could not start" in w.statusBar().currentMessage()


def _window_queued_behind_api(
    qtbot, w, engine, api_words: int, prompt: str, *window_streams: object
) -> tuple[int, list[str], threading.Thread]:
    """Start the local server and an API request that streams ``api_words`` words of reasoning
    and is held after its first few pieces; then send ``prompt`` from the window (answered with
    ``window_streams``), which waits in the queue. Returns the port, the API's answers and its
    thread; ``engine.release()`` lets the API's request go on."""
    from openai import OpenAI

    port = free_port()
    w.apply_settings(w.settings.with_(server_enabled=True, server_port=port))
    w._apply_server()
    api_stream = script(reasoning="api " * api_words, answer="From the API.")
    engine.streams.append([*api_stream[:5], HOLD, *api_stream[5:]])  # the API's, held while the window queues
    engine.streams.extend(window_streams)  # then the window's
    client = OpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key="none", max_retries=0)
    got: list[str] = []
    api = threading.Thread(
        target=lambda: got.append(client.chat.completions.create(model="", messages=ASK).choices[0].message.content)  # type: ignore[arg-type]
    )
    api.start()
    qtbot.waitUntil(lambda: engine.holding and "API request running" in w.server_indicator.text(), timeout=60_000)
    w.composer.set_text(prompt)
    w.composer.send.click()
    qtbot.waitUntil(lambda: "your answer is queued" in w.server_indicator.text(), timeout=60_000)
    return port, got, api


def test_the_window_chat_waits_for_a_running_api_request(qtbot, window) -> None:
    w, engine = window
    port, got, api = _window_queued_behind_api(
        qtbot, w, engine, 40, "And from the window?", script(answer="From the window.")
    )
    assert w.controller.generating
    card = w.controller._card
    assert card is not None
    qtbot.waitUntil(lambda: "request to the local API" in card.stats.text(), timeout=60_000)  # the card says why
    engine.release()
    api.join(60)
    assert got == ["From the API."]
    qtbot.waitUntil(lambda: not w.controller.generating, timeout=60_000)
    assert w.controller.messages[-1].content.strip() == "From the window."
    assert engine.requests[1][-1]["content"].startswith("And from the window?")
    qtbot.waitUntil(lambda: w.server_indicator.text() == f"API 127.0.0.1:{port}", timeout=60_000)


def test_stop_while_queued_leaves_the_queue_and_spares_the_api_request(qtbot, window) -> None:
    w, engine = window
    _, got, api = _window_queued_behind_api(qtbot, w, engine, 60, "Never mind")
    w.controller.stop()
    qtbot.waitUntil(lambda: not w.controller.generating, timeout=60_000)
    engine.release()
    api.join(60)
    assert got == ["From the API."], "the window's Stop must not cancel the API's answer"
    assert len(engine.requests) == 1
