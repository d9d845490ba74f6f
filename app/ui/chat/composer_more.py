"""The composer's "⋯" menu: the controls that folded away in a narrow window (the preset, the
thinking budget, Solve × k; Deep Thinking last), as menu entries that set the controls themselves, so the composer
keeps one state whether a control is on its line or in the menu."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QComboBox, QMenu, QSpinBox, QToolButton, QWidget

from app.core.chats.samples import MAX_SAMPLES
from app.ui.text.i18n import number, translate

BUDGETS = (0, 1024, 2048, 4096, 8192, 16384, 32768)  # 0: no limit


def _choices(menu: QMenu, title: str, items: list[tuple[str, int]], current: int, pick: Callable[[int], None]) -> None:
    sub = menu.addMenu(title)
    group = QActionGroup(sub)
    for text, value in items:
        action = QAction(text, sub)
        action.setCheckable(True)
        action.setChecked(value == current)
        action.triggered.connect(lambda _=False, v=value: pick(v))
        group.addAction(action)
        sub.addAction(action)


def fill_more(menu: QMenu, folded: list[QWidget], preset: QComboBox, budget: QSpinBox, samples: QSpinBox) -> None:
    """The menu's entries for the folded controls, each a submenu titled with its value now."""
    menu.clear()
    for w in folded:
        if isinstance(w, QToolButton) and w.isCheckable():  # Deep Thinking, the last to fold
            action = menu.addAction(w.text())
            action.setCheckable(True)
            action.setChecked(w.isChecked())
            action.toggled.connect(w.setChecked)
        elif w is preset:
            title = translate("Composer", "Preset: {name}").format(name=preset.currentText())
            items = [(preset.itemText(i), i) for i in range(preset.count())]
            _choices(menu, title, items, preset.currentIndex(), preset.setCurrentIndex)
        elif budget in (w, *w.findChildren(QSpinBox)):
            now = budget.value()
            title = translate("Composer", "Thinking budget: {value}").format(value=budget.text())
            values = sorted({*BUDGETS, now})
            items = [
                (
                    translate("Composer", "no limit")
                    if v == 0
                    else translate("Composer", "{n} tokens").format(n=number(v)),
                    v,
                )
                for v in values
            ]
            _choices(menu, title, items, now, budget.setValue)
        elif w is samples:
            title = samples.text()
            items = [
                (samples.specialValueText() if k == 1 else samples.prefix() + number(k), k)
                for k in range(1, MAX_SAMPLES + 1)
            ]
            _choices(menu, title, items, samples.value(), samples.setValue)


def more_label(folded: list[QWidget], samples: QSpinBox) -> str:
    """The "⋯" button's text: what stays on while folded shows on it ("⋯ × 2")."""
    if samples in folded and samples.value() > 1:
        return f"⋯ × {samples.value()}"
    return "⋯"
