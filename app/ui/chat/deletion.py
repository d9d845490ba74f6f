"""Deleting a chat, with Undo for ten seconds (the status bar's button and Edit ▸ Undo delete)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton

from app.ui.chat.controller import ChatController
from app.ui.text.core_text import say

UNDO_MS = 10_000


class ChatDeletion(QObject):
    """Signals: notice(str, int): a status-bar message and how long it stays (ms)."""

    notice = Signal(str, int)

    def __init__(
        self, controller: ChatController, button: QPushButton, action: QAction, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.button = button
        self.action = action
        self._deleted: dict[str, Any] | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(UNDO_MS)
        self.action.setEnabled(False)

    def delete(self, cid: int) -> None:
        c = self.controller
        if c.generating and cid == c.conversation_id:
            self.notice.emit(self.tr("Stop the answer before deleting this chat."), 5000)
            return
        self._deleted = c.delete_conversation(cid)
        if self._deleted is None:  # the disk refused it; the controller said why
            return
        self.notice.emit(self.tr("Deleted “{title}”.").format(title=say(self._deleted["title"])), UNDO_MS)
        self.button.show()
        self.action.setEnabled(True)
        self.timer.start()

    def delete_shown(self) -> None:
        cid = self.controller.conversation_id
        if cid is None:
            self.notice.emit(self.tr("Open a chat to delete it."), 4000)
        else:
            self.delete(cid)

    def undo(self) -> None:
        """Bring the chat back and show it (the list highlights it: it is the chat on screen)."""
        if self._deleted is not None:
            self.controller.restore_conversation(self._deleted)
            self.notice.emit(self.tr("Restored “{title}”.").format(title=say(self._deleted["title"])), 4000)
            self._deleted = None
        self.expire()

    def expire(self) -> None:
        self.button.hide()
        self.action.setEnabled(self._deleted is not None and self.timer.isActive())
