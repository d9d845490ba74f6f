"""A layout that wraps its widgets onto further lines when a line is full (Qt's flow-layout
example, with height-for-width), so a row of controls fits a narrow window instead of forcing
it wider: the composer's controls and the welcome screen's buttons."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget, QWidgetItem


class FlowLayout(QLayout):
    """Items left to right, wrapping; ``centre`` centres each line."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 8, centre: bool = False) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._centre = centre
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def add(self, w: QWidget) -> None:
        self.addChildWidget(w)
        self.addItem(QWidgetItem(w))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        """All on one line."""
        visible = [i for i in self._items if not i.isEmpty()]
        w = sum(i.sizeHint().width() for i in visible) + self._spacing * max(0, len(visible) - 1)
        h = max((i.sizeHint().height() for i in visible), default=0)
        m = self.contentsMargins()
        return QSize(w + m.left() + m.right(), h + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """As narrow as the widest single item."""
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _arrange(self, rect: QRect, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint().boundedTo(QSize(area.width(), 10**6)).expandedTo(item.minimumSize())
            if lines[-1] and x + hint.width() > area.width():
                lines.append([])
                x = 0
            lines[-1].append((item, hint))
            x += hint.width() + self._spacing
        y = area.y()
        for line in lines:
            if not line:
                continue
            height = max(h.height() for _, h in line)
            used = sum(h.width() for _, h in line) + self._spacing * (len(line) - 1)
            x = area.x() + ((area.width() - used) // 2 if self._centre else 0)
            for item, hint in line:
                if apply:
                    top = y + (height - hint.height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), hint))
                x += hint.width() + self._spacing
            y += height + self._spacing
        return max(0, y - self._spacing - area.y()) + m.top() + m.bottom()


def wrapping_row(parent: QWidget, widgets: tuple[QWidget, ...] | list[QWidget], centre: bool = False) -> QWidget:
    """A row of ``widgets`` that wraps onto further lines, height for width, so a narrow window
    (a large font, long German words) gets more lines instead of being held wider."""
    row = QWidget(parent)
    flow = FlowLayout(row, centre=centre)
    for w in widgets:
        w.setParent(row)
        flow.add(w)
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    row.setSizePolicy(policy)
    return row
