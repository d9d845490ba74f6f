"""The picker's catalog rows: a group per model, a row per quantization with its size, memory
at the chosen context, fit badge (coloured for the theme in use) and state."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from app.core.models.catalog import CatalogModel, Variant
from app.core.models.fit import Fit
from app.core.models.installed import installed_path
from app.ui.text.core_text import say
from app.ui.text.i18n import QT_TRANSLATE_NOOP, gb, params, translate
from app.ui.workers.downloads import DownloadState

BADGE_TEXT = {
    "gpu": QT_TRANSLATE_NOOP("Picker", "GPU"),
    "partial": QT_TRANSLATE_NOOP("Picker", "partial offload"),
    "cpu": QT_TRANSLATE_NOOP("Picker", "CPU only"),
    "too_large": QT_TRANSLATE_NOOP("Picker", "too large"),
}


def badge_text(fit: Fit) -> str:
    if fit.verdict == "partial":
        return translate("Picker", "partial: {gpu}/{layers} layers").format(gpu=fit.gpu_layers, layers=fit.layers)
    return translate("Picker", BADGE_TEXT[fit.verdict])


def key_of(item: QTreeWidgetItem | None) -> str | None:
    """The variant key a row stands for (None for a group's row and other rows)."""
    return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None


def add_catalog_rows(
    tree: QTreeWidget,
    catalog: tuple[CatalogModel, ...],
    fit_for: Callable[[Variant], Fit],
    *,
    fits_only: bool,
    max_size: int,
    rec_key: str | None,
    open_groups: set[str],
    selected_key: str | None,
    states: Mapping[str, DownloadState],
    colour: Callable[[str], QColor],
) -> None:
    """Append the catalog, each file judged by ``fit_for`` (the load settings, its own remembered
    ones, the free memory now); a group stays open when it was (``open_groups``, by title) or
    holds the recommended or selected row."""
    bold = QFont(tree.font())
    bold.setBold(True)
    for m in catalog:
        top = QTreeWidgetItem([f"{m.name.removeprefix('DeepSeek-')}  ({params(m.params)})"])
        top.setToolTip(0, m.name)
        top.setData(0, Qt.ItemDataRole.UserRole, None)
        for v in m.variants:
            fit = fit_for(v)
            if (fits_only and fit.verdict == "too_large") or (max_size and v.size > max_size):
                continue
            st = states.get(v.key)
            installed = installed_path(v) is not None
            state = (
                translate("Picker", "downloading")
                if st and st.status == "running"
                else translate("Picker", "installed")
                if installed
                else ""
            )
            star = "★ " if v.key == rec_key else ""
            it = QTreeWidgetItem(
                [
                    f"{star}{v.quant}",
                    gb(v.size),
                    gb(fit.memory.total),
                    badge_text(fit),
                    state,
                ]
            )
            it.setData(0, Qt.ItemDataRole.UserRole, v.key)
            it.setForeground(3, QBrush(colour(fit.verdict)))
            it.setToolTip(3, say(fit.detail))
            it.setToolTip(2, say(fit.detail))
            if v.key == rec_key:
                for col in range(5):
                    it.setFont(col, bold)
            top.addChild(it)
        if top.childCount():
            tree.addTopLevelItem(top)
            keys = {key_of(top.child(i)) for i in range(top.childCount())}
            if top.text(0) in open_groups or rec_key in keys or selected_key in keys:
                top.setExpanded(True)  # a refresh (a failed download, a filter) keeps what was open
