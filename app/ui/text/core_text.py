"""The core's sentences in the window's language.

The core has no Qt and writes English: the CLI prints its sentences as they are, and they reach
the window as plain text, from the model process, worker threads and signals alike. So the
window translates them where it shows them, with ``say(text)``: the text is matched against
the known templates (``core_messages.py``: English with ``{named}`` parts, the source strings of
the "Core" translation context), the template's translation is filled with the parts, each part
is translated in turn when it is a core sentence itself ("{file} is damaged or incomplete:
{why}."), and an English number in a part is written the locale's way ("8,192" -> "8.192").
A sentence that matches no template is shown as it came, in English; a test fails for every
error sentence of the core that has no template (``tests/ui/test_translations.py``).

Why not message ids in the core: its sentences cross a process boundary and Qt signals as
strings, the CLI wants them as they are, and the core stays free of any translation machinery.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QLocale

from app.ui.text.core_messages import TEMPLATES

CONTEXT = "Core"
# "8,192", "1.5", "4.7 GB", "0.42 s": English separators, maybe a unit (plain "8080" stays as it is).
_ENGLISH_NUMBER = re.compile(r"(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+\.\d+)(\s?(?:GB|GiB|MB|MiB|KB|MB/s|ms|s|K|%))?")
MAX_DEPTH = 3


@dataclass(frozen=True)
class _Template:
    source: str
    names: tuple[str, ...]
    pattern: re.Pattern[str]
    literal: int  # characters of fixed text: the more, the more specific the template


def _compile(source: str) -> _Template:
    parts, names, literal = [], [], 0
    for text, name, _spec, _conv in string.Formatter().parse(source):
        parts.append(re.escape(text))
        literal += len(text)
        if name is not None:
            parts.append("(.*?)")  # may be empty: "{said}" is "" when llama.cpp said nothing
            names.append(name)
    return _Template(source, tuple(names), re.compile("".join(parts) + r"\Z", re.DOTALL), literal)


@lru_cache(maxsize=1)
def _templates() -> tuple[_Template, ...]:
    return tuple(sorted((_compile(t) for t in TEMPLATES), key=lambda t: -t.literal))


def _number(text: str) -> str:
    """An English-formatted number ("8,192", "1.5 GB") in the locale's way; other text as it is."""
    m = _ENGLISH_NUMBER.fullmatch(text)
    if m is None:
        return text
    plain = m.group(1).replace(",", "")
    decimals = len(plain.partition(".")[2])
    loc = QLocale()
    value = loc.toString(float(plain), "f", decimals) if decimals else loc.toString(int(plain))
    return value + (m.group(2) or "")


def say(text: str, _depth: int = 0) -> str:
    """``text`` from the core, in the window's language (as it came when it is not known)."""
    if not text or _depth > MAX_DEPTH:
        return text
    exact = QCoreApplication.translate(CONTEXT, text)
    if exact != text:
        return exact
    for t in _templates():
        if not t.names:
            continue
        m = t.pattern.match(text)
        if m is None:
            continue
        values = {name: _part(m.group(i + 1), _depth) for i, name in enumerate(t.names)}
        return QCoreApplication.translate(CONTEXT, t.source).format(**values)
    return text


def _part(value: str, depth: int) -> str:
    inner = say(value, depth + 1)
    return inner if inner != value else _number(value)


def say_all(texts: list[str], sep: str = " ") -> str:
    """Several core sentences (a list of problems), each translated."""
    return sep.join(say(t) for t in texts)
