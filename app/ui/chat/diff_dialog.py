"""The review of an answer's edits: the files on the left, the chosen file's diff on the right,
in one column or side by side and highlighted as the answers' code is, with Apply, Discard, Undo apply
and Apply all. A file that changed since it was attached shows the whole situation: what changed
on disk since then, and what the answer proposes against the disk as it is now.

A view: the edit controller gives it what to show (:class:`Review`) and acts on its signals.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core.code.languages import language_of
from app.ui.chat.edits_view import EditLine
from app.ui.render.diff_html import side_by_side_html, unified_html
from app.ui.render.markdown import Theme


@dataclass(frozen=True)
class Review:
    """One file as the review shows it: its line on the card, the diff and the texts around it.

    Attributes:
        diff: disk -> proposed (or, once applied, before -> after); old/new: those two texts.
        since_attached: attached -> disk, for a file changed since it was attached ("" if not);
            attached: the attached text it is from.
    """

    line: EditLine
    diff: str = ""
    old: str | None = None
    new: str | None = None
    since_attached: str = ""
    attached: str | None = None


class DiffDialog(QDialog):
    """Signals (with the file's path; "" in apply for Apply all): apply(str), discard(str),
    undo(str), reattach(str)"""

    apply = Signal(str)
    discard = Signal(str)
    undo = Signal(str)
    reattach = Signal(str)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DiffDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Review the proposed edits"))
        self.resize(1000, 640)
        self.theme = theme
        self.reviews: list[Review] = []
        self.files = QListWidget(self)
        self.files.setAccessibleName(self.tr("Files"))
        self.side = QCheckBox(self.tr("&Side by side"), self)
        self.side.setToolTip(self.tr("The file on disk on the left, the proposal on the right (else one column)"))
        self.situation = QLabel("", self)
        self.situation.setWordWrap(True)
        self.situation.setObjectName("SkippedNote")
        self.view = QTextBrowser(self)
        self.view.setObjectName("DiffView")
        self.view.setOpenLinks(False)
        self.view.setLineWrapMode(QTextBrowser.LineWrapMode.NoWrap)
        self.view.setAccessibleName(self.tr("Diff"))
        self.apply_btn = QPushButton(self.tr("&Apply"), self)
        self.discard_btn = QPushButton(self.tr("&Discard"), self)
        self.undo_btn = QPushButton(self.tr("U&ndo apply"), self)
        self.reattach_btn = QPushButton(self.tr("&Re-attach"), self)
        self.apply_all = QPushButton(self.tr("Apply a&ll"), self)
        self.close_btn = QPushButton(self.tr("&Close"), self)
        self._layout()
        self.files.currentRowChanged.connect(self._show)
        self.side.toggled.connect(lambda _: self._show(self.files.currentRow()))
        for button, signal in (
            (self.apply_btn, self.apply),
            (self.discard_btn, self.discard),
            (self.undo_btn, self.undo),
            (self.reattach_btn, self.reattach),
        ):
            button.clicked.connect(lambda _=False, s=signal: s.emit(self.current_rel()))
        self.apply_all.clicked.connect(lambda: self.apply.emit(""))
        self.close_btn.clicked.connect(self.close)

    def _layout(self) -> None:
        right = QWidget(self)
        modes = QHBoxLayout()
        modes.addWidget(self.side)
        modes.addStretch(1)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addLayout(modes)
        rl.addWidget(self.situation)
        rl.addWidget(self.view, 1)
        split = QSplitter(self)
        split.addWidget(self.files)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([220, 780])
        buttons = QHBoxLayout()
        for b in (self.apply_btn, self.discard_btn, self.undo_btn, self.reattach_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_all)
        buttons.addWidget(self.close_btn)
        lay = QVBoxLayout(self)
        lay.addWidget(split, 1)
        lay.addLayout(buttons)

    def current_rel(self) -> str:
        row = self.files.currentRow()
        return self.reviews[row].line.rel if 0 <= row < len(self.reviews) else ""

    def set_reviews(self, reviews: list[Review], rel: str = "") -> None:
        """Show these files, and ``rel`` (else the one shown before, else the first)."""
        keep = rel or self.current_rel()
        self.reviews = reviews
        self.files.blockSignals(True)
        self.files.clear()
        for r in reviews:
            item = QListWidgetItem(self._item_text(r.line), self.files)
            item.setToolTip(r.line.rel)
            if r.line.state in ("discarded", "refused", "problem"):
                item.setForeground(self.palette().placeholderText())
        self.files.blockSignals(False)
        rels = [r.line.rel for r in reviews]
        self.files.setCurrentRow(rels.index(keep) if keep in rels else 0)
        self._show(self.files.currentRow())
        self.apply_all.setEnabled(any(r.line.applicable for r in reviews))

    def _item_text(self, line: EditLine) -> str:
        if line.state == "refused":
            return self.tr("{file} (refused)").format(file=line.rel)
        if line.state == "problem":
            return self.tr("{file} (cannot apply)").format(file=line.rel)
        return f"{line.rel}  +{line.added} −{line.removed}"

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.reviews):
            self.view.clear()
            return
        r = self.reviews[row]
        state = r.line.state
        self.apply_btn.setEnabled(state == "proposed")
        self.discard_btn.setEnabled(state in ("proposed", "stale", "problem"))
        self.undo_btn.setEnabled(state == "applied")
        self.reattach_btn.setVisible(state == "stale")
        self.situation.setText(self._situation(r))
        self.situation.setVisible(bool(self.situation.text()))
        language = language_of(r.line.rel)
        render = side_by_side_html if self.side.isChecked() else unified_html
        parts = []
        if r.since_attached:
            since = html.escape(self.tr("Changed on disk since it was attached"))
            proposed = html.escape(self.tr("Proposed, against the file on disk now"))
            parts.append(f"<p><b>{since}</b></p>")
            parts.append(render(r.since_attached, r.attached, r.old, language, self.theme))
            parts.append(f"<p><b>{proposed}</b></p>")
        if r.diff:
            parts.append(render(r.diff, r.old, r.new, language, self.theme))
        self.view.setHtml("".join(parts))

    def _situation(self, r: Review) -> str:
        if r.line.state == "stale":
            return self.tr(
                "{file} changed on disk since it was attached: the answer was written against the version "
                "attached, not the one on disk. It is not applied; re-attach the file and ask again."
            ).format(file=r.line.rel)
        if r.line.state == "applied":
            return self.tr("Applied: the diff shows what was written. Undo apply puts the file back.")
        return r.line.note
