"""The "Check this model…" window: choose a slice and k, see an honest estimate of the time on
this machine, run it with live progress (problem, level, correct so far, pass@1 with its 95 %
interval), stop and resume, and read the result beside the paper's figure.

A view over :class:`~app.ui.workers.checks.CheckWorker`; the figures come from the core.
"""

from __future__ import annotations

import time
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.checks.runner import DEFAULT_K, CheckEnded, Plan, SampleDone, SampleStarted
from app.core.checks.scores import Summary
from app.core.checks.setup import CheckSetup
from app.core.checks.suites import DEFAULT_SUITE, suite_label, suite_names
from app.core.inference.events import ModelFacts
from app.ui.check.text import check_lines, duration, estimate_text, paper_figure, percent, result_line
from app.ui.text.core_text import say
from app.ui.text.i18n import number
from app.ui.widgets.scroll_page import scroll_page
from app.ui.workers.checks import CheckWorker


class CheckDialog(QDialog):
    """Signals:
    checked(str path): a run ended with new results for this model file (the picker refreshes).
    """

    checked = Signal(str)

    def __init__(self, worker: CheckWorker, facts: ModelFacts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.facts = facts
        self.setup: CheckSetup | None = None
        self.summary: Summary | None = None
        self._speed: float | None = None
        self._left: float | None = None
        self._left_at = 0.0
        self._t0 = 0.0
        self._live_tokens = 0
        self.setWindowTitle(self.tr("Check this model"))
        self.resize(640, 480)
        name = f"{facts.name} · {facts.quantization}" if facts.quantization else facts.name
        self.title = QLabel(f"<b>{name}</b>", self)
        self.intro = QLabel(
            self.tr(
                "Does this model still reason? It solves MATH-500 problems the way the DeepSeek-R1 paper measured "
                "it (the Math preset, up to 32,768 new tokens, k answers per problem) and the answers are checked "
                "against the reference. Every finished answer is saved at once, so you can stop and resume."
            ),
            self,
        )
        self.intro.setWordWrap(True)
        self.suite = QComboBox(self)
        for n in suite_names():
            self.suite.addItem(
                self.tr("{suite} ({n} problems)").format(
                    suite=suite_label(n), n=n.split("-")[-1] if "-" in n else "500"
                ),
                n,
            )
        self.suite.setCurrentIndex(suite_names().index(DEFAULT_SUITE))
        self.k = QSpinBox(self)
        self.k.setRange(1, 16)
        self.k.setValue(DEFAULT_K)
        self.k.setAccessibleName(self.tr("Answers per problem"))
        form = QFormLayout()
        form.addRow(self.tr("Problems"), self.suite)
        form.addRow(self.tr("Answers per problem (k)"), self.k)
        self.estimate = QLabel(self)
        self.estimate.setWordWrap(True)
        self.estimate.setAccessibleName(self.tr("Time estimate"))
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName(self.tr("Check progress"))
        self.bar.hide()
        self.now = QLabel(self)
        self.now.setWordWrap(True)
        self.score = QLabel(self)
        self.score.setWordWrap(True)
        self.score.setTextFormat(Qt.TextFormat.PlainText)
        self.timing = QLabel(self)
        self.timing.setObjectName("Muted")
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.RichText)
        self.outcome.setAccessibleName(self.tr("Result"))
        self.start_btn = QPushButton(self.tr("Start"), self)
        self.start_btn.setDefault(True)
        self.stop_btn = QPushButton(self.tr("Stop"), self)
        self.close_btn = QPushButton(self.tr("Close"), self)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.start_btn, self.stop_btn, self.close_btn):
            buttons.addWidget(b)
        # The text scrolls rather than squeezing its wrapped labels (a long German estimate at a
        # large font); the buttons stay in view.
        body = QWidget(self)
        bl = QVBoxLayout(body)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.title)
        bl.addWidget(self.intro)
        bl.addLayout(form)
        parts: tuple[QWidget, ...] = (self.estimate, self.bar, self.now, self.score, self.timing, self.outcome)
        for part in parts:
            bl.addWidget(part)
        bl.addStretch(1)
        for w in (self.title, self.intro, self.suite, self.k, *parts):
            w.setParent(body)
        lay = QVBoxLayout(self)
        lay.addWidget(scroll_page(body, self), 1)
        lay.addLayout(buttons)
        self.clock = QTimer(self)
        self.clock.setInterval(1000)
        self._connect_signals()
        self._set_running(False)
        self._show_history()
        self._prepare()

    def _connect_signals(self) -> None:
        self.suite.currentIndexChanged.connect(self._prepare)
        self.k.valueChanged.connect(self._prepare)
        self.start_btn.clicked.connect(self._on_start)
        self.stop_btn.clicked.connect(self.worker.stop)
        self.close_btn.clicked.connect(self.close)
        self.clock.timeout.connect(self._show_timing)
        w = self.worker
        w.prepared.connect(self._on_prepared)
        w.started.connect(self._on_started)
        w.tokens.connect(self._on_tokens)
        w.sample_done.connect(self._on_sample_done)
        w.ended.connect(self._on_ended)
        w.failed.connect(self._on_failed)

    def plan(self) -> Plan:
        return Plan(str(self.suite.currentData()), self.k.value())

    # ---- before a run ----------------------------------------------------------------------------

    def _prepare(self, *_: object) -> None:
        if self.worker.busy:
            return
        self.start_btn.setEnabled(False)
        self.estimate.setText(
            self.tr("Measuring this machine's speed…") if self._speed is None else self.tr("Estimating…")
        )
        self.worker.prepare(self.plan(), self.facts.path, self._speed)

    def _on_prepared(self, setup: CheckSetup) -> None:
        if setup.plan != self.plan():  # the choice changed while it was estimated: again, once
            QTimer.singleShot(0, self._prepare)  # the worker is free after this event
            return
        self.setup = setup
        if setup.probe_tokens_per_s:
            self._speed = setup.probe_tokens_per_s
        self.estimate.setText(estimate_text(setup))
        self.summary = setup.summary
        self.start_btn.setText(self.tr("Resume") if setup.stored else self.tr("Start"))
        self.start_btn.setEnabled(not setup.complete)
        self.start_btn.setVisible(not setup.complete)
        self._show_score()
        if setup.complete:
            self._show_result(setup.summary)

    # ---- a run -------------------------------------------------------------------------------------

    def _set_running(self, running: bool) -> None:
        self.suite.setEnabled(not running)
        self.k.setEnabled(not running)
        self.stop_btn.setEnabled(running)
        self.start_btn.setEnabled(not running and self.setup is not None and not self.setup.complete)
        self.bar.setVisible(running or (self.summary is not None and self.summary.samples > 0))

    def _on_start(self) -> None:
        if self.worker.busy or self.setup is None:
            return
        est = self.setup.estimate
        self._left = est.seconds if est else None
        self._t0 = self._left_at = time.monotonic()
        self.outcome.setText("")
        self._set_running(True)
        self.bar.setRange(0, self.setup.total)
        self.bar.setValue(self.setup.stored)
        self.clock.start()
        self.worker.start(self.plan(), self.facts.path)

    def _on_started(self, ev: SampleStarted) -> None:
        p = ev.problem
        self._live_tokens = 0
        self.now.setText(
            self.tr("Problem {i} of {n} · level {level} · {subject} · answer {j} of {k}").format(
                i=ev.index + 1,
                n=len(self.setup.problems) if self.setup else "?",
                level=p.level,
                subject=p.subject,
                j=ev.sample + 1,
                k=self.plan().k,
            )
        )

    def _on_tokens(self, n: int) -> None:
        self._live_tokens = n

    def _on_sample_done(self, ev: SampleDone) -> None:
        self.summary = ev.summary
        self.bar.setValue(ev.summary.samples)
        if self.setup is not None and ev.summary.samples and ev.summary.seconds:
            left = self.setup.total - ev.summary.samples
            per_sample = ev.summary.seconds / ev.summary.samples
            self._left, self._left_at = left * per_sample, time.monotonic()
        self._show_score()

    def _show_score(self) -> None:
        s = self.summary
        if s is None or not s.samples:
            self.score.setText("")
            return
        text = self.tr("Correct so far: {right} of {n} answers").format(right=number(s.correct), n=number(s.samples))
        if s.pass_at_1 is not None:
            text += " · " + self.tr("pass@1 {pass1}").format(pass1=percent(s.pass_at_1))
            if s.half_width is not None:
                text += " " + self.tr("± {hw} (95 % interval)").format(hw=number(100 * s.half_width))
        self.score.setText(text)

    def _show_timing(self) -> None:
        now = time.monotonic()
        text = self.tr("{elapsed} elapsed").format(elapsed=duration(now - self._t0))
        if self._live_tokens:
            text += " · " + self.tr("this answer: {n} tokens").format(n=number(self._live_tokens))
        if self._left is not None:
            text += " · " + self.tr("about {left} left").format(
                left=duration(max(0.0, self._left - (now - self._left_at)))
            )
        self.timing.setText(text)

    def _on_ended(self, ev: CheckEnded) -> None:
        self.clock.stop()
        self._left = None
        self._live_tokens = 0
        self._show_timing()
        self.summary = ev.summary
        self._show_score()
        if ev.error:
            self.now.setText(say(ev.error))
        elif ev.stopped:
            self.now.setText(
                self.tr("Stopped. {n} answers are saved; Resume continues where it stopped.").format(
                    n=ev.summary.samples
                )
            )
        else:
            self.now.setText(self.tr("Done."))
        self._show_result(ev.summary)
        self.setup = None  # what is stored changed: estimated again (Resume, and the time left)
        self._set_running(False)
        self.checked.emit(self.facts.path)
        QTimer.singleShot(0, self._prepare)  # the worker is free after this event

    def _on_failed(self, message: str) -> None:
        self.clock.stop()
        self._set_running(False)
        self.estimate.setText(say(message))

    # ---- the result --------------------------------------------------------------------------------

    def _show_result(self, summary: Summary) -> None:
        if self.setup is None or summary.pass_at_1 is None:
            return
        line = result_line(summary, self.setup.plan.suite, paper_figure(self.setup.identity.catalog_id))
        self.outcome.setText(f"<b>{escape(line)}</b>")
        self._show_history()

    def _show_history(self) -> None:
        """What is stored for this file (before a run), or, beside a result, for the other
        quantizations of the same distill."""
        if not self.outcome.text():
            lines = check_lines(self.facts.path)
            self.outcome.setText("<br>".join(escape(line) for line in lines))
            return
        others = check_lines(self.facts.path, own=False)
        if others:
            self.outcome.setText(self.outcome.text() + "<br><br>" + "<br>".join(escape(line) for line in others))

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window stops the run; what finished is kept."""
        self.worker.stop()
        super().closeEvent(event)
