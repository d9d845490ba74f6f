"""Small screens (issue 24, items 5 and 6): windows open within the screen's free area and come
back where they were left when that still fits; at 800×600 and 200 % font the composer keeps to
about a third of the window, messages wrap to the view and the status bar gives way by priority.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from app.core.chats.store import Store
from app.core.settings import Settings, load_settings
from app.ui.render.markdown import Theme
from app.ui.widgets import placement
from app.ui.window.main_window import MainWindow
from app.ui.workers.generation import GenerationWorker
from tests.support.fake_engine import FakeEngine
from tests.ui.test_model_picker import machine


def inside(child: QWidget, root: QWidget) -> bool:
    """The whole of ``child`` is within ``root`` (not cut off at its edges)."""
    r = QRect(child.mapTo(root, QPoint(0, 0)), child.size())
    return root.rect().contains(r)


@pytest.fixture()
def screen_800x600(monkeypatch: pytest.MonkeyPatch) -> QRect:
    """The free area of an 800×600 screen (the offscreen screen is 800×800)."""
    room = QRect(0, 0, 800, 600)
    monkeypatch.setattr(placement, "available", lambda _w: room)
    return room


def window(qtbot, tmp_path: Path, settings: Settings | None = None) -> MainWindow:
    w = MainWindow(
        Store(tmp_path / "c.sqlite3"), settings or Settings(), Theme.named("light"), GenerationWorker(FakeEngine())
    )  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w.hardware = machine(8)
    return w


def test_the_window_opens_within_the_screen(qtbot, tmp_path: Path, screen_800x600: QRect) -> None:
    w = window(qtbot, tmp_path)
    w.show()
    qtbot.waitUntil(lambda: w.chat.empty.open.isVisible(), timeout=60_000)
    g = w.geometry()
    assert screen_800x600.contains(g) and g.width() <= 800 - 16 and g.height() <= 600 - 40, g
    # What a new user needs offline is on screen: the prompt, Send, "Open GGUF file…".
    for part in (w.composer.edit, w.composer.send, w.chat.empty.open):
        assert inside(part, w), part


def test_the_last_place_comes_back_when_it_still_fits(qtbot, tmp_path: Path) -> None:
    room = QGuiApplication.primaryScreen().availableGeometry()
    saved = QRect(room.left() + 10, room.top() + 20, 740, 520)
    w = window(qtbot, tmp_path, Settings(window_geometry=f"{saved.x()},{saved.y()},{saved.width()},{saved.height()}"))
    assert w.geometry() == saved
    w.show()
    w.setGeometry(saved.adjusted(5, 5, 5, 5))
    w.close()  # closing keeps the place for the next start
    assert load_settings()[0].window_geometry == "15,25,740,520"


@pytest.mark.parametrize(
    "saved",
    [
        "3000,10,900,700",  # on a screen that is gone
        "0,0,2400,1600",  # larger than this screen
        "10,10,300,200",  # below the window's minimum
        "not a place",
    ],
)
def test_a_place_that_no_longer_fits_is_not_used(qtbot, tmp_path: Path, saved: str) -> None:
    w = window(qtbot, tmp_path, Settings(window_geometry=saved))
    room = placement.available(w)
    assert room.contains(w.geometry()) and w.width() >= 720 and w.height() >= 480


def test_dialogs_open_within_the_screen(qtbot, tmp_path: Path, screen_800x600: QRect) -> None:
    from app.ui.picker.dialog import ModelPicker
    from app.ui.settings.dialog import SettingsDialog
    from app.ui.workers.downloads import DownloadManager

    w = window(qtbot, tmp_path)
    w.show()
    for d in (ModelPicker(machine(16), DownloadManager(), w), SettingsDialog(Settings(), w)):
        qtbot.addWidget(d)
        d.show()
        g = d.frameGeometry()
        assert d.width() <= 800 - 16 and d.height() <= 600 - 40, (type(d).__name__, d.size())
        assert screen_800x600.contains(QRect(g.topLeft(), d.size())), (type(d).__name__, g)
        qtbot.waitExposed(d)
        buttons = [d.download, d.close_btn] if isinstance(d, ModelPicker) else d.buttons.buttons()
        for b in buttons:
            assert inside(b, d) and b.width() >= b.sizeHint().width(), (type(d).__name__, b.text())


def test_a_screen_smaller_than_the_minimum_still_shows_all(qtbot, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(placement, "available", lambda _w: QRect(0, 0, 640, 480))
    w = window(qtbot, tmp_path)
    assert w.width() <= 640 - 16 and w.height() <= 480 - 40
    assert w.minimumSize().boundedTo(QSize(624, 440)) == w.minimumSize()


# ---- 800×600 at 200 % ----------------------------------------------------------------------------


def _fits(w: QWidget) -> bool:
    """Shown whole: not narrower than it asks to be."""
    return w.width() >= w.sizeHint().width() - 1


@pytest.fixture()
def small_big_font(styled, qapp):
    from app.ui.style.theme import system_point_size

    return styled("light", 2 * system_point_size())


def test_the_composer_keeps_to_a_third_and_its_controls_to_one_line(
    qtbot, open_window, small_big_font, tmp_path: Path
) -> None:
    from tests.support.code_fixture import make_project

    w = open_window(colours=small_big_font, size=(800, 600))
    c = w.composer
    qtbot.waitUntil(lambda: c.controls.more.isVisible(), timeout=60_000)
    line = max(x.sizeHint().height() for x in (c.attach, c.deep_thinking, c.controls.more))
    assert c.deep_thinking.isVisible(), "Deep Thinking stays on the line while there is room"
    qtbot.waitUntil(lambda: c.controls.height() <= line + 2, timeout=60_000)  # the controls take one line
    qtbot.waitUntil(lambda: c.height() <= w.height() * 0.4, timeout=60_000)
    # Many files attached: the chips scroll, the prompt keeps a line or more, the composer its share.
    project = make_project(tmp_path)
    files = [project / "app.py", project / "util" / "helpers.py", project / "README.md"]  # files: no project panel
    w.attach.add_paths(files)
    qtbot.waitUntil(lambda: len(c.attachments.chips) == 3, timeout=60_000)
    qtbot.waitUntil(lambda: c.height() <= w.height() * 0.4, timeout=60_000)
    assert c.edit.height() >= c.edit.fontMetrics().lineSpacing() + 8
    parts = (c.send, c.attach, c.deep_thinking, c.controls.more)
    qtbot.waitUntil(lambda: all(inside(x, w) and _fits(x) for x in parts if x.isVisible()), timeout=60_000)
    assert inside(c.edit, w)
    assert c.deep_thinking.isVisible() or c.deep_thinking in c.controls.folded  # on the line or in ⋯


def test_the_folded_controls_work_from_the_more_menu(qtbot, open_window, small_big_font) -> None:
    w = open_window(colours=small_big_font, size=(800, 600))
    c = w.composer
    qtbot.waitUntil(lambda: c.controls.more.isVisible(), timeout=60_000)
    assert c.samples_box in c.controls.folded and not c.samples_box.isVisible()
    menu = c.controls.more.menu()
    menu.aboutToShow.emit()
    titles = [a.text() for a in menu.actions()]
    assert titles[-1] == "Solve once", titles
    solve = menu.actions()[-1].menu()
    two = next(a for a in solve.actions() if a.text() == "Solve × 2")
    two.trigger()
    assert c.samples() == 2
    assert c.controls.more.text() == "⋯ × 2", "Solve × 2 is still on, and says so while folded"
    w.resize(2000, 1000)  # room for every control on one line at 200 %
    qtbot.waitUntil(lambda: not c.controls.more.isVisible(), timeout=60_000)
    assert c.samples_box.isVisible() and c.samples_box.text() == "Solve × 2"


def test_the_status_bar_gives_way_by_priority(qtbot, open_window, small_big_font) -> None:
    w = open_window(colours=small_big_font, size=(800, 600))
    sb = w.status_bar
    w.server_indicator.show_running("http://127.0.0.1:8080/v1", "")
    sb.show_context(1234)
    qtbot.waitUntil(lambda: sb.width() == w.width(), timeout=60_000)
    sb._fit()

    def whole() -> bool:
        shown = [x for x in (sb.model_button, sb.backend, sb.context, w.server_indicator) if x.isVisible()]
        return all(inside(x, sb) and _fits(x) for x in shown)

    qtbot.waitUntil(whole, timeout=60_000)  # laid out a turn of the event loop after the texts changed
    assert w.server_indicator.text() in ("API", "API 127.0.0.1:8080"), "the address whole or not at all"
    assert sb.context.text().endswith(f"/ {w.facts.n_ctx:,}")
    assert sb.model_button.isVisible() and sb.context.isVisible() and sb._squeeze > 0, "it had to give way"
    w.resize(1400, 900)
    qtbot.waitUntil(lambda: sb.backend.isVisible(), timeout=60_000)
    assert w.server_indicator.text() == "API 127.0.0.1:8080" and sb.context.text().startswith("context ")


def test_a_message_too_long_for_the_status_bar_is_shown_whole_above_the_chat(
    qtbot, open_window, small_big_font
) -> None:
    from app.ui.window.model_status import server_limits

    class CannotAnswerNow:
        can_answer_now = False

    w = open_window(colours=small_big_font, size=(800, 600))
    long = server_limits(CannotAnswerNow())[1]
    assert long.endswith("Answer now stopped it instead.")
    w.controller.notice.emit(long)
    assert w.notices.isVisible() and w.notices.text() == long  # whole above the chat
    w.notices.dismiss()
    w.controller.notice.emit("Copied.")  # a short one in the status bar alone
    assert w.statusBar().currentMessage() == "Copied." and not w.notices.isVisible()


def test_a_card_wraps_to_the_view_in_german_at_200_percent(qtbot, open_window, small_big_font, qapp) -> None:
    """A card's long badge and its buttons wrap: the card is never wider than the conversation."""
    from app.ui.text import i18n
    from tests.support.fake_engine import FakeEngine, script
    from tests.ui.conftest import send

    i18n.install(qapp, "de")
    try:
        e = FakeEngine()
        e.streams.append(script("Ich zähle. " * 40, ""))  # ends while thinking: the longest badge
        w = open_window(e, colours=small_big_font, size=(784, 560))
        send(qtbot, w, "Zähle bis 300.")
        card = w.chat.turns()[-1]
        vp = w.chat.viewport()
        parts = (card.badge, card.use_reasoning, card.copy, card.regenerate, card.delete)
        # The wrapped rows are laid out a turn of the event loop later: wait for the layout to settle.
        qtbot.waitUntil(lambda: card.width() <= vp.width() and all(inside(b, card) for b in parts), timeout=60_000)
        assert all(b.isVisible() for b in parts)
    finally:
        i18n.install(qapp, "en")
