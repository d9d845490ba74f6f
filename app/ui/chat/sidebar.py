"""The conversation list on the left: new chat, search, rename (in place), delete.

A chat opens on a click or Enter, not as the keyboard moves through the list; the highlight
always comes back to the chat on screen (``show_current``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.text.core_text import say
from app.ui.window.actions import key

_ID = Qt.ItemDataRole.UserRole


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
        self.new = QPushButton("+  " + self.tr("New chat"), self)
        self.new.setAccessibleName(self.tr("New chat"))
        self.new.setToolTip(self.tr("New chat ({key})").format(key=key("new_chat")))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search chats ({key})").format(key=key("find")))
        self.search.setToolTip(
            self.tr("Search titles, messages, answers and reasoning ({key})").format(key=key("find"))
        )
        self.search.setAccessibleName(self.tr("Search conversations"))
        self.search.setAccessibleDescription(self.tr("Titles, messages, answers and reasoning"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setObjectName("ConversationList")
        self.list.setAccessibleName(self.tr("Conversations"))
        self.list.setAccessibleDescription(
            self.tr("Enter opens the chat; F2 renames it; Delete deletes it (Undo is offered)")
        )
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.installEventFilter(self)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # F2 and the menu rename
        self.no_matches = QLabel("", self)
        self.no_matches.setObjectName("NoMatches")
        self.no_matches.setWordWrap(True)
        self.no_matches.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addWidget(self.new)
        lay.addWidget(self.search)
        lay.addWidget(self.no_matches)
        lay.addWidget(self.list, 1)
        self.setMinimumWidth(180)
        self.setMaximumWidth(320)
        self._shown: int | None = None  # the chat on screen
        self.new.clicked.connect(self.new_requested)
        self.search.textChanged.connect(self.search_changed)
        self.list.itemClicked.connect(self._on_chosen)
        self.list.itemActivated.connect(self._on_chosen)
        self.list.itemChanged.connect(self._on_renamed)
        self.list.customContextMenuRequested.connect(self._on_menu)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def set_items(self, items: list[tuple[int, str]], current: int | None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for cid, title in items:
            title = say(title)  # "New chat", the core's title for a chat with no words yet
            it = QListWidgetItem(title)
            it.setData(_ID, cid)
            it.setToolTip(title)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsEditable)
            self.list.addItem(it)
        self.list.blockSignals(False)
        query = self.search.text().strip()
        self.no_matches.setText(self.tr("No chats match “{query}”.").format(query=query) if query and not items else "")
        self.no_matches.setVisible(bool(query and not items))
        self.show_current(current)

    def show_current(self, cid: int | None) -> None:
        """Highlight the chat on screen (none for a new chat)."""
        self._shown = cid
        self.list.blockSignals(True)
        for i in range(self.list.count()):
            it = self.list.item(i)
            if it is not None and it.data(_ID) == cid:
                self.list.setCurrentItem(it)
                break
        else:
            self.list.setCurrentRow(-1)
            self.list.clearSelection()
        self.list.blockSignals(False)

    def _on_chosen(self, item: QListWidgetItem) -> None:
        self.selected.emit(int(item.data(_ID)))

    def _current_id(self) -> int | None:
        it = self.list.currentItem()
        return int(it.data(_ID)) if it else None

    def rename_current(self) -> None:
        """Rename in place: the title becomes editable in the list (Enter keeps, Esc cancels)."""
        it = self.list.currentItem()
        if it is not None:
            self.list.editItem(it)

    def _on_renamed(self, item: QListWidgetItem) -> None:
        title = item.text().strip()
        if title and title != item.toolTip():
            # After the editor has finished committing: the rename rebuilds the list, and
            # deleting the item under a committing editor crashed Qt.
            cid = int(item.data(_ID))
            QTimer.singleShot(0, self, lambda: self.rename_requested.emit(cid, title))
        elif not title:  # an empty title is not a title: put the old one back
            self.list.blockSignals(True)
            item.setText(item.toolTip())
            self.list.blockSignals(False)

    def _on_menu(self, pos: QPoint) -> None:
        if self.list.itemAt(pos) is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Rename"), self.rename_current)
        menu.addAction(self.tr("Delete"), self._delete_current)
        menu.exec(self.list.mapToGlobal(pos))

    def _delete_current(self) -> None:
        cid = self._current_id()
        if cid is not None:
            self.delete_requested.emit(cid)

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        if obj is self.list and isinstance(e, QKeyEvent) and e.type() == QEvent.Type.KeyPress:
            if e.key() == Qt.Key.Key_Delete and self.list.state() != QAbstractItemView.State.EditingState:
                self._delete_current()
                return True
            if e.key() == Qt.Key.Key_F2:
                self.rename_current()
                return True
        if (
            obj is self.list
            and e.type() == QEvent.Type.FocusOut
            and self.list.state() != QAbstractItemView.State.EditingState
        ):
            # Moving through the list with the keyboard does not open a chat; leaving it puts the
            # highlight back on the chat that is on screen.
            self.show_current(self._shown)
        return False
