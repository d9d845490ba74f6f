"""The window as a new user meets it (issue 17): messages that show every line, a layout that
shrinks to the window's minimum, a visible focus on every control, typing that goes to the
prompt, live theme and font changes. Geometry is checked at both fonts the issue names."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from app.core.settings import Settings
from app.ui.chat.message_widgets import AssistantMessageWidget, UserMessageWidget
from app.ui.style.palette import PALETTES
from app.ui.window.main_window import MINIMUM_SIZE, MainWindow
from tests.support.fake_engine import FakeEngine, script
from tests.ui.conftest import send

THREE_LINES = "Which primes are below 30?\nList them in order.\nThen say how many there are."
TWO_LINES = "Explain the KV cache\nin two sentences."
LONG = "A question long enough to wrap at every width the window can have, " * 6 + "and its last words: the end."
CODE = "```python\nresult = compute_something(first_argument, second_argument, third_argument, fourth)  # a long line\n```\n"


def in_viewport(w: MainWindow, widget: QWidget) -> QRect:
    vp = w.chat.viewport()
    return QRect(widget.mapTo(vp, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("size", [(1400, 900), (800, 600)])
@pytest.mark.parametrize("font", [11, 16])
def test_the_users_message_shows_every_line(qtbot, styled, open_window, size, font) -> None:
    """Item 1: a bubble is as tall as its text at every width and font size."""
    w = open_window(colours=styled("light", font), size=size)
    for prompt in (THREE_LINES, TWO_LINES, LONG):
        send(qtbot, w, prompt)
    bubbles = [t for t in w.chat.turns() if isinstance(t, UserMessageWidget)]
    assert [b.text() for b in bubbles] == [THREE_LINES, TWO_LINES, LONG]

    def laid_out() -> None:  # once the layout has settled (as it does before the next paint)
        for b in bubbles:
            need = math.ceil(b.label.document().size().height())
            assert b.label.height() >= need, f"{b.text()[:20]!r}: {b.label.height()} px for {need} px of text"
            assert b.bubble.rect().contains(b.label.geometry()), "the text lies inside its bubble"
            assert in_viewport(w, b.bubble).right() <= w.chat.viewport().width()
        assert bubbles[1].bubble.width() < bubbles[2].bubble.width(), "short messages make small bubbles"

    qtbot.waitUntil(laid_out, timeout=60_000)


@pytest.mark.parametrize("size", [MINIMUM_SIZE, (800, 600)])
@pytest.mark.parametrize("font", [11, 16])
def test_the_chat_reflows_down_to_the_minimum_size(qtbot, styled, open_window, size, font) -> None:
    """Item 2: opened at 1400×900 and shrunk, every card and button stays reachable."""
    engine = FakeEngine()
    engine.streams.append(script("Comparing.", "A table:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n" + CODE))
    w = open_window(engine, colours=styled("dark", font), size=(1400, 900))
    send(qtbot, w, LONG)
    w.resize(*size)
    qtbot.waitUntil(lambda: w.width() == size[0], timeout=60_000)
    assert w.minimumSize().toTuple() == MINIMUM_SIZE
    assert w.minimumSizeHint().width() <= MINIMUM_SIZE[0], "no part of the window forces it wider"

    def check() -> None:
        vp = w.chat.viewport().width()
        for turn in w.chat.turns():
            assert in_viewport(w, turn).right() <= vp, type(turn).__name__
        card = next(t for t in w.chat.turns() if isinstance(t, AssistantMessageWidget))
        user = next(t for t in w.chat.turns() if isinstance(t, UserMessageWidget))
        for b in (card.copy, card.regenerate, card.delete, user.edit):
            r = in_viewport(w, b)
            assert b.isVisible() and r.left() >= 0 and r.right() <= vp, b.text()
        assert card.answer.document().idealWidth() <= card.answer.viewport().width() + 1, "code wraps"
        send_btn = QRect(w.composer.send.mapTo(w, QPoint(0, 0)), w.composer.send.size())
        assert w.rect().contains(send_btn)
        preset = w.composer.preset
        folded = w.composer.controls.is_folded(preset) and w.composer.controls.more.isVisible()
        assert folded or preset.width() >= preset.sizeHint().width(), "the preset's name is shown whole (or in ⋯)"
        assert w.status_bar.width() <= w.width()

    qtbot.waitUntil(check, timeout=60_000)
    cid = w.controller.conversation_id
    w.controller.new_chat()
    w.controller.open_conversation(cid)
    qtbot.waitUntil(check, timeout=60_000)  # reopening the chat keeps it so, once laid out


def _focusable(w: QWidget) -> list[QWidget]:
    kinds = (QAbstractButton, QLineEdit, QComboBox, QSpinBox, QAbstractScrollArea)
    out = []
    for child in w.findChildren(QWidget):
        if (
            isinstance(child, kinds)
            and child.isVisible()
            and child.isEnabled()
            and child.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            out.append(child)
    return out


def _grab(w: QWidget, target: QWidget) -> QImage:
    QApplication.processEvents()
    r = QRect(target.mapTo(w, QPoint(0, 0)), target.size()).adjusted(-12, -12, 12, 12)  # rings drawn around it
    return w.grab(r).toImage()


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_every_focusable_control_shows_focus(qtbot, styled, open_window, mode) -> None:
    """Item 7: Send, New chat, a message's Copy/Regenerate/Delete/Edit, the status bar's model
    button and every other control look different when they have the keyboard focus."""
    w = open_window(colours=styled(mode, 11))
    send(qtbot, w, "hello")
    w.composer.edit.setCursorWidth(0)  # the blinking caret alone is not a focus mark
    parked = QLineEdit(w)  # somewhere to put the focus that is none of the controls checked
    parked.setGeometry(-100, -100, 10, 10)
    parked.show()
    controls = _focusable(w)
    names = {c.text() for c in controls if isinstance(c, QAbstractButton)}
    assert {"Send", "+  New chat", "Copy", "Regenerate", "Delete", "Edit"} <= names
    assert w.status_bar.model_button in controls
    unmarked = []
    for c in controls:
        if c is parked:
            continue
        parked.setFocus(Qt.FocusReason.OtherFocusReason)
        before = _grab(w, c)
        c.setFocus(Qt.FocusReason.TabFocusReason)
        after = _grab(w, c)
        if before == after:
            unmarked.append(c.accessibleName() or type(c).__name__)
    assert unmarked == []


def test_typing_goes_to_the_prompt_at_start_and_after_new_chat(qtbot, open_window) -> None:
    """Item 7: focus on the prompt when the window opens and after Ctrl+N."""
    w = open_window()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.composer.edit, timeout=60_000)
    send(qtbot, w, "first")
    w.sidebar.search.setFocus()
    qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is w.composer.edit


def test_moving_through_the_chat_list_opens_nothing_until_enter(qtbot, open_window) -> None:
    """Item 7: Tab into the list and arrow through it; Enter (or a click) opens a chat."""
    w = open_window()
    send(qtbot, w, "first chat")
    w.controller.new_chat()
    send(qtbot, w, "second chat")
    shown = w.controller.conversation_id
    w.sidebar.list.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(w.sidebar.list, Qt.Key.Key_Down)
    assert w.controller.conversation_id == shown
    assert w.sidebar.list.currentItem().text() == "first chat"
    qtbot.keyClick(w.sidebar.list, Qt.Key.Key_Return)
    assert w.store.conversation(w.controller.conversation_id).title == "first chat"


def test_theme_and_font_apply_at_once_and_answers_are_redrawn(qtbot, styled, open_window) -> None:
    """Item 6: Settings (or View) → dark, 16 pt → OK changes the open window, answers included."""
    w = open_window(colours=styled("light", 11))
    send(qtbot, w, "code please")
    w.apply_settings(Settings(theme="dark", font_size=16))
    app = QApplication.instance()
    assert app.palette().window().color().name() == PALETTES["dark"]["window"]
    assert app.font().pointSize() == 16
    card = next(t for t in w.chat.turns() if isinstance(t, AssistantMessageWidget))
    assert card.answer.font().pointSize() == 16
    assert PALETTES["dark"]["code_background"] in card.answer.toHtml()  # re-rendered in the dark colours
    assert w.actions_["theme_dark"].isChecked()
    w.actions_["font_default"].trigger()  # View ▸ Font size ▸ Default size
    assert w.settings.font_size == 0 and app.font().pointSize() != 16


def test_a_theme_change_while_an_answer_streams_redraws_it_after(qtbot, styled, open_window) -> None:
    engine = FakeEngine(hold_at=23 + 12)  # held in the answer's code block (after 23 reasoning pieces)
    w = open_window(engine, colours=styled("light", 11))
    w.composer.set_text("slowly")
    qtbot.keyClick(w.composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: engine.holding and w.controller._card is not None and "pri" in w.controller._card.answer.toPlainText(),
        timeout=60_000,
    )
    assert PALETTES["light"]["code_background"] in w.controller._card.answer.toHtml()  # drawn light so far
    w.apply_settings(Settings(theme="dark"))
    engine.release()
    qtbot.waitUntil(lambda: not w.controller.generating, timeout=60_000)
    card = next(t for t in w.chat.turns() if isinstance(t, AssistantMessageWidget))
    assert PALETTES["dark"]["code_background"] in card.answer.toHtml()
