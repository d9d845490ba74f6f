"""The window's commands and their key bindings, as data; the menus, the keyboard-shortcuts
window and every "File ▸ Open GGUF file… (Ctrl+O)" hint are built from this table, so they
cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from app.ui.text.i18n import QT_TRANSLATE_NOOP, translate


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


# In menu order; None entries are separators (in the menu of the entry before). The texts are
# English source strings, translated when the actions are built (context "Commands").
C = "Commands"  # the translation contexts (lupdate needs them written out in each call)
COMMANDS: tuple[Command | None, ...] = (
    Command("new_chat", QT_TRANSLATE_NOOP("Commands", "&New chat"), "Ctrl+N", "&File"),
    Command("open_file", QT_TRANSLATE_NOOP("Commands", "&Open GGUF file…"), "Ctrl+O", "&File"),
    Command("open_project", QT_TRANSLATE_NOOP("Commands", "Open &project…"), "", "&File"),
    None,
    Command("export_markdown", QT_TRANSLATE_NOOP("Commands", "Export chat as &Markdown…"), "", "&File"),
    Command("export_json", QT_TRANSLATE_NOOP("Commands", "Export chat as &JSON…"), "", "&File"),
    Command("import_json", QT_TRANSLATE_NOOP("Commands", "&Import chat…"), "", "&File"),
    None,
    Command("attach_files", QT_TRANSLATE_NOOP("Commands", "&Attach files…"), "Ctrl+Shift+A", "&File"),
    Command("attach_folder", QT_TRANSLATE_NOOP("Commands", "Attach a fo&lder…"), "", "&File"),
    None,
    Command("settings", QT_TRANSLATE_NOOP("Commands", "&Settings…"), "Ctrl+,", "&File"),
    None,
    Command("quit", QT_TRANSLATE_NOOP("Commands", "&Quit"), "Ctrl+Q", "&File"),
    Command("copy_answer", QT_TRANSLATE_NOOP("Commands", "&Copy last answer"), "Ctrl+Shift+C", "&Edit"),
    Command("rename_chat", QT_TRANSLATE_NOOP("Commands", "&Rename chat"), "F2", "&Edit"),
    Command("delete_chat", QT_TRANSLATE_NOOP("Commands", "&Delete chat"), "", "&Edit"),
    Command("undo_delete", QT_TRANSLATE_NOOP("Commands", "&Undo delete"), "", "&Edit"),
    None,
    Command("find", QT_TRANSLATE_NOOP("Commands", "&Search chats"), "Ctrl+F", "&Edit"),
    Command("focus_prompt", QT_TRANSLATE_NOOP("Commands", "Go to the &message box"), "Ctrl+L", "&Edit"),
    Command("focus_chat", QT_TRANSLATE_NOOP("Commands", "Go to the c&onversation"), "Ctrl+J", "&Edit"),
    Command("theme_system", QT_TRANSLATE_NOOP("Commands", "&System"), "", "&View/&Theme", "theme", "system"),
    Command("theme_light", QT_TRANSLATE_NOOP("Commands", "&Light"), "", "&View/&Theme", "theme", "light"),
    Command("theme_dark", QT_TRANSLATE_NOOP("Commands", "&Dark"), "", "&View/&Theme", "theme", "dark"),
    Command("font_larger", QT_TRANSLATE_NOOP("Commands", "&Larger"), "Ctrl++;Ctrl+=", "&View/&Font size"),
    Command("font_smaller", QT_TRANSLATE_NOOP("Commands", "&Smaller"), "Ctrl+-", "&View/&Font size"),
    Command("font_default", QT_TRANSLATE_NOOP("Commands", "&Default size"), "Ctrl+0", "&View/&Font size"),
    Command(
        "pane_collapse",
        QT_TRANSLATE_NOOP("Commands", "&Collapse when the answer starts"),
        "",
        "&View/Thinking &pane",
        "pane",
        "collapse",
    ),
    Command("pane_open", QT_TRANSLATE_NOOP("Commands", "Always &open"), "", "&View/Thinking &pane", "pane", "open"),
    Command(
        "pane_collapsed",
        QT_TRANSLATE_NOOP("Commands", "Always c&losed"),
        "",
        "&View/Thinking &pane",
        "pane",
        "collapsed",
    ),
    Command(
        "pane_remember",
        QT_TRANSLATE_NOOP("Commands", "As I last l&eft it"),
        "",
        "&View/Thinking &pane",
        "pane",
        "remember",
    ),
    None,
    Command(
        "toggle_thinking",
        QT_TRANSLATE_NOOP("Commands", "Show or hide the last &reasoning"),
        "Ctrl+T",
        "&View/Thinking &pane",
    ),
    # The languages are named in themselves (and not translated): a user who cannot read the
    # window's language still finds their own.
    Command("language_system", QT_TRANSLATE_NOOP("Commands", "&System"), "", "&View/&Language", "language", "system"),
    Command("language_en", "English", "", "&View/&Language", "language", "en"),
    Command("language_de", "Deutsch", "", "&View/&Language", "language", "de"),
    Command("choose_model", QT_TRANSLATE_NOOP("Commands", "&Choose model…"), "Ctrl+M", "&Model"),
    Command("reload_model", QT_TRANSLATE_NOOP("Commands", "&Reload model"), "", "&Model"),
    Command("check_model", QT_TRANSLATE_NOOP("Commands", "C&heck this model…"), "", "&Model"),
    None,
    Command("answer_now", QT_TRANSLATE_NOOP("Commands", "&Answer now"), "Ctrl+Shift+Return", "&Model"),
    Command("regenerate", QT_TRANSLATE_NOOP("Commands", "Re&generate the last answer"), "Ctrl+R", "&Model"),
    Command("stop", QT_TRANSLATE_NOOP("Commands", "S&top the answer"), "Esc", "&Model"),
    Command("shortcuts", QT_TRANSLATE_NOOP("Commands", "&Keyboard shortcuts"), "F1", "&Help"),
    Command("open_data", QT_TRANSLATE_NOOP("Commands", "Open &data folder"), "", "&Help"),
    None,
    Command("about", QT_TRANSLATE_NOOP("Commands", "&About R1 Desk"), "", "&Help"),
    Command("send", QT_TRANSLATE_NOOP("Commands", "Send"), "Ctrl+Return"),
)
UNTRANSLATED = frozenset({"English", "Deutsch"})

# The menus' titles (context "Menus"), for the translation tools; COMMANDS names them by these.
M = "Menus"
MENU_TITLES = (
    QT_TRANSLATE_NOOP("Menus", "&File"),
    QT_TRANSLATE_NOOP("Menus", "&Edit"),
    QT_TRANSLATE_NOOP("Menus", "&View"),
    QT_TRANSLATE_NOOP("Menus", "&Theme"),
    QT_TRANSLATE_NOOP("Menus", "&Font size"),
    QT_TRANSLATE_NOOP("Menus", "Thinking &pane"),
    QT_TRANSLATE_NOOP("Menus", "&Language"),
    QT_TRANSLATE_NOOP("Menus", "&Model"),
    QT_TRANSLATE_NOOP("Menus", "&Help"),
)

# Keys that belong to one control rather than to a command (for the shortcuts window).
K = "Keys"
OTHER_KEYS: tuple[tuple[str, str], ...] = (
    ("Enter", QT_TRANSLATE_NOOP("Keys", "Send the message")),
    ("Shift+Enter", QT_TRANSLATE_NOOP("Keys", "A new line in the message")),
    ("Esc", QT_TRANSLATE_NOOP("Keys", "Stop the answer; while editing a message, cancel the edit")),
    ("Up, Down, Enter", QT_TRANSLATE_NOOP("Keys", "Move through the chat list, then open the chat")),
    ("Del", QT_TRANSLATE_NOOP("Keys", "In the chat list: delete the chat (Undo is offered)")),
    (
        "Tab, Shift+Tab",
        QT_TRANSLATE_NOOP("Keys", "Move between controls (in the conversation: between each answer's buttons)"),
    ),
    ("Space", QT_TRANSLATE_NOOP("Keys", "Press the focused button; open or close a focused thinking pane")),
    ("Ctrl+Tab", QT_TRANSLATE_NOOP("Keys", "In a dialog with tabs: the next tab")),
)


def _plain(text: str) -> str:
    return text.replace("&", "")


def text_of(c: Command) -> str:
    """The command's text in the window's language (with its & accelerator)."""
    return c.text if c.text in UNTRANSLATED else translate(C, c.text)


def menu_titles(c: Command) -> list[str]:
    """The translated titles of the menus the command is in, outermost first."""
    return [translate(M, title) for title in c.menu.split("/")] if c.menu else []


RETURN = QT_TRANSLATE_NOOP("Keys", "Return")  # German "Eingabe", as the prompt's hint says (Qt writes "Return")


def key_text(keys: str) -> str:
    """A key sequence as the platform and language write it ("Ctrl+N", in German "Strg+N")."""
    text = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
    parts = text.split("+")
    return "+".join(translate("Keys", RETURN) if p == RETURN else p for p in parts)


def key(name: str) -> str:
    """A command's (first) key, as the platform and language write it."""
    return key_text(command(name).shortcut.split(";")[0])


