"""Files and folders dropped on the window become attachments.

An event filter, not a drop handler on one widget: a drop lands on whatever widget is under the
pointer, and the prompt (a text edit) would otherwise take a dropped file as text, its path.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QWidget


def local_paths(event: QDropEvent) -> list[str]:
    """The local files and folders a drag carries (drag-enter and drag-move events are drop events)."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]


class FileDropFilter(QObject):
    """Signals:
    dropped(list[str]): local files or folders dropped on a watched widget.
    hovering(): files are being dragged over it.
    """

    dropped = Signal(list)
    hovering = Signal()

    def __init__(self, parent: QObject, widgets: Sequence[QWidget]) -> None:
        super().__init__(parent)
        for w in widgets:
            w.setAcceptDrops(True)
            w.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(event, QDropEvent):
            if local_paths(event):
                event.acceptProposedAction()
                if kind == QEvent.Type.DragEnter:
                    self.hovering.emit()
                return True
        elif kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            paths = local_paths(event)
            if paths:
                event.acceptProposedAction()
                self.dropped.emit(paths)
                return True
        return super().eventFilter(watched, event)
