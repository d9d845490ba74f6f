"""Light and dark appearance: follows the system unless the settings say otherwise.

The style sheet (``assets/style.qss``) uses ``@name`` placeholders filled from ``palette.py``,
so both themes share one sheet.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from app.core.config.paths import asset
from app.ui.palette import PALETTES
from app.ui.render.markdown import Theme


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    return bool(scheme and scheme() == Qt.ColorScheme.Dark)


def resolve(setting: str) -> str:
    """ "light" or "dark" for a theme setting ("system", "light", "dark"); R1DESK_THEME overrides."""
    forced = os.environ.get("R1DESK_THEME", "")
    choice = forced if forced in ("light", "dark") else setting
    if choice in ("light", "dark"):
        return choice
    return "dark" if system_is_dark() else "light"


def apply(app: QApplication, name: str, font_size: int = 0) -> Theme:
    """Style the whole app; returns the colours the Markdown renderer should use."""
    c = PALETTES[name]
    if app.style().name().lower() != "fusion":  # replacing a style under live widgets crashes Qt
        app.setStyle("Fusion")
    pal = QPalette()
    for role, key in (
        (QPalette.ColorRole.Window, "window"),
        (QPalette.ColorRole.Base, "base"),
        (QPalette.ColorRole.AlternateBase, "think"),
        (QPalette.ColorRole.Text, "text"),
        (QPalette.ColorRole.WindowText, "text"),
        (QPalette.ColorRole.ButtonText, "text"),
        (QPalette.ColorRole.Button, "base"),
        (QPalette.ColorRole.Highlight, "accent"),
        (QPalette.ColorRole.ToolTipBase, "base"),
        (QPalette.ColorRole.ToolTipText, "text"),
        (QPalette.ColorRole.PlaceholderText, "muted"),
        (QPalette.ColorRole.Link, "accent"),
    ):
        pal.setColor(role, QColor(c[key]))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    app.setPalette(pal)
    sheet = asset("style.qss").read_text(encoding="utf-8")
    for key in sorted(c, key=len, reverse=True):
        sheet = sheet.replace(f"@{key}", c[key])
    app.setStyleSheet(sheet)
    if font_size:
        f = app.font()
        f.setPointSize(font_size)
        app.setFont(f)
    return Theme.named(name)
