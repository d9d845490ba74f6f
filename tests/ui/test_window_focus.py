"""Where the keyboard goes (issue 24, items 2 and 14): after a load, after closing a banner or a
chip, along Tab; the attach shortcut."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from tests.ui.test_model_picker import machine


def test_after_the_first_import_typing_goes_to_the_prompt(qtbot, open_window, tiny_model: Path, monkeypatch) -> None:
    """First start offline → "Open GGUF file…" (by keyboard) → the model loads: the button is gone
    and Space must not open the file dialog again; the words go into the prompt."""
    opened: list[int] = []

    def choose(*_a: object, **_k: object) -> tuple[str, str]:
        opened.append(1)
        return str(tiny_model), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(choose))
    w = open_window(load=False)
    w.hardware = machine(8)
    qtbot.waitUntil(lambda: w.chat.empty.open.isVisible(), timeout=60_000)
    w.chat.empty.open.setFocus()
    qtbot.keyClick(w.chat.empty.open, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: w.controller.model_ready, timeout=60_000)
    assert not w.chat.empty.open.isVisible()
    assert QApplication.focusWidget() is w.composer.edit
    qtbot.keyClicks(QApplication.focusWidget(), "hello there")
    assert w.composer.edit.toPlainText() == "hello there" and opened == [1]


def test_a_load_leaves_a_search_being_typed_alone(qtbot, open_window, tiny_model: Path) -> None:
    w = open_window()
    w.sidebar.search.setFocus()
    qtbot.keyClicks(w.sidebar.search, "prim")
    w.load_model(str(tiny_model))
    qtbot.waitUntil(lambda: w.controller.model_ready and not w.loader.loading, timeout=60_000)
    assert QApplication.focusWidget() is w.sidebar.search


def test_tab_reads_the_welcome_and_the_composer_in_order(qtbot, open_window) -> None:
    """The welcome's buttons come after the conversation and before the prompt (not after the
    status bar); an empty chat is no stop of its own; the paperclip is the first control under
    the prompt, not after the status bar."""
    from tests.ui.screens import tab_walk

    w = open_window(load=False)
    w.hardware = machine(8)
    qtbot.waitUntil(lambda: w.chat.empty.open.isVisible(), timeout=60_000)
    w.sidebar.new.setFocus()
    seen = tab_walk(qtbot, w, 12)
    c, e = w.composer, w.chat.empty
    order = [w.sidebar.search, w.sidebar.list, e.choose, e.open, c.edit, c.send, c.attach, c.deep_thinking]
    at = [seen.index(x) for x in order]
    assert at == sorted(at), [type(x).__name__ for x in seen]
    assert w.chat not in seen, "an empty chat is no Tab stop"
    assert seen.index(c.attach) < seen.index(w.status_bar.model_button)


def test_closing_the_banner_or_a_chip_leaves_the_keyboard_in_the_composer(qtbot, open_window, tmp_path) -> None:
    w = open_window()
    files = []
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(name)
        files.append(tmp_path / name)
    w.attach.add_paths(files)
    qtbot.waitUntil(lambda: len(w.composer.attachments.chips) == 2, timeout=60_000)
    bar = w.composer.attachments
    bar.chips[0].remove.setFocus()
    qtbot.keyClick(bar.chips[0].remove, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(bar.chips) == 1, timeout=60_000)
    assert QApplication.focusWidget() is bar.chips[0].remove, "the next chip takes the keyboard"
    qtbot.keyClick(bar.chips[0].remove, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not bar.chips, timeout=60_000)
    assert QApplication.focusWidget() is w.composer.edit
    banner = w.composer.overflow
    banner.offer("It does not fit.", [("anyway", "Send anyway", "")])
    cancel = banner.buttons[""]
    assert QApplication.focusWidget() is banner.buttons["anyway"]
    cancel.setFocus()
    qtbot.keyClick(cancel, Qt.Key.Key_Space)
    assert not banner.isVisible() and QApplication.focusWidget() is w.composer.edit


def test_attach_has_a_shortcut(qtbot, open_window, monkeypatch, tmp_path) -> None:
    (tmp_path / "notes.txt").write_text("notes")
    asked: list[int] = []

    def choose(*_a: object, **_k: object) -> tuple[list[str], str]:
        asked.append(1)
        return [str(tmp_path / "notes.txt")], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(choose))
    w = open_window()
    w.composer.focus_prompt()
    assert w.actions_["attach_files"].shortcut().toString() == "Ctrl+Shift+A"
    w.actions_["attach_files"].trigger()
    qtbot.waitUntil(lambda: len(w.composer.attachments.chips) == 1, timeout=60_000)
    assert asked == [1]
