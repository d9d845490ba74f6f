r"""markdown-it rules for the TeX delimiters R1 writes besides dollars: ``\(…\)``, ``\[…\]``
and a bare ``\boxed{…}``.

CommonMark reads ``\(`` and ``\[`` as escaped punctuation and drops the backslash, which turns
R1's display math into a bracketed mess. These rules run before the escape rule: a delimited
formula becomes the same ``math_inline`` / ``math_block`` token the dollar plugin makes, and a
delimiter that is not closed (yet: the answer may still be streaming) is kept as written.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

_OPENERS = {"(": ")", "[": "]"}
_BOXED = re.compile(r"\\boxed\s*\{")


def balanced_end(src: str, start: int) -> int:
    """Index just past the ``}`` closing the brace group whose ``{`` is at ``start - 1``; -1 if none."""
    depth = 1
    i = start
    while i < len(src):
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1


def _closer(state: StateInline, close: str, start: int) -> int:
    """``state.src.find(close, start, state.posMax)``, remembering where none is left: a paragraph
    of 20,000 unclosed ``\\[`` searched to its end from each (quadratic) before."""
    memo: dict[tuple[str, int], int] = state.__dict__.setdefault("_r1_no_closer", {})
    key = (close, state.posMax)
    if start >= memo.get(key, state.posMax + 1):
        return -1
    end = state.src.find(close, start, state.posMax)
    if end < 0:
        memo[key] = min(start, memo.get(key, start))
    return end


def _boxed_end(state: StateInline, start: int) -> int:
    """:func:`balanced_end` within the inline text, from a table of brace pairs made once per
    paragraph (a paragraph of unclosed ``\\boxed{`` scanned to its end from each before). The
    table's scan from the start meets each ``\\boxed{`` brace as balanced_end does: the character
    before that brace is never a backslash."""
    pairs: dict[int, int] | None = state.__dict__.get("_r1_braces")
    if pairs is None:
        pairs = state.__dict__["_r1_braces"] = {}
        stack: list[int] = []
        src, i, n = state.src, 0, len(state.src)
        while i < n:
            c = src[i]
            if c == "\\":
                i += 2
                continue
            if c == "{":
                stack.append(i)
            elif c == "}" and stack:
                pairs[stack.pop()] = i + 1
            i += 1
    end = pairs.get(start - 1, -1)
    return end if end <= state.posMax else -1


def _inline(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if src[pos] != "\\" or pos + 1 >= state.posMax:
        return False
    c = src[pos + 1]
    if c in _OPENERS:
        close = "\\" + _OPENERS[c]
        end = _closer(state, close, pos + 2)
        if end < 0 or not src[pos + 2 : end].strip():
            if not silent:  # not closed (yet): keep the delimiter as written
                state.pending += src[pos : pos + 2]
            state.pos += 2
            return True
        if not silent:
            token = state.push("math_inline" if c == "(" else "math_inline_double", "math", 0)
            token.content = src[pos + 2 : end]
            token.markup = "\\" + c
        state.pos = end + 2
        return True
    if c in ")]":  # a closer with no opener: keep it, never eat the backslash
        if not silent:
            state.pending += src[pos : pos + 2]
        state.pos += 2
        return True
    m = _BOXED.match(src, pos, state.posMax)
    if m is not None:
        end = _boxed_end(state, m.end())
        if end < 0:
            return False
        if not silent:
            token = state.push("math_inline", "math", 0)
            token.content = src[pos:end]
            token.markup = "\\boxed"
        state.pos = end
        return True
    return False


def _block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    begin = state.bMarks[start_line] + state.tShift[start_line]
    if state.sCount[start_line] - state.blkIndent >= 4 or not state.src.startswith("\\[", begin):
        return False
    # A scan from line F that failed at line L (a blank line, the end, or a closer with text after
    # it) fails from every line between them too: the later scan meets the same lines. Without
    # this memo, 20,000 lines starting with \[ took 73 s: each line, asked whether it ends the
    # paragraph above, scanned to the end. (The key keeps nested blocks' scans apart.)
    key = (end_line, state.parentType, state.blkIndent)
    memo = state.__dict__.get("_r1_display_memo")
    if memo is not None and memo[0] == key and memo[1] < start_line < memo[2]:
        return False
    line = start_line
    pos = begin + 2
    while line < end_line:
        line_end = state.eMarks[line]
        close = state.src.find("\\]", pos, line_end)
        if close >= 0:
            if state.src[close + 2 : line_end].strip():
                state.__dict__["_r1_display_memo"] = (key, start_line, line)
                return False  # text after the formula: the inline rule handles the paragraph
            if not silent:
                token = state.push("math_block", "math", 0)
                token.block = True
                token.content = state.src[begin + 2 : close]
                token.markup = "\\["
                token.map = [start_line, line + 1]
            state.line = line + 1
            return True
        line += 1
        if line < end_line:
            pos = state.bMarks[line] + state.tShift[line]
            if state.isEmpty(line):
                state.__dict__["_r1_display_memo"] = (key, start_line, line)
                return False  # a blank line ends the paragraph before the formula closes
    state.__dict__["_r1_display_memo"] = (key, start_line, end_line)
    return False


def tex_delimiters_plugin(md: MarkdownIt) -> None:
    """Add the rules (use after the dollar-math plugin)."""
    md.inline.ruler.before("escape", "tex_delimiters", _inline)
    md.block.ruler.before("fence", "tex_display", _block, {"alt": ["paragraph", "reference", "blockquote", "list"]})
