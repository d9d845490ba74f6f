"""The widgets of one chat turn: the user's message and the assistant's card (thinking pane,
answer, the ‹ 2/3 › versions switch, and for a "solve k times" run, the samples list).

Thin views: they show what the controller gives them and emit what the user asks for.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from app.ui.chat.answer_view import AnswerView
from app.ui.chat.samples_view import SamplesView
from app.ui.chat.thinking_pane import ThinkingPane
from app.ui.render.markdown import MarkdownRenderer

__all__ = ["AnswerView", "AssistantMessageWidget", "ThinkingPane", "UserMessageWidget", "VersionSwitch"]


def _action(text: str, tip: str, parent: QWidget) -> QToolButton:
    b = QToolButton(parent)
    b.setObjectName("ActionButton")
    b.setText(text)
    b.setToolTip(tip)
    b.setAccessibleName(tip)
    b.setCursor(Qt.CursorShape.PointingHandCursor)
    return b


class VersionSwitch(QWidget):
    """‹ 2/3 ›: which version of a turn is shown, and arrows to the others.

    Signals:
        step(int): -1 for the previous version, +1 for the next.
    """

    step = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prev = _action("‹", "Show the previous version", self)
        self.next = _action("›", "Show the next version", self)
        self.label = QLabel("", self)
        self.label.setObjectName("Muted")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.prev)
        lay.addWidget(self.label)
        lay.addWidget(self.next)
        self.prev.clicked.connect(lambda: self.step.emit(-1))
        self.next.clicked.connect(lambda: self.step.emit(1))
        self.set_versions(1, 1)

    def set_versions(self, index: int, count: int) -> None:
        """Show ``index`` of ``count`` (1-based); hidden when there is only one version."""
        self.label.setText(f"{index}/{count}")
        self.label.setAccessibleName(f"Version {index} of {count}")
        self.prev.setEnabled(index > 1)
        self.next.setEnabled(index < count)
        self.setVisible(count > 1)


def _attached_line(rels: list[str], shown: int = 3) -> str:
    """One line naming the attached files: "Attached 3 files: app.py, util/helpers.py, …"."""
    if not rels:
        return ""
    names = ", ".join(rels[:shown]) + (f" and {len(rels) - shown} more" if len(rels) > shown else "")
    return f"Attached {len(rels)} file{'s' if len(rels) != 1 else ''}: {names}"


class UserMessageWidget(QFrame):
    """Signals: edit_requested(), version_step(int)"""

    edit_requested = Signal()
    version_step = Signal(int)
    MAX_WIDTH = 640

    def __init__(self, text: str, parent: QWidget | None = None, attached: list[str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UserBubble")
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName("Your message")
        self.label.setVisible(bool(text.strip()))
        self.files = QLabel(_attached_line(attached or []), self)
        self.files.setObjectName("Muted")
        self.files.setWordWrap(True)
        self.files.setToolTip("\n".join(attached or []))
        self.files.setAccessibleName("Attached files")
        self.files.setVisible(bool(attached))
        self.edit = _action("Edit", "Edit this message and send it again (this version is kept)", self)
        self.versions = VersionSwitch(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 8, 12, 6)
        lay.addWidget(self.files)
        lay.addWidget(self.label)
        row = QHBoxLayout()
        row.addWidget(self.versions)
        row.addStretch(1)
        row.addWidget(self.edit)
        lay.addLayout(row)
        self.edit.clicked.connect(self.edit_requested)
        self.versions.step.connect(self.version_step)
        # A word-wrapped label asks for an arbitrary width; give the bubble the width of its
        # longest line (up to MAX_WIDTH) so short messages make small bubbles and long ones wrap.
        fm = self.label.fontMetrics()
        lines = text.splitlines() + ([self.files.text()] if attached else [])
        natural = max((fm.horizontalAdvance(line) for line in lines or [""]), default=0)
        self.setFixedWidth(min(self.MAX_WIDTH, max(natural, fm.horizontalAdvance("Edit") * 6) + 32))

    def text(self) -> str:
        return self.label.text()


class AssistantMessageWidget(QFrame):
    """Signals: copy_requested(), regenerate_requested(), delete_requested(), version_step(int)"""

    copy_requested = Signal()
    regenerate_requested = Signal()
    delete_requested = Signal()
    version_step = Signal(int)

    def __init__(
        self,
        renderer: MarkdownRenderer,
        title: str = "",
        parent: QWidget | None = None,
        reasoning_renderer: MarkdownRenderer | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("AssistantCard")
        self.title = QLabel(title, self)
        self.title.setObjectName("Muted")
        self.badge = QLabel("", self)
        self.badge.setObjectName("StateBadge")
        self.badge.hide()
        self.thinking = ThinkingPane(reasoning_renderer or renderer, self)
        self.thinking.hide()
        self.samples = SamplesView(self)
        self.samples.hide()
        self.answer = AnswerView(renderer, self)
        self.answer.hide()
        self.stats = QLabel("", self)
        self.stats.setObjectName("Stats")
        self.copy = _action("Copy", "Copy the answer", self)
        self.regenerate = _action("Regenerate", "Write another answer to the same message (this one is kept)", self)
        self.delete = _action("Delete", "Delete this answer", self)
        self.versions = VersionSwitch(self)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.badge)
        bottom = QHBoxLayout()
        bottom.addWidget(self.versions)
        bottom.addWidget(self.stats, 1)
        for b in (self.copy, self.regenerate, self.delete):
            bottom.addWidget(b)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 8, 12, 6)
        lay.setSpacing(6)
        lay.addLayout(top)
        lay.addWidget(self.thinking)
        lay.addWidget(self.samples)
        lay.addWidget(self.answer)
        lay.addLayout(bottom)
        self.copy.clicked.connect(self.copy_requested)
        self.regenerate.clicked.connect(self.regenerate_requested)
        self.delete.clicked.connect(self.delete_requested)
        self.versions.step.connect(self.version_step)
        self.set_busy(False)

    def set_busy(self, busy: bool) -> None:
        for b in (self.copy, self.regenerate, self.delete):
            b.setVisible(not busy)
        self.versions.setEnabled(not busy)

    def set_state_badge(self, text: str) -> None:
        self.badge.setText(text)
        self.badge.setVisible(bool(text))

    def set_stats(self, text: str) -> None:
        self.stats.setText(text)
