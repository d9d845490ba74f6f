"""Export a chat to Markdown or JSON and import a JSON export, through the file dialogs
(File ▸ Export chat as …, File ▸ Import chat…)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.core.chats import export
from app.core.chats.store import Store
from app.core.errors import StoreError
from app.ui.chat.controller import ChatController
from app.ui.text.core_text import say
from app.ui.text.i18n import translate


def export_chat(parent: QWidget, store: Store, cid: int, kind: str) -> str | None:
    """Ask where, write the chat there; the path written, or None when the user cancelled."""
    conv = store.conversation(cid)
    title = (conv.title if conv else translate("ChatFiles", "chat")).replace("/", "-")
    ext = "md" if kind == "md" else "json"
    path, _ = QFileDialog.getSaveFileName(
        parent, translate("ChatFiles", "Export chat"), str(Path.home() / f"{title}.{ext}")
    )
    if not path:
        return None
    if kind == "md":
        text = export.export_markdown(store, cid)
    else:
        text = json.dumps(export.export_json(store, cid), indent=2, ensure_ascii=False)
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as e:
        QMessageBox.warning(
            parent,
            translate("ChatFiles", "Export failed"),
            translate("ChatFiles", "Could not write {path}: {reason}.").format(path=path, reason=e.strerror or e),
        )
        return None
    return path


def import_chat(parent: QWidget, store: Store) -> int | None:
    """Ask for an export and add it; the new conversation's id, or None."""
    path, _ = QFileDialog.getOpenFileName(
        parent,
        translate("ChatFiles", "Import chat"),
        str(Path.home()),
        translate("ChatFiles", "R1 Desk chats (*.json)"),
    )
    if not path:
        return None
    try:
        return export.import_json(store, json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, RecursionError, StoreError) as e:
        QMessageBox.warning(parent, translate("ChatFiles", "Import failed"), say(str(e)))
        return None


class ChatFiles(QObject):
    """The File menu's export and import, for the chat on screen.

    Signals: notice(str, int): a status-bar message and how long it stays (ms).
    """

    notice = Signal(str, int)

    def __init__(self, window: QWidget, store: Store, controller: ChatController) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self.controller = controller

    def export_markdown(self) -> None:
        self._export("md")

    def export_json(self) -> None:
        self._export("json")

    def _export(self, kind: str) -> None:
        cid = self.controller.conversation_id
        if cid is None:
            self.notice.emit(self.tr("Open a chat to export it."), 4000)
            return
        path = export_chat(self.window, self.store, cid, kind)
        if path:
            self.notice.emit(self.tr("Exported to {path}.").format(path=path), 5000)

    def import_chat(self) -> None:
        cid = import_chat(self.window, self.store)
        if cid is not None:
            self.controller.conversations_changed.emit()
            self.controller.open_conversation(cid)
