"""The window's commands and their key bindings, as data; menus are built from this table."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow


@dataclass(frozen=True)
class Command:
    name: str
    text: str
    shortcut: str = ""
    menu: str = ""  # "" = a shortcut only, in no menu


# In menu order; None entries are separators.
COMMANDS: tuple[Command | None, ...] = (
    Command("choose_model", "&Choose model…", "Ctrl+M", "&File"),
    Command("open_file", "&Open GGUF file…", "Ctrl+O", "&File"),
    Command("new_chat", "&New chat", "Ctrl+N", "&File"),
    None,
    Command("export_markdown", "Export chat as &Markdown…", "", "&File"),
    Command("export_json", "Export chat as &JSON…", "", "&File"),
    Command("import_json", "&Import chat…", "", "&File"),
    None,
    Command("settings", "&Settings…", "Ctrl+,", "&File"),
    None,
    Command("quit", "&Quit", "Ctrl+Q", "&File"),
    Command("find", "Search chats", "Ctrl+F"),
    Command("stop", "Stop the answer", "Esc"),
    Command("send", "Send", "Ctrl+Return"),
)


def build_actions(window: QMainWindow) -> dict[str, QAction]:
    """One QAction per command, added to the window's menus (or to the window, for shortcuts)."""
    actions: dict[str, QAction] = {}
    menus: dict[str, object] = {}
    last_menu = ""
    for c in COMMANDS:
        if c is None:
            menu = menus.get(last_menu)
            if menu is not None:
                menu.addSeparator()  # type: ignore[attr-defined]
            continue
        a = QAction(c.text, window)
        if c.shortcut:
            a.setShortcut(QKeySequence(c.shortcut))
        actions[c.name] = a
        if c.menu:
            if c.menu not in menus:
                menus[c.menu] = window.menuBar().addMenu(c.menu)
            menus[c.menu].addAction(a)  # type: ignore[attr-defined]
            last_menu = c.menu
        else:
            window.addAction(a)
    return actions
