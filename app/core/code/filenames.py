"""A file name for a code block's "Save as…": the path the answer mentions just before the block
("Here is the updated `src/app.py`:"), else one made from the block's language."""

from __future__ import annotations

import re

from app.core.code.languages import extension_for, language_of

# a relative path or file name with an extension: src/app.py, ./run.sh, Dockerfile is handled apart
_PATH = re.compile(
    r"(?<![\w/:.-])(?:\.{0,2}/)?(?:[\w@+-][\w.@+-]*/)*[\w@+-][\w.@+-]*\.(?P<ext>[A-Za-z][A-Za-z0-9]{0,9})\b"
)
_BARE = re.compile(r"(?<![\w/.-])(Dockerfile|Makefile|CMakeLists\.txt|Containerfile|Justfile)\b")
_NOT_FILES = {"e.g", "i.e", "etc", "vs"}
LOOK_BACK = 300  # characters before the block: the sentence that introduces it


def paths_in(text: str) -> list[str]:
    """The paths and file names mentioned in ``text``, in order."""
    found: list[tuple[int, str]] = []
    for m in _PATH.finditer(text):
        word = m.group(0)
        if word.lower().rstrip(".") in _NOT_FILES or "://" in text[max(0, m.start() - 3) : m.start()]:
            continue
        found.append((m.start(), word))
    found += [(m.start(), m.group(0)) for m in _BARE.finditer(text)]
    return [w for _, w in sorted(found)]


def mentioned_path(before: str, language: str = "") -> str | None:
    """The last path mentioned in the text just before a block, preferring one whose extension
    matches the block's language."""
    tail = before[-LOOK_BACK:]
    names = paths_in(tail)
    if not names:
        return None
    lang = language.strip().lower()
    matching = [n for n in names if lang and language_of(n) == lang]
    name = (matching or names)[-1]
    return name[2:] if name.startswith("./") else name


def suggest_name(before: str, language: str) -> str:
    """The name "Save as…" offers: a mentioned path, else ``code.<extension of the language>``."""
    return mentioned_path(before, language) or f"code.{extension_for(language)}"
