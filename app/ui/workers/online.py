"""Knowing whether Hugging Face can be reached, off the GUI thread (a DNS lookup can take
seconds offline). The check runs on a short-lived thread and is collected by a GUI timer, the
downloads' pattern; while offline it is asked again every half minute, so the welcome screen
and the picker notice when the connection comes back."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.models import hf_cache
from app.core.models.online import hub_reachable

RECHECK_MS = 30_000


class OnlineCheck(QObject):
    """Attributes:
        online: the last answer (None before the first one).

    Signals:
        changed(bool): the answer changed (or came for the first time).
    """

    changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.online: bool | None = False if hf_cache.is_offline() else None
        self._result: list[bool] = []  # the thread's answer (the thread never holds this QObject)
        self._running = False
        self._poll = QTimer(self)
        self._poll.setInterval(100)
        self._poll.timeout.connect(self._collect)
        self._again = QTimer(self)
        self._again.setSingleShot(True)
        self._again.setInterval(RECHECK_MS)
        self._again.timeout.connect(self.check)

    def check(self) -> None:
        """Ask now (unless a check is already running)."""
        if self._running:
            return
        self._running = True
        result: list[bool] = []
        self._result = result
        threading.Thread(target=_ask, args=(result,), name="online check", daemon=True).start()
        self._poll.start()

    def _collect(self) -> None:
        if not self._result:
            return
        self._poll.stop()
        self._running = False
        online = self._result[0]
        if not online:
            self._again.start()
        if online != self.online:
            self.online = online
            self.changed.emit(online)


def _ask(result: list[bool]) -> None:
    result.append(hub_reachable())
