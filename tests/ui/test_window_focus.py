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
