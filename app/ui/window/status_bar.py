"""The window's status bar: the model (a button that opens the picker), load progress, the
backend, downloads, live speed and the open chat's context use (live while an answer streams),
a long prompt's reading progress, and Undo after a deletion.
A thin view. Lasting states (downloads) have their own label: a temporary message would hide
the model's name, and one that is never cleared stays forever."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from app.core.inference.events import BackendInfo, ModelFacts, Stats
from app.ui.text.core_text import say
from app.ui.text.i18n import gb, number, translate
from app.ui.window.actions import key

READING_BAR_MIN = 512  # prompt tokens still to read before "Reading N tokens…" is worth a bar


def load_details(facts: ModelFacts) -> str:
    """How the local model was loaded, and its memory: the estimate beside llama.cpp's allocation."""
    flash = translate("StatusBar", "on") if facts.flash_attn else translate("StatusBar", "off")
    kv = facts.type_k if facts.type_k == facts.type_v else f"K {facts.type_k}, V {facts.type_v}"
    text = translate("StatusBar", "KV cache {kv}, flash attention {flash}, {layers} GPU layers.").format(
        kv=kv,
        flash=flash,
        layers=translate("StatusBar", "all") if facts.n_gpu_layers < 0 else number(facts.n_gpu_layers),
    )
    if facts.memory_used:
        text += " " + translate("StatusBar", "Memory: estimated {estimate}, used {used}.").format(
            estimate=gb(facts.memory_estimate), used=gb(facts.memory_used)
        )
    return text


