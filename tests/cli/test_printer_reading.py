"""`r1desk ask` on a terminal: a long prompt's reading progress on one line, which the answer replaces."""

from __future__ import annotations

import io

from app.cli.printer import Printer
from app.core.inference.events import Delta, Reading


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_long_prompt_shows_progress_then_clears_it() -> None:
    out, err = io.StringIO(), Tty()
    p = Printer(out, err, show_thinking=False)
    p.reading(Reading(0, 12_345))
    p.reading(Reading(4_938, 12_345))
    assert "\rReading 12,345 tokens… 40 %" in err.getvalue().replace("\x1b[2m", "")
    p.delta(Delta("answer", "Hi"))
    assert err.getvalue().endswith("\r\x1b[K") and out.getvalue() == "Hi"


def test_a_short_prompt_or_a_pipe_shows_nothing() -> None:
    err = Tty()
    Printer(io.StringIO(), err, show_thinking=False).reading(Reading(0, 300))
    piped = io.StringIO()
    Printer(io.StringIO(), piped, show_thinking=False).reading(Reading(0, 12_345))
    assert err.getvalue() == "" and piped.getvalue() == ""
