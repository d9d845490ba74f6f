"""A proposed edit's diff as HTML for Qt's rich text: unified, or side by side, with line numbers
and each line highlighted by Pygments in the file's language, as the answers' code is (inline
styles; Qt's rich text has no style sheets for spans), on the theme's added/removed backgrounds.

The old and new texts are highlighted whole and cut into lines, so a line inside a docstring is
coloured as a string, not read as code on its own. No Qt here (see ``markdown.py``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from pygments.lexers import get_lexer_by_name
from pygments.styles import get_style_by_name
from pygments.util import ClassNotFound

from app.ui.render.markdown import Theme
from app.ui.style.palette import PALETTES

_HUNK = re.compile(r"^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@")
MAX_HIGHLIGHT = 200_000  # characters: a bigger file is shown plain (highlighting it would stall the GUI)
MAX_ROWS = 5000  # lines of one diff shown; the rest is counted

Kind = Literal["hunk", "context", "add", "del"]


@dataclass(frozen=True)
class Row:
    """One line of a diff: its kind, its numbers in the old and new file, its text."""

    kind: Kind
    old: int | None
    new: int | None
    text: str


def rows_of(diff: str) -> list[Row]:
    """A unified diff's lines (its ``---``/``+++`` header and "No newline" notes left out)."""
    out: list[Row] = []
    old = new = 0
    for line in diff.split("\n"):
        m = _HUNK.match(line)
        if m is not None:
            old, new = int(m.group(1)), int(m.group(2))
            out.append(Row("hunk", None, None, line))
        elif line.startswith(("--- ", "+++ ", "\\")) or not line or not out:
            continue
        elif line[0] == "+":
            out.append(Row("add", None, new, line[1:]))
            new += 1
        elif line[0] == "-":
            out.append(Row("del", old, None, line[1:]))
            old += 1
        else:
            out.append(Row("context", old, new, line[1:]))
            old, new = old + 1, new + 1
    return out


@lru_cache(maxsize=8)
def _styles(style_name: str) -> dict[Any, str]:
    style = get_style_by_name(style_name)
    css: dict[Any, str] = {}
    for token, s in style:
        parts = [f"color:#{s['color']}"] if s["color"] else []
        parts += ["font-weight:bold"] if s["bold"] else []
        parts += ["font-style:italic"] if s["italic"] else []
        css[token] = ";".join(parts)
    return css


def highlighted_lines(text: str, language: str, style_name: str) -> list[str]:
    """``text`` as HTML, one entry per line (line breaks and CRs left out)."""
    plain = [html.escape(line.rstrip("\r")) for line in text.split("\n")]
    if not text or len(text) > MAX_HIGHLIGHT:
        return plain
    try:
        lexer = get_lexer_by_name(language or "text", stripnl=False, ensurenl=False)
    except ClassNotFound:
        return plain
    css = _styles(style_name)
    lines: list[list[str]] = [[]]
    for token, value in lexer.get_tokens(text):
        while token not in css and token.parent is not None:
            token = token.parent
        style = css.get(token, "")
        for i, piece in enumerate(value.split("\n")):
            if i:
                lines.append([])
            piece = piece.rstrip("\r")
            if piece:
                escaped = html.escape(piece)
                lines[-1].append(f'<span style="{style}">{escaped}</span>' if style else escaped)
    return ["".join(parts) for parts in lines]


@dataclass(frozen=True)
class _Colours:
    add: str
    delete: str
    hunk: str
    muted: str
    added: str
    removed: str
    code: str


def _colours(theme: Theme) -> _Colours:
    c = PALETTES.get(theme.name, PALETTES["light"])
    return _Colours(
        c["diff_add"], c["diff_del"], c["code_header"], c["muted"], c["added"], c["removed"], c["code_background"]
    )


class _Lines:
    """The highlighted lines of the old and new text, by line number."""

    def __init__(self, old: str | None, new: str | None, language: str, style: str) -> None:
        self.old = highlighted_lines(old, language, style) if old is not None else []
        self.new = highlighted_lines(new, language, style) if new is not None else []

    def of(self, row: Row) -> str:
        """The row's line, highlighted; as the diff has it when its text is not given."""
        if row.kind == "add" and row.new is not None and 0 < row.new <= len(self.new):
            return self.new[row.new - 1]
        if row.kind != "add" and row.old is not None and 0 < row.old <= len(self.old):
            return self.old[row.old - 1]
        return html.escape(row.text.rstrip("\r"))


