"""The first start: no model loaded and none on disk. The welcome names this machine's pick, and
"Download and start" fetches it and loads it when it lands."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.core.models import hf_cache
from app.core.models.catalog import load_catalog
from app.core.models.fit import Recommendation, recommend
from app.core.models.hardware import Hardware
from app.core.models.installed import imported_models
from app.ui.chat.view import EmptyState
from app.ui.workers.downloads import DownloadManager


class FirstRun(QObject):
    """Attributes:
        recommended: this machine's pick, once the welcome was shown.

    Signals:
        load_requested(str path): the pick arrived; load it.
        notice(str): for the status bar.
        choose_requested(): no pick; open the picker instead.
    """

    load_requested = Signal(str)
    notice = Signal(str)
    choose_requested = Signal()

    def __init__(self, empty: EmptyState, downloads: DownloadManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.empty = empty
        self.downloads = downloads
        self.recommended: Recommendation | None = None
        self.pending_key: str | None = None

    def welcome(self, hardware: Hardware) -> None:
        """Show the welcome when nothing is on disk yet."""
        if hf_cache.installed_files() or imported_models():
            return
        rec = recommend(load_catalog(), hardware)
        self.recommended = rec
        label = f"{rec.variant.model.name} {rec.variant.quant} ({rec.variant.size / 1e9:.1f} GB)" if rec else None
        self.empty.show_welcome(label, offline=hf_cache.is_offline())

    def download(self) -> None:
        """'Download and start'."""
        if self.recommended is None:
            self.choose_requested.emit()
            return
        v = self.recommended.variant
        repo = v.model.repos[0]
        self.pending_key = v.key
        self.downloads.start(v.key, repo.id, v.files(repo))
        self.empty.download.setEnabled(False)
        self.notice.emit(f"Downloading {v.model.name} {v.quant}…")

    def on_finished(self, key: str, path: str) -> None:
        if key == self.pending_key:
            self.pending_key = None
            self.load_requested.emit(path)

    def on_failed(self, key: str, _message: str) -> None:
        if key == self.pending_key:
            self.empty.download.setEnabled(True)

    def is_pending(self, key: str) -> bool:
        return key == self.pending_key
