"""The composer at the bottom of the chat: the prompt, Send/Stop, Deep Thinking, preset, budget;
attachments (the paperclip, the chips), the context meter and the "does not fit" banner.

The prompt grows with what is typed, up to a third of the window, then scrolls; the controls
wrap onto a second line in a narrow window; editing an earlier message shows a banner with
Cancel.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QResizeEvent, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.chats.samples import MAX_SAMPLES
from app.core.code.attach import fence_for
from app.core.config.paths import asset
from app.ui.chat.attachments import AttachmentBar, ContextMeter, OverflowBanner
from app.ui.chat.composer_more import fill_more, more_label
from app.ui.text.data_text import preset_name_text
from app.ui.widgets.fold_row import FoldRow
from app.ui.widgets.tips import rich_tip
from app.ui.window.actions import key

MIN_LINES = 3
WINDOW_SHARE = 1 / 3  # the prompt grows up to this share of the window's height


class PromptEdit(QPlainTextEdit):
    """Enter sends, Shift+Enter starts a new line, Ctrl+Enter sends too.

    Signals: submit()
    """

    submit = Signal()

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            mods = e.modifiers()
            if not (mods & Qt.KeyboardModifier.ShiftModifier):
                self.submit.emit()
                return
        super().keyPressEvent(e)


class Composer(QFrame):
    """Signals:
    send_requested(str): the user sent a message.
    stop_requested(): Stop (or Esc) while generating.
    answer_now_requested(): close the reasoning now.
    cancel_edit_requested(): leave the editing of an earlier message.
    attach_files_requested(), attach_folder_requested(): the paperclip's menu.
    """

    send_requested = Signal(str)
    stop_requested = Signal()
    answer_now_requested = Signal()
    cancel_edit_requested = Signal()
    attach_files_requested = Signal()
    attach_folder_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Composer")
        self.edit = PromptEdit(self)
        self.edit.setObjectName("PromptEdit")
        self._hint = self.tr("Ask anything — Enter to send, Shift+Enter for a new line")
        self._short_hint = self.tr("Ask anything")
        self.edit.setPlaceholderText(self._hint)
        self.edit.setAccessibleName(self.tr("Message to the model"))
        self.edit.setAccessibleDescription(self.tr("Enter sends; Shift+Enter starts a new line; Tab moves on"))
        self.edit.setTabChangesFocus(True)
        self.edit.installEventFilter(self)
        self.edit.viewport().installEventFilter(self)
        self.banner = QFrame(self)
        self.banner.setObjectName("EditBanner")
        banner_text = QLabel(
            self.tr("Editing your message: sending adds a new version of it; the old one and its answers are kept."),
            self.banner,
        )
        banner_text.setWordWrap(True)
        self.cancel_edit = QPushButton(self.tr("Cancel editing"), self.banner)
        self.cancel_edit.setAccessibleName(self.tr("Cancel editing"))
        self.cancel_edit.setToolTip(self.tr("Keep the message as it was (Esc)"))
        self.cancel_edit.setAccessibleDescription(banner_text.text())
        bl = QHBoxLayout(self.banner)
        bl.setContentsMargins(10, 4, 6, 4)
        bl.addWidget(banner_text, 1)
        bl.addWidget(self.cancel_edit)
        self.banner.hide()
        self.deep_thinking = QToolButton(self)
        self.deep_thinking.setObjectName("DeepThinking")
        self.deep_thinking.setText(self.tr("Deep Thinking"))
        self.deep_thinking.setCheckable(True)
        self.deep_thinking.setChecked(True)
        self.deep_thinking.setToolTip(self.tr("On: the model reasons before answering. Off: it answers directly."))
        self.deep_thinking.setAccessibleName(self.tr("Deep Thinking"))
        self.deep_thinking.setAccessibleDescription(self.deep_thinking.toolTip())
        self.preset = QComboBox(self)
        self.preset.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.preset.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.preset.setAccessibleName(self.tr("Sampling preset"))
        self.preset.setToolTip(self.tr("Sampling preset"))
        self.budget = QSpinBox(self)
        self.budget.setRange(0, 1_000_000)
        self.budget.setSingleStep(512)
        self.budget.setSpecialValueText(self.tr("no limit"))
        self.budget.setSuffix(self.tr(" tokens"))
        self.budget.setGroupSeparatorShown(True)
        self.budget.setKeyboardTracking(False)  # a number being typed is taken when it is finished
        self.budget.setToolTip(self.tr("Thinking budget: close the reasoning after this many tokens"))
        self.budget.setAccessibleName(self.tr("Thinking budget"))
        self.budget.setAccessibleDescription(self.budget.toolTip())
        budget_box = QWidget(self)
        budget_label = QLabel(self.tr("Budget"), budget_box)
        budget_label.setObjectName("Muted")
        budget_label.setBuddy(self.budget)
        self.budget.setParent(budget_box)
        bb = QHBoxLayout(budget_box)
        bb.setContentsMargins(0, 0, 0, 0)
        bb.addWidget(budget_label)
        bb.addWidget(self.budget)
        self.samples_box = QSpinBox(self)
        self.samples_box.setRange(1, MAX_SAMPLES)
        self.samples_box.setSpecialValueText(self.tr("Solve once"))
        self.samples_box.setPrefix(self.tr("Solve × "))
        self.samples_box.setToolTip(
            self.tr(
                "Solve k times: sample k answers one after another and show the majority of their boxed answers "
                "(the R1 paper's cons@k; the Math preset asks for a boxed answer)"
            )
        )
        self.samples_box.setAccessibleName(self.tr("Solve k times"))
        self.samples_box.setAccessibleDescription(self.samples_box.toolTip())
        self.answer_now = QPushButton(self.tr("Answer now"), self)
        self.answer_now.setToolTip(self.tr("Stop thinking and write the answer ({key})").format(key=key("answer_now")))
        self.answer_now.setAccessibleName(self.tr("Answer now"))
        self.answer_now.setAccessibleDescription(self.answer_now.toolTip())
        self.answer_now.hide()
        self.send = QPushButton(self.tr("Send"), self)
        self.send.setObjectName("SendButton")
        self.send.setAccessibleName(self.tr("Send"))
        self.send.setDefault(False)
        self.attach = QToolButton(self)
        self.attach.setObjectName("AttachButton")
        self.attach.setText(self.tr("Attach"))
        self.attach.setIcon(QIcon(str(asset("icons", "attach.svg"))))
        self.attach.installEventFilter(self)  # its icon follows the font size (see eventFilter)
        self._size_icon()
        self.attach.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.attach.setToolTip(self.tr("Attach files or a folder (or drop them on the window)"))
        self.attach.setAccessibleName(self.tr("Attach files or a folder"))
        self.attach.setAccessibleDescription(self.attach.toolTip())
        self.attach.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.attach)
        menu.addAction(self.tr("Files…"), self.attach_files_requested.emit)
        menu.addAction(self.tr("Folder…"), self.attach_folder_requested.emit)
        self.attach.setMenu(menu)
        self.attachments = AttachmentBar(self)
        self.meter = ContextMeter(self)
        self.overflow = OverflowBanner(self)
        self.overflow.focus_after = self.attachments.focus_after = self.edit
        controls = self.controls = FoldRow(self)
        for w, foldable in (
            (self.attach, False),
            (self.deep_thinking, True),  # folds last (the first foldable): a very narrow composer
            (self.preset, True),
            (budget_box, True),
            (self.samples_box, True),
            (self.meter, False),
        ):
            controls.add(w, foldable)
        controls.finish()
        self._budget_box = budget_box
        more = controls.more
        more.setToolTip(self.tr("More options: preset, thinking budget, solve k times"))
        more.setAccessibleName(self.tr("More options"))
        more.setAccessibleDescription(more.toolTip())
        more.menu().aboutToShow.connect(self._fill_more)
        # Send (and Answer now) beside the prompt; the controls get the composer's whole width
        # below it, on one line: in a narrow window the preset, budget and Solve × k fold into "⋯".
        buttons = QVBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.answer_now)
        buttons.addWidget(self.send)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.edit, 1)
        top.addLayout(buttons)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 8)
        lay.addWidget(self.banner)
        lay.addWidget(self.overflow)
        lay.addWidget(self.attachments)
        lay.addLayout(top)
        lay.addWidget(controls)
        self.generating = False
        self._fit_prompt()
        self.edit.submit.connect(self._on_send_clicked)
        self.edit.document().contentsChanged.connect(self._fit_prompt)
        self.send.clicked.connect(self._on_send_clicked)
        self.answer_now.clicked.connect(self.answer_now_requested)
        self.cancel_edit.clicked.connect(self.cancel_edit_requested)
        self.preset.currentIndexChanged.connect(self._describe_preset)
        self.samples_box.valueChanged.connect(self._show_folded)
        controls.folded_changed.connect(self._show_folded)
        controls.folded_changed.connect(self._fit_prompt)

    # ---- the prompt's height and focus ------------------------------------------------------------

    def _fit_prompt(self) -> None:
        """As tall as the text, from three lines up to what leaves the whole composer at about a
        third of the window (in a short window fewer lines, never less than one); then it scrolls."""
        fm = self.edit.fontMetrics()
        margins = 2 * (self.edit.document().documentMargin() + self.edit.frameWidth()) + 4
        lines = max(MIN_LINES, self.edit.document().documentLayout().documentSize().height())

        def height(n: float) -> int:
            return math.ceil(n * fm.lineSpacing() + margins)

        if not self.overflow.isHidden():  # its buttons wrap: the layout alone gives it one row of them
            self.overflow.setMinimumHeight(self.overflow.heightForWidth(max(1, self.width() - 20)))
        cap = int(self.window().height() * WINDOW_SHARE)
        if not self.attachments.isHidden():  # many chips scroll within what the prompt leaves them
            self.attachments.limit(max(0, cap - height(MIN_LINES) - self._others_height(chips=False)))
        room = cap - self._others_height()
        low = max(height(1), min(height(MIN_LINES), room))
        high = max(low, room)
        if self.edit.document().isEmpty():
            # The hint wraps in a narrow window or a large font (German is long): show all of it,
            # or the short one when the room is too small for that.
            hint_room = max(40, self.edit.viewport().width() - 2 * int(self.edit.document().documentMargin()))

            def hint_lines(text: str) -> int:
                box = fm.boundingRect(QRect(0, 0, hint_room, 100_000), Qt.TextFlag.TextWordWrap, text)
                return math.ceil(box.height() / fm.lineSpacing())

            hint = self._hint if height(hint_lines(self._hint)) <= high else self._short_hint
            if self.edit.placeholderText() != hint:
                self.edit.setPlaceholderText(hint)
            lines = max(lines, hint_lines(hint))
        h = max(low, min(height(lines), high))
        if self.edit.height() != h or self.edit.minimumHeight() != h:
            self.edit.setFixedHeight(h)

    def _others_height(self, chips: bool = True) -> int:
        """The composer's height less the prompt's (banners, chips, the controls, margins)."""
        lay = self.layout()
        if lay is None:
            return 0
        m = lay.contentsMargins()
        total = m.top() + m.bottom()
        parts = (self.banner, self.overflow, self.attachments if chips else None, self.controls)
        shown = [w for w in parts if w is not None and not w.isHidden()]
        for w in shown:
            total += w.heightForWidth(self.width()) if w.hasHeightForWidth() else w.sizeHint().height()
        buttons = sum(b.sizeHint().height() + 6 for b in (self.answer_now, self.send) if not b.isHidden())
        total += lay.spacing() * len(shown) + max(0, buttons - self.edit.height())
        return total

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.LayoutRequest:
            self._fit_prompt()  # chips, a banner or the controls came or went: the prompt's room changed
        return super().event(e)

    def _size_icon(self) -> None:
        side = self.attach.fontMetrics().height()
        self.attach.setIconSize(QSize(side, side))

    def refit(self) -> None:
        """The window's height or the font changed."""
        self._fit_prompt()

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        if obj is self.edit and e.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.setProperty("focused", e.type() == QEvent.Type.FocusIn)
            self.style().unpolish(self)
            self.style().polish(self)
        elif obj is self.edit and e.type() == QEvent.Type.FontChange:
            self._fit_prompt()
        elif obj is self.attach and e.type() == QEvent.Type.FontChange:
            self._size_icon()
        elif obj is self.edit.viewport() and isinstance(e, QResizeEvent) and e.oldSize().width() != e.size().width():
            self._fit_prompt()  # the hint may wrap onto more lines (the viewport: its width is set by now)
        return False

    def show_editing(self, editing: bool) -> None:
        self.banner.setVisible(editing)

    def _on_send_clicked(self) -> None:
        if self.generating:
            self.stop_requested.emit()
            return
        text = self.edit.toPlainText()
        if text.strip():
            self.send_requested.emit(text)

    def clear(self) -> None:
        self.edit.clear()

    def set_text(self, text: str) -> None:
        self.edit.setPlainText(text)
        self.edit.setFocus()

    def set_generating(self, generating: bool) -> None:
        self.generating = generating
        self.send.setText(self.tr("Stop") if generating else self.tr("Send"))
        self.send.setAccessibleName(self.send.text())
        self.send.setAccessibleDescription(self.tr("Stop the answer (Esc)") if generating else "")
        self.send.setProperty("stopping", generating)
        self.send.style().unpolish(self.send)
        self.send.style().polish(self.send)
        if not generating:
            self.answer_now.hide()

    def set_thinking(self, thinking: bool) -> None:
        self.answer_now.setVisible(thinking and self.generating)

    def set_presets(self, names: list[str], current: str, descriptions: list[str] | None = None) -> None:
        """The preset menu (names are not translated: the CLI's --preset takes them too); each
        preset's one-line description shows when it is pointed at, and is the box's description
        for screen readers."""
        self.preset.blockSignals(True)
        self.preset.clear()
        for name in names:  # shown in the window's language; the name itself (the CLI's) is the data
            self.preset.addItem(preset_name_text(name), name)
        for i, text in enumerate(descriptions or []):
            self.preset.setItemData(i, rich_tip(text), Qt.ItemDataRole.ToolTipRole)  # wraps
            self.preset.setItemData(i, text, Qt.ItemDataRole.AccessibleDescriptionRole)
        i = self.preset.findData(current)
        self.preset.setCurrentIndex(max(0, i))
        self.preset.blockSignals(False)
        self._describe_preset()

    def _describe_preset(self, *_: object) -> None:
        tip = self.preset.currentData(Qt.ItemDataRole.AccessibleDescriptionRole)
        tip = tip if isinstance(tip, str) else ""
        self.preset.setAccessibleDescription(tip)
        text = self.tr("Sampling preset: {description}").format(description=tip) if tip else self.tr("Sampling preset")
        self.preset.setToolTip(rich_tip(text))  # rich text wraps; a plain tip was one 1,200 px line

    def insert_code(self, code: str, language: str = "") -> None:
        """Put a code block into the prompt at the cursor, fenced, so the model reads it as code."""
        fence = fence_for(code)
        cur = self.edit.textCursor()
        before = "" if cur.atBlockStart() else "\n"
        cur.insertText(f"{before}{fence}{language}\n{code.rstrip(chr(10))}\n{fence}\n")
        self.edit.setTextCursor(cur)
        self.edit.moveCursor(QTextCursor.MoveOperation.NoMove)
        self.edit.setFocus()

    def samples(self) -> int:
        """How many times to solve the next prompt (1: a normal answer)."""
        return self.samples_box.value()

    def think_budget(self) -> int | None:
        return self.budget.value() or None

    def preset_name(self) -> str:
        data = self.preset.currentData()
        return data if isinstance(data, str) else self.preset.currentText()

    def think_enabled(self) -> bool:
        return self.deep_thinking.isChecked()

    def focus_order(self) -> list[QWidget]:
        """Its controls in reading order (for Tab): the prompt, Send, then the line under them
        (the paperclip first, "⋯" where the folded controls would be)."""
        row = [self.budget if w is self._budget_box else w for w in self.controls.focus_order()]
        return [self.cancel_edit, self.edit, self.answer_now, self.send, *[w for w in row if w is not self.meter]]

    def _fill_more(self) -> None:
        fill_more(self.controls.more.menu(), self.controls.folded, self.preset, self.budget, self.samples_box)

    def _show_folded(self) -> None:
        """What is on shows so: "Solve × 2" marked as on, and on "⋯" while folded ("⋯ × 2")."""
        self.controls.more.setText(more_label(self.controls.folded, self.samples_box))
        on = self.samples_box.value() > 1
        if self.samples_box.property("on") != on:
            self.samples_box.setProperty("on", on)
            self.samples_box.style().unpolish(self.samples_box)
            self.samples_box.style().polish(self.samples_box)

    def focus_prompt(self) -> None:
        self.edit.setFocus()
