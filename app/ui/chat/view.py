"""The scrolling column of turns, with an empty state when a chat has none."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from app.core.code.attach import split_message
from app.ui.chat.message_widgets import AssistantMessageWidget, UserMessageWidget
from app.ui.render.markdown import MarkdownRenderer
from app.ui.widgets.accessibility import tab_chain
from app.ui.widgets.flow_layout import wrapping_row
from app.ui.window.actions import hint, key

COLUMN_MAX_WIDTH = 860


class EmptyState(QWidget):
    """What an empty chat shows; on first run, the welcome with the recommended model.

    Signals:
        download_recommended(): "Download and start".
        choose_model(): open the model picker.
        open_file(): open a local GGUF.
    """

    download_recommended = Signal()
    choose_model = Signal()
    open_file = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EmptyState")
        title = QLabel("R1 Desk", self)
        title.setObjectName("Title")
        self.subtitle = QLabel("", self)
        self.subtitle.setObjectName("Muted")
        self.welcome = QLabel("", self)
        self.welcome.setTextFormat(Qt.TextFormat.RichText)
        self.offline = QLabel("", self)  # why Download is unavailable, in words
        self.offline.setObjectName("Offline")
        for label in (self.subtitle, self.welcome, self.offline):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)  # the window may be narrow and the font large
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.download = QPushButton(self.tr("Download and start"), self)
        self.download.setObjectName("SendButton")
        self.choose = QPushButton(self.tr("Choose another model…"), self)
        self.open = QPushButton(self.tr("Open GGUF file…"), self)
        for b in (self.download, self.choose, self.open):
            b.setAccessibleName(b.text().rstrip("…"))
        self.choose.setAccessibleDescription(self.tr("The model picker ({key})").format(key=key("choose_model")))
        self.open.setAccessibleDescription(
            self.tr("A model file on this computer ({key})").format(key=key("open_file"))
        )
        buttons = wrapping_row(self, (self.download, self.choose, self.open), centre=True)
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        lay.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addWidget(self.subtitle)
        lay.addSpacing(16)
        lay.addWidget(self.welcome)
        lay.addWidget(self.offline)
        lay.addWidget(buttons)
        lay.addStretch(2)
        self.download.clicked.connect(self.download_recommended)
        self.choose.clicked.connect(self.choose_model)
        self.open.clicked.connect(self.open_file)
        self.set_hint()
        self.show_welcome(None)

    def focus_order(self) -> list[QWidget]:
        """Its buttons in reading order (for Tab, between the conversation and the prompt)."""
        return [self.download, self.choose, self.open]

    def set_hint(self, model: str | None = None, host: str = "") -> None:
        """What the empty chat says about the loaded model: where it runs (this computer, or the
        server ``host`` that the messages are sent to) and, for an R1 model, that it thinks first."""
        if model is None:
            text = self.tr("No model is loaded yet: {choose}, or {open}.").format(
                choose=hint("choose_model"), open=hint("open_file")
            )
        else:
            name = model.lower()  # a DeepSeek-R1 distill, the DeepSeek API's reasoner, an "R1-…" name
            r1 = "deepseek" in name or "reasoner" in name or name.startswith("r1")
            if host:
                text = self.tr("{model} runs on {host}: your messages are sent there to be answered.").format(
                    model=model, host=host
                )
            elif r1:
                text = self.tr("A DeepSeek-R1 model runs on this computer.")
            else:
                text = self.tr("{model} runs on this computer.").format(model=model)
            if r1:
                text += " " + self.tr(
                    "Ask it something hard: it thinks first, and you can watch its reasoning in the Thinking pane."
                )
            if not host:
                text += " " + self.tr("Nothing leaves your machine.")
        self.subtitle.setText(text)
        if model is not None:
            self.show_welcome(None)

    def show_welcome(self, recommended: str | None, *, offline: bool = False, failed: str = "") -> None:
        """First run: the pick for this machine and how to get it. Offline, Download stays in
        view but disabled, with the reason; after a failed download, the reason and Retry."""
        visible = recommended is not None or offline
        for w in (self.welcome, self.choose, self.open):
            w.setVisible(visible)
        self.subtitle.setVisible(not visible)  # the welcome's buttons say what the hint says
        self.download.setVisible(recommended is not None)
        self.download.setEnabled(recommended is not None and not offline)
        self.download.setText(self.tr("Retry download") if failed else self.tr("Download and start"))
        self.download.setAccessibleName(self.download.text())
        self.offline.setVisible(offline)
        self.offline.setText(
            self.tr(
                "You are offline: downloading needs a connection to Hugging Face. To use a model you already "
                "have, copy its .gguf file onto this computer and choose Open GGUF file… (or run "
                "'r1desk import FILE' in a terminal)."
            )
            if offline
            else ""
        )
        self.download.setToolTip(self.tr("Unavailable offline") if offline else "")
        self.download.setAccessibleDescription(self.offline.text() or (recommended or ""))
        pick = (
            self.tr("The best fit for this machine: {model}.").format(model=f"<b>{html.escape(recommended)}</b>")
            if recommended
            else ""
        )
        if failed:
            self.welcome.setText(
                self.tr("The download did not finish. {why}").format(why=html.escape(failed)) + f"<br>{pick}"
            )
        elif offline and recommended is None:
            self.welcome.setText(self.tr("No model is on this computer yet. Open a GGUF file you already have."))
        elif recommended is not None:
            self.welcome.setText(
                self.tr("R1 Desk runs DeepSeek-R1 reasoning models privately on your computer.") + f"<br>{pick}"
            )


class ChatView(QScrollArea):
    """Holds the message widgets; follows the bottom while the user is at the bottom.

    A long chat is shown from its end (``turn_loader.py``): widgets for earlier messages are put
    above the others, and the view keeps what the user is reading in place meanwhile. Above the
    messages, a button says how many earlier ones are not shown yet.

    Signals:
        wants_earlier(): scrolled to the top (or the button pressed) while earlier messages wait.
    """

    wants_earlier = Signal()
    TOP_PX = 48  # this close to the top asks for earlier messages

    def __init__(
        self, renderer: MarkdownRenderer, parent: QWidget | None = None, reasoning: MarkdownRenderer | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ChatScroll")
        self.reasoning_renderer = reasoning or renderer
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
        self.earlier = QPushButton("", self.column)
        self.earlier.setObjectName("EarlierButton")
        self.earlier.hide()
        self.earlier.clicked.connect(self.wants_earlier)
        self._lay.addWidget(self.earlier, 0, Qt.AlignmentFlag.AlignHCenter)
        self._lay.addStretch(1)
        self.setWidget(outer)
        self._content = outer
        self._follow = True
        self._anchor: tuple[QWidget, int] | None = None  # a turn kept in place while others go above it
        self._restoring = False
        tab_chain(self, self.earlier)
        self._chain_end: QWidget = self.earlier  # the last turn's last control, for Tab (see _add)
        self._show_empty(True)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus)
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._on_scrolled)
        bar.rangeChanged.connect(self._on_range)
        self.setAccessibleName(self.tr("Conversation"))
        self.setAccessibleDescription(
            self.tr("Your messages and the model's answers; Tab moves through each answer's buttons")
        )

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Tab into the conversation or the welcome (its buttons may be below the fold at a large
        font in a small window): the focused control scrolls into view."""
        inner = self.widget()
        if new is not None and inner is not None and inner.isAncestorOf(new):
            self.ensureWidgetVisible(new, 8, 8)

    def _on_scrolled(self, value: int) -> None:
        bar = self.verticalScrollBar()
        self._follow = value >= bar.maximum() - 24
        if not self._restoring:
            self._drop_anchor()  # the user scrolls: nothing to hold in place any more
        if value <= self.TOP_PX and self.earlier.isVisible():
            self.wants_earlier.emit()

    def _on_range(self, _lo: int, hi: int) -> None:
        bar = self.verticalScrollBar()
        if self._follow and not self.empty.isVisible():  # the welcome is read from its top
            bar.setValue(hi)
        else:
            self._hold_anchor()
        if hi == 0 and self.earlier.isVisible():  # nothing to scroll yet: ask for more now
            self.wants_earlier.emit()

    def _show_empty(self, empty: bool) -> None:
        """The empty state or the turns. An empty chat is no Tab stop of its own (a stop that
        shows nothing): the welcome's buttons are."""
        self.empty.setVisible(empty)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus if empty else Qt.FocusPolicy.StrongFocus)

    def _hold_anchor(self) -> None:
        """Scroll so that the turn being read stays where it was while turns go above it."""
        if self._anchor is None or self._follow or not isValid(self._anchor[0]):
            return
        w, offset = self._anchor
        self._restoring = True
        self.verticalScrollBar().setValue(w.mapTo(self._content, QPoint(0, 0)).y() - offset)
        self._restoring = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Move and self._anchor is not None and watched is self._anchor[0]:
            self._hold_anchor()  # pushed down by the turns put above it: at once, not a frame later
        return super().eventFilter(watched, event)

    def _set_anchor(self, w: QWidget) -> None:
        self._drop_anchor()
        self._anchor = (w, w.mapTo(self._content, QPoint(0, 0)).y() - self.verticalScrollBar().value())
        w.installEventFilter(self)

    def _drop_anchor(self) -> None:
        if self._anchor is not None:
            if isValid(self._anchor[0]):
                self._anchor[0].removeEventFilter(self)
            self._anchor = None

    def set_earlier(self, n: int) -> None:
        """How many earlier messages are not shown yet (the button above the turns says it)."""
        self.earlier.setText(self.tr("Show %Ln earlier message(s)", "", n))
        self.earlier.setAccessibleName(self.earlier.text())
        self.earlier.setVisible(n > 0)

    def _add(self, w: QWidget, top: bool = False) -> None:
        # No alignment flag: an aligned item gets its size hint's height, not the height its
        # width needs, which clipped wrapped messages. Every turn spans the column.
        self._show_empty(False)
        order = w.focus_order() if isinstance(w, (UserMessageWidget, AssistantMessageWidget)) else []
        if top:
            first = self.turns()[:1]
            if first and not self._follow and self._anchor is None:  # keep what is read in place
                self._set_anchor(first[0])
            self._lay.insertWidget(self._FIRST, w)
            if order:  # Tab: the button, this turn, then the turns below
                tab_chain(self.earlier, *order)
                if not first:
                    self._chain_end = order[-1]
            return
        self._lay.insertWidget(self._lay.count() - 1, w)
        if order:  # Tab goes through the turns top to bottom, then on to the prompt
            tab_chain(self._chain_end, *order)
            self._chain_end = order[-1]

    def add_user(self, text: str, top: bool = False) -> UserMessageWidget:
        """The user's message; attached files show as one line of names, not their text.
        ``top``: above the others (an earlier message of a long chat)."""
        words, files = split_message(text)
        w = UserMessageWidget(words.strip(), self.column, [f.rel for f in files])
        self._add(w, top)
        return w

    def add_assistant(self, title: str, top: bool = False) -> AssistantMessageWidget:
        w = AssistantMessageWidget(self.renderer, title, self.column, self.reasoning_renderer)
        self._add(w, top)
        return w

    _FIRST = 2  # the layout: the empty state, the "earlier" button, the turns, a stretch

    def turns(self) -> list[QWidget]:
        """The message widgets, top to bottom."""
        items = [self._lay.itemAt(i) for i in range(self._FIRST, self._lay.count() - 1)]
        return [w for it in items if it is not None and (w := it.widget()) is not None]

    def remove(self, w: QWidget) -> None:
        self._lay.removeWidget(w)
        w.deleteLater()
        if self._chain_end is w or w.isAncestorOf(self._chain_end):
            rest = [t for t in self.turns() if t is not w]
            last = rest[-1] if rest else None
            order = last.focus_order() if isinstance(last, (UserMessageWidget, AssistantMessageWidget)) else []
            self._chain_end = order[-1] if order else self.earlier
        if self._anchor is not None and self._anchor[0] is w:
            self._drop_anchor()
        if self._lay.count() <= self._FIRST + 1:
            self._show_empty(True)

    def clear(self) -> None:
        while self._lay.count() > self._FIRST + 1:
            item = self._lay.takeAt(self._FIRST)
            widget = item.widget() if item else None
            if widget is not None:
                widget.deleteLater()
        self._show_empty(True)
        self.set_earlier(0)
        self._follow = True
        self._drop_anchor()
        self._chain_end = self.earlier

    def focus_last_turn(self) -> None:
        """Edit ▸ Go to the conversation (Ctrl+J): the keyboard, and a screen reader with it, goes
        to the last answer (or the last message), from where Tab reaches its buttons."""
        for w in reversed(self.turns()):
            target = w.answer if isinstance(w, AssistantMessageWidget) else getattr(w, "label", None)
            if isinstance(target, QWidget) and target.isVisibleTo(w):
                target.setFocus(Qt.FocusReason.ShortcutFocusReason)
                self.ensureWidgetVisible(target)
                return
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def follow_bottom(self) -> None:
        self._follow = True
        self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())
