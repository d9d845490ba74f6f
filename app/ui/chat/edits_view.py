"""The edits an answer proposes, on its card: one line per file with its + / − counts and what
can be done with it (Review, Apply, Discard; Undo apply once applied), and Apply all.

A thin view: the edit controller (``edit_actions.py``) says what each line shows and acts on
what the user asks for.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.chat.message_widgets import action_button
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


def _monospace(text: str) -> str:
    return f"<code>{html.escape(text)}</code>"


def counts_html(added: int, removed: int, theme: str) -> str:
    """ "+12 −3" in the theme's added and removed colours."""
    c = PALETTES.get(theme, PALETTES["light"])
    return (
        f'<span style="color:{c["added"]};">+{number(added)}</span> '
        f'<span style="color:{c["removed"]};">−{number(removed)}</span>'
    )


class _Row(QWidget):
    """One file's line: its name, counts and state, then its buttons; the buttons go under the
    name when the card is too narrow for both (as the card's own buttons do)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("EditRow")
        self.info = QHBoxLayout()
        self.info.setSpacing(8)
        self.controls = QHBoxLayout()
        self.line = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.line.addLayout(self.info, 1)
        self.line.addLayout(self.controls)
        self.lay = QVBoxLayout(self)
        self.lay.setContentsMargins(0, 0, 0, 0)
        self.lay.setSpacing(0)
        self.lay.addLayout(self.line)
        # As narrow as the card: the line's own minimum would hold the card wide, and it could
        # never become narrow enough to put its buttons under the name.
        self.lay.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        need = self.info.sizeHint().width() + self.controls.sizeHint().width() + 16
        direction = QBoxLayout.Direction.LeftToRight if need <= self.width() else QBoxLayout.Direction.TopToBottom
        if self.line.direction() != direction:
            self.line.setDirection(direction)
            self.updateGeometry()


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
        self.review_all = action_button(self.tr("Review…"), self.tr("Show the changes file by file, as a diff"), self)
        self.apply_all = action_button(
            self.tr("Apply all"), self.tr("Write every proposed change to its file (each can be undone)"), self
        )
        head = _Row(self)
        head.info.addWidget(self.title, 1)
        head.controls.addStretch(1)
        head.controls.addWidget(self.review_all)
        head.controls.addWidget(self.apply_all)
        self.rows = QVBoxLayout()
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.setSpacing(4)
        lay.addWidget(head)
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
                w.hide()  # at once: it is deleted when the event loop comes round
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
        row = _Row(self)
        name = QLabel(_monospace(line.rel), row)
        name.setTextFormat(Qt.TextFormat.RichText)
        name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        name.setToolTip(line.rel)
        row.info.addWidget(name, 1)
        if line.state not in ("refused", "problem"):
            counts = QLabel(counts_html(line.added, line.removed, theme), row)
            counts.setTextFormat(Qt.TextFormat.RichText)
            row.info.addWidget(counts)
        state = QLabel(self._state_text(line), row)
        state.setObjectName("Muted")
        row.info.addWidget(state)
        row.controls.addStretch(1)
        for text, tip, signal in self._actions(line):
            b = action_button(text, tip, row)
            b.setAccessibleName(f"{text}: {line.rel}")
            b.clicked.connect(lambda _=False, s=signal, rel=line.rel: s.emit(rel))
            row.controls.addWidget(b)
            self.buttons.append(b)
        if line.note:
            note = QLabel(line.note, row)
            note.setObjectName("Muted")
            note.setWordWrap(True)
            note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            row.lay.addWidget(note)
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
