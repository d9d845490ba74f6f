"""Every screen of the window, built the same way for the keyboard and screen-reader tests and the
screenshot scripts: the main window's dialogs, each page of each (a tab is a page), and what a
keyboard can reach on one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QScrollBar,
    QSplitterHandle,
    QTabWidget,
    QWidget,
)

from app.core.models.hardware import Hardware
from app.ui.picker.dialog import ModelPicker
from app.ui.settings.dialog import SettingsDialog
from app.ui.window.help import AboutDialog, ShortcutsDialog
from app.ui.window.main_window import MainWindow

GB = 10**9
MACHINE = Hardware(16 * GB, 16 * GB, "Test CPU", 8, 16, (), "CPU", False)


def _review(w: MainWindow) -> QDialog:
    """The review of proposed edits, showing one (it is deleted on close; the tests close it)."""
    from app.core.code.diffs import unified
    from app.ui.chat.diff_dialog import DiffDialog, Review
    from app.ui.chat.edits_view import EditLine

    old, new = "A = 1\nB = 2\n", "A = 1\nB = 3\n"
    d = DiffDialog(w.renderer.theme, w)
    d.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    d.set_reviews([Review(EditLine("src/a.py", 1, 1), unified(old, new, "src/a.py"), old, new)])
    return d


DIALOGS: dict[str, Callable[[MainWindow], QDialog]] = {
    "settings": lambda w: SettingsDialog(w.settings, w, facts=w.facts),
    "picker": lambda w: ModelPicker(MACHINE, w.downloads, w),
    "shortcuts": lambda w: ShortcutsDialog(w),
    "about": lambda w: AboutDialog(None, w),
    "review": _review,
}


def pages(dialog: QWidget) -> list[tuple[str, Callable[[], None]]]:
    """Each page of a dialog: one per tab of its tab widget (or the dialog itself)."""
    tabs = dialog.findChild(QTabWidget)
    if tabs is None:
        return [("", lambda: None)]
    return [(tabs.tabText(i).replace("&", ""), lambda i=i: tabs.setCurrentIndex(i)) for i in range(tabs.count())]


def interactive(root: QWidget) -> list[QWidget]:
    """The controls a keyboard user must be able to reach: shown, enabled, taking Tab focus.
    The editor inside a spin or combo box is part of that box, not a control of its own."""
    out = []
    for w in root.findChildren(QWidget):
        if not (w.isVisibleTo(root) and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus):
            continue
        if isinstance(w, (QScrollBar, QSplitterHandle)) or w.focusProxy() is not None:
            continue  # a tab widget hands its focus to its tab bar
        parent = w.parentWidget()
        if isinstance(parent, (QAbstractSpinBox, QComboBox)):
            continue
        if w.window() is not root.window():
            continue
        out.append(w)
    return out


def tab_walk(qtbot, root: QWidget, presses: int | None = None) -> list[QWidget]:
    """Press Tab from the focused control, again and again; the controls focused, in order."""
    root.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is root.window(), timeout=60_000)
    presses = presses or 3 * len(interactive(root)) + 6
    seen: list[QWidget] = []
    for _ in range(presses):
        focused = QApplication.focusWidget() or root
        QTest.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is not None:
            seen.append(_owner(now))
    return seen


def _owner(w: QWidget) -> QWidget:
    """A spin or combo box for its editor."""
    parent = w.parentWidget()
    return parent if isinstance(parent, (QAbstractSpinBox, QComboBox)) else w


def describe(w: QWidget) -> str:
    text = w.text() if isinstance(w, QAbstractButton) else ""
    return f"{type(w).__name__}({w.accessibleName() or text or w.objectName()!r})"


def unnamed(root: QWidget) -> list[str]:
    """The controls a screen reader would announce without a name."""
    out = []
    for w in interactive(root):
        name = w.accessibleName() or (w.text() if isinstance(w, QAbstractButton) else "")
        if not name.strip():
            out.append(describe(w))
    return out
