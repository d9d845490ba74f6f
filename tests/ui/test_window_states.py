"""What the window says and keeps (issue 17): offline and failed downloads, a failed load that
keeps the working model, the picker's states, Undo, feedback, numbers that follow the open
chat, the menus, and windows that go away when closed."""

from __future__ import annotations

import gc
import os
import weakref
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QPushButton, QToolTip

from app.core.inference.events import Delta
from app.core.settings import Settings
from app.ui.chat.message_widgets import AssistantMessageWidget, UserMessageWidget
from app.ui.picker.dialog import ModelPicker
from app.ui.picker.local_rows import LOCAL_ROLE
from app.ui.settings.dialog import SettingsDialog, context_in_force
from app.ui.window.actions import COMMANDS, hint
from app.ui.window.help import AboutDialog, ShortcutsDialog, about_text
from app.ui.workers.downloads import DownloadManager
from tests.support.fake_engine import FakeEngine, stats
from tests.support.fake_hub import FakeHub
from tests.ui.conftest import send
from tests.ui.test_model_picker import machine


@pytest.fixture()
def empty_hub(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Online, but the Hub has none of the files: every download fails at once."""
    with FakeHub() as h:
        monkeypatch.setenv("HF_ENDPOINT", h.url)
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
        monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
        yield h


def cards(w) -> list[AssistantMessageWidget]:
    return [t for t in w.chat.turns() if isinstance(t, AssistantMessageWidget)]


# ---- item 3: offline, and a failed download --------------------------------------------------------


def test_a_failed_first_download_offers_retry_and_says_what_is_on_disk(
    qtbot, open_window, empty_hub, _no_modal_dialogs
) -> None:
    w = open_window(load=False)
    w.hardware = machine(8, cores=4)
    qtbot.waitUntil(lambda: w.chat.empty.download.isVisible() and w.chat.empty.download.isEnabled(), timeout=60_000)
    w.chat.empty.download.click()
    qtbot.waitUntil(lambda: w.chat.empty.download.text() == "Retry download", timeout=60_000)
    assert w.chat.empty.download.isEnabled()
    assert "Nothing was downloaded yet." in w.chat.empty.welcome.text()
    assert not w.status_bar.downloads.isVisible(), "no progress line stays behind"
    assert w.status_bar.model_button.isVisible() and w.status_bar.model_text() == "No model"
    assert "failed" in w.statusBar().currentMessage()
    assert not [m for m in _no_modal_dialogs if "kept" in m[1]], "no claim that bytes were kept"


def test_the_status_bar_shows_a_running_download_and_clears_it(
    qtbot, open_window, tiny_model, monkeypatch, tmp_path
) -> None:
    with FakeHub() as hub:
        hub.add(
            "bartowski/DeepSeek-R1-Distill-Qwen-1.5B-GGUF",
            {"DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf": tiny_model.read_bytes()},
        )
        hub.faults.hold_at["DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf"] = [64 * 1024]  # waits while we look
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
        monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
        w = open_window()
        w.downloads.start(
            "r1-qwen-1.5b:Q4_K_M",
            "bartowski/DeepSeek-R1-Distill-Qwen-1.5B-GGUF",
            ["DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf"],
            label="DeepSeek-R1-Distill-Qwen-1.5B Q4_K_M",
        )
        qtbot.waitUntil(lambda: hub.holding and "%" in w.status_bar.downloads.text(), timeout=60_000)
        assert "DeepSeek-R1-Distill-Qwen-1.5B Q4_K_M" in w.status_bar.downloads.text()
        assert w.status_bar.model_button.isVisible()
        hub.release()
        qtbot.waitUntil(lambda: not w.status_bar.downloads.isVisible(), timeout=60_000)


def test_offline_the_picker_disables_download_and_says_why(qtbot, monkeypatch) -> None:
    from app.ui.workers.online import OnlineCheck

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    online = OnlineCheck()
    p = ModelPicker(machine(16), DownloadManager(), online=online)
    qtbot.addWidget(p)
    p.show()
    p.select_key("r1-qwen-1.5b:Q4_K_M")
    assert p.offline.isVisible() and "offline" in p.offline.text()
    assert not p.download.isEnabled() and p.download.toolTip() == "Unavailable offline"
    assert "connection" in p.status.text()


# ---- item 4: a failed load keeps the working model --------------------------------------------------


def test_a_corrupt_file_leaves_the_working_model_loaded(qtbot, open_window, tmp_path, _no_modal_dialogs) -> None:
    w = open_window()
    working = w.facts
    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"GGUF" + os.urandom(256))
    w.load_model(str(bad))
    qtbot.waitUntil(lambda: not w.loader.loading, timeout=60_000)
    assert w.facts is working and w.controller.model_ready
    assert w.status_bar.model_text().startswith(working.name)
    assert "runs on this computer" in w.chat.empty.subtitle.text()
    [(_, message)] = [m for m in _no_modal_dialogs if "could not be loaded" in m[1]]
    assert f"{working.name} is still loaded." in message
    send(qtbot, w, "still there?")  # and it answers
    assert cards(w)[-1].answer.toPlainText().strip()


def test_with_nothing_to_keep_the_window_says_no_model(qtbot, open_window, tmp_path) -> None:
    w = open_window(load=False)
    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"nope")
    w.load_model(str(bad))
    qtbot.waitUntil(lambda: not w.loader.loading, timeout=60_000)
    assert w.facts is None and not w.controller.model_ready
    assert w.status_bar.model_text() == "No model" and "No model is loaded" in w.chat.empty.subtitle.text()


# ---- item 5: the picker ------------------------------------------------------------------------------


def test_disabled_buttons_look_disabled(qtbot, styled) -> None:
    styled("light", 11)
    enabled, disabled = QPushButton("Load"), QPushButton("Load")
    disabled.setEnabled(False)
    for b in (enabled, disabled):
        qtbot.addWidget(b)
        b.resize(120, 34)
    pal = QApplication.instance().palette()
    assert pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText) != pal.color(
        QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText
    )
    assert enabled.grab().toImage() != disabled.grab().toImage()


def test_a_too_large_download_asks_first(qtbot, empty_hub, _no_modal_dialogs, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    mgr = DownloadManager()
    p = ModelPicker(machine(8, cores=4), mgr)
    qtbot.addWidget(p)
    p.select_key("r1-llama-70b:Q4_K_M")
    p.download.click()
    assert "r1-llama-70b:Q4_K_M" not in mgr.states, "No: nothing starts"
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda _p, title, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.No
    )
    p.download.click()
    assert "will not run on this machine" in asked[0] and "GB" in asked[0]
    p.select_key("r1-qwen-1.5b:Q4_K_M")  # one that fits: no question
    asked.clear()
    p.download.click()
    assert not asked and "r1-qwen-1.5b:Q4_K_M" in mgr.states


def test_a_failed_download_keeps_the_list_open_and_filters_clear_its_message(qtbot, empty_hub) -> None:
    mgr = DownloadManager()
    p = ModelPicker(machine(16), mgr)
    qtbot.addWidget(p)
    p.select_key("r1-qwen-7b:Q6_K")
    groups = {p.tree.topLevelItem(i).text(0): p.tree.topLevelItem(i) for i in range(p.tree.topLevelItemCount())}
    llama = next(g for t, g in groups.items() if "Llama-8B" in t)
    llama.setExpanded(True)  # the user opened another model too
    p.download.click()
    qtbot.waitUntil(lambda: "failed" in p.status.text(), timeout=60_000)
    assert p.download.text() == "Retry download" and "Nothing was downloaded yet." in p.status.text()
    open_now = [
        p.tree.topLevelItem(i).text(0) for i in range(p.tree.topLevelItemCount()) if p.tree.topLevelItem(i).isExpanded()
    ]
    assert any("Qwen-7B" in t for t in open_now) and any("Llama-8B" in t for t in open_now)
    p.size_filter.setCurrentIndex(1)  # under 5 GB: the failed row is filtered away
    assert p.selected_variant() is None or p.selected_variant().key != "r1-qwen-7b:Q6_K"
    assert "failed" not in p.status.text()


def test_a_model_opened_from_disk_is_on_this_computer_with_load_and_remove(
    qtbot, open_window, tiny_model, _no_modal_dialogs
) -> None:
    w = open_window()  # loads tiny_model as File ▸ Open does
    w.hardware = machine(16)
    w.open_picker()
    p = w.picker
    top = p.tree.topLevelItem(0)
    assert top.text(0).startswith("On this computer") and top.isExpanded()
    row = top.child(0)
    assert row.data(0, LOCAL_ROLE) == str(tiny_model.resolve()) and row.text(4) == "opened · loaded"
    p.tree.setCurrentItem(row)
    assert p.use.isEnabled() and p.delete.isEnabled() and p.delete.text() == "Remove from list"
    assert not p.download.isEnabled() and str(tiny_model.resolve()) in p.card.text()
    chosen: list[str] = []
    p.model_chosen.connect(chosen.append)
    p.use.click()
    assert chosen == [str(tiny_model.resolve())]
    w.open_picker()
    p = w.picker
    p.tree.setCurrentItem(p.tree.topLevelItem(0).child(0))
    p.delete.click()  # the question is answered Yes by the fixture
    assert not p.tree.topLevelItem(0).text(0).startswith("On this computer")
    assert tiny_model.exists()


# ---- item 8: Undo highlights the chat on screen ---------------------------------------------------


def test_undo_highlights_the_chat_that_is_shown(qtbot, open_window) -> None:
    w = open_window()
    for title in ("first", "second", "third"):
        w.controller.new_chat()
        send(qtbot, w, title)
    items = {w.sidebar.list.item(i).text(): w.sidebar.list.item(i) for i in range(w.sidebar.list.count())}
    qtbot.mouseClick(
        w.sidebar.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=w.sidebar.list.visualItemRect(items["second"]).center(),
    )
    assert w.store.conversation(w.controller.conversation_id).title == "second"
    w.deletion.delete(w.controller.conversation_id)
    assert w.sidebar.list.currentItem() is None
    w.undo.click()
    shown = w.store.conversation(w.controller.conversation_id)
    current = w.sidebar.list.currentItem()
    assert shown.title == "second" and current is not None and current.text() == "second"
    assert current.data(Qt.ItemDataRole.UserRole) == shown.id and current.isSelected()
    assert w.statusBar().currentMessage() == "Restored “second”."


# ---- item 9: feedback -----------------------------------------------------------------------------------


def test_copy_says_copied(qtbot, open_window) -> None:
    w = open_window()
    send(qtbot, w, "code please")
    card = cards(w)[-1]
    card.answer.anchorClicked.emit(QUrl("copy:0"))
    assert QApplication.clipboard().text() == "print(6 * 7)\n"
    assert QToolTip.isVisible() and QToolTip.text() == "Copied"
    card.copy.click()
    assert card.copy.text() == "Copied" and "42" in QApplication.clipboard().text()
    qtbot.waitUntil(lambda: card.copy.text() == "Copy", timeout=60_000)


def test_editing_shows_a_banner_with_cancel(qtbot, open_window) -> None:
    w = open_window()
    send(qtbot, w, "first words")
    user = next(t for t in w.chat.turns() if isinstance(t, UserMessageWidget))
    user.edit.click()
    assert w.composer.banner.isVisible() and w.composer.edit.toPlainText() == "first words"
    w.composer.cancel_edit.click()
    assert not w.composer.banner.isVisible() and w.composer.edit.toPlainText() == ""
    assert w.controller.session.editing is None
    user.edit.click()
    qtbot.keyClick(w.composer.edit, Qt.Key.Key_Escape)  # Esc leaves the edit too
    assert not w.composer.banner.isVisible()


def test_a_search_without_hits_says_so(qtbot, open_window) -> None:
    w = open_window()
    send(qtbot, w, "about bread")
    w.sidebar.search.setText("zebra")
    assert w.sidebar.list.count() == 0
    assert w.sidebar.no_matches.isVisible() and w.sidebar.no_matches.text() == "No chats match “zebra”."
    w.sidebar.search.clear()
    assert not w.sidebar.no_matches.isVisible()


def test_rename_happens_in_the_list(qtbot, open_window, monkeypatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: pytest.fail("no rename dialog"))
    w = open_window()
    send(qtbot, w, "old title")
    w.sidebar.list.setFocus()
    qtbot.keyClick(w.sidebar.list, Qt.Key.Key_F2)
    assert w.sidebar.list.state() == QAbstractItemView.State.EditingState
    editor = w.sidebar.list.viewport().findChild(QLineEdit)
    assert editor is not None and editor.isVisible() and editor.text() == "old title"
    editor.selectAll()
    qtbot.keyClicks(editor, "New title")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # (this crashed when the list was rebuilt at once)
    qtbot.waitUntil(lambda: w.store.conversation(w.controller.conversation_id).title == "New title", timeout=60_000)
    assert w.sidebar.list.item(0).text() == "New title"


def test_the_prompt_grows_to_a_third_of_the_window_then_scrolls(qtbot, open_window) -> None:
    w = open_window(size=(1100, 900))
    three = w.composer.edit.height()
    w.composer.edit.setPlainText("\n".join(f"line {i}" for i in range(6)))
    six = w.composer.edit.height()
    assert six > three
    w.composer.edit.setPlainText("\n".join(f"line {i}" for i in range(80)))
    assert w.composer.edit.height() <= 900 // 3 + 1 and w.composer.edit.height() > six
    w.composer.clear()
    assert w.composer.edit.height() == three


# ---- item 10: numbers that follow the open chat ----------------------------------------------------


def test_context_follows_the_open_chat(qtbot, open_window) -> None:
    w = open_window()
    n_ctx = f"{w.facts.n_ctx:,}"
    assert w.status_bar.context.text() == f"context 0 / {n_ctx}"
    send(qtbot, w, "first")
    cid = w.controller.conversation_id
    used = w.status_bar.context.text()
    assert used != f"context 0 / {n_ctx}"
    qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert w.status_bar.context.text() == f"context 0 / {n_ctx}"
    w.controller.open_conversation(cid)
    assert w.status_bar.context.text() == used


def test_settings_say_which_context_is_in_force(qtbot, open_window) -> None:
    w = open_window()  # the tiny model was trained for 4,096 tokens
    assert w.facts.n_ctx == 4096
    d = SettingsDialog(Settings(context_length=32768), w, facts=w.facts)
    qtbot.addWidget(d)
    text = d.ctx_in_force.text()
    assert "4,096" in text and "32,768" in text and "trained for" in text
    assert context_in_force(Settings(), None).startswith("No model is loaded")
    names = [d.presets.preset_list.item(i).text() for i in range(d.presets.preset_list.count())]
    assert "R1 (paper) — built in" in names and not any("(paper)  (paper)" in n for n in names)


def test_a_model_that_never_reasons_gets_no_thinking_pane(qtbot, open_window) -> None:
    engine = FakeEngine(hold_at=0)  # held before its first token
    engine.streams.append([Delta("answer", "Hello"), Delta("answer", " there."), stats(2, 0, thought=False)])
    w = open_window(engine)
    w.composer.set_text("hi")
    qtbot.keyClick(w.composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: engine.holding and w.controller._card is not None, timeout=60_000)
    card = w.controller._card
    qtbot.wait(200)  # a fixed wait that races nothing: the stream is held, no event can come
    assert card.thinking.isHidden(), "waiting for the first token is not thinking"
    engine.release()
    qtbot.waitUntil(lambda: not w.controller.generating, timeout=60_000)
    assert card.thinking.isHidden() and card.answer.toPlainText().strip() == "Hello there."


def test_hints_name_the_menus_as_they_are(qtbot, open_window) -> None:
    w = open_window(load=False)
    for name in ("choose_model", "open_file"):
        action = w.actions_[name]
        text = action.text().replace("&", "")
        assert text in hint(name) and action.shortcut().toString() in hint(name)
        assert hint(name) in w.chat.empty.subtitle.text()


# ---- item 12: the menus ------------------------------------------------------------------------------


def test_the_usual_menus_are_there(qtbot, open_window) -> None:
    w = open_window()
    titles = [a.text().replace("&", "") for a in w.menuBar().actions()]
    assert titles == ["File", "Edit", "View", "Model", "Help"]
    view = w.menuBar().actions()[2].menu()
    assert [a.text().replace("&", "") for a in view.actions()] == ["Theme", "Font size", "Thinking pane", "Language"]
    help_menu = [a.text().replace("&", "") for a in w.menuBar().actions()[4].menu().actions() if a.text()]
    assert help_menu == ["Keyboard shortcuts", "Open data folder", "About R1 Desk"]
    w.actions_["pane_open"].trigger()
    assert w.settings.thinking_pane == "open" and w.actions_["pane_open"].isChecked()


def test_about_names_the_versions_and_shortcuts_lists_every_key(qtbot, open_window) -> None:
    from app.core.inference.events import BackendInfo

    text = about_text(BackendInfo("CUDA", True, "CUDA : ARCHS = 890", "0.3.36", "0.5.0-dev"))
    assert "llama.cpp 0.5.0-dev" in text and "llama-cpp-python 0.3.36" in text and "CUDA (with GPU offload)" in text
    about = AboutDialog(None)
    qtbot.addWidget(about)
    assert "has not started" in about.text.text()
    keys = ShortcutsDialog()
    qtbot.addWidget(keys)
    shown = {keys.table.item(i, 0).text() for i in range(keys.table.rowCount())}
    assert {c.shortcut.split(";")[0] for c in COMMANDS if c is not None and c.shortcut} <= shown


# ---- item 13: closed windows go, so nothing is left for Qt to destroy at exit ------------------------


def test_closed_dialogs_are_freed(qtbot, open_window) -> None:
    w = open_window()
    w.hardware = machine(16)
    w.open_picker()
    picker = weakref.ref(w.picker)
    w.open_picker()  # the first picker is replaced, and freed
    d = SettingsDialog(Settings(), None)
    settings = weakref.ref(d)
    d.close()
    del d
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    assert picker() is None and settings() is None


def test_a_download_thread_never_deletes_qt_objects(qtbot, empty_hub) -> None:
    """A thread that held the last reference to the manager deleted it on that thread, leaving
    its QTimer registered with the GUI thread, which later fired it into freed memory (a
    segfault in about one run in five). The manager must go where it was made."""
    import threading

    where: list[str] = []
    mgr = DownloadManager()
    mgr.destroyed.connect(lambda *_: where.append(threading.current_thread().name), Qt.ConnectionType.DirectConnection)
    mgr.start("r1-qwen-1.5b:Q4_K_M", "bartowski/DeepSeek-R1-Distill-Qwen-1.5B-GGUF", ["x.gguf"])
    threads = [t for t in threading.enumerate() if t.name.startswith("download ")]
    del mgr
    for t in threads:
        t.join(60)
    gc.collect()
    assert where == ["MainThread"]
