"""Reading attached files and folders off the GUI thread: a big folder walk (thousands of files,
each read to check it is text) must not freeze the window. One daemon thread per request; the
result comes back as a queued signal, so it lands on the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.core.code.attach import attach
from app.core.errors import R1DeskError


class FileReader(QObject):
    """Signals:
    read(object list[Attachment]): what the paths brought (skips included).
    failed(str): a path could not be attached (the others still are, in ``read``).
    """

    read = Signal(object)
    failed = Signal(str)

    def start(self, paths: Sequence[str | Path], max_bytes: int) -> None:
        threading.Thread(target=self._run, args=(list(paths), max_bytes), name="r1desk-attach", daemon=True).start()

    def _run(self, paths: list[str | Path], max_bytes: int) -> None:
        out = []
        for p in paths:
            try:
                out.append(attach(p, max_bytes=max_bytes))
            except R1DeskError as e:
                self.failed.emit(str(e))
            except OSError as e:  # a folder that vanished mid-walk, a permission change
                self.failed.emit(f"Cannot attach {p}: {e.strerror or e}.")
        self.read.emit(out)
