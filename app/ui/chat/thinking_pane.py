"""The collapsible "deep thinking" pane above an answer.

The reasoning is shown as Markdown with typeset math in the theme's muted colour, through the
same incremental renderer as the answer: a finished paragraph is rendered once, only the one
being written is re-rendered as text streams in, so a 30K-token reasoning streams as cheaply as
a short one. A stored reasoning is rendered only when its pane is first opened. While the model
thinks, the header carries a thin meter of the reasoning tokens against the budget.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from app.core.chats.thinking import Thinking, ThinkingState
from app.ui.chat.answer_view import AnswerView
from app.ui.render.markdown import MarkdownRenderer
from app.ui.text.i18n import number

STREAMING_PANE_HEIGHT = 220
OPEN_PANE_HEIGHT = 420


class ReasoningView(AnswerView):
    """An AnswerView that stops growing at a height and scrolls, following the end as it grows."""

    def __init__(self, renderer: MarkdownRenderer, parent: QWidget | None = None) -> None:
        self.max_height = STREAMING_PANE_HEIGHT
        super().__init__(renderer, parent)
        self.setObjectName("ThinkingText")
        self.setAccessibleName(self.tr("The model's reasoning"))
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

    def append(self, text: str) -> None:
        """Add reasoning; the pane, not the text, decides whether it is shown."""
        bar = self.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 4
        if text:
            self._update(text)
        if at_end:
            bar.setValue(bar.maximum())

    def _set_text(self, text: str) -> None:
        self._start_feed(text)  # a long reasoning is shown a few kilobytes per turn, like an answer

    def _fit_height(self, *_: object) -> None:
        h = max(24, min(self.max_height, int(self.document().size().height()) + 4))
        if self.height() != h:
            self.setFixedHeight(h)


class PaneHeader(QToolButton):
    """The pane's header button: its text shortened with "…" where the card is narrower than it
    (German at 200 % in an 800 px window), whole in the tooltip and for screen readers, so the
    header never holds the card wider than the conversation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._elide()

    def full_text(self) -> str:
        return self._full

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(
            min(hint.width(), self.iconSize().width() + 8 * self.fontMetrics().averageCharWidth()), hint.height()
        )

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self._elide()

    def _elide(self) -> None:
        room = self.width() - self.iconSize().width() - 3 * self.fontMetrics().averageCharWidth()
        fits = self.fontMetrics().horizontalAdvance(self._full) <= room or not self.isVisible()
        text = self._full if fits else self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, room)
        if text != self.text():
            self.setText(text)
        self.setToolTip("" if text == self._full else self._full)


class ThinkingPane(QFrame):
    """Signals:
    toggled(bool): the user opened (True) or closed it.
    """

    toggled = Signal(bool)

    def __init__(self, renderer: MarkdownRenderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ThinkingPane")
        self.header = PaneHeader(self)
        self.header.setObjectName("ThinkingHeader")
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setArrowType(Qt.ArrowType.DownArrow)
        self.header.setCheckable(True)
        self.header.setChecked(True)
        self.header.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.header.setAccessibleName(self.tr("Thinking pane"))
        self.count = QLabel("", self)
        self.count.setObjectName("ThinkingCount")
        self.meter = QProgressBar(self)
        self.meter.setObjectName("ThinkingMeter")
        self.meter.setTextVisible(False)
        self.meter.setFixedHeight(3)
        self.meter.setAccessibleName(self.tr("Reasoning tokens against the budget"))
        self.meter.hide()
        self.count.hide()
        self.text = ReasoningView(renderer, self)
        self.text.hide()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.header, 1)
        top.addWidget(self.count)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 6)
        lay.setSpacing(2)
        lay.addLayout(top)
        lay.addWidget(self.meter)
        lay.addWidget(self.text)
        self.header.toggled.connect(self._on_header_toggled)
        self.user_toggled = False
        self._pieces: list[str] = []  # the reasoning as it came, joined only when asked for
        self._rendered = 0  # how many pieces the view has been given
        self._streaming = False

    def _on_header_toggled(self, open_: bool) -> None:
        self.user_toggled = True
        self._show(open_)
        self.toggled.emit(open_)

    def _show(self, open_: bool) -> None:
        self.header.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        if open_:
            self._catch_up()
        self.text.setVisible(open_)
        self._describe()

    def _catch_up(self) -> None:
        """Give the view the reasoning it has not rendered yet (a folded pane renders nothing)."""
        if self._rendered < len(self._pieces):
            self.text.append("".join(self._pieces[self._rendered :]))
            self._rendered = len(self._pieces)

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
        if open_ != self.is_open or (open_ and self.text.isHidden()):
            self.set_open(open_)

    def set_label(self, text: str) -> None:
        self.header.set_full_text(text)
        self._describe()

    def header_text(self, th: Thinking) -> str:
        """ "Thinking… 12 s", "Thought for 40 s · 1,234 tokens", "Thinking unfinished · 40 s" """
        secs = number(th.seconds)
        if th.state is ThinkingState.LIVE:
            return self.tr("Thinking… {seconds} s").format(seconds=secs)
        if th.state is ThinkingState.UNFINISHED:
            head = self.tr("Thinking unfinished · {seconds} s").format(seconds=secs)
        else:
            head = self.tr("Thought for {seconds} s").format(seconds=secs)
        return head + (" · " + self.tr("%Ln token(s)", "", th.tokens) if th.tokens else "")

    def _describe(self) -> None:
        """What a screen reader says about the header: the pane's state, then what Space does."""
        if self.is_open:
            what = self.tr("Open. Press Space to hide the reasoning.")
        else:
            what = self.tr("Closed. Press Space to show the reasoning.")
        self.header.setAccessibleName(self.tr("Thinking pane: {state}").format(state=self.header.full_text()))
        self.header.setAccessibleDescription(what)

    def set_progress(self, tokens: int, budget: int | None) -> None:
        """The live meter: reasoning tokens so far against the budget (None: no meter)."""
        if budget is None or budget <= 0:
            self.meter.hide()
            self.count.hide()
            return
        self.meter.setRange(0, budget)
        self.meter.setValue(min(tokens, budget))
        self.count.setText(self.tr("{tokens} / {budget} tokens").format(tokens=number(tokens), budget=number(budget)))
        self.meter.setAccessibleDescription(self.count.text())
        self.meter.show()
        self.count.show()

    def append(self, text: str) -> None:
        self._pieces.append(text)
        if self.is_open:
            self._catch_up()

    def set_text(self, text: str) -> None:
        self._pieces, self._rendered = [text], 0
        self.text.set_markdown("")
        if self.is_open and not self.isHidden():
            self._catch_up()

    def set_streaming(self, streaming: bool) -> None:
        self._streaming = streaming
        self.text.max_height = STREAMING_PANE_HEIGHT if streaming else OPEN_PANE_HEIGHT
        self.text._fit_height()
        if not streaming:
            self.set_progress(0, None)

    def plain_text(self) -> str:
        """The reasoning as the model wrote it."""
        return "".join(self._pieces)
