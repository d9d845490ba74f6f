"""Listing a project folder off the GUI thread (every file is read to tell text from binary), in
the attach reader's pattern: a daemon thread works on plain data and hands the listing back
through a queue, which a GUI timer empties, so the signal leaves from the GUI thread."""

from __future__ import annotations

import queue
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.code.project import Listing, scan

POLL_MS = 50


def _scan(root: Path, max_bytes: int, results: queue.SimpleQueue[Listing | str]) -> None:
    try:
        results.put(scan(root, max_bytes))
    except Exception as e:  # a folder that vanished mid-walk: a sentence, never a hang
        results.put(f"{type(e).__name__}: {e}")


class Scanner(QObject):
    """Signals: listed(object Listing), failed(str)"""

    listed = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._results: queue.SimpleQueue[Listing | str] = queue.SimpleQueue()
        self._pending = 0
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    def start(self, root: Path, max_bytes: int) -> None:
        threading.Thread(
            target=_scan, args=(root, max_bytes, self._results), name="r1desk-project", daemon=True
        ).start()
        self._pending += 1
        self._timer.start()

    def _poll(self) -> None:
        while True:
            try:
                result = self._results.get_nowait()
            except queue.Empty:
                break
            self._pending -= 1
            if isinstance(result, str):
                self.failed.emit(result)
            else:
                self.listed.emit(result)
        if self._pending <= 0:
            self._timer.stop()
