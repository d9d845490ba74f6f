"""A remote model, as a user meets it: added in the picker's Endpoints tab, chosen in the model
list, streaming reasoning into the pane and the answer below it, stopped; and its API key never
written to the settings file, the endpoints file or an export."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import Qt

from app.core.chats import export
from app.core.chats.store import Store
from app.core.config.endpoints import endpoints_path
from app.core.settings import Settings, settings_path
from app.ui.chat.message_widgets import AssistantMessageWidget
from app.ui.picker.remote_rows import REMOTE_ROLE
from app.ui.render.markdown import LIGHT
from app.ui.window.main_window import MainWindow
from app.ui.workers.generation import GenerationWorker
from tests.support.fake_engine import FakeEngine
from tests.support.memory_keyring import MemoryKeyring
from tests.support.scripted_server import ANSWER, REASONING, Script, ScriptedServer

KEY = "sk-gui-secret-7777"


@pytest.fixture()
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    kr = MemoryKeyring()
    keyring.set_keyring(kr)
    yield kr
    keyring.set_keyring(before)


@pytest.fixture()
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer(models=("deepseek-reasoner",), key=KEY) as s:
        yield s


@pytest.fixture()
def window(qtbot, tmp_path: Path, monkeypatch) -> Iterator[MainWindow]:
    monkeypatch.delenv("R1DESK_API_KEY", raising=False)
    w = MainWindow(Store(tmp_path / "chats.sqlite3"), Settings(), LIGHT, GenerationWorker(FakeEngine()))  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w.resize(1100, 760)
    w.show()
    yield w
    w.close()


def last_card(w: MainWindow) -> AssistantMessageWidget:
    cards = [c for c in w.chat.turns() if isinstance(c, AssistantMessageWidget)]
    assert cards
    return cards[-1]


def add_endpoint_and_choose_its_model(qtbot, w: MainWindow, url: str) -> None:
    w.open_picker()
    picker = w.picker
    tab = picker.endpoints_tab
    picker.tabs.setCurrentWidget(tab)
    qtbot.keyClicks(tab.name, "Big box")
    qtbot.keyClicks(tab.url, url)
    qtbot.keyClicks(tab.key, KEY)
    qtbot.mouseClick(tab.test_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Connected" in tab.result.text(), timeout=60_000)
    assert "deepseek-reasoner" in tab.result.text() and "DeepSeek API" in tab.result.text()
    assert tab.models.text() == "deepseek-reasoner" and tab.kind.currentData() == "deepseek"
    qtbot.mouseClick(tab.save_btn, Qt.MouseButton.LeftButton)
    assert tab.key.text() == ""  # a saved key is never shown again
    assert "keyring" in tab.key_note.text()
    picker.tabs.setCurrentIndex(0)
    rows = [
        picker.tree.topLevelItem(i).child(j)
        for i in range(picker.tree.topLevelItemCount())
        for j in range(picker.tree.topLevelItem(i).childCount())
    ]
    remote = next(r for r in rows if r.data(0, REMOTE_ROLE))
    assert remote.text(3).startswith("remote: 127.0.0.1:") and remote.text(2) == "—"  # no fit badge
    picker.tree.setCurrentItem(remote)
    assert "not on this machine" in picker.card.text()
    qtbot.mouseClick(picker.use, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.controller.model_ready, timeout=60_000)


def test_a_remote_model_streams_reasoning_into_the_pane_and_stops(
    qtbot, window: MainWindow, server: ScriptedServer, memory_keyring: MemoryKeyring
) -> None:
    w = window
    add_endpoint_and_choose_its_model(qtbot, w, server.url)
    assert memory_keyring.store == {("R1 Desk", "Big box"): KEY}
    assert "remote: 127.0.0.1" in w.status_bar.backend.text() and "DeepSeek API" in w.status_bar.backend.text()
    assert w.status_bar.model_button.text() == "deepseek-reasoner"

    w.composer.set_text("What is 6 × 7?")
    qtbot.keyClick(w.composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not w.controller.generating, timeout=60_000)
    card = last_card(w)
    assert card.thinking.plain_text().strip() == "".join(REASONING).strip()
    assert card.answer.toPlainText().strip() == "The answer is 42."
    assert card.thinking.header.text().startswith("Thought for")
    assert server.headers[-1] == f"Bearer {KEY}"

    # Stop mid-reasoning: the pane keeps what arrived, the answer is marked stopped, the server
    # sees the client leave.
    server.script = Script(reasoning=["still thinking… "] * 300, hold_at=3)  # held until the client leaves
    w.composer.set_text("And 7 × 8?")
    qtbot.keyClick(w.composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: server.holding and "still thinking" in last_card(w).thinking.plain_text(), timeout=60_000)
    assert w.composer.send.text() == "Stop"
    qtbot.mouseClick(w.composer.send, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not w.controller.generating, timeout=60_000)
    qtbot.waitUntil(lambda: bool(server.disconnects), timeout=60_000)
    stopped = w.controller.messages[-1]
    assert stopped.state == "stopped" and "still thinking" in stopped.reasoning
    # the earlier turn went back without its reasoning
    assert server.requests[-1]["messages"][1] == {"role": "assistant", "content": "".join(ANSWER)}

    # Deep Thinking off cannot reach the DeepSeek API: the window says the server decides.
    server.script = Script()
    w.composer.deep_thinking.setChecked(False)
    w.composer.set_text("Hi")
    qtbot.keyClick(w.composer.edit, Qt.Key.Key_Return)
    assert "server decides" in w.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not w.controller.generating, timeout=60_000)

    # The key is in the keyring only: not in the settings, the endpoints file or an export.
    cid = w.controller.conversation_id
    assert cid is not None
    written = [
        endpoints_path().read_text(),
        json.dumps(export.export_json(w.store, cid)),
        export.export_markdown(w.store, cid),
    ]
    if settings_path().exists():
        written.append(settings_path().read_text())
    assert json.loads(written[0])["endpoints"][0]["name"] == "Big box"
    assert not any(KEY in text for text in written)


def test_without_a_keyring_the_tab_says_so_and_the_environment_key_works(
    qtbot, window: MainWindow, server: ScriptedServer, monkeypatch
) -> None:
    from keyring.backends import fail

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        w = window
        w.open_picker()
        tab = w.picker.endpoints_tab
        assert "R1DESK_API_KEY" in tab.key_note.text()
        monkeypatch.setenv("R1DESK_API_KEY", KEY)
        tab.name.setText("Env box")
        tab.url.setText(server.url)
        tab.models.setText("deepseek-reasoner")
        tab.key.setText("typed-but-unsavable")
        assert tab.save()  # the endpoint is saved; the key could not be (the sentence was shown)
        assert "typed-but-unsavable" not in endpoints_path().read_text()
        w.picker.reject()
        w.loader.load_remote(tab.endpoints[0], "deepseek-reasoner")
        qtbot.waitUntil(lambda: w.controller.model_ready, timeout=60_000)
        assert server.headers[-1] == f"Bearer {KEY}"
    finally:
        keyring.set_keyring(before)
