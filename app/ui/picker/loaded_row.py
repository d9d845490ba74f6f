"""The picker marks the model that is loaded now and opens on it (it opened on the recommended
quantization, with nothing to say which file the window was using)."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from app.core.config.endpoints import Endpoint
from app.ui.picker.local_rows import LOCAL_ROLE
from app.ui.picker.remote_rows import REMOTE_ROLE
from app.ui.text.i18n import translate

STATE_COLUMN = 4


def mark_loaded(tree: QTreeWidget, path: str, endpoints: list[Endpoint]) -> QTreeWidgetItem | None:
    """Mark the row of the loaded model (a file's path, or a remote "model @ base URL"): bold,
    "loaded" in its last column ("opened · loaded"). Returns the row (None when it is not listed)."""
    if not path:
        return None
    urls = {e.name: e.base_url for e in endpoints}
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for j in range(top.childCount() if top is not None else 0):
            row = top.child(j) if top is not None else None
            if row is None:
                continue
            local, remote = row.data(0, LOCAL_ROLE), row.data(0, REMOTE_ROLE)
            here = local == path or (remote and f"{remote[1]} @ {urls.get(remote[0], '')}" == path)
            if here:
                font = row.font(0)
                font.setBold(True)
                row.setFont(0, font)
                kind = row.text(STATE_COLUMN)  # "opened", "downloaded" (local), "" (remote)
                loaded = translate("Picker", "loaded")
                row.setText(STATE_COLUMN, f"{kind} · {loaded}" if kind else loaded)
                row.setToolTip(STATE_COLUMN, translate("Picker", "The window uses this model now"))
                return row
    return None
