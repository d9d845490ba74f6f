""" "Solve k times" on an answer's card: each sample's final answer and time, the majority marked."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.core.chats.samples import SampleRow, Summary
from app.ui.text.core_text import say
from app.ui.text.i18n import seconds


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
        self.rows.setAccessibleName(self.tr("Samples"))
        self.majority = QLabel("", self)
        self.majority.setObjectName("Majority")
        self.majority.setWordWrap(True)
        self.majority.setAccessibleName(self.tr("Majority answer"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        lay.setSpacing(3)
        lay.addWidget(self.title)
        lay.addWidget(self.rows)
        lay.addWidget(self.majority)

    def show_summary(self, s: Summary, *, running: int | None = None) -> None:
        """Show the samples so far; ``running`` is the number of the sample being written."""
        if running is None:
            self.title.setText(self.tr("Solved %n time(s)", "", s.planned))
        else:
            self.title.setText(self.tr("Solving %n time(s)", "", s.planned))
        lines = []
        for r in s.rows:
            text = html.escape(self.row_text(r))
            lines.append(f"<b>{text}</b>" if r.in_majority else text)
        if running is not None:
            lines.append(html.escape(self.tr("{number}. writing…").format(number=running)))
        self.rows.setText("<br/>".join(lines))
        self.majority.setText(self.headline(s))
        self.majority.setVisible(bool(s.rows))
        self.show()

    def row_text(self, r: SampleRow) -> str:
        """ "3. 42 · 12.5 s · stopped" """
        answer = r.answer if r.answer is not None else self.tr("no boxed answer")
        time = seconds(r.seconds, 1) if r.seconds is not None else ""
        state = "" if r.state == "done" else say(r.state)
        return " · ".join(x for x in (f"{r.number}. {answer}", time, state) if x)

    def headline(self, s: Summary) -> str:
        done = len(s.rows)
        if s.vote.answer is None:
            return self.tr("Majority: no sample gave a boxed answer ({done} of {planned} samples)").format(
                done=done, planned=s.planned
            )
        return self.tr("Majority: {answer} ({votes} of {done} votes)").format(
            answer=s.vote.answer, votes=s.vote.votes, done=done
        )
