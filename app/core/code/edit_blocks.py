"""The edits an answer's Markdown proposes: its fenced blocks with the file each one names, read
as whole files or as SEARCH/REPLACE pieces.

The file is named on the line before the block, as the Code preset asks ("File: src/app.py", a
heading, ``src/app.py`` alone, or a sentence that mentions it: "Here is the updated
`src/app.py`:"), or, in a SEARCH/REPLACE block, on a line of its own inside the fence before the
markers (aider's models do both). A block with ``<<<<<<< SEARCH`` / ``=======`` /
``>>>>>>> REPLACE`` markers changes parts of a file; any other block holds a whole file. Markers
outside any fence are read too. A fence left open (the answer was cut off) is no edit: its file
would be cut short.

Which of these blocks are edits, and to which file, is decided against the project
(``edits.py``): here is only what the text says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.code.filenames import paths_in

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_SEARCH = re.compile(r"^\s*<{5,9} ?SEARCH\s*$")
_DIVIDER = re.compile(r"^\s*={5,9}\s*$")
_REPLACE = re.compile(r"^\s*>{5,9} ?REPLACE\s*$")
_DECORATION = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)*")
_LABEL = re.compile(r"^(?:file(?:\s*name)?|path|filename|datei)\s*:\s*", re.IGNORECASE)
_BARE = {"Dockerfile", "Makefile", "CMakeLists.txt", "Containerfile", "Justfile", "Gemfile", "Rakefile"}


@dataclass(frozen=True)
class Block:
    """A fenced block (or bare SEARCH/REPLACE markers) and the file it names.

    Attributes:
        path: the file named for it, as written ("" when none is).
        alone: the path stood alone on its line ("File: x", a heading, ``x``): a firm claim,
            which may make a new file; a path mentioned in a sentence only edits a known one.
        language: the fence's language ("" when none).
        text: a whole file's new text (ends with a line break).
        pairs: (SEARCH, REPLACE) texts, for a block that changes parts of a file.
        line: the answer's line where the block starts (0-based).
    """

    path: str
    alone: bool
    language: str = ""
    text: str = ""
    pairs: tuple[tuple[str, str], ...] = ()
    line: int = 0

    @property
    def whole(self) -> bool:
        return not self.pairs


def looks_like_path(word: str) -> bool:
    """Whether a word standing alone is meant as a file path (refused ones included: an
    absolute path or ``../x`` is still shown as the path it tried to be)."""
    if not word or re.search(r"\s", word) or "://" in word:
        return False
    if word.startswith(("/", "~", "\\")) or "\0" in word or "\\" in word or re.match(r"[A-Za-z]:[\\/]", word):
        return True
    if ".." in word.split("/") and "/" in word:
        return True
    return paths_in(word) == [word] or word.rsplit("/", 1)[-1] in _BARE


def path_on_line(line: str) -> tuple[str, bool]:
    """The path a line names, and whether it stands alone there ("" when none)."""
    text = _DECORATION.sub("", line).strip()
    text = text.strip("*_").strip()
    labelled = _LABEL.match(text) is not None
    text = _LABEL.sub("", text).strip()
    word = text.strip("*_`\"'").strip().rstrip(":").strip().strip("*_`\"'")
    if looks_like_path(word) or (labelled and word and not re.search(r"\s", word)):
        return (word[2:] if word.startswith("./") else word), True
    found = paths_in(line)
    return ((found[-1][2:] if found[-1].startswith("./") else found[-1]), False) if found else ("", False)


def _path_before(prose: list[str]) -> tuple[str, bool]:
    """The path named by the nearest line with text before a block."""
    for line in reversed(prose):
        if line.strip():
            return path_on_line(line)
    return "", False


def _closing(lines: list[str], start: int, fence: str) -> int:
    """The line that closes a fence opened with ``fence`` (-1: it is never closed)."""
    close = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
    for i in range(start, len(lines)):
        if close.match(lines[i]):
            return i
    return -1


def _pairs(lines: list[str], start: int) -> tuple[tuple[str, str] | None, int]:
    """The SEARCH/REPLACE pair whose SEARCH marker is at ``start`` and the line after it (None:
    its markers are incomplete)."""
    search: list[str] = []
    replace: list[str] = []
    part = search
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if part is search and _DIVIDER.match(line):
            part = replace
        elif part is replace and _REPLACE.match(line):
            return ("\n".join(search) + "\n" if search else "", "\n".join(replace) + "\n" if replace else ""), i + 1
        else:
            part.append(line)
    return None, len(lines)


def _bare_pairs(lines: list[str], start: int) -> tuple[tuple[tuple[str, str], ...], int]:
    """SEARCH/REPLACE pairs outside a fence, one after another (blank lines between them)."""
    pairs: list[tuple[str, str]] = []
    i = start
    while i < len(lines) and _SEARCH.match(lines[i]):
        pair, end = _pairs(lines, i)
        if pair is None:
            break
        pairs.append(pair)
        i = end
        while end < len(lines) and not lines[end].strip():
            end += 1
        if end < len(lines) and _SEARCH.match(lines[end]):
            i = end
    return tuple(pairs), i


def _partial(body: list[str], path: str, alone: bool, language: str, line: int) -> list[Block]:
    """The SEARCH/REPLACE pieces inside one fence, grouped by the file each names."""
    out: list[Block] = []
    pairs: list[tuple[str, str]] = []
    i = 0
    while i < len(body):
        if _SEARCH.match(body[i]):
            pair, i = _pairs(body, i)
            if pair is not None:
                pairs.append(pair)
            continue
        named, is_alone = path_on_line(body[i])
        if named and is_alone and named != path:
            if pairs:
                out.append(Block(path, alone, language, pairs=tuple(pairs), line=line))
                pairs = []
            path, alone = named, True
        i += 1
    if pairs:
        out.append(Block(path, alone, language, pairs=tuple(pairs), line=line))
    return out


def _dedent(line: str, n: int) -> str:
    """A fenced line without the fence's own indentation (a block in a list item)."""
    cut = len(line) - len(line.lstrip(" \t"))
    return line[min(cut, n) :]


def blocks_of(answer: str) -> list[Block]:
    """The blocks of an answer that may be edits, in order."""
    lines = answer.split("\n")
    out: list[Block] = []
    prose: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _FENCE.match(line)
        if m is not None and not (m["fence"][0] == "`" and "`" in m["info"]):
            close = _closing(lines, i + 1, m["fence"])
            if close < 0:
                break  # cut off: nothing after it is whole
            body = [_dedent(x, len(m["indent"])) for x in lines[i + 1 : close]]
            path, alone = _path_before(prose)
            language = m["info"].strip().split(" ")[0].lower() if m["info"].strip() else ""
            if any(_SEARCH.match(x) for x in body):
                out += _partial(body, path, alone, language, i)
            else:
                text = "\n".join(body) + "\n" if body else ""
                out.append(Block(path, alone, language, text=text, line=i))
            prose = []
            i = close + 1
            continue
        if _SEARCH.match(line):
            pairs, end = _bare_pairs(lines, i)
            if pairs:
                path, alone = _path_before(prose)
                out.append(Block(path, alone, pairs=pairs, line=i))
                prose = []
                i = end
                continue
        prose.append(line)
        i += 1
    return out