def command(name: str) -> Command:
    return next(c for c in COMMANDS if c is not None and c.name == name)


def hint(name: str) -> str:
    """Where a command is and its key, as the menus show it: "File ▸ Open GGUF file… (Ctrl+O)"."""
    c = command(name)
    where = "".join(_plain(m) + " ▸ " for m in menu_titles(c))
    key = c.shortcut.split(";")[0]
    return f"{where}{_plain(text_of(c))}" + (f" ({key_text(key)})" if key else "")


def shortcut_rows() -> list[tuple[str, str]]:
    """(key, what it does) for every bound command and control key, in the window's language."""
    rows = [
        (key_text(c.shortcut.split(";")[0]), _plain(text_of(c)).rstrip("…"))
        for c in COMMANDS
        if c is not None and c.shortcut
    ]
    keys = [(", ".join(key_text(k.strip()) for k in keys.split(",")), translate(K, what)) for keys, what in OTHER_KEYS]
    return rows + keys


def build_actions(window: QMainWindow) -> dict[str, QAction]:
    """One QAction per command, added to the window's menus (or to the window, for shortcuts)."""
    actions: dict[str, QAction] = {}
    menus: dict[str, QMenu] = {}
    groups: dict[str, QActionGroup] = {}
    last_menu = ""

    def menu_for(path: str) -> QMenu:
        if path not in menus:
            parent, _, title = path.rpartition("/")
            title = translate(M, title)
            menus[path] = menu_for(parent).addMenu(title) if parent else window.menuBar().addMenu(title)
        return menus[path]

    for c in COMMANDS:
        if c is None:
            if last_menu:
                menu_for(last_menu).addSeparator()
            continue
        a = QAction(text_of(c), window)
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
