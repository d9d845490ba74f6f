"""The edits an answer proposes, on its card: one line per file with its + / − counts and what
can be done with it (Review, Apply, Discard; Undo apply once applied), and Apply all.

A thin view: the edit controller (``edit_actions.py``) says what each line shows and acts on
what the user asks for.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from app.ui.style.palette import PALETTES
from app.ui.text.i18n import number


@dataclass(frozen=True)
class EditLine:
    """What one file's line shows.

    Attributes:
        rel: the file's path in the project.
        added / removed: the diff's counts.
        state: "proposed", "applied", "discarded", "stale" (changed since attached), "problem"
            (cannot apply: ``note`` says why) or "refused" (its path: never written).
        note: a sentence under the path ("" for none).
        new_file: the edit makes the file.
    """

    rel: str
    added: int = 0
    removed: int = 0
    state: str = "proposed"
    note: str = ""
    new_file: bool = False

    @property
    def applicable(self) -> bool:
        return self.state == "proposed"


def _button(text: str, tip: str, parent: QWidget) -> QToolButton:
    b = QToolButton(parent)
    b.setObjectName("ActionButton")
    b.setText(text)
    b.setToolTip(tip)
    b.setAccessibleName(text)
    b.setAccessibleDescription(tip)
    b.setCursor(Qt.CursorShape.PointingHandCursor)
    return b


def _monospace(text: str) -> str:
    return f"<code>{html.escape(text)}</code>"


def counts_html(added: int, removed: int, theme: str) -> str:
    """ "+12 −3" in the theme's added and removed colours."""
    c = PALETTES.get(theme, PALETTES["light"])
    return (
        f'<span style="color:{c["added"]};">+{number(added)}</span> '
        f'<span style="color:{c["removed"]};">−{number(removed)}</span>'
    )


class EditsPanel(QFrame):
    """Signals (each with the file's path; "" in apply for Apply all):
    review(str), apply(str), discard(str), undo(str), restore(str), reattach(str)
    """

    review = Signal(str)
    apply = Signal(str)
    discard = Signal(str)
    undo = Signal(str)
    restore = Signal(str)
    reattach = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EditsPanel")
        self.setAccessibleName(self.tr("Proposed edits"))
        self.title = QLabel("", self)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.review_all = _button(self.tr("Review…"), self.tr("Show the changes file by file, as a diff"), self)
        self.apply_all = _button(
            self.tr("Apply all"), self.tr("Write every proposed change to its file (each can be undone)"), self
        )
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title, 1)
        head.addWidget(self.review_all)
        head.addWidget(self.apply_all)
        self.rows = QVBoxLayout()
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.setSpacing(4)
        lay.addLayout(head)
        lay.addLayout(self.rows)
        self.review_all.clicked.connect(lambda: self.review.emit(""))
        self.apply_all.clicked.connect(lambda: self.apply.emit(""))
        self.lines: list[EditLine] = []
        self.buttons: list[QToolButton] = []
        self.hide()

    def set_lines(self, lines: list[EditLine], theme: str) -> None:
        """Show these files (hidden when there are none)."""
        while self.rows.count():
            item = self.rows.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()
        self.lines = lines
        self.buttons = [self.review_all, self.apply_all]
        added = sum(x.added for x in lines if x.state in ("proposed", "applied"))
        removed = sum(x.removed for x in lines if x.state in ("proposed", "applied"))
        files = self.tr("Proposed edits to %n file(s)", "", len(lines))
        self.title.setText(f"<b>{html.escape(files)}</b> · {counts_html(added, removed, theme)}")
        self.title.setAccessibleName(
            self.tr("{files}: {added} lines added, {removed} removed").format(
                files=files, added=number(added), removed=number(removed)
            )
        )
        for line in lines:
            self.rows.addWidget(self._row(line, theme))
        self.apply_all.setEnabled(sum(x.applicable for x in lines) > 0)
        self.setVisible(bool(lines))

    def _row(self, line: EditLine, theme: str) -> QWidget:
        row = QWidget(self)
        row.setObjectName("EditRow")
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        name = QLabel(_monospace(line.rel), row)
        name.setTextFormat(Qt.TextFormat.RichText)
        name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        name.setToolTip(line.rel)
        top.addWidget(name, 1)
        if line.state not in ("refused", "problem"):
            counts = QLabel(counts_html(line.added, line.removed, theme), row)
            counts.setTextFormat(Qt.TextFormat.RichText)
            top.addWidget(counts)
        state = QLabel(self._state_text(line), row)
        state.setObjectName("Muted")
        top.addWidget(state)
        for text, tip, signal in self._actions(line):
            b = _button(text, tip, row)
            b.setAccessibleName(f"{text}: {line.rel}")
            b.clicked.connect(lambda _=False, s=signal, rel=line.rel: s.emit(rel))
            top.addWidget(b)
            self.buttons.append(b)
        lay = QVBoxLayout(row)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(top)
        if line.note:
            note = QLabel(line.note, row)
            note.setObjectName("Muted")
            note.setWordWrap(True)
            note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            lay.addWidget(note)
        return row

    def _state_text(self, line: EditLine) -> str:
        return {
            "proposed": self.tr("new file") if line.new_file else "",
            "applied": self.tr("applied"),
            "discarded": self.tr("discarded"),
            "stale": self.tr("changed since attached"),
            "problem": self.tr("cannot apply"),
            "refused": self.tr("refused"),
        }.get(line.state, "")

    def _actions(self, line: EditLine) -> list[tuple[str, str, SignalInstance]]:
        review = (self.tr("Review"), self.tr("Show this file's diff"), self.review)
        if line.state == "proposed":
            return [
                review,
                (self.tr("Apply"), self.tr("Write this change to the file (it can be undone)"), self.apply),
                (self.tr("Discard"), self.tr("Leave this file as it is"), self.discard),
            ]
        if line.state == "applied":
            return [review, (self.tr("Undo apply"), self.tr("Put the file back as it was"), self.undo)]
        if line.state == "discarded":
            return [(self.tr("Restore"), self.tr("Propose this change again"), self.restore)]
        if line.state == "stale":
            return [
                review,
                (
                    self.tr("Re-attach"),
                    self.tr("Attach the file as it is now to your next message, so the model sees it"),
                    self.reattach,
                ),
                (self.tr("Discard"), self.tr("Leave this file as it is"), self.discard),
            ]
        if line.state == "problem":
            return [(self.tr("Discard"), self.tr("Leave this file as it is"), self.discard)]
        return []
