"""The window when the disk is full: nothing lost, nothing stuck, and the user is told."""

from __future__ import annotations

from app.ui.window.main_window import MainWindow
from tests.support.full_disk import FullDisk
from tests.ui.test_chat_window import engine, last_card, make_window, send  # noqa: F401  (fixtures)


def test_sending_on_a_full_disk_says_so_and_keeps_the_text(qtbot, make_window, engine) -> None:  # noqa: F811
    w: MainWindow = make_window(engine)
    disk = FullDisk(w.store)
    disk.full = True
    send(qtbot, w, "A question I do not want to type again")
    assert w.composer.edit.toPlainText() == "A question I do not want to type again"
    assert w.notices.isVisible() and "The disk is full" in w.notices.text() and "not sent" in w.notices.text()
    assert not w.controller.generating and w.composer.send.text() == "Send"
    assert w.store.conversations() == [] and engine.requests == []
    disk.full = False
    send(qtbot, w, w.composer.edit.toPlainText())  # space again: the same text goes out
    assert len(engine.requests) == 1 and w.composer.edit.toPlainText() == ""
    assert not w.notices.isVisible()


def test_an_answer_ending_on_a_full_disk_is_kept_and_saved_when_space_returns(qtbot, make_window, engine) -> None:  # noqa: F811
    w: MainWindow = make_window(engine)
    disk = FullDisk(w.store)
    send(qtbot, w, wait=False)
    disk.full = True
    qtbot.waitUntil(lambda: not w.controller.generating, timeout=60_000)
    card = last_card(w)
    assert "The answer is" in card.answer.toPlainText(), "the answer stays on screen"
    assert w.composer.send.text() == "Send" and w.composer.send.isEnabled(), "the UI is not stuck in generating"
    assert "kept in memory" in w.notices.text()
    cid = w.controller.conversation_id
    assert w.store.messages(cid)[-1].state == "streaming"  # not on disk yet
    disk.full = False
    w.controller.retry_saves()  # what the 5-second timer does
    assert w.store.messages(cid)[-1].state == "done" and "The answer is" in w.store.messages(cid)[-1].content
    assert not w.notices.isVisible()
    send(qtbot, w, "and another")  # it sends again
    assert len(engine.requests) == 2
