"""The first start: no model loaded and none on disk. The welcome names this machine's pick, and
"Download and start" fetches it and loads it when it lands. Offline, the welcome says so and
Download waits, disabled; a failed download says why and what is on disk, and offers Retry."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.core.models import hf_cache
from app.core.models.catalog import load_catalog
from app.core.models.fit import Recommendation, recommend
from app.core.models.hardware import Hardware
from app.core.models.installed import imported_models
from app.core.models.load_config import LoadConfig
from app.ui.chat.view import EmptyState
from app.ui.text.core_text import say
from app.ui.text.i18n import gb
from app.ui.workers.downloads import DownloadManager, DownloadState, kept_text


class FirstRun(QObject):
    """Attributes:
        recommended: this machine's pick, once the welcome was shown.
        online: whether Hugging Face can be reached (None: not known yet; assumed reachable).

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
        self.online: bool | None = None
        self._shown = False
        self._failed = ""

    def welcome(self, hardware: Hardware, config: LoadConfig | None = None) -> None:
        """Show the welcome when nothing is on disk yet (the pick judged as ``config`` would load it)."""
        if hf_cache.installed_files() or imported_models():
            return
        checked, _ = (config or LoadConfig()).checked()
        self.recommended = recommend(load_catalog(), hardware, checked.context(), checked)
        self._shown = True
        self._show()

    def set_online(self, online: bool) -> None:
        self.online = online
        if self._shown:
            self._show()

    def _label(self) -> str | None:
        rec = self.recommended
        return f"{rec.variant.model.name} {rec.variant.quant} ({gb(rec.variant.size)})" if rec else None

    def _show(self) -> None:
        offline = self.online is False
        self.empty.show_welcome(self._label(), offline=offline, failed=self._failed)
        if self.pending_key is not None:
            self.empty.download.setEnabled(False)  # running

    def download(self) -> None:
        """'Download and start' (or 'Retry download')."""
        if self.recommended is None:
            self.choose_requested.emit()
            return
        v = self.recommended.variant
        repo = v.model.repos[0]
        self.pending_key = v.key
        self._failed = ""
        self.downloads.start(v.key, repo.id, v.files(repo), label=f"{v.model.name} {v.quant}")
        self._show()
        self.notice.emit(self.tr("Downloading {model}…").format(model=f"{v.model.name} {v.quant}"))

    def on_finished(self, key: str, path: str) -> None:
        if key == self.pending_key:
            self.pending_key = None
            self._shown = False
            self.load_requested.emit(path)

    def on_failed(self, key: str, st: DownloadState) -> None:
        if key == self.pending_key:
            self.pending_key = None
            self._failed = f"{say(st.error)} {kept_text(st)}"
            self._show()

    def is_pending(self, key: str) -> bool:
        return key == self.pending_key
