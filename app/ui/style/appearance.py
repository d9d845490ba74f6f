"""View ▸ Theme, Font size, Thinking pane and Language, and the same settings from the Settings
dialog: applied at once, not after a restart (but the language: see ``i18n.py``).

``restyle`` sets the style sheet, palette and font on the running app (Qt re-polishes every
widget) and returns the colours for a new Markdown renderer; the window then renders the answers
on screen again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication

from app.core.settings import Settings
from app.ui.render.markdown import MarkdownRenderer, Theme
from app.ui.style import theme
from app.ui.text.i18n import translate

FONT_RANGE = (8, 32)
_FIELDS = {"theme": "theme", "pane": "thinking_pane", "language": "language"}


def restyle(settings: Settings) -> Theme:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return theme.apply(app, theme.resolve(settings.theme), settings.font_size)


def renderers(colours: Theme, font: QFont) -> tuple[MarkdownRenderer, MarkdownRenderer]:
    """The answers' and the reasoning's renderers for these colours and this font."""
    fm = QFontMetricsF(font)
    # STIX math sits small beside a UI sans font: set formulas a fifth larger than the text.
    math_px = round(fm.height() * 1.1, 1)
    labels = {
        "copy": translate("Answer", "Copy"),
        "save": translate("Answer", "Save as…"),
        "insert": translate("Answer", "Insert into composer"),
        "final_answer": translate("Answer", "Final answer"),
        "math_long": translate(
            "Answer", "Shown as written: this formula has {value} characters, more than the {limit} that are typeset."
        ),
        "math_deep": translate(
            "Answer",
            "Shown as written: this formula nests {value} levels deep, more than the {limit} that are typeset.",
        ),
        "math_slow": translate("Answer", "Shown as written: typesetting this formula took longer than {limit} s."),
        "math_large": translate("Answer", "Shown as written: this formula's image would be too large to draw."),
        "math_unknown": translate("Answer", "Shown as written: the typesetter does not know {command}."),
        "math_unsupported": translate("Answer", "Shown as written: the typesetter cannot read this formula."),
    }
    return (
        MarkdownRenderer(colours, math_px=math_px, text_descent=fm.descent(), labels=labels),
        MarkdownRenderer(colours.lighter(), math_px=math_px, text_descent=fm.descent(), labels=labels),
    )


def font_step(settings: Settings, step: int) -> Settings:
    """One point larger or smaller (from the size in use), or back to the system's (step 0)."""
    if step == 0:
        return settings.with_(font_size=0)
    app = QApplication.instance()
    current = settings.font_size or (app.font().pointSize() if isinstance(app, QApplication) else 10)
    return settings.with_(font_size=max(FONT_RANGE[0], min(FONT_RANGE[1], current + step)))


class ViewMenu(QObject):
    """The View menu's slots (the window connects them). ``current`` gives the settings in
    force; ``apply`` saves and applies changed ones."""

    def __init__(
        self,
        actions: dict[str, QAction],
        current: Callable[[], Settings],
        apply: Callable[[Settings], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._actions = actions
        self._current = current
        self._apply = apply

    def choices(self) -> list[QAction]:
        """The theme, pane-mode and language actions (connect their ``triggered`` to :meth:`choose`)."""
        return [a for a in self._actions.values() if a.isCheckable() and a.objectName().split("_")[0] in _FIELDS]

    def show(self, s: Settings) -> None:
        """Tick the theme, pane mode and language setting in force."""
        for a in self._actions.values():
            group = a.objectName().split("_")[0]
            if a.isCheckable() and group in _FIELDS:
                a.setChecked(a.data() == getattr(s, _FIELDS[group]))

    def choose(self) -> None:
        a = self.sender()
        if isinstance(a, QAction):
            field = _FIELDS[a.objectName().split("_")[0]]
            self._apply(self._current().with_(**{field: a.data()}))

    def larger(self) -> None:
        self._apply(font_step(self._current(), +1))

    def smaller(self) -> None:
        self._apply(font_step(self._current(), -1))

    def default_size(self) -> None:
        self._apply(font_step(self._current(), 0))
