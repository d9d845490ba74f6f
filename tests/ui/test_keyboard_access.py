"""Issue 16: the window without a mouse and without sight. Tab reaches every control of the main
window and of every page of every dialog, in reading order; each control has a name for screen
readers and shows the keyboard focus in both themes; the new shortcuts work; a finished answer is
announced once; the thinking pane says whether it is open and whether the model still thinks.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QWidget

from app.ui.chat.message_widgets import AssistantMessageWidget
from app.ui.widgets import accessibility
from app.ui.window.actions import COMMANDS, key_text, shortcut_rows
from app.ui.window.main_window import MainWindow
from tests.support.fake_engine import FakeEngine, script
from tests.ui.conftest import send
from tests.ui.screens import DIALOGS, describe, interactive, pages, tab_walk, unnamed

ROOT = Path(__file__).resolve().parents[2]


def _dialog(qtbot, w: MainWindow, name: str) -> QDialog:
    d = DIALOGS[name](w)
    qtbot.addWidget(d)
    d.resize(900, 640)
    d.show()
    return d


# ---- Tab reaches everything ---------------------------------------------------------------------


def test_tab_reaches_every_control_of_the_main_window(qtbot, open_window) -> None:
    w = open_window()
    send(qtbot, w, "What is 6 × 7?")
    w.composer.focus_prompt()
    want = interactive(w)
    assert {"Copy", "Regenerate", "Delete", "Edit"} <= {getattr(c, "text", lambda: "")() for c in want}
    seen = tab_walk(qtbot, w)
    missed = [describe(c) for c in want if c not in seen]
    assert missed == []


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_tab_reaches_every_control_of_every_dialog(qtbot, open_window, name: str) -> None:
    w = open_window()
    d = _dialog(qtbot, w, name)
    for page, show in pages(d):
        show()
        QApplication.processEvents()
        want = interactive(d)
        assert want, f"{name} {page}: nothing to reach"
        seen = tab_walk(qtbot, d)
        missed = [describe(c) for c in want if c not in seen]
        assert missed == [], f"{name} / {page}"


def _first_visits(seen: list[QWidget]) -> list[QWidget]:
    out: list[QWidget] = []
    for c in seen:
        if c not in out:
            out.append(c)
    return out


def _in_order(seen: list[QWidget], expected: list[QWidget]) -> bool:
    """``expected`` comes round in that cyclic order (the walk may start anywhere in the cycle)."""
    cycle = _first_visits(seen)
    pos = [cycle.index(c) for c in expected]
    turns = sum(1 for a, b in zip(pos, pos[1:] + pos[:1]) if b < a)
    return turns <= 1


def test_the_tab_order_reads_like_the_screen(qtbot, open_window) -> None:
    """Tabs first, then the page from top to bottom, the dialog's buttons last; the composer from
    the prompt to Send to its controls."""
    w = open_window()
    c = w.composer
    seen = tab_walk(qtbot, w)
    assert _in_order(seen, [w.sidebar.new, w.sidebar.search, w.sidebar.list, c.edit, c.send, c.deep_thinking, c.preset])
    s = _dialog(qtbot, w, "settings")
    bar = s.tabs.tabBar()
    assert _in_order(tab_walk(qtbot, s), [bar, s.ctx, s.gpu, s.threads, s.force_think, *s.buttons.buttons()])
    p = _dialog(qtbot, w, "picker")
    order = [p.tabs.tabBar(), p.context, p.fits_only, p.size_filter, p.tree, p.download, p.add_hf, p.close_btn]
    assert _in_order(tab_walk(qtbot, p), order)


# ---- names for screen readers ------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_every_control_of_every_dialog_has_a_name(qtbot, open_window, name: str) -> None:
    w = open_window()
    d = _dialog(qtbot, w, name)
    for page, show in pages(d):
        show()
        QApplication.processEvents()
        assert unnamed(d) == [], f"{name} / {page}"


def test_the_thinking_pane_says_its_state(qtbot, open_window) -> None:
    engine = FakeEngine(hold_at=5)  # held while it thinks
    engine.streams.append(script("Let me think about this step by step. " * 6, "42", piece=6))
    w = open_window(engine)
    w.composer.set_text("question")
    w.composer.send.click()
    qtbot.waitUntil(
        lambda: engine.holding and w.chat.turns() and w.chat.turns()[-1].thinking.isVisible(), timeout=60_000
    )
    header = w.chat.turns()[-1].thinking.header
    assert "Thinking…" in header.accessibleName() and "Open" in header.accessibleDescription()
    engine.release()
    qtbot.waitUntil(lambda: not w.controller.generating, timeout=60_000)
    assert "Thought for" in header.accessibleName() and "Closed" in header.accessibleDescription()
    header.click()
    assert "Open" in header.accessibleDescription()


def test_a_finished_answer_is_announced_once(qtbot, open_window, monkeypatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(accessibility, "_send", lambda event: said.append(event.message()))
    engine = FakeEngine(hold_at=17 + 12)  # held after 12 of the answer's pieces (the reasoning has 17)
    engine.streams.append(script("Thinking. " * 5, "Six sevens are forty-two. " * 4, piece=3))
    w = open_window(engine)
    w.composer.set_text("What is 6 × 7?")
    w.composer.send.click()
    qtbot.waitUntil(
        lambda: engine.holding and "Six sevens are forty-two." in w.chat.turns()[-1].answer.toPlainText(),
        timeout=60_000,
    )
    assert said == []  # half an answer is not announced
    engine.release()
    qtbot.waitUntil(lambda: not w.controller.generating, timeout=60_000)
    assert len(said) == 1, said  # not once per streamed piece
    assert said[0].startswith("Answer finished: Six sevens are forty-two.")


# ---- shortcuts -----------------------------------------------------------------------------------


def test_the_answer_shortcuts(qtbot, open_window) -> None:
    """Ctrl+Shift+C copies the last answer, Ctrl+R writes another, Ctrl+T opens or closes its
    reasoning, Ctrl+J goes to the answer and Ctrl+L back to the prompt."""
    engine = FakeEngine()
    engine.streams += [script("Reasoning here.", "First answer."), script("More reasoning.", "Second answer.")]
    w = open_window(engine)
    send(qtbot, w, "hello")
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(
        w.composer.edit, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert QGuiApplication.clipboard().text() == "First answer."
    card = w.chat.turns()[-1]
    assert isinstance(card, AssistantMessageWidget)
    was_open = card.thinking.is_open
    qtbot.keyClick(w.composer.edit, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert card.thinking.is_open is not was_open
    qtbot.keyClick(w.composer.edit, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is card.answer
    qtbot.keyClick(card.answer, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is w.composer.edit
    qtbot.keyClick(w.composer.edit, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not w.controller.generating, timeout=60_000)
    assert w.controller.messages[-1].content == "Second answer."
    assert w.chat.turns()[-1].versions.label.text() == "2/2"


def test_answer_now_and_stop_from_the_keyboard_while_the_model_thinks(qtbot, open_window) -> None:
    thinking, answer = "Long thinking. " * 40, "Done. " * 20
    engine = FakeEngine(hold_at=10)  # the stream waits in its reasoning until a key is pressed
    engine.streams += [script(thinking, answer, piece=2)] * 2
    w = open_window(engine)
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    # Ctrl+Shift+Return: the reasoning closes where it was, the whole answer follows.
    w.composer.set_text("q")
    w.composer.send.click()
    qtbot.waitUntil(lambda: engine.holding and w.composer.answer_now.isVisible(), timeout=60_000)
    qtbot.keyClick(w.composer.edit, Qt.Key.Key_Return, mods)
    assert w.composer.edit.toPlainText() == ""  # nothing sent, no new line
    qtbot.waitUntil(lambda: not w.controller.generating, timeout=60_000)
    m = w.controller.messages[-1]
    assert m.state == "done" and m.reasoning == thinking[:20].strip() and m.content == answer.strip()
    assert len(engine.requests) == 1  # Answer now went to the running request, nothing new was sent
    # Esc while it thinks: stopped there, no answer.
    w.composer.set_text("again")
    w.composer.send.click()
    qtbot.waitUntil(lambda: engine.held == 2 and engine.holding, timeout=60_000)
    qtbot.keyClick(w.composer.edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not w.controller.generating, timeout=60_000)
    m = w.controller.messages[-1]
    assert m.state == "stopped" and m.reasoning == thinking[:20].strip() and m.content == ""


def test_every_shortcut_is_listed_in_the_help_window_and_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = {keys for keys, _ in shortcut_rows()}
    for c in COMMANDS:
        if c is None or not c.shortcut:
            continue
        first = c.shortcut.split(";")[0]
        assert key_text(first) in listed
        assert first in readme, f"README does not mention {first} ({c.name})"


@pytest.mark.parametrize("language", ["en", "de"])
def test_each_menu_has_its_own_access_keys(qtbot, open_window, language: str, qapp) -> None:
    """Alt+letter opens a menu and a letter picks an entry: no two in one menu share a letter."""
    from app.ui.text import i18n

    i18n.install(qapp, language)
    try:
        w = open_window(load=False)
        menus = [w.menuBar()] + [a.menu() for a in w.findChildren(type(w.menuBar().actions()[0])) if a.menu()]
        for menu in menus:
            letters = [
                a.text()[a.text().index("&") + 1].lower()
                for a in menu.actions()
                if "&" in a.text() and not a.isSeparator()
            ]
            assert len(letters) == len(set(letters)), [a.text() for a in menu.actions()]
    finally:
        i18n.install(qapp, "en")


# ---- a visible focus in dialogs, both themes -----------------------------------------------------


def _ring(d: QWidget, target: QWidget) -> QImage:
    """The control and a few pixels around it; in a text field, without the text (a blinking
    caret alone is not a focus mark: the field's edge must change)."""
    QApplication.processEvents()
    r = QRect(target.mapTo(d, QPoint(0, 0)), target.size()).adjusted(-6, -6, 6, 6)
    image = d.grab(r).toImage()
    editor = target if isinstance(target, QLineEdit) else target.findChild(QLineEdit)
    if editor is not None and editor.isVisible():
        inner = QRect(editor.mapTo(d, QPoint(0, 0)) - r.topLeft(), editor.size()).adjusted(3, 3, -3, -3)
        p = QPainter(image)
        p.fillRect(inner, Qt.GlobalColor.black)
        p.end()
    return image


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_every_control_of_every_dialog_shows_focus(qtbot, styled, open_window, name: str, mode: str) -> None:
    w = open_window(colours=styled(mode, 11), load=False)
    d = _dialog(qtbot, w, name)
    parked = QLineEdit(d)  # somewhere to put the focus that is none of the controls checked
    parked.setGeometry(-100, -100, 10, 10)
    parked.show()
    d.activateWindow()
    unmarked = []
    for page, show in pages(d):
        show()
        for c in interactive(d):
            if c is parked:
                continue
            parked.setFocus(Qt.FocusReason.OtherFocusReason)
            before = _ring(d, c)
            c.setFocus(Qt.FocusReason.TabFocusReason)
            after = _ring(d, c)
            if before == after:
                unmarked.append(f"{page}: {describe(c)}")
    assert unmarked == [], "\n".join(unmarked)
