"""Help ▸ Keyboard shortcuts, Help ▸ About (the app's, Qt's, llama.cpp's and the backend's
versions) and Help ▸ Open data folder. The shortcuts come from the commands table."""

from __future__ import annotations

import html
import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.core.config.paths import data_dir
from app.core.inference.events import BackendInfo
from app.ui.actions import shortcut_rows


class ShortcutsDialog(QDialog):
    """Every key the window knows, in a two-column table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        rows = shortcut_rows()
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels(["Keys", "What they do"])
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for i, (keys, what) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(keys))
            self.table.setItem(i, 1, QTableWidgetItem(what))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)
        lay.addWidget(buttons)
        self.resize(560, 520)


def about_text(backend: BackendInfo | None) -> str:
    """The About box's text: what runs the models, and every version that matters for a bug report."""
    if backend is None:
        engine = "The model process has not started yet."
    else:
        offload = "with GPU offload" if backend.gpu_offload else "CPU only"
        engine = (
            f"llama.cpp {html.escape(backend.llama_cpp or 'version unknown')} through llama-cpp-python "
            f"{html.escape(backend.llama_cpp_python)}<br>Backend: {html.escape(backend.name)} ({offload})"
        )
    return (
        f"<h3>R1 Desk {__version__}</h3>"
        "<p>DeepSeek-R1 reasoning models on your own computer.</p>"
        f"<p>{engine}<br>Qt for Python {pyside_version} · Python {platform.python_version()} · "
        f"{html.escape(platform.system())} {html.escape(platform.machine())}</p>"
        f"<p>Your chats and settings: {html.escape(str(data_dir()))}</p>"
    )


class AboutDialog(QDialog):
    def __init__(self, backend: BackendInfo | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About R1 Desk")
        self.text = QLabel(about_text(backend), self)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName("About R1 Desk")
        if backend is not None and backend.system_info:
            self.text.setToolTip(backend.system_info)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.text)
        lay.addWidget(buttons)
        self.resize(480, 260)


def open_data_folder() -> None:
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
