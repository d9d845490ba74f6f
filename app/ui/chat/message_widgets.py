"""The widgets of one chat turn: the user's message, and the assistant's thinking pane and answer.

Thin views: they show what the controller gives them and emit what the user asks for. Text
arrives in pieces; every append is linear in the piece (the reasoning goes through a cursor at
the end of a plain-text document; the answer re-renders only its unfinished tail).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCursor, QDesktopServices, QGuiApplication, QResizeEvent, QTextCursor, QTextOption
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.ui.render.markdown import SAFE_SCHEMES, IncrementalMarkdown, MarkdownRenderer

STREAMING_PANE_HEIGHT = 220
OPEN_PANE_HEIGHT = 420
FEEDBACK_MS = 1500  # how long "Copied" shows
COPIED = "Copied"


def _fmt_tokens(n: int | None) -> str:
    return f"{n:,} tokens" if n else ""


class ThinkingPane(QFrame):
    """The collapsible "deep thinking" pane above an answer.

    Signals:
        toggled(bool): the user opened (True) or closed it.
    """

    toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ThinkingPane")
        self.header = QToolButton(self)
        self.header.setObjectName("ThinkingHeader")
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setArrowType(Qt.ArrowType.DownArrow)
        self.header.setCheckable(True)
        self.header.setChecked(True)
        self.header.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.header.setAccessibleName("Thinking pane: show or hide the model's reasoning")
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("ThinkingText")
        self.text.setReadOnly(True)
        self.text.setAccessibleName("The model's reasoning")
        self.text.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.text.setFrameShape(QFrame.Shape.NoFrame)
        self._max_height = STREAMING_PANE_HEIGHT
        self.text.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 6)
        lay.setSpacing(2)
        lay.addWidget(self.header)
        lay.addWidget(self.text)
        self.header.toggled.connect(self._on_header_toggled)
        self.user_toggled = False
        self._cursor = QTextCursor(self.text.document())
        self._streaming = False

    def _on_header_toggled(self, open_: bool) -> None:
        self.user_toggled = True
        self._show(open_)
        self.toggled.emit(open_)

    def _show(self, open_: bool) -> None:
        self.header.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        self.text.setVisible(open_)

    def set_open(self, open_: bool) -> None:
        """Open or close without counting as the user's choice."""
        self.header.blockSignals(True)
        self.header.setChecked(open_)
        self.header.blockSignals(False)
        self._show(open_)

    @property
    def is_open(self) -> bool:
        return self.header.isChecked()

    @property
    def user_choice(self) -> bool | None:
        """Open or closed as the user last clicked it; None when they never did."""
        return self.is_open if self.user_toggled else None

    def present(self, label: str, *, live: bool, open_: bool) -> None:
        """Show the pane with this header, live (streaming height) or finished, open or folded."""
        self.show()
        self.set_label(label)
        if live != self._streaming:
            self.set_streaming(live)
        if open_ != self.is_open:
            self.set_open(open_)

    def set_label(self, text: str) -> None:
        self.header.setText(text)

    def append(self, text: str) -> None:
        bar = self.text.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 4
        self._cursor.movePosition(QTextCursor.MoveOperation.End)
        self._cursor.insertText(text)
        if at_end:
            bar.setValue(bar.maximum())

    def set_text(self, text: str) -> None:
        self.text.setPlainText(text)
        self._cursor = QTextCursor(self.text.document())

    def set_streaming(self, streaming: bool) -> None:
        self._streaming = streaming
        self._max_height = STREAMING_PANE_HEIGHT if streaming else OPEN_PANE_HEIGHT
        self._fit_height()

    def _fit_height(self, *_: object) -> None:
        """As tall as the reasoning (the plain-text layout counts lines), up to the cap."""
        lines = self.text.document().documentLayout().documentSize().height()
        h = int(lines * self.text.fontMetrics().lineSpacing()) + 12
        self.text.setFixedHeight(max(24, min(self._max_height, h)))

    def plain_text(self) -> str:
        return self.text.toPlainText()


class AnswerView(QTextBrowser):
    """An answer rendered from Markdown, growing with the text; sized to its content.

    Signals:
        copy_code(str): the user clicked a code block's Copy link.
    """

    copy_code = Signal(str)

    def __init__(self, renderer: MarkdownRenderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AnswerView")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Answer")
        self.document().setDocumentMargin(2)
        self._renderer = renderer
        self._md = IncrementalMarkdown(renderer)
        self._tail_start = 0
        self.anchorClicked.connect(self._on_anchor)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self._fit_height()

    def append(self, text: str) -> None:
        """Add streamed answer text. Only the unfinished tail is re-laid out."""
        if not text:
            return
        finished, tail = self._md.append(text)
        self.setVisible(True)
        cur = QTextCursor(self.document())
        cur.beginEditBlock()
        cur.setPosition(self._tail_start)
        cur.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cur.removeSelectedText()
        self._insert(cur, finished)
        self._tail_start = cur.position()
        self._insert(cur, tail)
        cur.endEditBlock()

    def set_markdown(self, text: str) -> None:
        """Show a whole answer (a stored one), replacing what is shown."""
        self.clear()
        self._md = IncrementalMarkdown(self._renderer)
        self._tail_start = 0
        self.setVisible(bool(text.strip()))
        self.append(text)

    def _insert(self, cur: QTextCursor, html: str) -> None:
        if not html.strip():
            return
        if cur.position() > 0:
            cur.insertBlock()
        cur.insertHtml(html)

    def _fit_height(self, *_: object) -> None:
        h = math.ceil(self.document().size().height()) + 4
        if self.height() != h:
            self.setFixedHeight(max(h, 8))

    def resizeEvent(self, e: object) -> None:
        # QTextEdit re-wraps the document itself when the width changes. (Setting the text width
        # here on every resize, even to the same value, re-laid out the whole answer each time the
        # height grew: quadratic in its length.)
        super().resizeEvent(e)  # type: ignore[arg-type]
        self._fit_height()

    def sizeHint(self) -> QSize:
        return QSize(400, self.height())

    def _say_copied(self) -> None:
        """ "Copied" for a moment, where the Copy link was clicked (or activated with the keyboard)."""
        at = self.viewport().mapFromGlobal(QCursor.pos())
        if not self.viewport().rect().contains(at):
            at = self.cursorRect().center()
        QToolTip.showText(self.viewport().mapToGlobal(at), COPIED, self, QRect(), FEEDBACK_MS)

    def _on_anchor(self, url: QUrl) -> None:
        s = url.toString()
        if s.startswith("copy:"):
            code = self._md.code_block(int(s[5:]) if s[5:].isdigit() else -1)
            if code is not None:
                QGuiApplication.clipboard().setText(code)
                self._say_copied()
                self.copy_code.emit(code)
        elif s.lower().startswith(SAFE_SCHEMES):
            QDesktopServices.openUrl(url)  # only ever on a click, and only web and mail links


