"""The band above the chat for what the user must not miss: a damaged chats database that was
recovered, settings that were reset, a presets file set aside, a full disk. Each notice has a
key, so a later one replaces it (or clears it: the disk has room again); the user can dismiss
them. A thin view: it shows what the window gives it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from app.core.chats.recovery import Recovery
from app.ui.widgets.scroll_page import TextScroll


class NoticeBar(QWidget):
    """Attributes: label (the notices, a paragraph each), close_button (dismisses them all)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Notices"))
        self._notices: dict[str, str] = {}
        frame = QFrame(self)
        frame.setObjectName("NoticeBar")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 12, 24, 0)
        outer.addWidget(frame)
        self.label = QLabel("", frame)
        self.label.setObjectName("NoticeText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton(frame)
        self.close_button.setObjectName("ActionButton")
        self.close_button.setText(self.tr("Dismiss"))
        self.close_button.setAccessibleName(self.tr("Dismiss these notices"))
        lay = QHBoxLayout(frame)
        lay.setContentsMargins(12, 8, 8, 8)
        self.text_area = TextScroll(self.label, 8, frame)  # a long notice scrolls, not cut off
        lay.addWidget(self.text_area, 1)
        lay.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.action_button = QToolButton(frame)  # a notice's own action ("Restart now"), when it has one
        self.action_button.setObjectName("ActionButton")
        self.action_button.hide()
        lay.insertWidget(1, self.action_button, 0, Qt.AlignmentFlag.AlignTop)
        self._action: Callable[[], None] | None = None
        self._action_key = ""
        self.close_button.clicked.connect(self.dismiss)
        self.action_button.clicked.connect(self._on_action)
        self.hide()

    def offer(self, key: str, text: str, label: str, action: Callable[[], None]) -> None:
        """A notice with a button that does something about it (one such at a time)."""
        self._action, self._action_key = action, key
        self.action_button.setText(label)
        self.action_button.setAccessibleName(label)
        self.show_notice(key, text)

    def _on_action(self) -> None:
        if self._action is not None:
            self._action()

    def show_notice(self, key: str, text: str, ms: int = 0) -> None:
        """Show ``text`` under ``key`` (replacing that key's notice); empty text removes it;
        ``ms``: only for that long (a status message too long for the status bar)."""
        if text:
            self._notices[key] = text
        else:
            self._notices.pop(key, None)
        self._refresh()
        if text and ms:
            QTimer.singleShot(ms, self, lambda: self._expire(key, text))

    def _expire(self, key: str, text: str) -> None:
        if self._notices.get(key) == text:  # not replaced meanwhile
            self.show_notice(key, "")

    def text(self) -> str:
        return self.label.text()

    def dismiss(self) -> None:
        self._notices.clear()
        self._refresh()

    def damage_note(self, damage: Recovery) -> str:
        """The notice after a damaged chats database was set aside (the core's ``Recovery.note``,
        in the window's language)."""
        if damage.conversations or damage.messages:
            chats = self.tr("%Ln chat(s)", "", damage.conversations)
            what = self.tr("{chats} and %Ln message(s) were recovered", "", damage.messages).format(chats=chats)
        else:
            what = self.tr("nothing in it could be read, so your chats start empty")
        return self.tr(
            "Your chats database was damaged. It was kept as {file}, and {what}. "
            "The damaged file stays in {folder} in case you want to try other tools."
        ).format(file=damage.backup.name, what=what, folder=damage.backup.parent)

    def _refresh(self) -> None:
        if self._action_key not in self._notices:
            self._action, self._action_key = None, ""
        self.action_button.setVisible(self._action is not None)
        self.label.setText("\n\n".join(self._notices.values()))
        self.text_area.updateGeometry()
        self.setVisible(bool(self._notices))
