"""The picker's "On this computer" group: every model file on this machine (downloads, files
opened with File ▸ Open, imports), each with Load and Remove, first in the list."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from app.core.errors import ModelFileError
from app.core.models import hf_cache, model_defaults
from app.core.models.gguf_header import GGUFInfo, read_gguf
from app.core.models.installed import LocalModel, forget, local_models
from app.core.models.naming import display_name
from app.ui.text.i18n import QT_TRANSLATE_NOOP, gb, number, translate

LOCAL_ROLE = Qt.ItemDataRole.UserRole + 2  # the file's path on a local model's row
KIND_TEXT = {"downloaded": QT_TRANSLATE_NOOP("Picker", "downloaded"), "opened": QT_TRANSLATE_NOOP("Picker", "opened")}


def _info(path: Path) -> GGUFInfo | None:
    try:
        return read_gguf(path)  # the header only: milliseconds
    except ModelFileError:
        return None


def add_local_rows(tree: QTreeWidget) -> None:
    """Put the group first (expanded), when there is anything on disk."""
    models = local_models()
    if not models:
        return
    top = QTreeWidgetItem([translate("Picker", "On this computer ({n})").format(n=len(models))])
    top.setData(0, Qt.ItemDataRole.UserRole, None)
    for m in models:
        info = _info(m.path)
        name = display_name(info) if info is not None else m.path.name
        quant = f" {info.quantization}" if info is not None and info.quantization != "unknown" else ""
        it = QTreeWidgetItem([f"{name}{quant}", gb(m.size), "", "", translate("Picker", KIND_TEXT[m.kind])])
        it.setData(0, Qt.ItemDataRole.UserRole, None)
        it.setData(0, LOCAL_ROLE, str(m.path))
        it.setToolTip(0, str(m.path))
        top.addChild(it)
    tree.insertTopLevelItem(0, top)
    top.setExpanded(True)


def local_of(item: QTreeWidgetItem | None) -> LocalModel | None:
    """The local model a row stands for (None for other rows, or a file that went away)."""
    data = item.data(0, LOCAL_ROLE) if item is not None else None
    if not data:
        return None
    return next((m for m in local_models() if str(m.path) == data), None)


def local_card(m: LocalModel) -> tuple[str, str]:
    """The card's title and text for a model on disk."""
    info = _info(m.path)
    file = _field(translate("Picker", "File"), escape(str(m.path)))
    if info is None:
        return m.path.name, translate("Picker", "This file cannot be read as a GGUF model.") + f"<br><br>{file}"
    where = (
        translate("Picker", "Downloaded from {repo} (the Hugging Face cache).").format(repo=f"<b>{escape(m.repo)}</b>")
        if m.kind == "downloaded"
        else translate("Picker", "Opened from disk; Remove only takes it off this list.")
    )
    facts = [
        _field(translate("Picker", "Architecture"), escape(info.architecture)),
        _field(translate("Picker", "Quantization"), escape(info.quantization)),
    ]
    if info.context_length:
        tokens = translate("Picker", "{n} tokens").format(n=number(info.context_length))
        facts.append(_field(translate("Picker", "Context"), tokens))
    size = _field(translate("Picker", "Size"), gb(m.size, 2))
    entry = model_defaults.remembered(m.path)
    memory = (
        "<br>"
        + translate("Picker", "Last load: estimated {estimate}, used {used}.").format(
            estimate=gb(entry.estimate), used=gb(entry.used)
        )
        if entry is not None and entry.used
        else ""
    )
    return display_name(info), f"{where}<br><br>{' · '.join(facts)}<br>{size}{memory}<br>{file}"


def _field(name: str, value: str) -> str:
    return f"<b>{name}</b> {value}"


def remove_label(m: LocalModel) -> str:
    return translate("Picker", "Delete") if m.kind == "downloaded" else translate("Picker", "Remove from list")


def remove_question(m: LocalModel) -> str:
    if m.kind == "downloaded":
        return translate("Picker", "Delete {file} ({size}) from this computer?").format(
            file=m.path.name, size=gb(m.size)
        )
    return translate("Picker", "Take {file} off the list? The file itself stays where it is.").format(file=m.path.name)


def remove(m: LocalModel) -> None:
    """Delete a download (its cache entry), or forget an opened file."""
    if m.kind == "downloaded":
        snapshot = m.path.parent
        while snapshot.parent.name != "snapshots" and snapshot != snapshot.parent:
            snapshot = snapshot.parent
        hf_cache.remove(m.repo, m.path.relative_to(snapshot).as_posix())
    else:
        forget(m.path)
