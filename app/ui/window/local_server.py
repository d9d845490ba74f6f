"""The local API server inside the window: started and stopped from the settings, sharing the
worker's engine gate (so the window and the API take turns with one loaded model).

uvicorn runs on its own thread; nothing of the HTTP stack is imported until the server starts,
so a window with the server off starts as fast as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.core.errors import R1DeskError
from app.core.inference.gate import EngineGate, GateState
from app.core.inference.load_policy import LoadRequest
from app.ui.text.core_text import say


class LocalServer(QObject):
    """Attributes:
        url: the base URL while running ("" when stopped).
        key: the key clients must send ("" for none).

    Signals:
        state_changed(object GateState): who holds the model, how many wait (GUI thread).
        started(str url), stopped(), failed(str): the server's life.
        notice(str): something for the status bar (a model loaded for an API request), as the
            server wrote it (English: the window translates it with ``core_text.say``).
        logged(str): one line per finished request.
    """

    state_changed = Signal(object)
    started = Signal(str)
    stopped = Signal()
    failed = Signal(str)
    notice = Signal(str)
    logged = Signal(str)

    def __init__(
        self,
        gate: EngineGate,
        load_request: Callable[[], LoadRequest],
        parent: QObject | None = None,
        draft: Callable[[], bool] = lambda: True,
    ) -> None:
        super().__init__(parent)
        self.gate = gate
        self._load_request = load_request
        self._draft = draft  # the settings' speculative decoding, read per request
        self._server: Any = None
        self._config: tuple[int, str] | None = None
        self.url = ""
        self.key = ""
        # Called from whichever thread changed the gate; the signal crosses to the GUI thread.
        gate.subscribe(self._on_gate)

    def _on_gate(self, state: GateState) -> None:
        self.state_changed.emit(state)

    @property
    def running(self) -> bool:
        return self._server is not None

    def apply(self, enabled: bool, port: int, key: str) -> None:
        """Start, stop or restart to match the settings (nothing when they did not change)."""
        wanted = (port, key) if enabled else None
        if wanted == self._config and (wanted is None or self.running):
            return
        self.stop()
        if wanted is not None:
            self.start(port, key)

    def start(self, port: int, key: str) -> None:
        from app.server.config import ServerConfig
        from app.server.runner import Server
        from app.server.service import ApiService

        self._config = (port, key)
        service = ApiService(
            self.gate,
            self._load_request,
            on_log=lambda e: self.logged.emit(e.line()),
            on_notice=self.notice.emit,
            draft=self._draft,
        )
        try:
            server = Server(service, ServerConfig(port=port, api_key=key))
        except R1DeskError as e:
            self.failed.emit(self.tr("The local server could not start: {why}").format(why=say(str(e))))
            return
        server.start()
        self._server, self.url, self.key = server, server.url, key
        self.started.emit(self.url)

    def stop(self) -> None:
        """Stop the server; the API's running request is cancelled, the window's is not."""
        self._config = None
        server, self._server = self._server, None
        if server is not None:
            server.stop()
            self.url = ""
            self.stopped.emit()

    def model_id(self) -> str:
        """What a client should put in ``model`` for the loaded model."""
        from app.server.models import installed_models

        facts = self.gate.engine.facts
        entries = installed_models(facts.path if facts is not None else "")
        return entries[0].id if entries else "r1desk"
