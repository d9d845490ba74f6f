"""How ``r1desk ask`` shows a streamed answer on a terminal: the answer to stdout, the reasoning
(dimmed on a terminal) and the statistics to stderr."""

from __future__ import annotations

from typing import TextIO

from app.cli.terminal import escaped, for_stream
from app.core.inference.events import Delta, Reading, Stats
from app.core.r1.reasoning import FORCED_NOTE

READING_LINE_MIN = 512  # prompt tokens still to read before a progress line is worth printing
CANNOT_CONTINUE = {  # why an answer stopped at the end of its reasoning on a server that takes no prefill
    "answer_now": " · stopped at Answer now: this server cannot continue an answer after its reasoning",
    "budget": " · stopped at the thinking budget: this server cannot continue an answer after its reasoning",
    "loop": " · stopped: the reasoning was looping, and this server cannot continue an answer after it",
}


class Printer:
    """Answer to ``out``; reasoning (dimmed on a terminal) and statistics to ``err``."""

    def __init__(self, out: TextIO, err: TextIO, *, show_thinking: bool) -> None:
        self.out, self.err = out, err
        self.show_thinking = show_thinking
        self.tty = err.isatty()
        self._in_reasoning = False
        self._reading = False
        self._open = {"out": False, "err": False}  # a line is being written there

    def reading(self, ev: Reading) -> None:
        """A long prompt's progress on a terminal, on one line that the answer then replaces."""
        if self.tty and (self._reading or ev.total - ev.done >= READING_LINE_MIN):
            self._reading = True
            self.err.write(f"\r\x1b[2mReading {ev.total:,} tokens… {100 * ev.done // max(1, ev.total)} %\x1b[0m\x1b[K")
            self.err.flush()

    def _done_reading(self) -> None:
        if self._reading:
            self._reading = False
            self.err.write("\r\x1b[K")
            self.err.flush()

    def _dim(self, text: str) -> None:
        self.err.write(f"\x1b[2m{escaped(text)}\x1b[0m" if self.tty else text)
        self.err.flush()
        self._open["err"] = not text.endswith("\n")

    def break_line(self) -> None:
        """End the lines the answer or the reasoning left open, so an error printed next starts
        on a line of its own."""
        self._done_reading()
        for name, stream in (("out", self.out), ("err", self.err)):
            if self._open[name]:
                stream.write("\n")
                stream.flush()
                self._open[name] = False

    def delta(self, ev: Delta) -> None:
        self._done_reading()
        if ev.kind == "reasoning":
            if self.show_thinking:
                if not self._in_reasoning:
                    self._dim("Thinking…\n")
                self._dim(ev.text)
            self._in_reasoning = True
            return
        if self._in_reasoning and self.show_thinking:
            self._dim("\n—\n")
        self._in_reasoning = False
        self.out.write(for_stream(ev.text, self.out))
        self.out.flush()
        if ev.text:
            self._open["out"] = not ev.text.endswith("\n")

    def end(self, s: Stats | None) -> None:
        self._done_reading()
        self.out.write("\n")
        self.out.flush()
        if s is None:
            self._dim("[stopped]\n")
            return
        why: dict[str, str] = {
            "stop": "",
            "length": " · hit the token limit",
            "cancelled": " · stopped",
            "loop": " · stopped: the answer was repeating itself",
        }
        early = {
            "": "",
            "answer_now": " · answered early",
            "budget": " · thinking budget reached",
            "loop": " · reasoning was looping, answered early",
        }[s.answered_early]
        if s.answered_early and s.finish_reason == "cancelled":  # a server that cannot go on after it
            early = CANNOT_CONTINUE[s.answered_early]
            why = {**why, "cancelled": ""}
        think = ""
        if s.thought:
            unfinished = "" if s.thinking_finished else ", unfinished"
            think = f" · thought {s.thinking_s:.1f} s ({s.reasoning_tokens} tokens{unfinished})"
        fallback = f" · {s.template_problem}: used the R1 format" if s.template_problem else ""
        forced = f" · {FORCED_NOTE}" if s.think_forced else ""
        self._dim(
            f"[{s.generated_tokens} tokens · {s.tokens_per_s:.1f} tok/s · first token {s.ttft_s:.2f} s"
            f"{think}{early}{why[s.finish_reason]}{fallback}{forced}]\n"
        )
