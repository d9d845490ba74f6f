r"""Model answers as HTML for Qt's rich-text views.

markdown-it-py with raw HTML disabled (model output is untrusted: ``<script>`` arrives as
text, an image from the model becomes inert text or a link, never ``<img>``), tables,
strikethrough and math: ``$…$``, ``$$…$$`` (mdit-py-plugins' dollar math, with
a dollar next to a digit read as money: "$5 and $10" stays text), ``\(…\)``, ``\[…\]`` and a bare
``\boxed{…}`` (``tex_rules.py``). Formulas are typeset as SVG images by ``math.py``: the HTML
names them (``<img src="math:…">``, the TeX as its title) and :class:`Rendered` carries the
images for the view to register; one that cannot be typeset is shown as its source. Fenced code
is highlighted by Pygments with inline styles (Qt's rich text has no stylesheets for spans)
under a header with the language and the links Copy (``copy:N``), Save as… (``save:N``, offering
a file name from a path the answer mentions just before the block) and Insert into composer
(``insert:N``). A display formula that is only a
``\boxed{…}`` answer is set off in a framed "Final answer" box.

Streaming (finished blocks rendered once, only the tail again): ``incremental.py``.
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
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from app.core.code.filenames import suggest_name
from app.ui.render.math import PENDING, Formula, Typesetter
from app.ui.render.tex_budget import MAX_CHARS, Refused
from app.ui.render.tex_rules import balanced_end, tex_delimiters_plugin
from app.ui.style.palette import PALETTES

SAFE_SCHEMES = ("http://", "https://", "mailto:")
_BOXED = re.compile(r"\\boxed\s*\{")
_THEAD = re.compile(r"<thead>.*?</thead>\s*", re.DOTALL)


def _only_boxed(tex: str) -> str | None:
    r"""The inside of ``tex`` when it is nothing but one ``\boxed{…}`` (a final answer)."""
    m = _BOXED.match(tex)
    if m is None or len(tex) > MAX_CHARS or balanced_end(tex, m.end()) != len(tex):
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


@dataclass(frozen=True)
class CodeBlock:
    """A code block's text, its fence language and the file name "Save as…" offers."""

    code: str
    language: str = ""
    name: str = ""


@dataclass
class Rendered:
    """HTML and what goes with it.

    Attributes:
        code: the text of each code block, by Copy-link number.
        formulas: the typeset formulas the HTML shows (the view registers their images).
        pending: formulas still being typeset (shown as source for now).
        blocks: each code block with its language and "Save as…" name.
    """

    html: str
    code: list[str] = field(default_factory=list)
    formulas: list[Formula] = field(default_factory=list)
    pending: int = 0
    blocks: list[CodeBlock] = field(default_factory=list)


