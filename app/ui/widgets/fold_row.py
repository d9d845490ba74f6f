"""A row of controls on one line: when the line is full, the controls marked foldable give way
from the end and a "⋯" button offers them in its menu (which the row's owner fills, since only
it knows what each control means). At 800×600 and a 200 % font the composer's controls took four
lines, more than half the window; folded they take one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QMenu, QSizePolicy, QToolButton, QWidget

SPACING = 8


class FoldRow(QWidget):
    """Attributes:
    more: the "⋯" button (shown while something is folded); its menu is ``more.menu()``.
    folded: the foldable controls not on the line now, in their order.

    Signals: folded_changed(): another set of controls is folded.
    """

    folded_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lay = QHBoxLayout(self)
        self._lay.setContentsMargins(0, 0, 0, 0)
        self._lay.setSpacing(SPACING)
        self.more = QToolButton(self)
        self.more.setObjectName("MoreButton")
        self.more.setText("⋯")
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more.setMenu(QMenu(self.more))
        self.more.hide()
        self._items: list[tuple[QWidget, bool]] = []
        self._more_at = 0  # the "⋯" button's place: after the last foldable control
        self.folded: list[QWidget] = []
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def add(self, w: QWidget, foldable: bool = False) -> None:
        w.setParent(self)
        self._items.append((w, foldable))
        self._lay.addWidget(w)
        if foldable:
            self._more_at = len(self._items)

    def finish(self) -> None:
        """All controls are in: the "⋯" button goes after the foldable ones, then the space."""
        self._lay.insertWidget(self._more_at, self.more)
        self._lay.addStretch(1)
        self.refold()

    def _fixed(self) -> list[QWidget]:
        return [w for w, foldable in self._items if not foldable and not w.isHidden()]

    def _foldable(self) -> list[QWidget]:
        return [w for w, foldable in self._items if foldable]

    def _width(self, widgets: list[QWidget]) -> int:
        return sum(w.sizeHint().width() + SPACING for w in widgets)

    def refold(self) -> None:
        """Show the foldable controls that fit beside the others; the rest go behind "⋯"."""
        room = self.width()
        fixed = self._width(self._fixed())
        foldable = self._foldable()
        if fixed + self._width(foldable) <= room:
            shown = foldable
        else:
            room -= fixed + self.more.sizeHint().width() + SPACING
            shown = []
            for w in foldable:
                room -= w.sizeHint().width() + SPACING
                if room < 0:
                    break
                shown.append(w)
        folded = [w for w in foldable if w not in shown]
        changed = any(w.isHidden() == (w in shown) for w in foldable) or self.more.isHidden() == bool(folded)
        for w in foldable:
            w.setVisible(w in shown)
        self.more.setVisible(bool(folded))
        if changed:
            self._lay.activate()  # place them now, not at the next turn of the event loop
        if folded != self.folded:
            self.folded = folded
            self.updateGeometry()
            self.folded_changed.emit()

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        h = max((w.sizeHint().height() for w, _ in self._items), default=0)
        return QSize(self._width([w for w, f in self._items if f or not w.isHidden()]), h)

    def minimumSizeHint(self) -> QSize:
        """The controls that never fold, and "⋯": the row never holds the window wide."""
        h = max((w.sizeHint().height() for w, _ in self._items), default=0)
        return QSize(self._width(self._fixed()) + self.more.sizeHint().width(), h)

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self.refold()

    def event(self, e: QEvent) -> bool:
        if e.type() in (QEvent.Type.LayoutRequest, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.refold()  # a control's text or the font changed its width
        return super().event(e)

    def focus_order(self) -> list[QWidget]:
        """The controls and "⋯" in the order they are shown (for Tab)."""
        out = [w for w, _ in self._items]
        out.insert(self._more_at, self.more)
        return out

    def is_folded(self, w: QWidget) -> bool:
        return w in self.folded
