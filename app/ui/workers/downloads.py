"""Downloads in the background, several at once, reported as signals.

Each pull runs on its own Python thread (huggingface_hub's calls block); progress is kept in a
thread-safe snapshot and polled by a GUI timer, which throttles updates for free (Anki's
pattern). Cancel is a flag per download; a cancelled or failed download keeps its bytes and
resumes when started again. The manager belongs to the main window, so closing the picker
leaves downloads running.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.errors import DownloadCancelled, R1DeskError
from app.ui.text.i18n import gb, number, translate


@dataclass
class DownloadState:
    key: str
    repo: str
    files: list[str]
    done: int = 0
    total: int = 0
    speed_bps: float = 0.0
    eta_s: float | None = None
    status: str = "running"  # running / done / cancelled / failed
    error: str = ""
    path: Path | None = None
    cancel: threading.Event = field(default_factory=threading.Event)
    label: str = ""  # what the user calls it ("DeepSeek-R1-Distill-Qwen-1.5B Q4_K_M")
    kept: int = 0  # bytes on disk after a failed or cancelled download (what Retry resumes from)

    @property
    def name(self) -> str:
        return self.label or self.key


def kept_text(st: DownloadState) -> str:
    """What is on disk after a failure or cancel, in one sentence."""
    if not st.kept:
        return translate("Downloads", "Nothing was downloaded yet.")
    if st.total:
        return translate("Downloads", "{kept} of {total} is on disk; the download resumes from there.").format(
            kept=gb(st.kept, 2), total=gb(st.total, 2)
        )
    return translate("Downloads", "{kept} is on disk; the download resumes from there.").format(kept=gb(st.kept, 2))


class DownloadManager(QObject):
    """Signals:
    progress(str key, object DownloadState): at most every 200 ms while running.
    finished(str key, str path): verified and installed.
    failed(str key, str message): why, with the next step; the partial data is kept.
    cancelled(str key)
    changed(): a download started or ended (for a status-bar summary).
    """

    progress = Signal(str, object)
    finished = Signal(str, str)
    failed = Signal(str, str)
    cancelled = Signal(str)
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.states: dict[str, DownloadState] = {}
        self._lock = threading.Lock()
        self._reported: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self._poll)

    def start(self, key: str, repo: str, files: list[str], label: str = "") -> None:
        if key in self.states and self.states[key].status == "running":
            return
        st = DownloadState(key, repo, files, label=label)
        with self._lock:
            self.states[key] = st
        self._reported.discard(key)
        # The thread gets the state only, never the manager: a thread holding the last reference
        # to a QObject deletes it on that thread when it ends, and the QTimer inside was then
        # left registered with the GUI thread, which fired it into freed memory (issue 17, 13).
        threading.Thread(target=_download, args=(st,), name=f"download {key}", daemon=True).start()
        self._timer.start()
        self.changed.emit()

    def cancel(self, key: str) -> None:
        st = self.states.get(key)
        if st is not None:
            st.cancel.set()

    def running(self) -> list[DownloadState]:
        return [s for s in self.states.values() if s.status == "running"]

    def summary(self) -> str:
        """The running downloads in one line for the status bar ("" when none runs)."""
        running = self.running()
        if not running:
            return ""
        done = sum(s.done for s in running)
        total = sum(s.total for s in running)
        speed = sum(s.speed_bps for s in running)
        names = ", ".join(s.name for s in running)
        if not total:
            return self.tr("Downloading {names}: connecting…").format(names=names)
        return self.tr("Downloading {names}: {percent}% · {speed} MB/s").format(
            names=names, percent=number(100 * done / total), speed=number(speed / 1e6, 1)
        )

    def _poll(self) -> None:
        for key, st in list(self.states.items()):
            if key in self._reported:
                continue
            self.progress.emit(key, st)
            if st.status == "running":
                continue
            self._reported.add(key)
            if st.status == "done":
                self.finished.emit(key, str(st.path))
            elif st.status == "cancelled":
                self.cancelled.emit(key)
            else:
                self.failed.emit(key, st.error)
            self.changed.emit()
        if not self.running():
            self._timer.stop()


def _download(st: DownloadState) -> None:
    """A download's thread: pull, and leave the outcome in ``st`` for the manager's poll."""
    from app.core.models import hub  # huggingface_hub: imported when first needed, not at start-up

    def on_progress(p: hub.DownloadProgress) -> None:
        st.done, st.total, st.speed_bps, st.eta_s = p.done, p.total, p.speed_bps, p.eta_s

    try:
        paths = hub.pull(st.repo, st.files, progress=on_progress, cancel=st.cancel)
        st.path = paths[0]
        st.done = st.total = max(st.total, st.done)
        st.status = "done"
    except DownloadCancelled:
        st.kept, st.status = _kept(st), "cancelled"
    except R1DeskError as e:
        st.error, st.kept, st.status = str(e), _kept(st), "failed"
    except Exception as e:  # an unexpected fault must still reach the user
        st.error, st.kept, st.status = f"{type(e).__name__}: {e}", _kept(st), "failed"


def _kept(st: DownloadState) -> int:
    """Bytes of unfinished files on disk (what the next start resumes from)."""
    from app.core.models import hf_cache

    try:
        return sum(hf_cache.partial_bytes(st.repo, f) for f in st.files)
    except OSError:
        return 0
