r"""Model answers as HTML for Qt's rich-text views, rendered incrementally as they stream.

markdown-it-py with raw HTML disabled (model output is untrusted: ``<script>`` arrives as
text), tables, strikethrough and math: ``$…$``, ``$$…$$`` (mdit-py-plugins' dollar math, with
a dollar next to a digit read as money: "$5 and $10" stays text), ``\(…\)``, ``\[…\]`` and a bare
``\boxed{…}`` (``tex_rules.py``). Formulas are typeset as SVG images by ``math.py``: the HTML
names them (``<img src="math:…">``, the TeX as its title) and :class:`Rendered` carries the
images for the view to register; one that cannot be typeset is shown as its source. Fenced code
is highlighted by Pygments with inline styles (Qt's rich text has no stylesheets for spans)
under a header with the language and a Copy link (``copy:N``). A display formula that is only a
``\boxed{…}`` answer is set off in a framed "Final answer" box.

Streaming: :class:`IncrementalMarkdown` takes the answer as it is appended and splits it into
finished blocks (ended by a blank line outside a code fence or math block) and the growing tail.
A finished block is rendered once and never again; only the tail is re-rendered as text
arrives, so the cost of an update does not grow with the length of the answer.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from typing import Any, cast

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from mdit_py_plugins.dollarmath import dollarmath_plugin
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name, guess_lexer
from pygments.util import ClassNotFound

from app.ui.palette import PALETTES
from app.ui.render.math import PENDING, Formula, Typesetter
from app.ui.render.tex_rules import balanced_end, tex_delimiters_plugin

SAFE_SCHEMES = ("http://", "https://", "mailto:")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BOXED = re.compile(r"\\boxed\s*\{")


def _only_boxed(tex: str) -> str | None:
    r"""The inside of ``tex`` when it is nothing but one ``\boxed{…}`` (a final answer)."""
    m = _BOXED.match(tex)
    if m is None or balanced_end(tex, m.end()) != len(tex):
        return None
    return tex[m.end() : -1].strip()


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
    text: str = "#1f2328"

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
            c["text"],
        )

    def lighter(self) -> Theme:
        """The same theme in the muted colour: the reasoning pane's Markdown and formulas."""
        return replace(self, text=self.muted, math=self.muted)


LIGHT = Theme.named("light")
DARK = Theme.named("dark")


@dataclass
class Rendered:
    """HTML and what goes with it.

    Attributes:
        code: the text of each code block, by Copy-link number.
        formulas: the typeset formulas the HTML shows (the view registers their images).
        pending: formulas still being typeset (shown as source for now).
    """

    html: str
    code: list[str] = field(default_factory=list)
    formulas: list[Formula] = field(default_factory=list)
    pending: int = 0


# The words the renderer writes itself; the window passes them in its language (no Qt here).
LABELS = {"copy": "Copy", "final_answer": "Final answer"}


