"""A page that scrolls instead of squeezing: at a large font (up to twice the system's) in a small
window, a settings tab or the picker's endpoints form is taller than the dialog. In a scroll area
each wrapped label keeps the height its text needs; Tab still reaches every control, and the
area scrolls to the focused one."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QWidget


def scroll_page(page: QWidget, parent: QWidget | None = None) -> QScrollArea:
    area = QScrollArea(parent)
    area.setObjectName("ScrollPage")
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    # A row wider than the dialog (three buttons at 200 %) scrolls sideways rather than being cut.
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop of its own: it follows the focus
    return area


class TextScroll(QScrollArea):
    """A wrapped label that asks for the height of its text, up to ``max_lines`` lines, and
    scrolls beyond that or when the window cannot give it the room (a long German notice at
    200 % in an 800×600 window), instead of being cut off."""

    def __init__(self, label: QLabel, max_lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TextScroll")
        self.label = label
        self.max_lines = max_lines
        self.setWidget(label)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # A word longer than the width (a backup file's name) scrolls sideways rather than being cut.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.viewport().setAutoFillBackground(False)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def _text_height(self) -> int:
        width = self.viewport().width() if self.isVisible() else self.label.sizeHint().width()
        return max(self.label.heightForWidth(max(1, width)), self.label.sizeHint().height() if not width else 0)

    def sizeHint(self) -> QSize:
        cap = self.fontMetrics().lineSpacing() * self.max_lines
        return QSize(self.label.sizeHint().width(), min(self._text_height(), cap) + 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, min(self._text_height(), self.fontMetrics().lineSpacing() * 2) + 2)

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        if e.oldSize().width() != e.size().width():
            self.updateGeometry()  # rewrapped: another height
