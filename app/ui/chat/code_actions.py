"""A code block's "Save as…": a save dialog offering the name the answer suggests, then one clear
sentence if the file cannot be written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.ui.text.i18n import translate


def save_code(parent: QWidget, code: str, name: str, folder: Path) -> Path | None:
    """Ask where (offering ``folder``/``name``), write the code there; the path written, or None
    when the user cancelled or it could not be written (said in a message box)."""
    path, _ = QFileDialog.getSaveFileName(parent, translate("Code", "Save code as"), str(folder / Path(name).name))
    if not path:
        return None
    try:
        Path(path).write_text(code if code.endswith("\n") else code + "\n", encoding="utf-8")
    except OSError as e:
        why = e.strerror or str(e)
        text = translate("Code", "Could not write {path}: {why}.").format(path=path, why=why)
        QMessageBox.warning(parent, translate("Code", "Not saved"), text)
        return None
    return Path(path)
