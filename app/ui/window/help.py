"""Help ▸ Keyboard shortcuts, Help ▸ About (the app's, Qt's, llama.cpp's and the backend's
versions) and Help ▸ Open data folder. The shortcuts come from the commands table."""

from __future__ import annotations

import html
import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QSize, Qt, QUrl
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
from app.ui.text.i18n import translate
from app.ui.widgets.placement import place
from app.ui.window.actions import shortcut_rows


class ShortcutsDialog(QDialog):
    """Every key the window knows, in a two-column table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = shortcut_rows()
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("What they do")])
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setAccessibleDescription(self.tr("Every key the window knows, and what it does"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the Close button
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
        place(self, QSize(560, 520))


def about_text(backend: BackendInfo | None) -> str:
    """The About box's text: what runs the models, and every version that matters for a bug report."""
    if backend is None:
        engine = translate("About", "The model process has not started yet.")
    else:
        offload = translate("About", "with GPU offload") if backend.gpu_offload else translate("About", "CPU only")
        engine = translate(
            "About", "llama.cpp {llama_cpp} through llama-cpp-python {version}<br>Backend: {backend} ({offload})"
        ).format(
            llama_cpp=html.escape(backend.llama_cpp or translate("About", "version unknown")),
            version=html.escape(backend.llama_cpp_python),
            backend=html.escape(backend.name),
            offload=offload,
        )
    tagline = translate("About", "DeepSeek-R1 reasoning models on your own computer.")
    return (
        f"<h3>R1 Desk {__version__}</h3>"
        f"<p>{tagline}</p>"
        f"<p>{engine}<br>Qt for Python {pyside_version} · Python {platform.python_version()} · "
        f"{html.escape(platform.system())} {html.escape(platform.machine())}</p>"
        "<p>"
        + translate("About", "Your chats and settings: {folder}").format(folder=html.escape(str(data_dir())))
        + "</p>"
    )


class AboutDialog(QDialog):
    def __init__(self, backend: BackendInfo | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About R1 Desk"))
        self.text = QLabel(about_text(backend), self)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setObjectName("SelectableText")
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setAccessibleName(self.tr("About R1 Desk"))
        self.text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a screen reader's user can Tab to the text
        if backend is not None and backend.system_info:
            self.text.setToolTip(backend.system_info)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.text)
        lay.addWidget(buttons)
        place(self, QSize(480, 260))


def open_data_folder() -> None:
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