class MarkdownRenderer:
    """Markdown to Qt-friendly HTML. One instance per theme; ``render`` is pure but for the
    formula cache. Not thread-safe: render from one thread. ``labels``: the words of ``LABELS``
    in the window's language."""

    def __init__(
        self,
        theme: Theme = LIGHT,
        math_px: float = 17.0,
        text_descent: float = 4.0,
        labels: dict[str, str] | None = None,
    ) -> None:
        self.theme = theme
        self.labels = {**LABELS, **(labels or {})}
        self.typesetter = Typesetter(theme.text, math_px, text_descent)
        self._md = (
            MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
            .use(dollarmath_plugin, double_inline=True, allow_digits=False, allow_space=False)
            .use(tex_delimiters_plugin)
            .enable("table")
            .enable("strikethrough")
        )
        self._formatter = HtmlFormatter(style=theme.pygments_style, noclasses=True, nowrap=True)
        self._renderer = cast(RendererHTML, self._md.renderer)
        rules: dict[str, Any] = self._renderer.rules
        rules["fence"] = rules["code_block"] = self._fence
        rules["math_inline"] = self._math_inline
        rules["math_block"] = rules["math_inline_double"] = self._math_block
        rules["math_block_label"] = self._math_block
        rules["link_open"] = self._link_open
        rules["table_open"] = self._table_open
        self._code: list[str] = []
        self._formulas: list[Formula] = []
        self._pending = 0
        self._wait = True
        self._code_offset = 0

    def render(self, text: str, code_offset: int = 0, *, wait: bool = True) -> Rendered:
        """HTML for ``text``; code blocks are numbered from ``code_offset`` for their Copy links.

        ``wait=False`` never waits for a formula: one not typeset yet is shown as source and
        counted in ``pending`` (see ``math.py``)."""
        self._code, self._formulas, self._pending = [], [], 0
        self._code_offset = code_offset
        self._wait = wait
        body = self._md.render(text)
        return Rendered(body, self._code, self._formulas, self._pending)

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
            f'&nbsp;&nbsp;<a href="copy:{n}" style="font-size:small;">{html.escape(self.labels["copy"])}</a></td></tr>'
            f'<tr><td style="background-color:{t.code_background};"><pre style="margin:0; white-space:pre-wrap;">{body}</pre></td></tr>'
            "</table>\n"
        )

    def _formula(self, tex: str, display: bool) -> str:
        """A typeset formula as an image, or its source when it cannot be (or is not yet)."""
        f = self.typesetter.typeset(tex, display) if self._wait else self.typesetter.lookup(tex, display)
        if isinstance(f, Formula):
            self._formulas.append(f)
            title = html.escape(tex, quote=True)
            valign = f' style="vertical-align: {f.align};"' if f.align else ""
            return f'<img src="{f.url}" width="{f.width:.0f}" height="{f.height:.0f}" title="{title}"{valign} />'
        if f is PENDING:
            self._pending += 1
        return f'<span style="font-family:monospace; color:{self.theme.math};">{html.escape(tex)}</span>'

    def _math_inline(self, tokens: Any, idx: int, options: Any, env: Any) -> str:
        return self._formula(tokens[idx].content.strip(), False)

    def _math_block(self, tokens: Any, idx: int, options: Any, env: Any) -> str:
        tex = tokens[idx].content.strip()
        inner = _only_boxed(tex)
        if inner is not None:  # the final answer: framed, with a label
            t = self.theme
            return (
                f'<table cellspacing="0" cellpadding="8" style="margin:6px 0; border-color:{t.boxed_border}; '
                f'border-style:solid;" border="2"><tr><td style="background-color:{t.boxed_background};">'
                f'<span style="color:{t.muted}; font-size:small;">{html.escape(self.labels["final_answer"])}</span><br/>'
                f"{self._formula(inner, True)}</td></tr></table>\n"
            )
        body = self._formula(tex, True)
        if not tokens[idx].block:
            return f"<br/>{body}<br/>"
        # A one-cell table, not <p align="center">: Qt drops a paragraph's alignment when the
        # paragraph is the first of the HTML inserted into the view's new block.
        return f'<table width="100%" cellspacing="0" cellpadding="2"><tr><td align="center">{body}</td></tr></table>\n'

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

    A block is finished when a blank line follows it outside a code fence or a ``$$`` or ``\\[``
    display formula.
    ``start`` must be a value this function returned before for a prefix of the same text.
    """
    end = start
    fence: str | None = None
    math = False
    closer = "$$"
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
            if stripped.endswith(closer):
                math = False
            continue
        m = _FENCE.match(line)
        if m:
            fence = m.group(1)
            continue
        if stripped.startswith("$$") and not (len(stripped) > 2 and stripped.endswith("$$")):
            math, closer = True, "$$"
            continue
        if stripped.startswith("\\[") and "\\]" not in stripped:
            math, closer = True, "\\]"
            continue
        if not stripped:
            end = pos


@dataclass(frozen=True)
class Provisional:
    """A finished block shown with formulas still being typeset (as source): render it again
    with :meth:`IncrementalMarkdown.rerender` once they are ready."""

    text: str
    code_offset: int


class IncrementalMarkdown:
    """A streaming answer: finished blocks are rendered once, the growing tail on every append.

    Only the unfinished tail's text is kept here; the whole answer lives in the chat session.
    Formulas are never waited for (see ``math.py``): until one is typeset it shows as source.
    A finished block with such formulas is still handed over (holding it back would let the
    tail, re-rendered on every append, grow while the typesetter catches up) and named in
    :attr:`provisional`, for the view to render again later; :attr:`pending` says the tail has
    some, and the view calls :meth:`append` with no text a little later.

    Attributes:
        code: the text of every finished code block, by Copy-link number.
        formulas: the formulas of the HTML the last append returned (to register as images).
        provisional: the block the last append finished, if it shows formulas as source for now.
        pending: whether the tail shows formulas that are still being typeset.
    """

    def __init__(self, renderer: MarkdownRenderer) -> None:
        self.renderer = renderer
        self._tail = ""
        self.code: list[str] = []
        self._tail_code: list[str] = []
        self.formulas: list[Formula] = []
        self.provisional: Provisional | None = None
        self.pending = False

    def append(self, delta: str) -> tuple[str, str]:
        """Add streamed text; return (HTML of blocks that just finished, HTML of the new tail)."""
        self._tail += delta
        done = finished_prefix(self._tail)
        finished = ""
        self.formulas = []
        self.provisional = None
        if done:
            offset = len(self.code)
            r = self.renderer.render(self._tail[:done], code_offset=offset, wait=False)
            self.code.extend(r.code)
            self.formulas.extend(r.formulas)
            finished = r.html
            if r.pending:
                self.provisional = Provisional(self._tail[:done], offset)
            self._tail = self._tail[done:]
        tail = self.renderer.render(self._tail, code_offset=len(self.code), wait=False)
        self._tail_code = tail.code
        self.formulas.extend(tail.formulas)
        self.pending = tail.pending > 0
        return finished, tail.html

    def rerender(self, block: Provisional) -> Rendered:
        """A provisional block again (never waits; ``pending`` says whether it is complete now)."""
        return self.renderer.render(block.text, code_offset=block.code_offset, wait=False)

    def code_block(self, n: int) -> str | None:
        every = self.code + self._tail_code
        return every[n] if 0 <= n < len(every) else None


def markdown_to_html(text: str, theme: Theme = LIGHT) -> str:
    """The HTML the answer view shows for ``text`` (the whole answer at once)."""
    return MarkdownRenderer(theme).render(text).html
