"""The figures a card shows while an answer streams: "Reading your message… 12 s", "Thinking…
34 s", and the reasoning meter, tokens so far against the effective cap.

The cap is what can really be written: the thinking budget or the token limit, and never more
than the loaded context leaves after the prompt (a 32,768-token limit on an 8,192 context is
8,192 less the prompt). The token count comes from the engine's ticks (``inference/coalesce.py``
sends the tick after each flush of text, so the count moves as often as the text does); the
seconds from a half-second clock here.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer

from app.core.chats.session import ChatSession
from app.core.chats.thinking import ThinkingState
from app.ui.chat.message_widgets import AssistantMessageWidget
from app.ui.text.i18n import number

CLOCK_MS = 500


def effective_cap(limit: int | None, n_ctx: int, prompt: int) -> int | None:
    """The most tokens this answer can write: ``limit`` (a budget or max_tokens), within what the
    context leaves after the prompt (``n_ctx`` 0: not known, as for some remote models)."""
    room = max(0, n_ctx - prompt) if n_ctx > 0 else None
    if limit is None or limit <= 0:
        return room
    return limit if room is None else min(limit, room)


class LiveFigures(QObject):
    """The live header and meter of the streaming card (the controller hands it the card).

    Attributes:
        n_ctx: the loaded model's context (0: not known).
        card: the card of the answer streaming now (None between answers).
        prompt: the prompt's length in tokens, once the engine said it.
        cap: the meter's scale: the answer's limit within the context.
    """

    def __init__(self, session: ChatSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.n_ctx = 0
        self.card: AssistantMessageWidget | None = None
        self.prompt = 0
        self.cap: int | None = None
        self._limit: int | None = None
        self._tokens = 0
        self._reading = (0, 0)  # prompt tokens read so far, of how many (while the engine reads)
        self._read_start: tuple[float, int] | None = None  # when the first Reading came, and its count
        self._queued = False  # the answer waits for a request to the local API to finish
        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_MS)
        self._clock.timeout.connect(self.show_live)

    def begin(self, card: AssistantMessageWidget, limit: int | None) -> None:
        """A new answer on ``card`` with this budget or token limit."""
        self.card, self._limit, self.prompt, self._tokens, self._reading = card, limit, 0, 0, (0, 0)
        self._read_start = None
        self.cap = effective_cap(limit, self.n_ctx, 0)
        self._clock.start()

    def end(self) -> None:
        self._clock.stop()
        self._queued = False
        self.card = None

    def show_live(self) -> None:
        """The waiting line (queued, reading) and the "Thinking… N s" header, every half second."""
        card = self.card
        if card is None:
            return
        waited = self.session.waiting()
        if self._queued and waited is not None:
            text = self.tr("Waiting for a request to the local API to finish… {seconds} s")
            card.set_stats(text.format(seconds=number(waited)))
        elif waited is not None and waited >= 1:  # the model is still reading the prompt
            done, total = self._reading
            seconds = number(waited)
            left = self._time_left()
            if total and left is not None:  # steps have come: how far, and how long still
                read = self.tr("Reading %Ln token(s)… {percent} % · {seconds} s · about {left} s left", "", total)
                read = read.format(percent=number(100 * done // total), seconds=seconds, left=number(left))
            elif total:  # one step (a short prompt) or none yet: no percentage to show
                read = self.tr("Reading %Ln token(s)… {seconds} s", "", total).format(seconds=seconds)
            else:
                read = self.tr("Reading your message… {seconds} s").format(seconds=seconds)
            card.set_stats(read)
        th = self.session.thinking()
        if th.state is ThinkingState.LIVE and card.thinking.isVisible():
            card.thinking.set_label(card.thinking.header_text(th))

    def set_queued(self, queued: bool) -> None:
        """The answer waits behind a request to the local API (the engine serves one at a time)."""
        if queued == self._queued:
            return
        self._queued = queued
        if not queued and self.card is not None:
            self.card.set_stats("")  # its turn now: the reading line (if any) follows
        self.show_live()

    def _time_left(self) -> float | None:
        """Seconds still to read, from the pace of the steps so far (None before the second)."""
        if self._read_start is None:
            return None
        t0, done0 = self._read_start
        done, total = self._reading
        spent = time.monotonic() - t0
        if done <= done0 or spent <= 0:
            return None
        return (total - done) * spent / (done - done0)

    def on_reading(self, done: int, total: int) -> None:
        """The engine's progress through the prompt; its length makes the meter's cap exact."""
        if self._read_start is None or done < self._read_start[1]:
            self._read_start = (time.monotonic(), done)  # the first step: the pace is measured from here
        self._reading = (done, total)
        if total and total != self.prompt:
            self.prompt = total
            self.cap = effective_cap(self._limit, self.n_ctx, total)
            self.show_progress()
        self.show_live()

    def on_tick(self, generated_tokens: int, _tokens_per_s: float) -> None:
        """Live progress: while the model thinks, its tokens are reasoning tokens."""
        self._tokens = generated_tokens
        self.show_progress()

    def show_progress(self) -> None:
        if self.card is not None and self.session.thinking().state is ThinkingState.LIVE:
            self.card.thinking.set_progress(self._tokens, self.cap)
