"""Remote models in the picker's model list: one group per endpoint, a "remote: host" badge in
place of the fit badge (memory and speed are the server's business, not this machine's)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from app.core.config.endpoints import Endpoint
from app.core.config.server_kinds import kind_of
from app.ui.text.core_text import say
from app.ui.text.i18n import translate

REMOTE_ROLE = Qt.ItemDataRole.UserRole + 1  # (endpoint name, model) on a remote model's row
REMOTE_COLOUR = "#7c3aed"


def add_remote_rows(tree: QTreeWidget, endpoints: list[Endpoint]) -> None:
    """Append each endpoint's models (a group per endpoint, expanded)."""
    for ep in endpoints:
        top = QTreeWidgetItem([f"{ep.name}  " + translate("Picker", "(remote)")])
        top.setToolTip(0, ep.base_url)
        top.setData(0, Qt.ItemDataRole.UserRole, None)
        for model in ep.models:
            it = QTreeWidgetItem([model, "—", "—", translate("Picker", "remote: {host}").format(host=ep.host), ""])
            it.setData(0, Qt.ItemDataRole.UserRole, None)
            it.setData(0, REMOTE_ROLE, (ep.name, model))
            it.setForeground(3, QBrush(QColor(REMOTE_COLOUR)))
            it.setToolTip(3, translate("Picker", "Runs on {url}, not on this machine").format(url=ep.base_url))
            top.addChild(it)
        if not ep.models:
            top.addChild(QTreeWidgetItem([translate("Picker", "(no models: Test connection in the Endpoints tab)")]))
        tree.addTopLevelItem(top)
        top.setExpanded(True)


def remote_of(item: QTreeWidgetItem | None, endpoints: list[Endpoint]) -> tuple[Endpoint, str] | None:
    """The endpoint and model a row stands for (None for other rows)."""
    data = item.data(0, REMOTE_ROLE) if item is not None else None
    if not data:
        return None
    ep = next((e for e in endpoints if e.name == data[0]), None)
    return (ep, data[1]) if ep is not None else None


def remote_card(ep: Endpoint, model: str) -> tuple[str, str]:
    """The card's title and text for a remote model."""
    kind = kind_of(ep.kind)
    abilities = [
        translate("Picker", "Deep Thinking off is passed to the server.")
        if kind.think_off
        else translate("Picker", "The server decides whether the model thinks."),
        translate("Picker", "Answer now continues with an answer.")
        if kind.prefill
        else translate("Picker", "Answer now stops the reasoning (the server cannot continue it)."),
    ]
    if ep.encrypted:
        secure = translate("Picker", "HTTPS, certificate checked.")
    elif ep.loopback:
        secure = translate("Picker", "Plain HTTP on this machine.")
    else:
        secure = "⚠ " + translate("Picker", "Plain HTTP: not encrypted.")
    runs = translate(
        "Picker", "Runs on {host} ({kind}), not on this machine: memory and speed are the server's."
    ).format(host=f"<b>{escape(ep.host)}</b>", kind=escape(say(kind.label)))
    base_url, connection = translate("Picker", "Base URL"), translate("Picker", "Connection")
    text = (
        f"{runs}<br><br><b>{base_url}</b> {escape(ep.base_url)}<br>"
        f"<b>{connection}</b> {secure}<br>{' '.join(abilities)}"
    )
    return f"{model} · " + translate("Picker", "remote"), text
