"""A clean exit for the screenshot scripts (issue 17, item 13).

Qt objects must go before the QApplication, on the GUI thread, in the order Qt expects. Left to
the interpreter's exit, windows kept alive by a connection (a lambda that held its widget) were
destroyed by PySide's clean-up after the application, and the scripts ended in
``malloc_consolidate(): unaligned fastbin chunk detected``.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget


def dispose(*widgets: QWidget) -> None:
    """Close and delete these widgets now, on the GUI thread."""
    for w in widgets:
        w.close()
        w.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def leftover_windows() -> list[str]:
    """Top-level widgets still alive (apart from Qt's own popups): should be none at the end."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return []
    return [type(w).__name__ for w in app.topLevelWidgets() if type(w).__module__.startswith(("app.", "tests."))]
