"""The window's status bar: the model (a button that opens the picker), load progress, the
backend, live speed and context use, prompt-reading progress, and Undo after a deletion. A thin view."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from app.core.inference.events import BackendInfo, ModelFacts, Stats

READING_BAR_MIN = 512  # prompt tokens still to read before "Reading N tokens…" is worth a bar


class StatusBar(QStatusBar):
    """Attributes: model_button, undo (buttons the window connects)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_button = QPushButton("No model", self)
        self.model_button.setFlat(True)
        self.model_button.setAccessibleName("Model: click to load another")
        self.backend = QLabel("", self)
        self.speed = QLabel("", self)
        self.context = QLabel("", self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(160)
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.undo = QPushButton("Undo", self)
        self.undo.hide()
        self.addWidget(self.model_button)
        self.addWidget(self.progress)
        self.addWidget(self.backend)
        self.addPermanentWidget(self.undo)
        self.addPermanentWidget(self.speed)
        self.addPermanentWidget(self.context)
        self.context.setAccessibleName("Context use")
        self.progress.setAccessibleName("Progress")
        self._n_ctx = 0
        self._prompt = 0

    def show_backend(self, b: BackendInfo) -> None:
        self.backend.setText(f"  {b.name}  ")
        self.backend.setToolTip(b.system_info)

    def show_loading(self, what: str) -> None:
        self.model_button.setText(f"Loading {what}…")
        self.progress.setFormat("%p%")
        self.progress.setValue(0)
        self.progress.show()

    def show_progress(self, fraction: float) -> None:
        self.progress.setValue(int(fraction * 100))

    def show_model(self, facts: ModelFacts) -> None:
        self.progress.hide()
        name = facts.name or facts.path
        self.model_button.setText(f"{name} · {facts.quantization}" if facts.quantization else name)
        self.model_button.setToolTip(facts.path)
        if facts.backend.startswith("remote"):  # where the model runs: another machine
            self.backend.setText(f"  {facts.backend} ({facts.description})  ")
            self.backend.setToolTip(f"Runs on {facts.path}")
        else:
            self.backend.setText(f"  {facts.backend}{' (GPU offload)' if facts.gpu_offload else ''}  ")
        self._n_ctx = facts.n_ctx
        self.context.setText(f"context 0 / {facts.n_ctx:,}" if facts.n_ctx else "")

    def show_no_model(self) -> None:
        self.progress.hide()
        self.model_button.setText("No model")

    def set_prompt_tokens(self, n: int) -> None:
        """The prompt of the answer that starts now (measured before sending), for live context use."""
        self._prompt = n
        self._show_context(0)

    def show_reading(self, done: int, total: int) -> None:
        """Progress through a long prompt before the first token: "Reading 12,345 tokens… 40 %"."""
        self._prompt = total
        self._show_context(0)
        if total - done < READING_BAR_MIN and not self.progress.format().startswith("Reading"):
            return  # a short prompt is read in a blink: no bar to flash
        self.clearMessage()  # a passing notice would be drawn over the progress
        self.progress.setFormat(f"Reading {total:,} tokens… %p %")
        self.progress.setValue(int(100 * done / total) if total else 0)
        self.progress.setMaximumWidth(280)
        self.progress.setMinimumWidth(220)
        self.progress.show()

    def show_tick(self, generated: int, tokens_per_s: float) -> None:
        self._reading_done()
        self.speed.setText(f"{tokens_per_s:.1f} tok/s · {generated:,} tokens  ")
        self._show_context(generated)

    def _show_context(self, generated: int) -> None:
        if self._n_ctx and self._prompt:
            used = self._prompt + generated
            self.context.setText(f"context {used:,} / {self._n_ctx:,} ({100 * used / self._n_ctx:.0f} %)")

    def _reading_done(self) -> None:
        if self.progress.format().startswith("Reading"):
            self.progress.hide()
            self.progress.setFormat("%p%")
            self.progress.setMaximumWidth(160)
            self.progress.setMinimumWidth(0)

    def show_stats(self, s: Stats, n_ctx: int | None) -> None:
        self.speed.setText(f"{s.tokens_per_s:.1f} tok/s · first token {s.ttft_s:.2f} s  ")
        if n_ctx:
            self.context.setText(f"context {s.prompt_tokens + s.generated_tokens:,} / {n_ctx:,}")

    def set_generating(self, busy: bool) -> None:
        self.model_button.setEnabled(not busy)
        if busy:
            self.speed.setText("generating…  ")
        else:
            self._reading_done()
