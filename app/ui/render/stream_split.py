"""Where a streaming answer's unfinished tail may be cut, so that it never grows large.

The incremental renderer re-renders the tail (the block still being written) on every delta.
A block without a blank line in it can be long: a 100 KB code block cost 1.4 s per update when
re-highlighted whole, a 300 KB table or a 950 KB paragraph of links several seconds. So once the
tail passes ``SOFT_LIMIT`` characters, it is cut at a place where the rest can be rendered on
its own and look the same: between two lines of a code block (the rest is still in the block:
it reopens the fence), between two rows of a table (the rest reuses the header, which is not
drawn again), before a new list item or paragraph line, or, in one enormous line, at a space
outside brackets and code. Math blocks are not cut unless too long to be typeset. Cut pieces
are rendered once, like finished blocks.

Pure text: no Qt, no Markdown library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.ui.render.tex_budget import MAX_CHARS

SOFT_LIMIT = 1500  # characters of unfinished tail re-rendered per delta (≈25 rows of a table: ≈20 ms)
# A display formula is kept whole up to the longest one typeset (tex_budget.MAX_CHARS, with its
# delimiters); a longer one is shown as written anyway, and is cut as text (a 1 MB $$…$$ scanned
# whole on every append took 40 s to show).
MATH_LIMIT = MAX_CHARS + 200
MATH_LINES = 200  # (20,000 lines of "\\[x" cost 0.2 ms a line to render: not a formula)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_TABLE_DELIMITER = re.compile(r"^ {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_ITEM = re.compile(r"^ {0,3}([-*+]|\d{1,9}[.)])[ \t]")
# A run of brackets no answer writes: markdown-it's link parsing is quadratic in such a run
# (500 characters of "![" took 55 ms, 3,000 took 0.7 s), so it is rendered in short pieces.
_BRACKETS = re.compile(r"(?:!?\[){16}")
_BRACKET_PIECE = 160


@dataclass(frozen=True)
class Cut:
    """Cut the tail at ``at``.

    Attributes:
        kind: "code" (inside a fenced block), "table" (between rows) or "text".
        reopen: what the rest must start with to mean the same: the fence line for code, the
            header and delimiter rows for a table ("" for text).
        close: what the cut piece must end with to be whole (the closing fence for code).
    """

    at: int
    kind: str
    reopen: str = ""
    close: str = ""


def find_cut(tail: str, limit: int = SOFT_LIMIT) -> Cut | None:
    """The last safe place to cut ``tail`` (one unfinished block), or None to leave it whole.

    When no safe place leaves less than twice ``limit`` behind (one enormous line), the tail is
    cut anyway, near its end; a run of brackets is cut in short pieces (see ``_BRACKETS``).
    The caller cuts again while this finds a place.
    """
    nl = tail.find("\n")
    first = tail if nl < 0 else tail[:nl]
    if first.lstrip().startswith(("$$", "\\[")):
        if len(tail) <= MATH_LIMIT and tail.count("\n") <= MATH_LINES:
            return None  # math: a cut would change what it means
        return _cut_text(tail, tail.split("\n"), limit) or Cut(len(tail) - 1, "text")  # never typeset: text
    fence = _FENCE.match(first)
    # Inside a code block brackets are not links: no need for short pieces there.
    brackets = not fence and _BRACKETS.search(tail) is not None
    if len(tail) <= (_BRACKET_PIECE if brackets else limit * 2 // 3):
        return None
    lines = tail.split("\n")
    if fence:
        cut = _cut_code(tail, lines, first, fence.group(1)) if len(tail) > limit else None
        if cut is not None and cut.kind == "text":
            return cut  # the block is closed: what follows is cut on its own, as text
    elif len(lines) > 2 and "|" in first and _TABLE_DELIMITER.match(lines[1]):
        cut = _cut_table(tail, lines)  # Qt lays tables out slowly: their pieces are shorter
    else:
        cut = _cut_text(tail, lines, limit) if len(tail) > limit else None
    hard = _BRACKET_PIECE if brackets else 2 * limit
    if len(tail) - (cut.at if cut else 0) <= hard:
        return cut
    at = _BRACKET_PIECE if brackets else len(tail) - 1  # a hard cut
    if fence:
        # The rest reopens the fence: only a cut past the opener line leaves a shorter tail.
        if len(lines) < 2 or at <= len(first) + 1:
            return cut
        f = fence.group(1)
        return Cut(at, "code", reopen=first + "\n", close="\n" + f[0] * len(f) + "\n")
    return Cut(at, "text")


def _cut_code(tail: str, lines: list[str], opener: str, fence: str) -> Cut | None:
    # Lines 1..n-2 are whole code lines (the last line may still be growing); keep the opener.
    if len(lines) < 3:
        return None
    pos = len(opener) + 1
    for line in lines[1:-1]:
        pos += len(line) + 1
        closing = _FENCE.match(line)
        if (
            closing
            and closing.group(1)[0] == fence[0]
            and len(closing.group(1)) >= len(fence)
            and not closing.group(2).strip()
        ):
            return Cut(pos, "text")  # the block is closed: what follows it is a block of its own
    at = len(tail) - len(lines[-1])  # after the last complete line
    if at <= len(opener) + 1:
        return None
    return Cut(at, "code", reopen=opener + "\n", close=fence[0] * len(fence) + "\n")


def _cut_table(tail: str, lines: list[str]) -> Cut | None:
    if len(lines) < 4:
        return None
    at = len(tail) - len(lines[-1])
    header = lines[0] + "\n" + lines[1] + "\n"
    if at <= len(header):
        return None
    return Cut(at, "table", reopen=header)


def _cut_text(tail: str, lines: list[str], limit: int) -> Cut | None:
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    # The last line that starts a list item or an ordinary line (not indented: that would turn
    # into code; not a setext underline or a rule).
    for i in range(len(lines) - 1, 0, -1):
        line = lines[i]
        if _ITEM.match(line) or (line[:1] not in (" ", "\t", "=", "-", "") and not line.startswith("|")):
            if len(tail) - starts[i] <= limit:
                return Cut(starts[i], "text")
            break
    # What is left is one enormous line: cut it at a space outside brackets and code spans.
    at = _safe_space(lines[-1], len(lines[-1]) - 1)
    return Cut(starts[-1] + at, "text") if at > 0 else None


def _safe_space(line: str, hi: int) -> int:
    """The last space before ``hi`` that lies outside [], () and `…` (0 when there is none)."""
    depth = 0
    code = False
    best = 0
    for i, c in enumerate(line[:hi]):
        if c == "`":
            code = not code
        elif code:
            continue
        elif c in "[(":
            depth += 1
        elif c in "])":
            depth = max(0, depth - 1)
        elif c == " " and depth == 0:
            best = i + 1
    return best
