"""What the window tells screen readers beyond names and descriptions: announcements.

A streaming answer is not read out token by token (nothing is announced while it streams);
when it ends, one announcement says so and gives its start, and the screen reader's user can
then move to the answer (Ctrl+J) to read all of it. Qt 6.8 and later have a polite
announcement event for this; older versions get a name change on the answer, which screen
readers also read.
"""

from __future__ import annotations

import itertools

from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QWidget

try:
    from PySide6.QtGui import QAccessibleAnnouncementEvent
except ImportError:  # Qt < 6.8
    QAccessibleAnnouncementEvent = None  # type: ignore[assignment,misc]

ANNOUNCE_CHARS = 400  # how much of an answer the announcement reads; the rest is in the answer itself


def shorten(text: str, limit: int = ANNOUNCE_CHARS) -> str:
    """The start of ``text`` on one line, cut at a word and marked with … when it goes on."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + "…"


def announce(widget: QWidget, message: str) -> None:
    """Have screen readers say ``message`` (politely: after what they are saying now)."""
    event: QAccessibleEvent
    if QAccessibleAnnouncementEvent is not None:
        announcement = QAccessibleAnnouncementEvent(widget, message)
        announcement.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
        event = announcement
    else:
        widget.setAccessibleName(message)
        event = QAccessibleEvent(widget, QAccessible.Event.NameChanged)
    _send(event)


def _send(event: QAccessibleEvent) -> None:
    """The one door to the accessibility framework (tests listen here)."""
    QAccessible.updateAccessibility(event)


def tab_chain(*widgets: QWidget) -> None:
    """Tab visits ``widgets`` in this order (reading order). Qt's own order is the order the
    widgets were made in, which is not always the order they are shown in."""
    for a, b in itertools.pairwise(widgets):
        QWidget.setTabOrder(a, b)
