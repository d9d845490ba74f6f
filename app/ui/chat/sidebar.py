"""The conversation list on the left: new chat, search, rename, delete."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class ConversationList(QWidget):
    """Signals:
    new_requested(): the New chat button.
    selected(int): a conversation was chosen.
    rename_requested(int, str): new title for a conversation.
    delete_requested(int): delete a conversation (the window offers Undo).
    search_changed(str): the search text.
    """

    new_requested = Signal()
    selected = Signal(int)
    rename_requested = Signal(int, str)
    delete_requested = Signal(int)
    search_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Sidebar")
        self.new = QPushButton("+  New chat", self)
        self.new.setAccessibleName("New chat")
        self.new.setToolTip("New chat (Ctrl+N)")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search chats and reasoning (Ctrl+F)")
        self.search.setAccessibleName("Search conversations")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setObjectName("ConversationList")
        self.list.setAccessibleName("Conversations")
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.installEventFilter(self)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addWidget(self.new)
        lay.addWidget(self.search)
        lay.addWidget(self.list, 1)
        self.setMinimumWidth(200)
        self.setMaximumWidth(320)
        self.new.clicked.connect(self.new_requested)
        self.search.textChanged.connect(self.search_changed)
        self.list.currentItemChanged.connect(self._on_current)
        self.list.customContextMenuRequested.connect(self._on_menu)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def set_items(self, items: list[tuple[int, str]], current: int | None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for cid, title in items:
            it = QListWidgetItem(title)
            it.setData(Qt.ItemDataRole.UserRole, cid)
            it.setToolTip(title)
            self.list.addItem(it)
            if cid == current:
                self.list.setCurrentItem(it)
        self.list.blockSignals(False)

    def _on_current(self, item: QListWidgetItem | None, _prev: object) -> None:
        if item is not None:
            self.selected.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _current_id(self) -> int | None:
        it = self.list.currentItem()
        return int(it.data(Qt.ItemDataRole.UserRole)) if it else None

    def rename_current(self) -> None:
        it = self.list.currentItem()
        if it is None:
            return
        title, ok = QInputDialog.getText(self, "Rename chat", "Title:", text=it.text())
        if ok and title.strip():
            self.rename_requested.emit(int(it.data(Qt.ItemDataRole.UserRole)), title.strip())

    def _on_menu(self, pos: QPoint) -> None:
        if self.list.itemAt(pos) is None:
            return
        menu = QMenu(self)
        menu.addAction("Rename…", self.rename_current)
        menu.addAction("Delete", self._delete_current)
        menu.exec(self.list.mapToGlobal(pos))

    def _delete_current(self) -> None:
        cid = self._current_id()
        if cid is not None:
            self.delete_requested.emit(cid)

    def eventFilter(self, obj: object, e: object) -> bool:
        if obj is self.list and isinstance(e, QKeyEvent) and e.type() == QKeyEvent.Type.KeyPress:
            if e.key() == Qt.Key.Key_Delete:
                self._delete_current()
                return True
            if e.key() == Qt.Key.Key_F2:
                self.rename_current()
                return True
        return False