class StatusBar(QStatusBar):
    """Attributes: model_button, undo (buttons the window connects)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_button = QPushButton(self.tr("No model"), self)
        self.model_button.setFlat(True)
        self.model_button.setAccessibleDescription(
            self.tr("Opens the model picker ({key})").format(key=key("choose_model"))
        )
        self._model_text = self.tr("No model")
        self.backend = QLabel("", self)
        self.backend.setAccessibleName(self.tr("Backend"))
        self.speed = QLabel("", self)
        self.context = QLabel("", self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(160)
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.downloads = QLabel("", self)
        self.downloads.setAccessibleName(self.tr("Downloads"))
        self.downloads.hide()
        self.undo = QPushButton(self.tr("Undo"), self)
        self.undo.setAccessibleName(self.tr("Undo the deletion"))
        self.undo.hide()
        self.n_ctx: int | None = None
        self._prompt = 0  # the prompt of the answer streaming now (0: not known)
        self._reading = False  # the progress bar shows the prompt being read
        self.progress.setAccessibleName(self.tr("Progress"))
        self.context.setAccessibleName(self.tr("Context used"))
        self.speed.setMinimumWidth(1)  # the first to give way in a narrow window (0 would mean "unset")
        # The live speed is the only normal widget: a passing message ("… loaded in 0.4 s") takes
        # its place on the left for a moment; the model, backend and context stay in view.
        self.addWidget(self.speed, 1)
        for w in (self.undo, self.downloads, self.progress, self.model_button, self.backend, self.context):
            self.addPermanentWidget(w)

    def show_backend(self, b: BackendInfo) -> None:
        self.backend.setText(f"  {b.name}  ")
        self.backend.setToolTip(b.system_info)

    def _set_model_text(self, text: str) -> None:
        self._model_text = text
        self.model_button.setAccessibleName(self.tr("Model: {model}").format(model=text))
        self._elide_model()

    def _elide_model(self) -> None:
        """A long model name is shortened with … rather than pushing the other labels out."""
        fm = QFontMetrics(self.model_button.font())
        room = max(80, int(self.width() * 0.32))
        self.model_button.setText(fm.elidedText(self._model_text, Qt.TextElideMode.ElideMiddle, room))
        self.model_button.setToolTip(self._model_text if self.model_button.text() != self._model_text else "")

    def resizeEvent(self, e: object) -> None:
        super().resizeEvent(e)  # type: ignore[arg-type]
        self._elide_model()

    def model_text(self) -> str:
        """The model line in full (the button may show it shortened)."""
        return self._model_text

    def show_loading(self, what: str) -> None:
        self._set_model_text(self.tr("Loading {model}…").format(model=what))
        self._reading_done()
        self.progress.setValue(0)
        self.progress.show()

    def show_progress(self, fraction: float) -> None:
        self.progress.setValue(int(fraction * 100))

    def show_model(self, facts: ModelFacts) -> None:
        self.progress.hide()
        name = facts.name or facts.path
        self._set_model_text(f"{name} · {facts.quantization}" if facts.quantization else name)
        self.model_button.setStatusTip(facts.path)
        if facts.backend.startswith("remote"):  # where the model runs: another machine
            self.backend.setText(f"  {say(facts.backend)} ({say(facts.description)})  ")
            self.backend.setToolTip(self.tr("Runs on {url}").format(url=facts.path))
        else:
            offload = " " + self.tr("(GPU offload)") if facts.gpu_offload else ""
            self.backend.setText(f"  {facts.backend}{offload}  ")
            self.backend.setToolTip(load_details(facts))
            self.backend.setAccessibleDescription(self.backend.toolTip())
        self.n_ctx = facts.n_ctx or None  # a remote model may not say

    def show_no_model(self) -> None:
        self.progress.hide()
        self._set_model_text(self.tr("No model"))
        self.n_ctx = None
        self.context.setText("")

    def show_context(self, used: int) -> None:
        """How much of the loaded model's context the open chat fills (0 for a new chat)."""
        self.context.setText(
            self.tr("context {used} / {size}").format(used=number(used), size=number(self.n_ctx)) if self.n_ctx else ""
        )
        self.context.setToolTip(
            self.tr("Tokens of this chat the model reads for its next answer, of the context it was loaded with.")
        )
        self.context.setAccessibleName(self.tr("Context used"))
        self.context.setAccessibleDescription(self.context.toolTip())

    def show_downloads(self, text: str) -> None:
        """The running downloads in one line ("" hides it)."""
        self.downloads.setText(text)
        self.downloads.setVisible(bool(text))

    def set_prompt_tokens(self, n: int) -> None:
        """The prompt of the answer that starts now (measured before sending), for live context use."""
        self._prompt = n
        if n:
            self.show_context(n)

    def show_reading(self, done: int, total: int) -> None:
        """Progress through a long prompt before the first token: "Reading 12,345 tokens… 40 %"."""
        self._prompt = total
        self.show_context(total)
        if total - done < READING_BAR_MIN and not self._reading:
            return  # a short prompt is read in a blink: no bar to flash
        self.clearMessage()  # a passing notice would crowd the progress out
        self._reading = True
        self.progress.setFormat(self.tr("Reading %Ln token(s)… {percent}", "", total).format(percent="%p %"))
        self.progress.setValue(int(100 * done / total) if total else 0)
        self.progress.setMaximumWidth(280)
        self.progress.setMinimumWidth(220)
        self.progress.show()

    def show_tick(self, generated: int, tokens_per_s: float) -> None:
        self._reading_done()
        self.speed.setText(
            self.tr("{speed} tok/s · {tokens} tokens").format(speed=number(tokens_per_s, 1), tokens=number(generated))
            + "  "
        )
        if self._prompt:
            self.show_context(self._prompt + generated)  # live, as the answer grows

    def _reading_done(self) -> None:
        if self._reading:
            self._reading = False
            self.progress.hide()
            self.progress.setFormat("%p%")
            self.progress.setMaximumWidth(160)
            self.progress.setMinimumWidth(0)

    def show_stats(self, s: Stats) -> None:
        self.speed.setText(
            self.tr("{speed} tok/s · first token {ttft} s").format(
                speed=number(s.tokens_per_s, 1), ttft=number(s.ttft_s, 2)
            )
            + "  "
        )
        self.show_context(s.prompt_tokens + s.generated_tokens)

    def set_generating(self, busy: bool) -> None:
        self.model_button.setEnabled(not busy)
        if busy:
            self.speed.setText(self.tr("generating…") + "  ")
        else:
            self._reading_done()
            self._prompt = 0
