"""The widgets of one chat turn: the user's message and the assistant's card (thinking pane,
answer, the ‹ 2/3 › versions switch, and for a "solve k times" run, the samples list).

Thin views: they show what the controller gives them and emit what the user asks for. Both
reflow with the window: the user's bubble is as wide as its longest line (at most most of the
row) and as tall as its text; the card's statistics and buttons share a line only when it holds
both.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QTextOption
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.chats.store import Message
from app.ui.chat.answer_view import AnswerView
from app.ui.chat.samples_view import SamplesView
from app.ui.chat.thinking_pane import ThinkingPane
from app.ui.render.markdown import MarkdownRenderer
from app.ui.text.core_text import say
from app.ui.text.i18n import number
from app.ui.widgets.accessibility import announce, shorten
from app.ui.widgets.flow_layout import wrapping_row

__all__ = ["AnswerView", "AssistantMessageWidget", "ThinkingPane", "UserMessageWidget", "VersionSwitch"]

FEEDBACK_MS = 1500  # how long "Copied" shows


def action_button(text: str, tip: str, parent: QWidget) -> QToolButton:
    """A small text button under a turn; screen readers get its word and what it does."""
    b = QToolButton(parent)
    b.setObjectName("ActionButton")
    b.setText(text)
    b.setToolTip(tip)
    b.setAccessibleName(text)
    b.setAccessibleDescription(tip)
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
        self.prev = action_button("‹", self.tr("Show the previous version"), self)
        self.next = action_button("›", self.tr("Show the next version"), self)
        self.prev.setAccessibleName(self.tr("Previous version"))
        self.next.setAccessibleName(self.tr("Next version"))
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
        self.label.setAccessibleName(self.tr("Version {index} of {count}").format(index=index, count=count))
        self.prev.setEnabled(index > 1)
        self.next.setEnabled(index < count)
        self.setVisible(count > 1)


class UserText(QTextBrowser):
    """The user's words: plain, selectable, wrapped at words (or anywhere, for a long URL), and
    always as tall as the text at the width it gets. Its preferred width is its longest line,
    so a short message makes a small bubble and a long one wraps."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlainText(text)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # selectable with the mouse; Tab goes to Edit
        self.setStyleSheet("background: transparent;")
        self.setAccessibleName(self.tr("Your message"))
        self.document().setDocumentMargin(1)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self._fit_height()

    def natural_width(self) -> int:
        fm = self.fontMetrics()
        lines = self.toPlainText().splitlines() or [""]
        return max(fm.horizontalAdvance(line) for line in lines) + fm.averageCharWidth() + 4

    def sizeHint(self) -> QSize:
        return QSize(self.natural_width(), self.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(min(self.natural_width(), 6 * self.fontMetrics().averageCharWidth()), self.height())

    def _fit_height(self, *_: object) -> None:
        h = math.ceil(self.document().size().height()) + 2
        if self.height() != h:
            self.setFixedHeight(h)

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self._fit_height()

    def changeEvent(self, e: QEvent) -> None:
        super().changeEvent(e)
        if e.type() == QEvent.Type.FontChange:
            self.updateGeometry()  # the longest line changed width


class UserMessageWidget(QWidget):
    """A full-width row with the user's bubble on the right, at most ``MAX_WIDTH`` and never
    wider than most of the row, so it reflows with the window. (A fixed-width bubble aligned in
    the column got its size hint's height, not its text's: wrapped lines were cut off.)

    Signals: edit_requested(), version_step(int)
    """

    edit_requested = Signal()
    version_step = Signal(int)
    MAX_WIDTH = 640
    ROW_SHARE = 0.85

    def __init__(self, text: str, parent: QWidget | None = None, attached: list[str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UserRow")
        self.bubble = QFrame(self)
        self.bubble.setObjectName("UserBubble")
        self.label = UserText(text, self.bubble)
        self.label.setVisible(bool(text.strip()))
        # Attached files are named, not shown: their text is in the message, for the model.
        self.files = QLabel(self._attached_line(attached or []), self.bubble)
        self.files.setObjectName("Muted")
        self.files.setWordWrap(True)
        self.files.setToolTip("\n".join(attached or []))
        self.files.setAccessibleName(self.tr("Attached files"))
        self.files.setVisible(bool(attached))
        self.edit = action_button(
            self.tr("Edit"), self.tr("Edit this message and send it again (this version is kept)"), self.bubble
        )
        self.versions = VersionSwitch(self.bubble)
        lay = QVBoxLayout(self.bubble)
        lay.setContentsMargins(12, 8, 12, 6)
        lay.setSpacing(2)
        lay.addWidget(self.files)
        lay.addWidget(self.label)
        row = QHBoxLayout()
        row.addWidget(self.versions)
        row.addStretch(1)
        row.addWidget(self.edit)
        lay.addLayout(row)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addStretch(1)
        outer.addWidget(self.bubble)
        self.edit.clicked.connect(self.edit_requested)
        self.versions.step.connect(self.version_step)

    def _attached_line(self, rels: list[str], shown: int = 3) -> str:
        """One line naming the attached files: "Attached 3 files: app.py, util/helpers.py, …"."""
        if not rels:
            return ""
        names = ", ".join(rels[:shown])
        if len(rels) > shown:
            names += self.tr(" and %Ln more", "", len(rels) - shown)
        return self.tr("Attached %Ln file(s): {names}", "", len(rels)).format(names=names)

    def focus_order(self) -> list[QWidget]:
        """Its controls in reading order (for Tab)."""
        return [self.versions.prev, self.versions.next, self.edit]

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        limit = max(120, min(self.MAX_WIDTH, int(self.width() * self.ROW_SHARE)))
        if self.bubble.maximumWidth() != limit:
            self.bubble.setMaximumWidth(limit)

    def text(self) -> str:
        return self.label.toPlainText()


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
        self.title.setToolTip(title)
        # Long names and stats give way (clipped, wrapped) before the card outgrows the window.
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.badge = QLabel("", self)
        self.badge.setObjectName("StateBadge")
        self.badge.setWordWrap(True)  # "ended while thinking: no answer" in German at 200 % held the card wide
        self.badge.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.badge.hide()
        self.thinking = ThinkingPane(reasoning_renderer or renderer, self)
        self.thinking.hide()
        self.samples = SamplesView(self)
        self.samples.hide()
        self.answer = AnswerView(renderer, self)
        self.answer.hide()
        self.stats = QLabel("", self)
        self.stats.setObjectName("Stats")
        self.stats.setWordWrap(True)
        self.copy = action_button(self.tr("Copy"), self.tr("Copy the answer"), self)
        self.regenerate = action_button(
            self.tr("Regenerate"), self.tr("Write another answer to the same message (this one is kept)"), self
        )
        self.delete = action_button(self.tr("Delete"), self.tr("Delete this answer"), self)
        self.use_reasoning = action_button(
            self.tr("Use the reasoning's last line"),
            self.tr("The model stopped before it answered: take the last line of its reasoning as the answer"),
            self,
        )
        self.use_reasoning.hide()
        self.versions = VersionSwitch(self)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.badge)
        info = QHBoxLayout()
        info.addWidget(self.versions)
        info.addWidget(self.stats, 1)
        # they wrap rather than hold the card wider than the view
        buttons = wrapping_row(self, (self.use_reasoning, self.copy, self.regenerate, self.delete))
        # The statistics and the buttons share a line when it holds both; in a narrow card the
        # buttons go under the statistics instead of squeezing them into a column.
        self._bottom = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._bottom.addLayout(info, 1)
        self._bottom.addWidget(buttons)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 8, 12, 6)
        lay.setSpacing(6)
        lay.addLayout(top)
        lay.addWidget(self.thinking)
        lay.addWidget(self.samples)
        lay.addWidget(self.answer)
        lay.addLayout(self._bottom)
        self.copy.clicked.connect(self.copy_requested)
        self.regenerate.clicked.connect(self.regenerate_requested)
        self.delete.clicked.connect(self.delete_requested)
        self.versions.step.connect(self.version_step)
        self.set_busy(False)

    def focus_order(self) -> list[QWidget]:
        """Its controls in reading order (for Tab): the reasoning, the answer, then the buttons."""
        return [
            self.thinking.header,
            self.thinking.text,
            self.answer,
            self.versions.prev,
            self.versions.next,
            self.use_reasoning,
            self.copy,
            self.regenerate,
            self.delete,
        ]

    def offer_reasoning_line(self, offer: bool) -> None:
        """An answer that ended while thinking: a way on (its reasoning's last line as the answer)."""
        self.use_reasoning.setVisible(offer)
        self._arrange_bottom()

    def set_busy(self, busy: bool) -> None:
        for b in (self.copy, self.regenerate, self.delete):
            b.setVisible(not busy)
        self.versions.setEnabled(not busy)
        self._arrange_bottom()

    def _arrange_bottom(self) -> None:
        buttons = [b for b in (self.use_reasoning, self.copy, self.regenerate, self.delete) if not b.isHidden()]
        spacing = self._bottom.spacing() + 2
        need = self.stats.fontMetrics().horizontalAdvance(self.stats.text()) + spacing * (len(buttons) + 1)
        need += sum(b.sizeHint().width() for b in buttons) + 24
        if not self.versions.isHidden():
            need += self.versions.sizeHint().width()
        wide = not buttons or not self.stats.text() or need <= self.width()
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self._bottom.direction() != direction:
            self._bottom.setDirection(direction)

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self._arrange_bottom()

    def show_copied(self) -> None:
        """The Copy button says "Copied" for a moment."""
        self.copy.setText(self.tr("Copied"))
        QTimer.singleShot(FEEDBACK_MS, self, self._reset_copy)

    def _reset_copy(self) -> None:
        self.copy.setText(self.tr("Copy"))

    def set_state_badge(self, text: str) -> None:
        self.badge.setText(text)
        self.badge.setVisible(bool(text))

    def set_stats(self, text: str) -> None:
        self.stats.setText(text)
        self._arrange_bottom()

    def show_stats_of(self, m: Message) -> None:
        """The line under a finished answer: tokens, speed, time to first token (or the error)."""
        s = m.stats
        if m.error:
            text = say(m.error)
        elif s is None or not s.generated_tokens:
            text = ""
        else:
            text = self.tr("{tokens} tokens · {speed} tok/s · first token {ttft} s").format(
                tokens=number(s.generated_tokens), speed=number(s.tokens_per_s, 1), ttft=number(s.ttft_s, 2)
            )
            if s.think_forced:
                text += " · " + self.tr("<think> forced")
        self.set_stats(text)

    def announce_finished(self) -> None:
        """Tell a screen reader that the answer is complete, with its start (once, at the end)."""
        answer = self.answer.toPlainText().strip()
        state = self.badge.text() if self.badge.isVisible() else ""
        if answer:
            message = self.tr("Answer finished: {answer}").format(answer=shorten(answer))
        else:
            message = self.tr("The answer ended without text.")
        announce(self.answer, f"{message} {state}".strip())