def _num(n: int | None, c: _Colours) -> str:
    return f'<td align="right" style="color:{c.muted};">{n if n is not None else ""}&nbsp;</td>'


def _more(rows: list[Row], c: _Colours, span: int) -> str:
    if len(rows) <= MAX_ROWS:
        return ""
    return f'<tr><td colspan="{span}" style="color:{c.muted};">… {len(rows) - MAX_ROWS:,} more lines</td></tr>'


def _table(body: str) -> str:
    return (
        '<table width="100%" cellspacing="0" cellpadding="1" '
        f'style="font-family:monospace; white-space:pre-wrap;">{body}</table>'
    )


def unified_html(diff: str, old: str | None, new: str | None, language: str, theme: Theme) -> str:
    """The diff as one column: old and new line numbers, the sign, the line."""
    c = _colours(theme)
    lines = _Lines(old, new, language, theme.pygments_style)
    rows = rows_of(diff)
    out: list[str] = []
    for r in rows[:MAX_ROWS]:
        if r.kind == "hunk":
            out.append(
                f'<tr><td colspan="4" style="background-color:{c.hunk}; color:{c.muted};">{html.escape(r.text)}</td></tr>'
            )
            continue
        bg = {"add": c.add, "del": c.delete}.get(r.kind, c.code)
        sign = {"add": f'<b style="color:{c.added};">+</b>', "del": f'<b style="color:{c.removed};">−</b>'}.get(
            r.kind, " "
        )
        out.append(
            f'<tr style="background-color:{bg};">{_num(r.old, c)}{_num(r.new, c)}'
            f'<td style="background-color:{bg};">{sign}</td>'
            f'<td width="100%" style="background-color:{bg};">{lines.of(r)}</td></tr>'
        )
    return _table("".join(out) + _more(rows, c, 4))


def _pairs(rows: list[Row]) -> list[tuple[Row | None, Row | None]]:
    """Rows side by side: context on both sides, a run of removed lines beside the added ones."""
    out: list[tuple[Row | None, Row | None]] = []
    i = 0
    while i < len(rows):
        r = rows[i]
        if r.kind in ("hunk", "context"):
            out.append((r, r))
            i += 1
            continue
        dels: list[Row] = []
        adds: list[Row] = []
        while i < len(rows) and rows[i].kind == "del":
            dels.append(rows[i])
            i += 1
        while i < len(rows) and rows[i].kind == "add":
            adds.append(rows[i])
            i += 1
        for k in range(max(len(dels), len(adds))):
            out.append((dels[k] if k < len(dels) else None, adds[k] if k < len(adds) else None))
    return out


def side_by_side_html(diff: str, old: str | None, new: str | None, language: str, theme: Theme) -> str:
    """The diff as two columns: the file on disk on the left, the proposal on the right."""
    c = _colours(theme)
    lines = _Lines(old, new, language, theme.pygments_style)
    rows = rows_of(diff)
    out: list[str] = []
    for left, right in _pairs(rows[:MAX_ROWS]):
        if left is not None and left.kind == "hunk":
            out.append(
                f'<tr><td colspan="4" style="background-color:{c.hunk}; color:{c.muted};">{html.escape(left.text)}</td></tr>'
            )
            continue
        cells = []
        for side, row in (("old", left), ("new", right)):
            if row is None:
                cells.append(f'<td></td><td width="50%" style="background-color:{c.code};"></td>')
                continue
            bg = {"add": c.add, "del": c.delete}.get(row.kind, c.code)
            n = row.old if side == "old" else row.new
            cells.append(f'{_num(n, c)}<td width="50%" style="background-color:{bg};">{lines.of(row)}</td>')
        out.append(f"<tr>{''.join(cells)}</tr>")
    return _table("".join(out) + _more(rows, c, 4))
