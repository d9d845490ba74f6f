"""What the window says about downloads: one status-bar line while any runs (cleared when none
does), a message when one lands, and when one fails, why and what is on disk. The first-run
welcome is told of both."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.ui.text.core_text import say
from app.ui.window.first_run import FirstRun
from app.ui.window.status_bar import StatusBar
from app.ui.workers.downloads import DownloadManager, kept_text
from app.ui.workers.online import OnlineCheck


class DownloadStatus(QObject):
    """Signals: notice(str, int): a status-bar message and how long it stays (ms)."""

    notice = Signal(str, int)

    def __init__(
        self,
        downloads: DownloadManager,
        first_run: FirstRun,
        online: OnlineCheck,
        status_bar: StatusBar,
        picker_shown: Callable[[], bool],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.downloads = downloads
        self.first_run = first_run
        self.online = online
        self.status_bar = status_bar
        self.picker_shown = picker_shown  # the picker says it itself while it is open
        self.window = window

    def show_summary(self, *_: object) -> None:
        self.status_bar.show_downloads(self.downloads.summary())

    def on_finished(self, key: str, path: str) -> None:
        self.notice.emit(self.tr("{name} downloaded and verified.").format(name=self.downloads.states[key].name), 6000)
        self.first_run.on_finished(key, path)

    def on_failed(self, key: str, message: str) -> None:
        st = self.downloads.states[key]
        pending = self.first_run.is_pending(key)
        self.first_run.on_failed(key, st)
        self.online.check()  # a failure may mean the connection went
        self.notice.emit(self.tr("The download of {name} failed.").format(name=st.name), 8000)
        if not pending and not self.picker_shown():
            QMessageBox.warning(self.window, self.tr("Download failed"), f"{say(message)}\n\n{kept_text(st)}")