def _action(text: str, tip: str, parent: QWidget) -> QToolButton:
    b = QToolButton(parent)
    b.setObjectName("ActionButton")
    b.setText(text)
    b.setToolTip(tip)
    b.setAccessibleName(tip)
    b.setCursor(Qt.CursorShape.PointingHandCursor)
    return b


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
        self.setAccessibleName("Your message")
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
    wider than most of the row, so it reflows with the window.

    Signals: edit_requested()
    """

    edit_requested = Signal()
    MAX_WIDTH = 640
    ROW_SHARE = 0.85

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UserRow")
        self.bubble = QFrame(self)
        self.bubble.setObjectName("UserBubble")
        self.label = UserText(text, self.bubble)
        self.edit = _action("Edit", "Edit this message and send it again", self.bubble)
        lay = QVBoxLayout(self.bubble)
        lay.setContentsMargins(12, 8, 12, 6)
        lay.setSpacing(2)
        lay.addWidget(self.label)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.edit)
        lay.addLayout(row)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addStretch(1)
        outer.addWidget(self.bubble)
        self.edit.clicked.connect(self.edit_requested)

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        limit = max(120, min(self.MAX_WIDTH, int(self.width() * self.ROW_SHARE)))
        if self.bubble.maximumWidth() != limit:
            self.bubble.setMaximumWidth(limit)

    def text(self) -> str:
        return self.label.toPlainText()


class AssistantMessageWidget(QFrame):
    """Signals: copy_requested(), regenerate_requested(), delete_requested()"""

    copy_requested = Signal()
    regenerate_requested = Signal()
    delete_requested = Signal()

    def __init__(self, renderer: MarkdownRenderer, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AssistantCard")
        self.title = QLabel(title, self)
        self.title.setObjectName("Muted")
        self.title.setToolTip(title)
        # Long names and stats give way (clipped, wrapped) before the card outgrows the window.
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.badge = QLabel("", self)
        self.badge.setObjectName("StateBadge")
        self.badge.hide()
        self.thinking = ThinkingPane(self)
        self.thinking.hide()
        self.answer = AnswerView(renderer, self)
        self.answer.hide()
        self.stats = QLabel("", self)
        self.stats.setObjectName("Stats")
        self.stats.setWordWrap(True)
        self.copy = _action("Copy", "Copy the answer", self)
        self.regenerate = _action("Regenerate", "Write a new answer to the same message", self)
        self.delete = _action("Delete", "Delete this answer", self)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.badge)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.copy, self.regenerate, self.delete):
            buttons.addWidget(b)
        # The statistics and the buttons share a line when it holds both; in a narrow card the
        # buttons go under the statistics instead of squeezing them into a column.
        self._bottom = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._bottom.addWidget(self.stats, 1)
        self._bottom.addLayout(buttons)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 8, 12, 6)
        lay.setSpacing(6)
        lay.addLayout(top)
        lay.addWidget(self.thinking)
        lay.addWidget(self.answer)
        lay.addLayout(self._bottom)
        self.copy.clicked.connect(self.copy_requested)
        self.regenerate.clicked.connect(self.regenerate_requested)
        self.delete.clicked.connect(self.delete_requested)
        self.set_busy(False)

    def set_busy(self, busy: bool) -> None:
        for b in (self.copy, self.regenerate, self.delete):
            b.setVisible(not busy)
        self._arrange_bottom()

    def _arrange_bottom(self) -> None:
        buttons = [b for b in (self.copy, self.regenerate, self.delete) if not b.isHidden()]
        spacing = self._bottom.spacing() + 2
        need = self.stats.fontMetrics().horizontalAdvance(self.stats.text()) + spacing * (len(buttons) + 1)
        need += sum(b.sizeHint().width() for b in buttons) + 24
        wide = not buttons or not self.stats.text() or need <= self.width()
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self._bottom.direction() != direction:
            self._bottom.setDirection(direction)

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self._arrange_bottom()

    def show_copied(self) -> None:
        """The Copy button says "Copied" for a moment."""
        self.copy.setText(COPIED)
        QTimer.singleShot(FEEDBACK_MS, self, self._reset_copy)

    def _reset_copy(self) -> None:
        self.copy.setText("Copy")

    def set_state_badge(self, text: str) -> None:
        self.badge.setText(text)
        self.badge.setVisible(bool(text))

    def set_stats(self, text: str) -> None:
        self.stats.setText(text)
        self._arrange_bottom()
