"""Reading attached files and folders off the GUI thread: a big folder walk (thousands of files,
each read to check it is text) must not freeze the window.

One daemon thread per request works on plain data (paths in; attachments and error sentences
out, through a queue) and never touches a QObject; a GUI timer collects the results while any
are pending (the downloads' pattern), so the signals leave from the GUI thread.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.code.attach import Attachment, attach
from app.core.errors import R1DeskError
from app.ui.text.i18n import translate

POLL_MS = 50

_Result = tuple[list[Attachment], list[str]]


def _read(paths: list[str | Path], max_bytes: int, results: queue.SimpleQueue[_Result], base: Path | None) -> None:
    out: list[Attachment] = []
    problems: list[str] = []
    for p in paths:
        try:
            out.append(attach(p, max_bytes=max_bytes, base=base))
        except R1DeskError as e:
            problems.append(str(e))
        except Exception as e:  # a folder that vanished mid-walk; any surprise: a sentence, never a hang
            why = (e.strerror or str(e)) if isinstance(e, OSError) else f"{type(e).__name__}: {e}"
            # translate() is thread-safe: it reads the installed catalogues
            problems.append(translate("Attach", "Cannot attach {path}: {why}.").format(path=p, why=why))
    results.put((out, problems))


class FileReader(QObject):
    """Signals:
    read(object list[Attachment]): what the paths brought (skips included).
    failed(str): a path could not be attached (the others still are, in ``read``).
    """

    read = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._results: queue.SimpleQueue[_Result] = queue.SimpleQueue()
        self._pending = 0
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    def start(self, paths: Sequence[str | Path], max_bytes: int, base: Path | None = None) -> None:
        """Read ``paths`` (relative paths from ``base``, the chat's project folder, when they lie in it)."""
        args = (list(paths), max_bytes, self._results, base)
        threading.Thread(target=_read, args=args, name="r1desk-attach", daemon=True).start()
        self._pending += 1
        self._timer.start()

    def _poll(self) -> None:
        while True:
            try:
                attachments, problems = self._results.get_nowait()
            except queue.Empty:
                break
            self._pending -= 1
            for text in problems:
                self.failed.emit(text)
            self.read.emit(attachments)
        if self._pending <= 0:
            self._timer.stop()