# The words the renderer writes itself; the window passes them in its language (no Qt here).
LABELS = {
    "copy": "Copy",
    "save": "Save as…",
    "insert": "Insert into composer",
    "final_answer": "Final answer",
    # why a formula is shown as written (its tooltip; see tex_budget.py)
    "math_long": "Shown as written: this formula has {value} characters, more than the {limit} that are typeset.",
    "math_deep": "Shown as written: this formula nests {value} levels deep, more than the {limit} that are typeset.",
    "math_slow": "Shown as written: typesetting this formula took longer than {limit} s.",
    "math_large": "Shown as written: this formula's image would be too large to draw.",
    "math_unknown": "Shown as written: the typesetter does not know {command}.",
    "math_unsupported": "Shown as written: the typesetter cannot read this formula.",
    "math_closed": "",
}


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
        self._char_px = math_px * 0.5  # about one character of the text font
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
        rules["image"] = self._image
        rules["table_open"] = self._table_open
        rules["th_open"] = rules["td_open"] = self._cell_open
        rules["tr_open"] = self._row_open
        self._code: list[str] = []
        self._blocks: list[CodeBlock] = []
        self._lead = ""
        self._formulas: list[Formula] = []
        self._pending = 0
        self._wait = True
        self._code_offset = 0
        self._continues = ""  # the text starts with the rest of a cut "code" block or "table"
        self._open_end = False  # the text ends in a code block that goes on (cut while streaming)
        self._widths: list[int] = []  # a cut table's column widths (in characters), the same in every piece
        self._column = 0

    def render(
        self,
        text: str,
        code_offset: int = 0,
        *,
        wait: bool = True,
        continues: str = "",
        open_end: bool = False,
        widths: list[int] | None = None,
        lead: str = "",
    ) -> Rendered:
        """HTML for ``text``; code blocks are numbered from ``code_offset`` for their links.

        ``wait=False`` never waits for a formula: one not typeset yet is shown as source and
        counted in ``pending`` (see ``math.py``). ``continues``/``open_end``: the text is a piece
        of a block cut while streaming (``stream_split.py``): a continued code block or table
        draws no header again, and the seams between pieces have no margins; ``widths`` fixes the
        columns of such a table, so its pieces line up. ``lead``: the text just before ``text``,
        where a path naming its first code block may be."""
        self._code, self._blocks, self._formulas, self._pending = [], [], [], 0
        self._code_offset = code_offset
        self._wait = wait
        self._continues, self._open_end = continues, open_end
        self._widths = widths or []
        self._lead = lead
        body = self._md.render(text)
        if continues == "table":
            body = _THEAD.sub("", body, count=1)
        return Rendered(body, self._code, self._formulas, self._pending, self._blocks)

    def _before(self, tokens: Any, idx: int) -> str:
        """The text just before the block at ``idx``: the nearest inline text above it."""
        for tok in reversed(tokens[:idx]):
            if tok.type == "inline" and tok.content.strip():
                return str(tok.content)
            if tok.type in ("fence", "code_block"):
                return ""
        return self._lead

    # ---- rules ------------------------------------------------------------------------------

    def _fence(self, tokens: Any, idx: int, options: Any, env: Any) -> str:
        tok = tokens[idx]
        lang = (tok.info or "").strip().split(" ")[0]
        code = tok.content
        n = self._code_offset + len(self._code)
        self._code.append(code)
        try:
            # Unlabelled code stays plain: Pygments' guess imports every lexer on first use
            # (0.65 s of frozen window) and asks each of them on every call.
            lexer = get_lexer_by_name(lang or "text")
            label = lang or "code"
        except ClassNotFound:
            lexer, label = get_lexer_by_name("text"), lang or "text"
        self._blocks.append(CodeBlock(code, lang, suggest_name(self._before(tokens, idx), lang or label)))
        if len(code) > 200_000:
            lexer = get_lexer_by_name("text")  # highlighting huge blocks would stall the GUI
        body = highlight(code, lexer, self._formatter).rstrip("\n")
        t = self.theme
        continued = self._continues == "code" and idx == 0
        top = 0 if continued else 6
        bottom = 0 if self._open_end and idx == len(tokens) - 1 else 6
        words = {k: html.escape(v) for k, v in self.labels.items()}
        pad = (" padding-top:0;" if continued else "") + (" padding-bottom:0;" if bottom == 0 else "")
        header = (
            ""
            if continued
            else f'<tr><td style="background-color:{t.code_header}; color:{t.muted};">'
            f'<span style="font-size:small;">{html.escape(label)}</span>'
            f'&nbsp;&nbsp;<a href="copy:{n}" style="font-size:small;">{words["copy"]}</a>'
            f'&nbsp;&nbsp;<a href="save:{n}" style="font-size:small;">{words["save"]}</a>'
            f'&nbsp;&nbsp;<a href="insert:{n}" style="font-size:small;">{words["insert"]}</a></td></tr>'
        )
        # Qt's rich text: a one-cell table is the only block that takes a background and padding.
        return (
            f'<table width="100%" cellspacing="0" cellpadding="6" style="margin-top:{top}px; '
            f'margin-bottom:{bottom}px;">{header}'
            f'<tr><td style="background-color:{t.code_background};{pad}">'
            f'<pre style="margin:0; white-space:pre-wrap;">{body}</pre></td></tr>'
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
        why = f' title="{html.escape(self.refusal(f), quote=True)}"' if isinstance(f, Refused) else ""
        return f'<span style="font-family:monospace; color:{self.theme.math};"{why}>{html.escape(tex)}</span>'

    def refusal(self, r: Refused) -> str:
        """Why a formula is shown as its source, in the window's words (its tooltip)."""
        text = self.labels.get(f"math_{r.reason}", "")
        return text.format(value=r.value, limit=r.limit, command=r.detail)

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

    def _row_open(self, tokens: Any, idx: int, options: Any, env: Any) -> str:
        self._column = 0
        return self._renderer.renderToken(tokens, idx, options, env)

    def _cell_open(self, tokens: Any, idx: int, options: Any, env: Any) -> str:
        tok = tokens[idx]
        if self._widths and self._column < len(self._widths):
            tok.attrSet("width", str(round(self._widths[self._column] * self._char_px + 10)))
        self._column += 1
        return self._renderer.renderToken(tokens, idx, options, env)

    def _table_open(self, tokens: Any, idx: int, options: Any, env: Any) -> str:
        # Qt's rich text draws table borders only from these attributes.
        return f'<table border="1" cellspacing="0" cellpadding="5" style="border-color:{self.theme.code_header};">\n'

    def _image(self, tokens: Any, idx: int, options: Any, env: Any) -> str:
        """An image as inert text: the answer view must never read a path or fetch anything a
        model wrote (``![x](/dev/zero)`` made Qt read until it died; a FIFO froze the window).
        A web image becomes a link the user may click."""
        tok = tokens[idx]
        src = str(tok.attrGet("src") or "")
        alt = self._renderer.renderInlineAsText(tok.children or [], options, env).strip()
        label = html.escape(f"[image: {alt}]" if alt else "[image]")
        if src.lower().startswith(("http://", "https://")):
            return f'<a href="{html.escape(src, quote=True)}">{label}</a>'
        return f'<span style="color:{self.theme.muted};">{label}</span>'

    def _link_open(self, tokens: Any, idx: int, options: Any, env: Any) -> str:
        tok = tokens[idx]
        href = tok.attrGet("href") or ""
        if not str(href).lower().startswith(SAFE_SCHEMES):
            tok.attrSet("href", "#")  # javascript:, file:, data: … are never offered
        return self._renderer.renderToken(tokens, idx, options, env)


def markdown_to_html(text: str, theme: Theme = LIGHT) -> str:
    """The HTML the answer view shows for ``text`` (the whole answer at once)."""
    return MarkdownRenderer(theme).render(text).html
