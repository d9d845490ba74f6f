r"""Model answers as HTML for Qt's rich-text views, rendered incrementally as they stream.

markdown-it-py with raw HTML disabled (model output is untrusted: ``<script>`` arrives as
text), tables, strikethrough and ``$…$``/``$$…$$`` math (mdit-py-plugins: math is shown as
clean monospace text, since Qt cannot typeset LaTeX). Fenced code is highlighted by Pygments with
inline styles (Qt's rich text has no stylesheets for spans) under a header with the language
and a Copy link (``copy:N``). The final ``\boxed{…}`` answer is set off in a framed box.

Streaming: :class:`IncrementalMarkdown` takes the answer as it is appended and splits it into
finished blocks (ended by a blank line outside a code fence or math block) and the growing tail.
A finished block is rendered once and never again; only the tail is re-rendered as text
arrives, so the cost of an update does not grow with the length of the answer.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any, cast

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from mdit_py_plugins.dollarmath import dollarmath_plugin
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name, guess_lexer
from pygments.util import ClassNotFound

from app.core.r1.answers import extract_boxed
from app.ui.palette import PALETTES

SAFE_SCHEMES = ("http://", "https://", "mailto:")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BOXED = re.compile(r"\\boxed\s*\{")


@dataclass(frozen=True)
class Theme:
    """Colours for what the renderer draws itself (the Qt palette does the rest)."""

    name: str
    pygments_style: str
    code_background: str
    code_header: str
    muted: str
    boxed_border: str
    boxed_background: str
    math: str

    @classmethod
    def named(cls, name: str) -> Theme:
        c = PALETTES[name]
        return cls(
            name,
            c["pygments"],
            c["code_background"],
            c["code_header"],
            c["muted"],
            c["boxed_border"],
            c["boxed_background"],
            c["math"],
        )


LIGHT = Theme.named("light")
DARK = Theme.named("dark")


@dataclass
class Rendered:
    html: str
    code: list[str] = field(default_factory=list)


class MarkdownRenderer:
    """Markdown to Qt-friendly HTML. One instance per theme; ``render`` is pure."""

    def __init__(self, theme: Theme = LIGHT) -> None:
        self.theme = theme
        self._md = (
            MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
            .use(dollarmath_plugin, double_inline=True)
            .enable("table")
            .enable("strikethrough")
        )
        self._formatter = HtmlFormatter(style=theme.pygments_style, noclasses=True, nowrap=True)
        self._renderer = cast(RendererHTML, self._md.renderer)
        rules: dict[str, Any] = self._renderer.rules
        rules["fence"] = rules["code_block"] = self._fence
        rules["math_inline"] = self._math_inline
        rules["math_block"] = rules["math_inline_double"] = self._math_block
        rules["link_open"] = self._link_open
        rules["table_open"] = self._table_open
        self._code: list[str] = []
        self._code_offset = 0

    def render(self, text: str, code_offset: int = 0) -> Rendered:
        """HTML for ``text``; code blocks are numbered from ``code_offset`` for their Copy links."""
        self._code = []
        self._code_offset = code_offset
        body = self._md.render(text)
        return Rendered(body, self._code)

    # ---- rules ------------------------------------------------------------------------------

    def _fence(self, tokens: Any, idx: int, options: Any, env: Any) -> str:
        tok = tokens[idx]
        lang = (tok.info or "").strip().split(" ")[0]
        code = tok.content
        n = self._code_offset + len(self._code)
        self._code.append(code)
        try:
            lexer = get_lexer_by_name(lang) if lang else guess_lexer(code)
            label = lang or lexer.name.lower()
        except ClassNotFound:
            lexer, label = get_lexer_by_name("text"), lang or "text"
        if len(code) > 200_000:
            lexer = get_lexer_by_name("text")  # highlighting huge blocks would stall the GUI
        body = highlight(code, lexer, self._formatter).rstrip("\n")
        t = self.theme
        # Qt's rich text: a one-cell table is the only block that takes a background and padding.
        return (
            f'<table width="100%" cellspacing="0" cellpadding="6" style="margin-top:6px; margin-bottom:6px;">'
            f'<tr><td style="background-color:{t.code_header}; color:{t.muted};">'
            f'<span style="font-size:small;">{html.escape(label)}</span>'
            f'&nbsp;&nbsp;<a href="copy:{n}" style="font-size:small;">Copy</a></td></tr>'
            f'<tr><td style="background-color:{t.code_background};"><pre style="margin:0; white-space:pre-wrap;">{body}</pre></td></tr>'
            "</table>\n"
        )

    def _boxed_math(self, latex: str) -> str | None:
        inner = extract_boxed(latex) if _BOXED.search(latex) else None
        if inner is None:
            return None
        t = self.theme
        return (
            f'<table cellspacing="0" cellpadding="8" style="margin:6px 0; border-color:{t.boxed_border}; '
            f'border-style:solid;" border="2"><tr><td style="background-color:{t.boxed_background};">'
            f'<span style="color:{t.muted}; font-size:small;">Final answer</span><br/>'
            f'<b><span style="font-family:monospace; font-size:large;">{html.escape(inner)}</span></b>'
            "</td></tr></table>\n"
        )

    def _math_inline(self, tokens: Any, idx: int, options: Any, env: Any) -> str:
        latex = tokens[idx].content
        if _BOXED.search(latex) and (inner := extract_boxed(latex)) is not None:
            t = self.theme
            return (
                f'<span style="background-color:{t.boxed_background}; color:{t.boxed_border}; font-weight:bold; '
                f'font-family:monospace;">&nbsp;{html.escape(inner)}&nbsp;</span>'
            )
        return f'<span style="font-family:monospace; color:{self.theme.math};">{html.escape(latex)}</span>'

    def _math_block(self, tokens: Any, idx: int, options: Any, env: Any) -> str:
        latex = tokens[idx].content.strip()
        boxed = self._boxed_math(latex)
        if boxed is not None:
            return boxed
        return f'<p align="center" style="font-family:monospace; color:{self.theme.math};">{html.escape(latex)}</p>\n'

    def _table_open(self, tokens: Any, idx: int, options: Any, env: Any) -> str:
        # Qt's rich text draws table borders only from these attributes.
        return f'<table border="1" cellspacing="0" cellpadding="5" style="border-color:{self.theme.code_header};">\n'

    def _link_open(self, tokens: Any, idx: int, options: Any, env: Any) -> str:
        tok = tokens[idx]
        href = tok.attrGet("href") or ""
        if not str(href).lower().startswith(SAFE_SCHEMES):
            tok.attrSet("href", "#")  # javascript:, file:, data: … are never offered
        return self._renderer.renderToken(tokens, idx, options, env)


def finished_prefix(text: str, start: int = 0) -> int:
    """Offset where the unfinished tail of ``text`` begins, scanning whole lines from ``start``.

    A block is finished when a blank line follows it outside a code fence or ``$$`` block.
    ``start`` must be a value this function returned before for a prefix of the same text.
    """
    end = start
    fence: str | None = None
    math = False
    pos = start
    while True:
        nl = text.find("\n", pos)
        if nl < 0:
            return end
        line = text[pos:nl]
        pos = nl + 1
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith(fence) and not stripped.strip(fence[0]):  # a closing fence
                fence = None
            continue
        if math:
            if stripped.endswith("$$"):
                math = False
            continue
        m = _FENCE.match(line)
        if m:
            fence = m.group(1)
            continue
        if stripped.startswith("$$") and not (len(stripped) > 2 and stripped.endswith("$$")):
            math = True
            continue
        if not stripped:
            end = pos


class IncrementalMarkdown:
    """A streaming answer: finished blocks are rendered once, the growing tail on every append.

    Only the unfinished tail's text is kept here; the whole answer lives in the chat session.

    Attributes:
        code: the text of every finished code block, by Copy-link number.
    """

    def __init__(self, renderer: MarkdownRenderer) -> None:
        self.renderer = renderer
        self._tail = ""
        self.code: list[str] = []
        self._tail_code: list[str] = []

    def append(self, delta: str) -> tuple[str, str]:
        """Add streamed text; return (HTML of blocks that just finished, HTML of the new tail)."""
        self._tail += delta
        done = finished_prefix(self._tail)
        finished = ""
        if done:
            r = self.renderer.render(self._tail[:done], code_offset=len(self.code))
            self.code.extend(r.code)
            finished = r.html
            self._tail = self._tail[done:]
        tail = self.renderer.render(self._tail, code_offset=len(self.code))
        self._tail_code = tail.code
        return finished, tail.html

    def code_block(self, n: int) -> str | None:
        every = self.code + self._tail_code
        return every[n] if 0 <= n < len(every) else None


def markdown_to_html(text: str, theme: Theme = LIGHT) -> str:
    """The HTML the answer view shows for ``text`` (the whole answer at once)."""
    return MarkdownRenderer(theme).render(text).html
