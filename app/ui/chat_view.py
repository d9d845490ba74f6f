"""The scrolling column of turns, with an empty state when a chat has none."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.core.markdown_render import MarkdownRenderer
from app.ui.message_widgets import AssistantMessageWidget, UserMessageWidget

COLUMN_MAX_WIDTH = 860


class EmptyState(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EmptyState")
        title = QLabel("R1 Desk", self)
        title.setObjectName("Title")
        self.subtitle = QLabel("", self)
        self.subtitle.setObjectName("Muted")
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        lay.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addWidget(self.subtitle, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addStretch(2)
        self.set_hint(False)

    def set_hint(self, model_loaded: bool) -> None:
        self.subtitle.setText(
            "A DeepSeek-R1 model runs on this computer. Ask it something hard: it thinks first, and you can\n"
            "watch its reasoning in the Thinking pane. Nothing leaves your machine."
            if model_loaded else
            "No model is loaded yet. Use File ▸ Load model… (Ctrl+O) to open a GGUF file,\n"
            "or start R1 Desk with --model."
        )


class ChatView(QScrollArea):
    """Holds the message widgets; follows the bottom while the user is at the bottom."""

    def __init__(self, renderer: MarkdownRenderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ChatScroll")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.renderer = renderer
        # The column is at most COLUMN_MAX_WIDTH wide and centred in the window.
        outer = QWidget()
        outer.setObjectName("MessageColumn")
        row = QHBoxLayout(outer)
        row.setContentsMargins(0, 0, 0, 0)
        self.column = QWidget(outer)
        self.column.setObjectName("MessageColumn")
        self.column.setMaximumWidth(COLUMN_MAX_WIDTH)
        row.addStretch(1)
        row.addWidget(self.column, 100)
        row.addStretch(1)
        self._lay = QVBoxLayout(self.column)
        self._lay.setContentsMargins(24, 16, 24, 16)
        self._lay.setSpacing(12)
        self.empty = EmptyState(self.column)
        self._lay.addWidget(self.empty)
        self._lay.addStretch(1)
        self.setWidget(outer)
        self._follow = True
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._on_scrolled)
        bar.rangeChanged.connect(self._on_range)
        self.setAccessibleName("Conversation")

    def _on_scrolled(self, value: int) -> None:
        self._follow = value >= self.verticalScrollBar().maximum() - 24

    def _on_range(self, _lo: int, hi: int) -> None:
        if self._follow:
            self.verticalScrollBar().setValue(hi)

    def _add(self, w: QWidget, align_right: bool = False) -> None:
        self.empty.hide()
        if align_right:  # the user's bubble, sized to its text (see UserMessageWidget)
            self._lay.insertWidget(self._lay.count() - 1, w, 0, Qt.AlignmentFlag.AlignRight)
        else:
            self._lay.insertWidget(self._lay.count() - 1, w)

    def add_user(self, text: str) -> UserMessageWidget:
        w = UserMessageWidget(text, self.column)
        self._add(w, align_right=True)
        return w

    def add_assistant(self, title: str) -> AssistantMessageWidget:
        w = AssistantMessageWidget(self.renderer, title, self.column)
        self._add(w)
        return w

    def turns(self) -> list[QWidget]:
        """The message widgets, top to bottom."""
        items = (self._lay.itemAt(i) for i in range(1, self._lay.count() - 1))
        return [it.widget() for it in items if it is not None and it.widget() is not None]

    def remove(self, w: QWidget) -> None:
        self._lay.removeWidget(w)
        w.deleteLater()
        if self._lay.count() <= 2:
            self.empty.show()

    def clear(self) -> None:
        while self._lay.count() > 2:
            item = self._lay.takeAt(1)
            widget = item.widget() if item else None
            if widget is not None:
                widget.deleteLater()
        self.empty.show()
        self._follow = True

    def follow_bottom(self) -> None:
        self._follow = True
        self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())
