"""The picker's "Add from Hugging Face…": a repository's GGUF files, one of them downloaded."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from app.ui.text.core_text import say
from app.ui.text.i18n import gb, translate


@dataclass(frozen=True)
class HubChoice:
    key: str
    repo: str
    files: list[str]


def ask_for_hub_file(parent: QWidget) -> HubChoice | None:
    """Ask for a repository, list its GGUF files (split files as one), and return the choice."""
    from app.core.errors import R1DeskError
    from app.core.models import hub
    from app.core.models.catalog import group_parts, quant_of

    text, ok = QInputDialog.getText(
        parent,
        translate("AddFromHub", "Add from Hugging Face"),
        translate("AddFromHub", "Repository id or URL (org/name):"),
    )
    if not ok or not text.strip():
        return None
    try:
        files = hub.list_gguf_files(text)
    except R1DeskError as e:
        QMessageBox.warning(parent, translate("AddFromHub", "Cannot list that repository"), say(str(e)))
        return None
    repo = files[0].repo
    groups = group_parts([f.path for f in files])
    sizes = {f.path: f.size or 0 for f in files}
    labels = [
        f"{g[0]}  ({quant_of(g[0])}, {gb(sum(sizes[p] for p in g), 2)}"
        + (", " + translate("AddFromHub", "{n} parts").format(n=len(g)) + ")" if len(g) > 1 else ")")
        for g in groups
    ]
    choice, ok = QInputDialog.getItem(
        parent,
        translate("AddFromHub", "GGUF files in {repo}").format(repo=repo),
        translate("AddFromHub", "Download:"),
        labels,
        0,
        False,
    )
    if not ok:
        return None
    group = groups[labels.index(choice)]
    return HubChoice(f"{repo}/{group[0]}", repo, group)
