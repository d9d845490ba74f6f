"""Light and dark appearance: follows the system unless the settings say otherwise.

The style sheet (``assets/style.qss``) uses ``@name`` placeholders filled from the palette
below, so both themes share one sheet.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from app.core.markdown_render import DARK, LIGHT, Theme
from app.core.paths import asset

COLORS = {
    "light": {"window": "#f7f7f8", "base": "#ffffff", "text": "#1f2328", "muted": "#6b7280", "accent": "#4f46e5",
              "border": "#e3e5e8", "user": "#eef2ff", "think": "#f3f4f6", "sidebar": "#f0f1f3", "danger": "#b91c1c"},
    "dark": {"window": "#1b1c1f", "base": "#232428", "text": "#e6e6e6", "muted": "#9ca3af", "accent": "#818cf8",
             "border": "#34363c", "user": "#2a2c45", "think": "#26272b", "sidebar": "#202124", "danger": "#f87171"},
}


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    return bool(scheme and scheme() == Qt.ColorScheme.Dark)


def resolve(setting: str) -> str:
    """"light" or "dark" for a theme setting ("system", "light", "dark"); R1DESK_THEME overrides."""
    forced = os.environ.get("R1DESK_THEME", "")
    choice = forced if forced in ("light", "dark") else setting
    if choice in ("light", "dark"):
        return choice
    return "dark" if system_is_dark() else "light"


def apply(app: QApplication, name: str, font_size: int = 0) -> Theme:
    """Style the whole app; returns the colours the Markdown renderer should use."""
    c = COLORS[name]
    if app.style().name().lower() != "fusion":  # replacing a style under live widgets crashes Qt
        app.setStyle("Fusion")
    pal = QPalette()
    for role, key in ((QPalette.ColorRole.Window, "window"), (QPalette.ColorRole.Base, "base"),
                      (QPalette.ColorRole.AlternateBase, "think"), (QPalette.ColorRole.Text, "text"),
                      (QPalette.ColorRole.WindowText, "text"), (QPalette.ColorRole.ButtonText, "text"),
                      (QPalette.ColorRole.Button, "base"), (QPalette.ColorRole.Highlight, "accent"),
                      (QPalette.ColorRole.ToolTipBase, "base"), (QPalette.ColorRole.ToolTipText, "text"),
                      (QPalette.ColorRole.PlaceholderText, "muted"), (QPalette.ColorRole.Link, "accent")):
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
    return DARK if name == "dark" else LIGHT
