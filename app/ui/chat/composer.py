"""The composer at the bottom of the chat: the prompt, Send/Stop, Deep Thinking, preset, budget;
attachments (the paperclip, the chips), the context meter and the "does not fit" banner.

The prompt grows with what is typed, up to a third of the window, then scrolls; the controls
wrap onto a second line in a narrow window; editing an earlier message shows a banner with
Cancel.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QTextCursor
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
from app.ui.flow_layout import FlowLayout

MIN_LINES = 3
WINDOW_SHARE = 1 / 3  # the prompt grows up to this share of the window's height
EDITING = "Editing your message: sending adds a new version of it; the old one and its answers are kept."


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
        self.edit.setPlaceholderText("Ask anything — Enter to send, Shift+Enter for a new line")
        self.edit.setAccessibleName("Message to the model")
        self.edit.setTabChangesFocus(True)
        self.edit.installEventFilter(self)
        self.banner = QFrame(self)
        self.banner.setObjectName("EditBanner")
        banner_text = QLabel(EDITING, self.banner)
        banner_text.setWordWrap(True)
        self.cancel_edit = QPushButton("Cancel editing", self.banner)
        self.cancel_edit.setAccessibleName("Cancel editing")
        self.cancel_edit.setToolTip("Keep the message as it was (Esc)")
        bl = QHBoxLayout(self.banner)
        bl.setContentsMargins(10, 4, 6, 4)
        bl.addWidget(banner_text, 1)
        bl.addWidget(self.cancel_edit)
        self.banner.hide()
        self.deep_thinking = QToolButton(self)
        self.deep_thinking.setObjectName("DeepThinking")
        self.deep_thinking.setText("Deep Thinking")
        self.deep_thinking.setCheckable(True)
        self.deep_thinking.setChecked(True)
        self.deep_thinking.setToolTip("On: the model reasons before answering. Off: it answers directly.")
        self.deep_thinking.setAccessibleName("Deep Thinking")
        self.preset = QComboBox(self)
        self.preset.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.preset.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.preset.setAccessibleName("Sampling preset")
        self.preset.setToolTip("Sampling preset")
        self.budget = QSpinBox(self)
        self.budget.setRange(0, 1_000_000)
        self.budget.setSingleStep(512)
        self.budget.setSpecialValueText("no limit")
        self.budget.setSuffix(" tokens")
        self.budget.setToolTip("Thinking budget: close the reasoning after this many tokens")
        self.budget.setAccessibleName("Thinking budget")
        budget_box = QWidget(self)
        budget_label = QLabel("Budget", budget_box)
        budget_label.setObjectName("Muted")
        budget_label.setBuddy(self.budget)
        self.budget.setParent(budget_box)
        bb = QHBoxLayout(budget_box)
        bb.setContentsMargins(0, 0, 0, 0)
        bb.addWidget(budget_label)
        bb.addWidget(self.budget)
        self.samples_box = QSpinBox(self)
        self.samples_box.setRange(1, MAX_SAMPLES)
        self.samples_box.setSpecialValueText("Solve once")
        self.samples_box.setPrefix("Solve × ")
        self.samples_box.setToolTip(
            "Solve k times: sample k answers one after another and show the majority of their boxed answers "
            "(the R1 paper's cons@k; the Math preset asks for a boxed answer)"
        )
        self.samples_box.setAccessibleName("Solve k times")
        self.answer_now = QPushButton("Answer now", self)
        self.answer_now.setToolTip("Stop thinking and write the answer")
        self.answer_now.setAccessibleName("Answer now")
        self.answer_now.hide()
        self.send = QPushButton("Send", self)
        self.send.setObjectName("SendButton")
        self.send.setAccessibleName("Send")
        self.send.setDefault(False)
        self.attach = QToolButton(self)
        self.attach.setObjectName("AttachButton")
        self.attach.setText("Attach")
        self.attach.setIcon(QIcon(str(asset("icons", "attach.svg"))))
        self.attach.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.attach.setToolTip("Attach files or a folder (or drop them on the window)")
        self.attach.setAccessibleName("Attach files or a folder")
        self.attach.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.attach)
        menu.addAction("Files…", self.attach_files_requested.emit)
        menu.addAction("Folder…", self.attach_folder_requested.emit)
        self.attach.setMenu(menu)
        self.attachments = AttachmentBar(self)
        self.meter = ContextMeter(self)
        self.overflow = OverflowBanner(self)
        controls = QWidget(self)
        flow = FlowLayout(controls)
        for w in (self.attach, self.deep_thinking, self.preset, budget_box, self.samples_box, self.meter):
            w.setParent(controls)
            flow.add(w)
        sp = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        sp.setHeightForWidth(True)
        controls.setSizePolicy(sp)
        # Send (and Answer now) beside the prompt; the controls get the composer's whole width
        # below it and wrap there only when the window is narrow.
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

    # ---- the prompt's height and focus ------------------------------------------------------------

    def _fit_prompt(self) -> None:
        """As tall as the text, from three lines up to a third of the window; then it scrolls."""
        fm = self.edit.fontMetrics()
        margins = 2 * (self.edit.document().documentMargin() + self.edit.frameWidth()) + 4
        lines = max(MIN_LINES, self.edit.document().documentLayout().documentSize().height())
        want = math.ceil(lines * fm.lineSpacing() + margins)
        low = math.ceil(MIN_LINES * fm.lineSpacing() + margins)
        high = max(low, int(self.window().height() * WINDOW_SHARE))
        h = max(low, min(want, high))
        if self.edit.height() != h or self.edit.minimumHeight() != h:
            self.edit.setFixedHeight(h)

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
        self.send.setText("Stop" if generating else "Send")
        self.send.setAccessibleName("Stop" if generating else "Send")
        self.send.setProperty("stopping", generating)
        self.send.style().unpolish(self.send)
        self.send.style().polish(self.send)
        if not generating:
            self.answer_now.hide()

    def set_thinking(self, thinking: bool) -> None:
        self.answer_now.setVisible(thinking and self.generating)

    def set_presets(self, names: list[str], current: str, descriptions: list[str] | None = None) -> None:
        """The preset menu; each preset's one-line description shows when it is pointed at."""
        self.preset.blockSignals(True)
        self.preset.clear()
        self.preset.addItems(names)
        for i, text in enumerate(descriptions or []):
            self.preset.setItemData(i, text, Qt.ItemDataRole.ToolTipRole)
        i = self.preset.findText(current)
        self.preset.setCurrentIndex(max(0, i))
        self.preset.blockSignals(False)
        self._describe_preset()

    def _describe_preset(self) -> None:
        tip = self.preset.currentData(Qt.ItemDataRole.ToolTipRole)
        self.preset.setToolTip(f"Sampling preset: {tip}" if tip else "Sampling preset")

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
        return self.preset.currentText()

    def think_enabled(self) -> bool:
        return self.deep_thinking.isChecked()

    def focus_prompt(self) -> None:
        self.edit.setFocus()
