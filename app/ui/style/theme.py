"""Light and dark appearance: follows the system unless the settings say otherwise.

The style sheet (``assets/style.qss``) uses ``@name`` placeholders filled from ``palette.py``,
so both themes share one sheet. ``apply`` may run again while the window is open (Settings,
View ▸ Theme/Font size): setting the sheet, palette and font re-polishes every live widget; the
window then re-renders the answers it shows with the new colours.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from app.core.config.paths import asset
from app.ui.render.markdown import Theme
from app.ui.style.palette import PALETTES

_system_font: QFont | None = None  # the platform's font, kept for "font size: system"


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
        (QPalette.ColorRole.Highlight, "accent_fill"),
        (QPalette.ColorRole.HighlightedText, "on_accent"),
        (QPalette.ColorRole.ToolTipBase, "base"),
        (QPalette.ColorRole.ToolTipText, "text"),
        (QPalette.ColorRole.PlaceholderText, "muted"),
        (QPalette.ColorRole.Link, "accent"),
    ):
        pal.setColor(role, QColor(c[key]))
    # Disabled controls must look disabled (the roles above are set for every colour group).
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(c["muted"]))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Button, QColor(c["window"]))
    app.setPalette(pal)
    sheet = asset("style.qss").read_text(encoding="utf-8")
    for key in sorted(c, key=len, reverse=True):
        sheet = sheet.replace(f"@{key}", c[key])
    app.setStyleSheet(sheet)
    global _system_font
    if _system_font is None:
        _system_font = QFont(app.font())
    f = QFont(_system_font)
    if font_size:
        f.setPointSize(font_size)
    if f != app.font():
        app.setFont(f)
    return Theme.named(name)


def system_point_size() -> int:
    """The platform's font size in points (what "font size: system" means)."""
    app = QApplication.instance()
    font = _system_font or (app.font() if isinstance(app, QApplication) else QFont())
    return font.pointSize()
