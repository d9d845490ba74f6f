"""The status bar's local-server indicator: the URL, who holds the model ("API request running",
"2 queued"), and a menu to copy the URL or a ready-to-paste configuration. A thin view."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from app.core.inference.gate import GateState
from app.server import snippets


class ServerIndicator(QToolButton):
    """Attributes: copy_actions (name -> QAction, for tests).

    Signals:
        settings_requested(): open Settings → Local server.
        copied(str): what was copied, for the status bar.
    """

    settings_requested = Signal()
    copied = Signal(str)

    def __init__(self, model_id: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ServerIndicator")
        self.setAutoRaise(True)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setAccessibleName(self.tr("Local API server"))
        self._model_id = model_id
        self.url = ""
        self.key = ""
        self._state = GateState()
        self._short = False  # in a narrow window: "API" alone (the address is in the tooltip and menu)
        self._forwards_to = ""  # the window's model runs there: the API forwards requests to it
        menu = QMenu(self)
        self.address = menu.addAction("")
        self.address.setEnabled(False)
        menu.addSeparator()
        self.copy_actions: dict[str, QAction] = {}
        for name, label in (
            ("url", self.tr("Copy URL")),
            ("continue", self.tr("Copy Continue config (config.yaml)")),
            ("aider", self.tr("Copy aider command")),
            ("curl", self.tr("Copy curl command (streams the reasoning)")),
        ):
            action = menu.addAction(label)
            action.triggered.connect(lambda _=False, n=name: self.copy(n))
            self.copy_actions[name] = action
        menu.addSeparator()
        menu.addAction(self.tr("Local server settings…")).triggered.connect(self.settings_requested)
        self.setMenu(menu)
        self.hide()

    def snippet(self, name: str) -> str:
        model = self._model_id()
        return {
            "url": lambda: self.url,
            "continue": lambda: snippets.continue_config(self.url, model, self.key),
            "aider": lambda: snippets.aider_command(self.url, model, self.key),
            "curl": lambda: snippets.curl_command(self.url, model, self.key),
        }[name]()

    def copy(self, name: str) -> None:
        QGuiApplication.clipboard().setText(self.snippet(name))
        self.copied.emit(
            {
                "url": self.tr("URL copied."),
                "continue": self.tr("Continue config copied."),
                "aider": self.tr("aider command copied."),
                "curl": self.tr("curl command copied."),
            }[name]
        )

    def show_running(self, url: str, key: str) -> None:
        self.url, self.key = url, key
        self.address.setText(url + ("  " + self.tr("(key required)") if key else ""))
        self.show()
        self._refresh()

    def show_failed(self, message: str) -> None:
        self.url = ""
        self.setText(self.tr("API off"))
        self.setToolTip(message)
        self.show()

    def show_stopped(self) -> None:
        self.url = ""
        self.hide()

    def show_state(self, state: GateState) -> None:
        self._state = state
        if self.url:
            self._refresh()

    def state_text(self, state: GateState) -> str:
        """The indicator's short phrase for who holds the model."""
        if state.beside:  # a model with slots: answers side by side (the window's among them or not)
            n = state.beside + 1
            if state.waiting:
                return self.tr("{n} answers running · {q} queued").format(n=n, q=state.waiting)
            return self.tr("{n} answers running").format(n=n)
        if state.running == "api":
            if state.window_waiting:
                return self.tr("API request running · your answer is queued")
            if state.waiting:
                return self.tr("API request running · {n} queued").format(n=state.waiting)
            return self.tr("API request running")
        if state.running == "window" and state.waiting:
            return self.tr("%n API request(s) queued", "", state.waiting)
        return ""

    def set_short(self, short: bool) -> None:
        """Without the address when the status bar is narrow: never an address cut in two."""
        if short != self._short:
            self._short = short
            if self.url:
                self._refresh()

    def set_forwarding(self, host: str) -> None:
        """The window's model is a remote one on ``host`` ("": a local one)."""
        if host != self._forwards_to:
            self._forwards_to = host
            if self.url:
                self._refresh()

    def _refresh(self) -> None:
        host = urlsplit(self.url).netloc
        busy = self.state_text(self._state)
        text = "API" if self._short else f"API {host}"
        if self._forwards_to:
            text += " → " + self._forwards_to  # what editors send leaves this machine
        self.setText(text + (f" · {busy}" if busy else ""))
        tip = self.tr("OpenAI-compatible API at {url}\nClick for the URL and ready-to-paste configurations.").format(
            url=self.url
        )
        if self._forwards_to:
            tip += "\n" + self.tr(
                "The model runs on {host}: requests to this API are forwarded there, so what they send leaves "
                "this computer."
            ).format(host=self._forwards_to)
        self.setToolTip(tip)
        self.setAccessibleDescription(self.toolTip())
