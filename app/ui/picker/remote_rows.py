"""Remote models in the picker's model list: one group per endpoint, a "remote: host" badge in
place of the fit badge (memory and speed are the server's business, not this machine's)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from app.core.config.endpoints import Endpoint
from app.core.inference.server_kinds import kind_of

REMOTE_ROLE = Qt.ItemDataRole.UserRole + 1  # (endpoint name, model) on a remote model's row
REMOTE_COLOUR = "#7c3aed"


def add_remote_rows(tree: QTreeWidget, endpoints: list[Endpoint]) -> None:
    """Append each endpoint's models (a group per endpoint, expanded)."""
    for ep in endpoints:
        top = QTreeWidgetItem([f"{ep.name}  (remote)"])
        top.setToolTip(0, ep.base_url)
        top.setData(0, Qt.ItemDataRole.UserRole, None)
        for model in ep.models:
            it = QTreeWidgetItem([model, "—", "—", f"remote: {ep.host}", ""])
            it.setData(0, Qt.ItemDataRole.UserRole, None)
            it.setData(0, REMOTE_ROLE, (ep.name, model))
            it.setForeground(3, QBrush(QColor(REMOTE_COLOUR)))
            it.setToolTip(3, f"Runs on {ep.base_url}, not on this machine")
            top.addChild(it)
        if not ep.models:
            top.addChild(QTreeWidgetItem(["(no models: Test connection in the Endpoints tab)"]))
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
    abilities = []
    abilities.append(
        "Deep Thinking off is passed to the server."
        if kind.think_off
        else "The server decides whether the model thinks."
    )
    abilities.append(
        "Answer now continues with an answer."
        if kind.prefill
        else "Answer now stops the reasoning (the server cannot continue it)."
    )
    secure = (
        "HTTPS, certificate checked."
        if ep.encrypted
        else ("Plain HTTP on this machine." if ep.loopback else "⚠ Plain HTTP: not encrypted.")
    )
    text = (
        f"Runs on <b>{escape(ep.host)}</b> ({escape(kind.label)}), not on this machine: memory and speed are the "
        f"server's.<br><br><b>Base URL</b> {escape(ep.base_url)}<br><b>Connection</b> {secure}<br>"
        f"{' '.join(abilities)}"
    )
    return f"{model} · remote", text
