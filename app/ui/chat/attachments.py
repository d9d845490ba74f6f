"""The composer's attachment widgets: the chips, the context meter, and the banner that says a
message will not fit. Thin views: the attach controller decides what they show."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.code.budget import Budget
from app.ui.chat.attach_text import WORDS
from app.ui.text.i18n import number
from app.ui.widgets.flow_layout import FlowLayout
from app.ui.widgets.scroll_page import TextScroll

METER_WIDTH = 60


@dataclass(frozen=True)
class ChipInfo:
    """What one chip shows: "app.py · 812 tokens", "src/ · 12 files · 9,301 tokens"."""

    label: str
    detail: str
    tooltip: str


class AttachmentChip(QFrame):
    """Signals: remove_clicked()"""

    remove_clicked = Signal()

    def __init__(self, info: ChipInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AttachmentChip")
        self.text = QLabel(f"<b>{_escape(info.label)}</b> · {_escape(info.detail)}", self)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.remove = QToolButton(self)
        self.remove.setObjectName("ChipRemove")
        self.remove.setText("✕")
        self.remove.setToolTip(self.tr("Remove {name}").format(name=info.label))
        self.remove.setAccessibleName(self.remove.toolTip())
        self.remove.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(info.tooltip)
        self.setAccessibleName(self.tr("Attached {name}, {detail}").format(name=info.label, detail=info.detail))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 2, 2, 2)
        lay.setSpacing(2)
        lay.addWidget(self.text)
        lay.addWidget(self.remove)
        self.remove.clicked.connect(self.remove_clicked)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class AttachmentBar(QWidget):
    """The chips above the prompt, what they add up to, and what was skipped.

    Signals: remove_requested(int): the chip at this index.
    """

    remove_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AttachmentBar")
        self.chips_box = QWidget(self)
        self.flow = FlowLayout(self.chips_box)
        # Many chips in a short window scroll within a few lines (``limit``), so the prompt keeps
        # its room and the composer about a third of the window.
        self.chips_area = QScrollArea(self)
        self.chips_area.setWidget(self.chips_box)
        self.chips_area.setWidgetResizable(True)
        self.chips_area.setFrameShape(QFrame.Shape.NoFrame)
        self.chips_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chips_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.chips_area.viewport().setAutoFillBackground(False)
        self.chips_box.setAutoFillBackground(False)  # setWidget turned it on: the composer's colour shows
        self._limit = 10**6
        self.summary = QLabel("", self)
        self.summary.setObjectName("Muted")
        self.summary.setAccessibleName(self.tr("Attachments"))
        self.skipped = QLabel("", self)
        self.skipped.setObjectName("SkippedNote")
        self.skipped.setWordWrap(True)
        self.skipped.setAccessibleName(self.tr("Skipped files"))
        self.skipped.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.summary)
        row.addStretch(1)
        lay = self._lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 4)
        lay.setSpacing(4)
        lay.addWidget(self.chips_area)
        lay.addLayout(row)
        lay.addWidget(self.skipped)
        self.chips: list[AttachmentChip] = []
        self.focus_after: QWidget | None = None  # where the keyboard goes when the last chip goes
        self._refocus: int | None = None
        self.hide()

    def _on_remove(self) -> None:
        sender = self.sender()
        if sender in self.chips:
            index = self.chips.index(sender)
            focused = QApplication.focusWidget()
            if isinstance(sender, QWidget) and focused is not None and sender.isAncestorOf(focused):
                self._refocus = index  # the keyboard goes to the chip that takes its place
                if self.focus_after is not None:
                    self.focus_after.setFocus()  # meanwhile: the chips are made again
            self.remove_requested.emit(index)

    def set_chips(self, chips: list[ChipInfo], summary: str, skipped: str, skipped_all: str) -> None:
        """Show these chips; ``skipped`` is the short note, ``skipped_all`` the full list (tooltip)."""
        for chip in self.chips:
            self.flow.removeWidget(chip)
            chip.deleteLater()
        self.chips = []
        for info in chips:
            chip = AttachmentChip(info, self.chips_box)
            chip.remove_clicked.connect(self._on_remove)
            self.flow.add(chip)
            chip.show()  # now, not at the next turn of the event loop: the bar is measured below
            self.chips.append(chip)
        self.summary.setText(summary)
        self.skipped.setText(skipped)
        self.skipped.setToolTip(skipped_all)
        self.skipped.setVisible(bool(skipped))
        self.setVisible(bool(chips) or bool(skipped))
        self.chips_box.updateGeometry()
        self._fit()
        if self._refocus is not None and self.chips:
            self.chips[min(self._refocus, len(self.chips) - 1)].remove.setFocus()
        self._refocus = None

    def limit(self, height: int) -> None:
        """The bar takes at most this height, at least one line of chips; beyond, they scroll."""
        if height != self._limit:
            self._limit = height
            self._fit()

    def _fit(self) -> None:
        width = self.chips_area.viewport().width() if self.isVisible() else max(1, self.width())
        need = self.flow.heightForWidth(max(1, width))
        line = max((c.sizeHint().height() for c in self.chips), default=0)
        lay = self._lay
        rest = lay.contentsMargins().top() + lay.contentsMargins().bottom() + 2 * lay.spacing()
        rest += self.summary.sizeHint().height()
        if not self.skipped.isHidden():
            rest += self.skipped.heightForWidth(max(1, self.width())) + lay.spacing()
        h = max(min(need, self._limit - rest), min(need, line))
        self.chips_area.setVisible(bool(self.chips))
        self.chips_area.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded if need > h else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        if self.chips_area.height() != h or self.chips_area.minimumHeight() != h:
            self.chips_area.setFixedHeight(h)

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        if e.oldSize().width() != e.size().width():
            self._fit()  # the chips wrap onto more or fewer lines


class ContextMeter(QFrame):
    """A small bar: the prompt (coloured by how well the message fits), the reasoning reserve, and
    what is free; the numbers on hover."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ContextMeter")
        self.bar = QFrame(self)
        self.bar.setObjectName("MeterTrack")
        self.bar.setFixedSize(METER_WIDTH, 8)
        self.used = QFrame(self.bar)
        self.used.setObjectName("MeterUsed")
        self.reserve = QFrame(self.bar)
        self.reserve.setObjectName("MeterReserve")
        self.label = QLabel("", self)
        self.label.setObjectName("Muted")
        self.setAccessibleName(self.tr("Context use"))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        lay.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignVCenter)
        lay.addWidget(self.label)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.budget: Budget | None = None
        self.hide()

    def set_budget(self, budget: Budget | None, *, stale: bool = False) -> None:
        """Show a budget (None hides the meter); ``stale``: being recounted, numbers dimmed."""
        self.budget = budget
        if budget is None:
            self.hide()
            return
        used, reserve = budget.fractions()
        w = self.bar.width()
        u = round(used * w)
        self.used.setGeometry(0, 0, max(u, 2 if budget.prompt else 0), self.bar.height())
        self.reserve.setGeometry(u, 0, round(reserve * w), self.bar.height())
        self.used.setProperty("level", budget.level)
        self.label.setProperty("level", budget.level)
        for widget in (self.used, self.label):
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        # The share of the context at a glance; the numbers are on hover (and in the status bar).
        if budget.n_ctx > 0:
            share = self.tr("{percent} %").format(percent=number(100 * budget.prompt / budget.n_ctx))
        else:
            share = ("≈ " if budget.estimated else "") + self.tr("%Ln token(s)", "", budget.prompt)
        self.label.setText(share + (" …" if stale else ""))
        tip = WORDS.breakdown(budget)
        self.setToolTip(tip)
        self.bar.setToolTip(tip)
        self.label.setToolTip(tip)
        self.setAccessibleDescription(tip)
        self.show()


