"""Where a window opens: within the screen's available area, whatever size the code prefers.

An 800×600 screen cannot show a 1180×780 window: its composer, Send and "Open GGUF file…"
(the only way in offline) were off-screen. So every window asks for its preferred size and gets
at most what the screen it opens on has free (less room for a title bar), centred there (a
dialog over its parent). The main window comes back where it was left when that place still
fits a screen; the place is kept in the settings as "x,y,width,height" (``geometry_text``).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

FRAME = QSize(16, 40)  # a window manager's frame and title bar, before the window knows its own


def available(widget: QWidget) -> QRect:
    """The free area of the screen the widget is on (or will open on): no panels, no docks."""
    parent = widget.parentWidget()
    screen: QScreen | None = (parent.screen() if parent is not None else None) or widget.screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 800)


def fitted(preferred: QSize, room: QRect) -> QSize:
    """The preferred size, shrunk to fit ``room`` with its frame."""
    return QSize(
        max(1, min(preferred.width(), room.width() - FRAME.width())),
        max(1, min(preferred.height(), room.height() - FRAME.height())),
    )


def parse(text: str) -> QRect | None:
    """ "x,y,width,height" as saved by ``geometry_text`` (None for anything else)."""
    try:
        x, y, w, h = (int(v) for v in text.split(","))
    except ValueError:
        return None
    return QRect(x, y, w, h) if w > 0 and h > 0 else None


def geometry_text(widget: QWidget) -> str:
    """The window's place and size, to restore at the next start."""
    g = widget.normalGeometry() if widget.isMaximized() else widget.geometry()
    return f"{g.x()},{g.y()},{g.width()},{g.height()}"


def still_fits(rect: QRect, minimum: QSize) -> bool:
    """A saved place is used again only when a screen still shows all of it (a screen that was
    unplugged, or a smaller one, would leave the window out of reach) and it is not below the
    window's minimum size."""
    if rect.width() < minimum.width() or rect.height() < minimum.height():
        return False
    return any(s.availableGeometry().contains(rect) for s in QGuiApplication.screens())


def place(widget: QWidget, preferred: QSize, saved: str = "") -> None:
    """Size and move ``widget`` before it is shown: the saved place when it still fits, else the
    preferred size within the screen, centred (over the parent for a dialog)."""
    room = available(widget)
    minimum = widget.minimumSize()
    if minimum.width() > room.width() - FRAME.width() or minimum.height() > room.height() - FRAME.height():
        widget.setMinimumSize(fitted(minimum, room))  # a screen smaller than the minimum
    rect = parse(saved) if saved else None
    if rect is not None and still_fits(rect, widget.minimumSize()):
        widget.setGeometry(rect)
        return
    size = fitted(preferred, room)
    widget.resize(size)
    parent = widget.parentWidget()
    centre = parent.window().geometry().center() if parent is not None and parent.isVisible() else room.center()
    top_left = centre - QPoint(size.width() // 2, size.height() // 2)
    # Keep the title bar on the screen: a parent near an edge would push a dialog off it.
    x = min(max(top_left.x(), room.left()), room.right() - size.width() - FRAME.width() + 1)
    y = min(max(top_left.y(), room.top()), room.bottom() - size.height() - FRAME.height() + 1)
    widget.move(max(x, room.left()), max(y, room.top()))
