"""The text a client receives, built from the engine's reasoning/answer deltas as they stream.

Two formats, as llama-server's ``--reasoning-format``: ``deepseek`` puts the reasoning in
``reasoning_content`` and the answer in ``content``, each trimmed of surrounding whitespace
(streamed pieces join to exactly the non-streamed text); ``none`` keeps the raw text in
``content``, the reasoning inside ``<think>…</think>``. Stop strings end the answer where they
first appear; text that may be the start of one is held back until it is known.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.inference.events import Delta, ToolCallDelta


@dataclass(frozen=True)
class Piece:
    """What to send for one delta: reasoning text, content text and pieces of tool calls (any
    may be empty)."""

    reasoning: str = ""
    content: str = ""
    tool_calls: tuple[ToolCallDelta, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.reasoning or self.content or self.tool_calls)


class Trimmed:
    """Streams ``whole.strip()`` piece by piece: leading whitespace dropped, trailing held back."""

    def __init__(self) -> None:
        self.started = False
        self.held = ""

    def feed(self, text: str) -> str:
        if not self.started:
            text = text.lstrip()
            if not text:
                return ""
            self.started = True
        text = self.held + text
        body = text.rstrip()
        self.held = text[len(body) :]
        return body


class StopScanner:
    """Cuts the text at the first stop string, across delta boundaries.

    Attributes:
        hit: a stop string was found (nothing after it is released).
    """

    def __init__(self, stops: tuple[str, ...]) -> None:
        self.stops = stops
        self.held = ""
        self.hit = False

    def feed(self, text: str) -> str:
        if self.hit:
            return ""
        if not self.stops:
            return text
        buf = self.held + text
        found = [i for i in (buf.find(s) for s in self.stops) if i >= 0]
        if found:
            self.hit = True
            self.held = ""
            return buf[: min(found)]
        keep = max(_partial_suffix(buf, s) for s in self.stops)
        self.held = buf[len(buf) - keep :] if keep else ""
        return buf[: len(buf) - keep]

    def finish(self) -> str:
        held, self.held = self.held, ""
        return "" if self.hit else held


def _partial_suffix(text: str, tag: str) -> int:
    """Length of the longest end of ``text`` that is a proper beginning of ``tag``."""
    for n in range(min(len(tag) - 1, len(text)), 0, -1):
        if text.endswith(tag[:n]):
            return n
    return 0


class Shaper:
    """Engine deltas in, client pieces out, for one request.

    ``raw``: reasoning_format none (``open_tag`` opens the reasoning in ``content``; "" when the
    prompt itself opened it, as a raw ``/v1/completions`` prompt may).
    """

    def __init__(self, *, raw: bool, stops: tuple[str, ...] = (), open_tag: str = "<think>\n") -> None:
        self.raw = raw
        self.open_tag = open_tag
        self.stop = StopScanner(stops)
        self._reasoning = Trimmed()
        self._answer = Trimmed()
        self._state = "start"  # start / reasoning / answer (raw mode's tags)
        self.reasoning_chars = 0

    @property
    def stopped(self) -> bool:
        """A stop string ended the answer: the caller cancels the generation."""
        return self.stop.hit

    def feed(self, ev: Delta) -> Piece:
        if self.stop.hit:
            return Piece()
        if ev.kind == "reasoning":
            if self.raw:
                return Piece(content=self._tag("reasoning") + ev.text)
            text = self._reasoning.feed(ev.text)
            self.reasoning_chars += len(text)
            return Piece(reasoning=text)
        text = self.stop.feed(ev.text)
        if self.raw:
            return Piece(content=self._tag("answer") + text if text or self._state == "reasoning" else "")
        return Piece(content=self._answer.feed(text))

    def finish(self) -> Piece:
        """What was held back for a possible stop string, at the end of the stream."""
        text = self.stop.finish()
        if not text:
            return Piece()
        if self.raw:
            return Piece(content=self._tag("answer") + text)
        return Piece(content=self._answer.feed(text))

    def _tag(self, kind: str) -> str:
        tag = ""
        if kind == "reasoning" and self._state == "start":
            tag = self.open_tag
        elif kind == "answer" and self._state == "reasoning":
            tag = "</think>"
        self._state = kind
        return tag