class OverflowBanner(QFrame):
    """Says before sending that a message will not fit, and offers the ways out as buttons.

    Signals: chosen(str): the key of the button pressed ("" for Cancel).
    """

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OverflowBanner")
        self.text = QLabel("", self)
        self.text.setWordWrap(True)
        self.text.setAccessibleName(self.tr("The message does not fit"))
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons_box = QWidget(self)
        self.flow = FlowLayout(self.buttons_box)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 8)
        lay.setSpacing(6)
        self.text_area = TextScroll(self.text, 5, self)  # scrolls when the window cannot give it room
        lay.addWidget(self.text_area)
        lay.addWidget(self.buttons_box)
        self.buttons: dict[str, QPushButton] = {}
        self.focus_after: QWidget | None = None  # where the keyboard goes when it closes (the prompt)
        self.hide()

    def offer(self, text: str, actions: list[tuple[str, str, str]]) -> None:
        """Show ``text`` and one button per (key, label, tooltip), then Cancel."""
        for b in self.buttons.values():
            self.flow.removeWidget(b)
            b.deleteLater()
        self.buttons = {}
        for key, label, tip in [*actions, ("", self.tr("Cancel"), self.tr("Keep editing the message"))]:
            b = QPushButton(label, self.buttons_box)
            b.setObjectName("BannerButton")
            b.setToolTip(tip or label)
            b.setAccessibleName(label)
            b.setProperty("key", key)
            b.clicked.connect(self._on_button)
            self.flow.add(b)
            self.buttons[key] = b
        self.text.setText(text)
        self.text_area.updateGeometry()
        self.show()
        first = next(iter(self.buttons.values()))
        first.setFocus()

    def _on_button(self) -> None:
        sender = self.sender()
        if self.focus_after is not None:
            self.focus_after.setFocus()  # not on to the next control in the window ("+ New chat")
        self.hide()
        self.chosen.emit(str(sender.property("key")) if sender is not None else "")
