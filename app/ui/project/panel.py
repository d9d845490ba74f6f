"""The project panel: the chat's project folder, its files with their tokens, each ticked in or out
of the context; a file that cannot be used (binary, too large) greyed with the reason, one that
changed since the model got it marked. A thin view: the project controller fills it.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSizePolicy,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.text.i18n import number
from app.ui.widgets.flow_layout import wrapping_row

REL_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class FileRow:
    """One file's line.

    Attributes:
        tokens: its tokens (None: not known); counted: by the model's tokenizer (else estimated).
        state: "out", "in", "new", "stale" or "unusable" (see ``ProjectContext.state``).
        reason: why it cannot be used (for "unusable").
    """

    rel: str
    tokens: int | None
    counted: bool
    state: str
    reason: str = ""


class ProjectPanel(QWidget):
    """Signals: open_requested(), close_requested(), toggled(str rel, bool in)"""

    open_requested = Signal()
    close_requested = Signal()
    toggled = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ProjectPanel")
        self.folder = QLabel("", self)
        self.folder.setWordWrap(True)
        # A long path never holds the dock wide (the tooltip has it whole); it wraps at its separators.
        self.folder.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.open = QToolButton(self)
        self.open.setText(self.tr("Open project…"))
        self.open.setToolTip(self.tr("Choose the folder this chat works on"))
        self.open.setAccessibleName(self.open.text())
        self.close_ = QToolButton(self)
        self.close_.setText(self.tr("Close project"))
        self.close_.setToolTip(self.tr("This chat no longer works on a folder"))
        self.close_.setAccessibleName(self.close_.text())
        self.files = QTreeWidget(self)
        self.files.setRootIsDecorated(False)
        self.files.setUniformRowHeights(True)
        self.files.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.files.setHeaderLabels([self.tr("File"), self.tr("Tokens"), self.tr("State")])
        self.files.setAccessibleName(self.tr("Project files: tick a file to put it into the context"))
        header = self.files.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.summary = QLabel("", self)
        self.summary.setObjectName("Muted")
        self.summary.setWordWrap(True)
        self.empty = QLabel(
            self.tr(
                "No project folder. Open one, or attach a folder, and its files are listed here: tick "
                "those the model should see. Edits the model proposes to them can be applied."
            ),
            self,
        )
        self.empty.setObjectName("Muted")
        self.empty.setWordWrap(True)
        # they wrap: side by side they held the dock at half an 800 px window (200 %)
        buttons = wrapping_row(self, (self.open, self.close_))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.folder)
        lay.addWidget(buttons)
        lay.addWidget(self.empty)
        lay.addWidget(self.files, 1)
        lay.addWidget(self.summary)
        self.open.clicked.connect(self.open_requested)
        self.close_.clicked.connect(self.close_requested)
        self.files.itemChanged.connect(self._on_item)
        self.set_folder("")

    def set_folder(self, folder: str) -> None:
        breakable = html.escape(folder).replace("/", "/\u200b").replace("\\", "\\\u200b")  # wraps at separators
        self.folder.setText(f"<b>{breakable}</b>" if folder else "")
        self.folder.setToolTip(folder)
        self.folder.setVisible(bool(folder))
        self.close_.setVisible(bool(folder))
        self.empty.setVisible(not folder)
        self.files.setVisible(bool(folder))
        if not folder:
            self.files.clear()
            self.summary.setText("")

    def _state_text(self, row: FileRow) -> str:
        return {
            "in": self.tr("in context"),
            "new": self.tr("next message"),
            "stale": self.tr("changed"),
        }.get(row.state, row.reason)

    def _state_tip(self, row: FileRow) -> str:
        return {
            "in": self.tr("The model has this file as it is on disk"),
            "new": self.tr("Goes with your next message"),
            "stale": self.tr("Changed on disk since the model got it: read again and sent with your next message"),
            "out": self.tr("Not in the context: tick it to send it with your next message"),
        }.get(row.state, row.reason)

    def set_rows(self, rows: list[FileRow]) -> None:
        """Show these files. The same files as before are updated in place (a tick does not
        rebuild the list under the user's mouse, nor move it)."""
        self.files.blockSignals(True)
        items = [self.files.topLevelItem(i) for i in range(self.files.topLevelItemCount())]
        if [it.data(0, REL_ROLE) if it is not None else None for it in items] != [r.rel for r in rows]:
            self.files.clear()
            fresh = [QTreeWidgetItem() for _ in rows]
            self.files.addTopLevelItems(fresh)
            items = list(fresh)
        for item, row in zip(items, rows):
            if item is not None:
                self._fill(item, row)
        self.files.blockSignals(False)
        inside = [r for r in rows if r.state in ("in", "new", "stale")]
        total = sum(r.tokens or 0 for r in inside)
        estimated = any(not r.counted for r in inside)
        files = self.tr("%n file(s) in the context", "", len(inside))
        tokens = self.tr("%Ln token(s)", "", total)
        self.summary.setText(f"{files} · {'≈ ' if estimated else ''}{tokens}")

    def _fill(self, item: QTreeWidgetItem, row: FileRow) -> None:
        tokens = "" if row.tokens is None else ("" if row.counted else "≈ ") + number(row.tokens)
        item.setText(0, row.rel)
        item.setText(1, tokens if row.state != "unusable" else "")
        item.setText(2, self._state_text(row))
        item.setData(0, REL_ROLE, row.rel)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setToolTip(0, row.rel)
        if row.state == "unusable":
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable & ~Qt.ItemFlag.ItemIsEnabled)
            for col in range(3):
                item.setForeground(col, self.palette().placeholderText())
        else:
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(0, Qt.CheckState.Unchecked if row.state == "out" else Qt.CheckState.Checked)
        item.setToolTip(2, self._state_tip(row))
        font = item.font(2)
        font.setItalic(row.state == "stale")
        item.setFont(2, font)

    def _on_item(self, item: QTreeWidgetItem, column: int) -> None:
        if column == 0 and item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            self.toggled.emit(str(item.data(0, REL_ROLE)), item.checkState(0) == Qt.CheckState.Checked)

    def row_of(self, rel: str) -> QTreeWidgetItem | None:
        for i in range(self.files.topLevelItemCount()):
            item = self.files.topLevelItem(i)
            if item is not None and item.data(0, REL_ROLE) == rel:
                return item
        return None
