""" "Solve k times" on an answer's card: each sample's final answer and time, the majority marked."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.core.chats.samples import Summary


class SamplesView(QFrame):
    """A small list: one line per sample (the running one last), then the majority."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SamplesView")
        self.title = QLabel("", self)
        self.title.setObjectName("Muted")
        self.rows = QLabel("", self)
        self.rows.setTextFormat(Qt.TextFormat.RichText)
        self.rows.setWordWrap(True)
        self.rows.setAccessibleName("Samples")
        self.majority = QLabel("", self)
        self.majority.setObjectName("Majority")
        self.majority.setWordWrap(True)
        self.majority.setAccessibleName("Majority answer")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        lay.setSpacing(3)
        lay.addWidget(self.title)
        lay.addWidget(self.rows)
        lay.addWidget(self.majority)

    def show_summary(self, s: Summary, *, running: int | None = None) -> None:
        """Show the samples so far; ``running`` is the number of the sample being written."""
        self.title.setText(f"Solved {s.planned} times" if running is None else f"Solving {s.planned} times")
        lines = []
        for r in s.rows:
            text = html.escape(r.text)
            lines.append(f"<b>{text}</b>" if r.in_majority else text)
        if running is not None:
            lines.append(html.escape(f"{running}. writing…"))
        self.rows.setText("<br/>".join(lines))
        self.majority.setText(s.headline)
        self.majority.setVisible(bool(s.rows))
        self.show()
