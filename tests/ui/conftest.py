"""Fixtures for the window tests: a styled application (theme, font size) put back afterwards,
and windows driven by the fake engine."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from app.core.chats.store import Store
from app.core.settings import Settings
from app.ui.render.markdown import Theme
from app.ui.style import theme
from app.ui.text import i18n
from app.ui.window.main_window import MainWindow
from app.ui.workers.generation import GenerationWorker
from tests.support.fake_engine import FakeEngine


@pytest.fixture(scope="session", autouse=True)
def _english(qapp: QApplication) -> None:
    """The window in English with English numbers, as the app sets it up at start (offscreen the
    system locale is "C", which writes 8192 without a separator)."""
    i18n.install(qapp, "en")


@pytest.fixture()
def styled(qapp: QApplication) -> Iterator[Callable[[str, int], Theme]]:
    """``styled("dark", 16)`` styles the whole app as the app does at start; undone afterwards."""
    font, palette = QFont(qapp.font()), qapp.palette()

    def apply(mode: str, size: int) -> Theme:
        return theme.apply(qapp, mode, size)

    yield apply
    qapp.setStyleSheet("")
    qapp.setPalette(palette)
    qapp.setFont(font)
    theme._system_font = None


@pytest.fixture()
def open_window(qtbot, tmp_path: Path, tiny_model: Path) -> Iterator[Callable[..., MainWindow]]:
    """A shown window on the fake engine, its tiny model loaded (``load=False``: none)."""
    made: list[MainWindow] = []

    def make(
        engine: FakeEngine | None = None,
        settings: Settings | None = None,
        colours: Theme | None = None,
        size: tuple[int, int] = (1100, 760),
        load: bool = True,
    ) -> MainWindow:
        store = Store(tmp_path / f"chats{len(made)}.sqlite3")
        w = MainWindow(
            store,
            settings or Settings(),
            colours or Theme.named("light"),
            GenerationWorker(engine or FakeEngine()),  # type: ignore[arg-type]
        )
        qtbot.addWidget(w)
        w.resize(*size)
        w.show()
        w.activateWindow()
        made.append(w)
        if load:
            w.load_model(str(tiny_model))
            qtbot.waitUntil(lambda: w.controller.model_ready, timeout=60_000)
        return w

    yield make
    for w in made:
        w.close()
        w.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def send(qtbot, w: MainWindow, text: str) -> None:
    w.composer.set_text(text)
    qtbot.keyClick(w.composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not w.controller.generating, timeout=60_000)
