"""A long chat opens from its end (issue 29, item 15): a 10,000-turn chat builds a few widgets
in the open call and a bounded number after it, reads the store in a fixed number of queries
(the rest of the chat a thousand messages per turn of the event loop), and shows earlier turns as the user scrolls up (or asks with the button), keeping in place
what the user was reading. Before, every turn was built at once: 2,000 turns froze the window
for seconds, 100,000 never opened."""

from __future__ import annotations

import math

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from app.core.chats.session import TAIL
from app.ui.chat.message_widgets import UserMessageWidget
from app.ui.chat.turn_loader import AT_ONCE, AT_OPEN, ON_REQUEST, READ_AHEAD
from app.ui.window.main_window import MainWindow
from tests.support.long_chat import fill

TURNS = 10_000


def _questions(w: MainWindow) -> list[int]:
    return [int(t.text().split(":")[0].split()[1]) for t in w.chat.turns() if isinstance(t, UserMessageWidget)]


def _y_in_view(w: MainWindow, turn: QWidget) -> int:
    return turn.mapTo(w.chat.viewport(), turn.rect().topLeft()).y()


def test_a_10000_turn_chat_opens_from_its_end_and_shows_more_on_scrolling_up(open_window, qtbot) -> None:
    w = open_window(load=False)
    cid = fill(w.store, TURNS, math=False)
    queries: list[str] = []
    w.store._db.set_trace_callback(queries.append)
    w.controller.open_conversation(cid)
    assert len(w.chat.turns()) == AT_ONCE  # built in the open call: the last turns
    assert len(queries) <= 3  # the tree and the last messages' rows, not one query per turn
    qtbot.waitUntil(lambda: not w.controller.loader.busy and not w.controller.loader.reading, timeout=60_000)
    assert len(w.chat.turns()) == AT_OPEN
    assert len(w.controller.session.messages) == 2 * TURNS  # read meanwhile, a part per turn of the loop
    reads = math.ceil((2 * TURNS - TAIL) / READ_AHEAD)
    assert len(queries) <= 3 + 2 * reads  # at most two queries per 1,000 messages
    assert _questions(w) == list(range(TURNS - AT_OPEN // 2, TURNS))  # the last ones, in order
    assert w.chat.earlier.isVisible() and w.chat.earlier.text() == f"Show {2 * TURNS - AT_OPEN:,} earlier messages"
    bar = w.chat.verticalScrollBar()
    assert bar.value() == bar.maximum()  # at the end, where the last answer is

    first = w.chat.turns()[0]
    bar.setValue(0)  # the user scrolls to the top: more come, above what they see
    before = _y_in_view(w, first)
    moved: list[int] = []  # where the turn being read is, at every turn of the event loop
    probe = QTimer()
    probe.timeout.connect(lambda: moved.append(_y_in_view(w, first)))
    probe.start(0)
    qtbot.waitUntil(lambda: len(w.chat.turns()) == AT_OPEN + ON_REQUEST and not w.controller.loader.busy)
    assert _questions(w) == list(range(TURNS - (AT_OPEN + ON_REQUEST) // 2, TURNS))
    qtbot.waitUntil(lambda: bar.maximum() > 0 and _y_in_view(w, first) == before)  # once the new cards are laid out
    probe.stop()
    assert len(moved) > 1 and all(y == before for y in moved)  # it never jumped meanwhile

    w.chat.earlier.click()  # the same with the button (the keyboard's way)
    qtbot.waitUntil(lambda: len(w.chat.turns()) == AT_OPEN + 2 * ON_REQUEST and not w.controller.loader.busy)
    assert len(queries) <= 3 + 2 * reads  # all read before: no more queries
    assert w.chat.earlier.text() == f"Show {2 * TURNS - AT_OPEN - 2 * ON_REQUEST:,} earlier messages"


def test_tab_goes_through_earlier_turns_in_reading_order(open_window, qtbot) -> None:
    w = open_window(load=False)
    cid = fill(w.store, 60, math=False)
    w.controller.open_conversation(cid)
    qtbot.waitUntil(lambda: not w.controller.loader.busy, timeout=60_000)
    while w.chat.earlier.isVisible():
        w.chat.earlier.click()
        qtbot.waitUntil(lambda: not w.controller.loader.busy, timeout=60_000)
    edits = {t.edit: t for t in w.chat.turns() if isinstance(t, UserMessageWidget)}
    order: list[int] = []
    at = w.chat.earlier.nextInFocusChain()
    while len(order) < len(edits) and at is not w.chat.earlier:
        if at in edits:
            order.append(int(edits[at].text().split(":")[0].split()[1]))
        at = at.nextInFocusChain()
    assert order == list(range(60))


def test_a_short_chat_is_shown_whole_at_once(open_window) -> None:
    w = open_window(load=False)
    cid = fill(w.store, AT_ONCE // 2, math=False)
    w.controller.open_conversation(cid)
    assert len(w.chat.turns()) == AT_ONCE and not w.chat.earlier.isVisible()
