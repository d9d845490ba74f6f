"""Text from outside (file names, a model's answer, a server's error) made safe to print.

A terminal obeys control sequences in what it prints: ``ESC ]0;…BEL`` retitles the window,
``ESC[2J`` clears the screen, others move the cursor over earlier lines or, on some terminals,
write the clipboard. A file name in an attached folder, or an answer that echoes one, is not to
steer the user's terminal, so such text is escaped before it is printed:

- notes (a skipped file, an error sentence) are escaped always, wherever stderr goes: a note is
  one line for a person, and logs are read in terminals later;
- the answer, the reasoning and the ``--dry-run`` prompt are escaped only when they go to a
  terminal; into a pipe or a file they are written as they are, since there they are data (the
  exact prompt, the exact answer), and the model itself is sent the real names.

Escaped: the C0 controls (ESC, BEL, CR, backspace …) except line feed and tab, DEL, and the C1
controls (U+0080–U+009F, which some terminals read as ESC sequences); each is written as
``\\x1b``. A byte of a name that is not UTF-8 (kept by Python as a lone surrogate) is written as
``\\xe9``, so printing never fails on it.
"""

from __future__ import annotations

import re
from typing import TextIO

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROLS_AND_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def _escape(m: re.Match[str]) -> str:
    c = ord(m.group(0))
    if 0xDC80 <= c <= 0xDCFF:  # a byte that is not UTF-8, as surrogateescape keeps it
        return f"\\x{c - 0xDC00:02x}"
    return f"\\x{c:02x}" if c <= 0xFF else f"\\u{c:04x}"


def escaped(text: str, *, keep_breaks: bool = True) -> str:
    """``text`` with control characters written as ``\\xNN`` (line feeds and tabs kept unless
    ``keep_breaks`` is false)."""
    return (_CONTROLS if keep_breaks else _CONTROLS_AND_BREAKS).sub(_escape, text)


def note_line(text: str) -> str:
    """A one-line note for stderr (a skipped file): every control escaped, line breaks too."""
    return escaped(text, keep_breaks=False)


def for_stream(text: str, stream: TextIO) -> str:
    """``text`` escaped when ``stream`` is a terminal, as it is otherwise (see the module docstring)."""
    return escaped(text) if _is_tty(stream) else text


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream
        return False
