"""Loading a model from the window: what the settings ask for goes to the worker, which plans
the load for this machine and falls back to the CPU (``core/inference/load_policy.py``); this
keeps what is loaded and tells the window."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from app.core.config.endpoints import Endpoint
from app.core.inference.events import ModelFacts
from app.core.inference.load_policy import LoadRequest
from app.core.settings import Settings


def load_request(s: Settings) -> LoadRequest:
    """A load with the user's settings as the general ones (a file's remembered defaults apply
    over them while those settings stand; ``load_policy``)."""
    return LoadRequest(base=s.load_config(), for_window=True, parallel=s.slots)


class ModelLoader(QObject):
    """Attributes:
        facts: the loaded model (None when none is). It stays while another file is being
            loaded, and after that load failed when the engine kept (or restored) it.

    Signals:
        request_load(str path, object LoadRequest): to the worker.
        request_remote(object Endpoint, str model): to the worker.
        started(str): a load began (the file's name).
        loaded(object ModelFacts)
        failed(str): why the load failed (``facts`` then says what is still loaded).
    """

    request_load = Signal(str, object)
    request_remote = Signal(object, str)
    started = Signal(str)
    loaded = Signal(object)
    failed = Signal(str)

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.facts: ModelFacts | None = None
        self.loading = False

    def load(self, path: str, n_ctx: int | None = None) -> None:
        """Load a model as the settings ask (``n_ctx``: this context instead, for this load)."""
        self.loading = True
        self.started.emit(Path(path).name)
        request = load_request(self.settings)
        self.request_load.emit(str(path), replace(request, n_ctx=n_ctx) if n_ctx else request)

    def load_remote(self, endpoint: Endpoint, model: str) -> None:
        self.loading = True
        self.started.emit(self.tr("{model} on {host}").format(model=model, host=endpoint.host))
        self.request_remote.emit(endpoint, model)

    @Slot(object)
    def on_loaded(self, facts: ModelFacts) -> None:
        self.loading = False
        self.facts = facts
        self.loaded.emit(facts)

    @Slot(str, object)
    def on_failed(self, message: str, still_loaded: ModelFacts | None) -> None:
        self.loading = False
        self.facts = still_loaded
        self.failed.emit(message)
