"""The window's centre: the chats list on the left, the conversation with the notices above it
and the composer below it on the right.

A narrow window gives the conversation more of its width: the chats list takes a share of the
window within 180-250 px, until the user drags the divider (then it keeps their width)."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

SIDEBAR, SIDEBAR_SHARE = (180, 250), 0.22  # the chats list's width: this share of the window, within these


class ChatPage(QSplitter):
    def __init__(self, sidebar: QWidget, notices: QWidget, chat: QWidget, composer: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self.sidebar = sidebar
        page = QWidget(self)
        page.setObjectName("ChatPage")
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 12)
        lay.addWidget(notices)
        lay.addWidget(chat, 1)
        holder = QWidget(page)
        hl = QVBoxLayout(holder)
        hl.setContentsMargins(24, 0, 24, 0)
        hl.addWidget(composer)
        lay.addWidget(holder)
        self.addWidget(sidebar)
        self.addWidget(page)
        self.setStretchFactor(1, 1)
        self.setSizes([SIDEBAR[1], 930])
        self.moved_by_user = False
        self.splitterMoved.connect(self._on_moved)

    def _on_moved(self) -> None:
        self.moved_by_user = True

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        if not self.moved_by_user:
            least = max(SIDEBAR[0], self.sidebar.minimumSizeHint().width())  # "+ New chat" whole at 200 %
            side = max(least, min(SIDEBAR[1], int(self.window().width() * SIDEBAR_SHARE)))
            if self.sizes()[0] != side:
                self.setSizes([side, max(1, self.width() - side - self.handleWidth())])
