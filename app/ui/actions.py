"""The window's commands and their key bindings, as data; the menus, the keyboard-shortcuts
window and every "File ▸ Open GGUF file… (Ctrl+O)" hint are built from this table, so they
cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu


@dataclass(frozen=True)
class Command:
    """One command. ``menu``: "" for a shortcut in no menu, "&View/&Theme" for a submenu.
    ``group``: checkable, one of the group at a time; ``value`` is what it stands for.
    ``shortcut``: alternatives separated by ";" (the first is shown)."""

    name: str
    text: str
    shortcut: str = ""
    menu: str = ""
    group: str = ""
    value: str = ""


# In menu order; None entries are separators (in the menu of the entry before).
COMMANDS: tuple[Command | None, ...] = (
    Command("new_chat", "&New chat", "Ctrl+N", "&File"),
    Command("open_file", "&Open GGUF file…", "Ctrl+O", "&File"),
    None,
    Command("export_markdown", "Export chat as &Markdown…", "", "&File"),
    Command("export_json", "Export chat as &JSON…", "", "&File"),
    Command("import_json", "&Import chat…", "", "&File"),
    None,
    Command("settings", "&Settings…", "Ctrl+,", "&File"),
    None,
    Command("quit", "&Quit", "Ctrl+Q", "&File"),
    Command("copy_answer", "&Copy last answer", "Ctrl+Shift+C", "&Edit"),
    Command("rename_chat", "&Rename chat", "F2", "&Edit"),
    Command("delete_chat", "&Delete chat", "", "&Edit"),
    Command("undo_delete", "&Undo delete", "", "&Edit"),
    None,
    Command("find", "&Search chats", "Ctrl+F", "&Edit"),
    Command("theme_system", "&System", "", "&View/&Theme", "theme", "system"),
    Command("theme_light", "&Light", "", "&View/&Theme", "theme", "light"),
    Command("theme_dark", "&Dark", "", "&View/&Theme", "theme", "dark"),
    Command("font_larger", "&Larger", "Ctrl++;Ctrl+=", "&View/&Font size"),
    Command("font_smaller", "&Smaller", "Ctrl+-", "&View/&Font size"),
    Command("font_default", "&Default size", "Ctrl+0", "&View/&Font size"),
    Command("pane_collapse", "&Collapse when the answer starts", "", "&View/Thinking &pane", "pane", "collapse"),
    Command("pane_open", "Always &open", "", "&View/Thinking &pane", "pane", "open"),
    Command("pane_collapsed", "Always c&losed", "", "&View/Thinking &pane", "pane", "collapsed"),
    Command("pane_remember", "As I last &left it", "", "&View/Thinking &pane", "pane", "remember"),
    Command("choose_model", "&Choose model…", "Ctrl+M", "&Model"),
    Command("reload_model", "&Reload model", "", "&Model"),
    None,
    Command("answer_now", "&Answer now", "Ctrl+Shift+Return", "&Model"),
    Command("stop", "S&top the answer", "Esc", "&Model"),
    Command("shortcuts", "&Keyboard shortcuts", "F1", "&Help"),
    Command("open_data", "Open &data folder", "", "&Help"),
    None,
    Command("about", "&About R1 Desk", "", "&Help"),
    Command("send", "Send", "Ctrl+Return"),
)

# Keys that belong to one control rather than to a command (for the shortcuts window).
OTHER_KEYS: tuple[tuple[str, str], ...] = (
    ("Enter", "Send the message"),
    ("Shift+Enter", "A new line in the message"),
    ("Esc", "Stop the answer; while editing a message, cancel the edit"),
    ("Up, Down, then Enter", "Move through the chat list, then open the chat"),
    ("Delete (in the chat list)", "Delete the chat; Undo is offered"),
    ("Tab, Shift+Tab", "Move between controls"),
    ("Space", "Press the focused button"),
)


def _plain(text: str) -> str:
    return text.replace("&", "")


def command(name: str) -> Command:
    return next(c for c in COMMANDS if c is not None and c.name == name)


def hint(name: str) -> str:
    """Where a command is and its key, as the menus show it: "File ▸ Open GGUF file… (Ctrl+O)"."""
    c = command(name)
    where = " ▸ ".join(_plain(m) for m in c.menu.split("/")) + " ▸ " if c.menu else ""
    key = c.shortcut.split(";")[0]
    return f"{where}{_plain(c.text)}" + (f" ({key})" if key else "")


def shortcut_rows() -> list[tuple[str, str]]:
    """(key, what it does) for every bound command and control key."""
    rows = [(c.shortcut.split(";")[0], _plain(c.text).rstrip("…")) for c in COMMANDS if c is not None and c.shortcut]
    return rows + list(OTHER_KEYS)


def build_actions(window: QMainWindow) -> dict[str, QAction]:
    """One QAction per command, added to the window's menus (or to the window, for shortcuts)."""
    actions: dict[str, QAction] = {}
    menus: dict[str, QMenu] = {}
    groups: dict[str, QActionGroup] = {}
    last_menu = ""

    def menu_for(path: str) -> QMenu:
        if path not in menus:
            parent, _, title = path.rpartition("/")
            menus[path] = menu_for(parent).addMenu(title) if parent else window.menuBar().addMenu(title)
        return menus[path]

    for c in COMMANDS:
        if c is None:
            if last_menu:
                menu_for(last_menu).addSeparator()
            continue
        a = QAction(c.text, window)
        a.setObjectName(c.name)
        if c.shortcut:
            a.setShortcuts([QKeySequence(k) for k in c.shortcut.split(";")])
        if c.group:
            a.setCheckable(True)
            a.setData(c.value)
            groups.setdefault(c.group, QActionGroup(window)).addAction(a)
        actions[c.name] = a
        if c.menu:
            menu_for(c.menu).addAction(a)
            last_menu = c.menu
        else:
            window.addAction(a)
    return actions
