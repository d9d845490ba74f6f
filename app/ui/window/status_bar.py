"""The window's status bar: the model (a button that opens the picker), load progress, the
backend, downloads, live speed and the open chat's context use (live while an answer streams),
a long prompt's reading progress, and Undo after a deletion.
A thin view. Lasting states (downloads) have their own label: a temporary message would hide
the model's name, and one that is never cleared stays forever.

In a narrow window (800×600 at a 200 % font) the parts give way by priority instead of being cut
at the edge ("API 127.0.0"): first the local backend's name goes, then the context loses its
word ("78 / 8,192"), the API indicator its address (it stays in its tooltip and menu), a remote
model's place its server kind (never its host), and the model's name is shortened with … last.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from app.core.inference.events import BackendInfo, ModelFacts, Stats
from app.ui.text.core_text import say
from app.ui.text.i18n import gb, number, translate
from app.ui.window.actions import key
from app.ui.window.server_indicator import ServerIndicator

READING_BAR_MIN = 512  # prompt tokens still to read before "Reading N tokens…" is worth a bar
MODEL_SHARE, MODEL_MIN = 0.32, 120  # the model's name takes up to this share of the bar (px at least)


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
        self._context = ("", "")  # the context's line in full and short
        self._backend = ("", "")  # where the model runs, in full and short
        self._squeeze = 0  # how many steps of giving way the width needs now
        self._chat: object = None  # the chat the figures on the left are about
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
        self.indicator: ServerIndicator | None = None  # the local API's, added by the window (``add_indicator``)
        self.messageChanged.connect(self._fit)

    def add_indicator(self, indicator: ServerIndicator) -> None:
        """The local API server's indicator, last; it has a short form (``set_short``)."""
        self.indicator = indicator
        self.addPermanentWidget(indicator)

    # ---- giving way by priority -------------------------------------------------------------------

    def _need(self) -> int:
        """The width the parts ask for now, the left part's text included."""
        parts = [self.undo, self.downloads, self.progress, self.model_button, self.backend, self.context]
        widths = [w.sizeHint().width() + 8 for w in [*parts, self.indicator] if w is not None and not w.isHidden()]
        left = self.currentMessage() or self.speed.text()
        return sum(widths) + self.fontMetrics().horizontalAdvance(left) + 24

    def _apply(self, squeeze: int) -> None:
        self._squeeze = squeeze
        local = not self._backend[1]
        self.backend.setVisible(bool(self._backend[0]) and not (local and squeeze >= 1))
        self.backend.setText(self._backend[1] if squeeze >= 4 and not local else self._backend[0])
        self.context.setText(self._context[1] if squeeze >= 2 else self._context[0])
        if self.indicator is not None:
            self.indicator.set_short(squeeze >= 3)
        self._elide_model(squeeze >= 5)

    def fits(self, message: str) -> bool:
        """Whether a passing message fits beside the parts once they have given way."""
        squeeze = self._squeeze
        self._apply(5)
        rest = self._need() - self.fontMetrics().horizontalAdvance(self.currentMessage() or self.speed.text())
        self._apply(squeeze)
        return rest + self.fontMetrics().horizontalAdvance(message) <= self.width()

    def paintEvent(self, e: QPaintEvent) -> None:
        """A passing message too long for its room ends in "…" rather than in the middle of a word
        (the window shows it whole above the chat as well)."""
        message = self.currentMessage()
        if not message:
            super().paintEvent(e)
            return
        shown = [w for w in self.findChildren(QWidget) if w.parent() is self and w.isVisible() and w is not self.speed]
        right = min((w.x() for w in shown), default=self.width()) - 8
        room = QRect(6, 0, max(0, right - 6), self.height())
        p = QPainter(self)
        p.setPen(self.palette().windowText().color())
        text = self.fontMetrics().elidedText(message, Qt.TextElideMode.ElideRight, room.width())
        p.drawText(room, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)

    def _fit(self, *_: object) -> None:
        """Give way step by step until the parts fit the bar's width."""
        for squeeze in range(6):
            self._apply(squeeze)
            if self._need() <= self.width():
                return

    def show_backend(self, b: BackendInfo) -> None:
        self._set_backend(f"  {b.name}  ")
        self.backend.setToolTip(b.system_info)

    def _set_backend(self, full: str, short: str = "") -> None:
        """Where the model runs; ``short`` (a remote model's host alone) when it must not go."""
        self._backend = (full, short)
        self._fit()

    def _set_model_text(self, text: str) -> None:
        self._model_text = text
        self.model_button.setAccessibleName(self.tr("Model: {model}").format(model=text))
        self._fit()

    def _elide_model(self, tight: bool = False) -> None:
        """A long model name is shortened with … rather than pushing the other labels out."""
        fm = QFontMetrics(self.model_button.font())
        room = MODEL_MIN if tight else max(MODEL_MIN, int(self.width() * MODEL_SHARE))
        self.model_button.setText(fm.elidedText(self._model_text, Qt.TextElideMode.ElideMiddle, room))
        self.model_button.setToolTip(self._model_text if self.model_button.text() != self._model_text else "")

    def resizeEvent(self, e: object) -> None:
        super().resizeEvent(e)  # type: ignore[arg-type]
        self._fit()

    def model_text(self) -> str:
        """The model line in full (the button may show it shortened)."""
        return self._model_text

    def show_loading(self, what: str) -> None:
        self.speed.setText("")  # the figures were the other model's
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
            where = say(facts.backend)
            self._set_backend(f"  {where} ({say(facts.description)})  ", f"  {where}  ")
            self.backend.setToolTip(self.tr("Runs on {url}").format(url=facts.path))
            self._forwarding(facts.backend.removeprefix("remote: "))
        else:
            offload = " " + self.tr("(GPU offload)") if facts.gpu_offload else ""
            self._set_backend(f"  {facts.backend}{offload}  ")
            self.backend.setToolTip(load_details(facts))
            self.backend.setAccessibleDescription(self.backend.toolTip())
            self._forwarding("")
        self.n_ctx = facts.n_ctx or None  # a remote model may not say

    def _forwarding(self, host: str) -> None:
        """The local API forwards to a remote model's server: its indicator says so."""
        if self.indicator is not None:
            self.indicator.set_forwarding(host)
        self._fit()

    def show_no_model(self) -> None:
        self.progress.hide()
        self._set_model_text(self.tr("No model"))
        self.n_ctx = None
        self._context = ("", "")
        self._fit()

    def show_context(self, used: int) -> None:
        """How much of the loaded model's context the open chat fills (0 for a new chat)."""
        if self.n_ctx:
            used_text, size = number(used), number(self.n_ctx)
            self._context = (
                self.tr("context {used} / {size}").format(used=used_text, size=size),
                f"{used_text} / {size}",
            )
        else:
            self._context = ("", "")
        self.context.setToolTip(
            self.tr("Tokens of this chat the model reads for its next answer, of the context it was loaded with.")
        )
        self.context.setAccessibleName(self.tr("Context used"))
        self.context.setAccessibleDescription(self.context.toolTip())
        self._fit()

    def show_downloads(self, text: str) -> None:
        """The running downloads in one line ("" hides it)."""
        self.downloads.setText(text)
        self.downloads.setVisible(bool(text))
        self._fit()

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
            self.tr("{speed} tok/s · %Ln token(s)", "", generated).format(speed=number(tokens_per_s, 1)) + "  "
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
        """The figures of the answer that just ended; none when it ended before its first token
        (a stop while the prompt was read has no "first token" time to show)."""
        if s.generated_tokens:
            text = self.tr("{speed} tok/s · first token {ttft} s").format(
                speed=number(s.tokens_per_s, 1), ttft=number(s.ttft_s, 2)
            )
        else:
            text = self.tr("No tokens were written.")
        self.speed.setText(text + "  ")
        self.show_context(s.prompt_tokens + s.generated_tokens)

    def show_chat(self, chat: object) -> None:
        """Another chat is on screen: the last answer's figures were about the one before (a new
        chat has none; a chat created by its first send is not "shown", so None never matches)."""
        if chat is None or chat != self._chat:
            self._chat = chat
            self.speed.setText("")

    def set_generating(self, busy: bool) -> None:
        self.model_button.setEnabled(not busy)
        if busy:
            self.speed.setText(self.tr("generating…") + "  ")
        else:
            self._reading_done()
            self._prompt = 0
