"""A page that scrolls instead of squeezing: at a large font (up to twice the system's) in a small
window, a settings tab or the picker's endpoints form is taller than the dialog. In a scroll area
each wrapped label keeps the height its text needs; Tab still reaches every control, and the
area scrolls to the focused one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def scroll_page(page: QWidget, parent: QWidget | None = None) -> QScrollArea:
    area = QScrollArea(parent)
    area.setObjectName("ScrollPage")
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop of its own: it follows the focus
    return area
