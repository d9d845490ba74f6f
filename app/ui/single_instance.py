"""One window per user: a second start hands its arguments to the running app and exits.

Two instances would write the same chats database and load two models. The running app
listens on a local socket (a named pipe on Windows); a new start that can connect sends its
model argument ("" for none) and quits.
"""

from __future__ import annotations

import getpass
import os
import zlib

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

TIMEOUT_MS = 500


def server_name() -> str:
    home = os.environ.get("R1DESK_HOME", "")  # tests and portable setups get their own instance
    suffix = f"-{zlib.crc32(home.encode()):08x}" if home else ""  # str hash() differs per process
    return f"r1desk-{getpass.getuser()}{suffix}"


def hand_over(model: str | None) -> bool:
    """True when another instance is running and took the request."""
    sock = QLocalSocket()
    sock.connectToServer(server_name())
    if not sock.waitForConnected(TIMEOUT_MS):
        return False
    sock.write((model or "").encode("utf-8") + b"\n")
    sock.flush()
    sock.waitForBytesWritten(TIMEOUT_MS)
    sock.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Signals: activated(str model): another start asked us to come forward (and load a model)."""

    activated = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        name = server_name()
        if not self.server.listen(name):
            QLocalServer.removeServer(name)  # a stale socket left by a crash
            self.server.listen(name)
        self.server.newConnection.connect(self._on_connection)

    def _on_connection(self) -> None:
        sock = self.server.nextPendingConnection()
        if sock is None:
            return
        sock.waitForReadyRead(TIMEOUT_MS)
        self.activated.emit(bytes(sock.readAll().data()).decode("utf-8", "replace").strip())
        sock.disconnectFromServer()
