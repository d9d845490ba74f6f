"""What the window shows of the model loader: the status bar, whether the chat can send, and
the empty chat's hint. A failed load that kept (or brought back) the working model says so and
leaves everything as it was; only a failure with nothing loaded shows "No model"."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.inference.events import ModelFacts
from app.ui.chat import composer_state
from app.ui.chat.controller import ChatController
from app.ui.chat.view import EmptyState
from app.ui.text.core_text import say
from app.ui.text.i18n import number, translate
from app.ui.window.model_loader import ModelLoader
from app.ui.window.status_bar import StatusBar


def server_limits(engine: object) -> tuple[str, str]:
    """What the engine's server cannot do, as the notices to show (both empty for a local model)."""
    think = (
        ""
        if getattr(engine, "can_skip_thinking", True)
        else translate(
            "Chat", "This server decides whether the model thinks: Deep Thinking off cannot be passed to it."
        )
    )
    answer = (
        ""
        if getattr(engine, "can_answer_now", True)
        else translate(
            "Chat", "This server cannot turn a reasoning into an answer midway: Answer now stopped it instead."
        )
    )
    return think, answer


class ModelStatus(QObject):
    """Signals:
    local_loaded(str path): a model file finished loading (the window remembers it).
    notice(str, int): a status-bar message and how long it stays (ms).
    """

    local_loaded = Signal(str)
    notice = Signal(str, int)

    def __init__(
        self,
        loader: ModelLoader,
        status_bar: StatusBar,
        controller: ChatController,
        empty: EmptyState,
        limits: Callable[[], tuple[str, str]],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.loader = loader
        self.status_bar = status_bar
        self.controller = controller
        self.empty = empty
        self.limits = limits  # what the engine's server cannot do (remote engines)
        self.window = window

    def on_started(self, name: str) -> None:
        self.controller.model_ready = False
        self.status_bar.show_loading(name)

    def on_loaded(self, facts: ModelFacts) -> None:
        self.show(facts)
        if not facts.backend.startswith("remote"):
            self.local_loaded.emit(facts.path)
        self.notice.emit(
            self.tr("{model} loaded in {seconds} s.").format(model=facts.name, seconds=number(facts.load_seconds, 1)),
            5000,
        )

    def show(self, facts: ModelFacts) -> None:
        self.status_bar.show_model(facts)
        self.status_bar.show_context(self.controller.session.context_used())
        self.controller.model_name = facts.name
        self.controller.live.n_ctx = facts.n_ctx
        composer_state.show_idle(self.controller.composer, False)  # a new model: not known yet whether it reasons
        self.controller.model_ready = True
        self.controller.set_server_limits(*self.limits())
        host = ""
        if facts.backend.startswith("remote"):  # its path is "model @ base URL"
            host = urlsplit(facts.path.rpartition(" @ ")[2]).netloc or facts.backend.removeprefix("remote: ")
        self.empty.set_hint(facts.name or facts.path, host)

    def on_failed(self, message: str) -> None:
        kept = self.loader.facts
        message = say(message)
        if kept is not None:  # the model that worked is still loaded
            self.show(kept)
            message = self.tr("{message}\n\n{model} is still loaded.").format(message=message, model=kept.name)
        else:
            self.controller.model_ready = False
            self.status_bar.show_no_model()
            self.empty.set_hint()
        QMessageBox.warning(self.window, self.tr("The model could not be loaded"), message)
