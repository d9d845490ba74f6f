"""Markdown that arrives a few characters at a time: finished blocks are rendered once, only the
unfinished tail again on each append, and a tail that grows too long is cut into pieces
(``stream_split.py``), so the cost of an append does not grow with the answer."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from app.core.code.filenames import LOOK_BACK
from app.ui.render.markdown import CodeBlock, MarkdownRenderer, Rendered
from app.ui.render.math import Formula
from app.ui.render.stream_split import find_cut

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


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
    continues: str = ""
    open_end: bool = False
    widths: tuple[int, ...] = ()


@dataclass(frozen=True)
class _Part:
    """One render of an append: finished blocks, or the first piece of a cut tail."""

    text: str
    html: str
    continues: str
    open_end: bool
    code_offset: int
    pending: int
    widths: tuple[int, ...] = ()


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
        blocks: the same blocks with their language and "Save as…" name.
        formulas: the formulas of the HTML the last append returned (to register as images).
        provisional: the block the last append finished, if it shows formulas as source for now.
        pending: whether the tail shows formulas that are still being typeset.
    """

    def __init__(self, renderer: MarkdownRenderer) -> None:
        self.renderer = renderer
        self._tail = ""
        self.code: list[str] = []
        self._tail_code: list[str] = []
        self.blocks: list[CodeBlock] = []
        self._tail_blocks: list[CodeBlock] = []
        self._lead = ""  # the end of the finished text: a path naming the tail's first code block
        self.formulas: list[Formula] = []
        self.provisional: Provisional | None = None
        self.pending = False
        self._continues = ""  # the tail starts with the rest of a cut block ("code" or "table")
        self._widths: list[int] = []  # the column widths of the table being cut

    def append(self, delta: str, *, render_tail: bool = True) -> tuple[str, str | None]:
        """Add streamed text; return (HTML of blocks that just finished, HTML of the new tail).

        A tail past ``stream_split.SOFT_LIMIT`` is cut and its first piece returned with the
        finished blocks. ``render_tail=False`` (more text follows at once, as when a stored
        answer is shown): the tail is not rendered, and None stands for it.
        """
        self._tail += delta
        done = finished_prefix(self._tail)
        self.formulas = []
        self.provisional = None
        parts: list[_Part] = []
        if done:
            parts.append(self._render_once(self._tail[:done], open_end=False))
            self._tail = self._tail[done:]
            self._continues, self._widths = "", []
        while (cut := find_cut(self._tail)) is not None and len(cut.reopen) < cut.at:  # each cut shortens the tail
            if cut.kind == "table" and self._continues != "table":
                self._widths = column_widths(self._tail[: cut.at])
            parts.append(self._render_once(self._tail[: cut.at] + cut.close, open_end=cut.kind == "code"))
            self._tail = cut.reopen + self._tail[cut.at :]
            self._continues = cut.kind if cut.kind != "text" else ""
        finished = "".join(p.html for p in parts)
        if any(p.pending for p in parts):  # formulas still being typeset: the view renders these again
            self.provisional = Provisional(
                "".join(p.text for p in parts),
                parts[0].code_offset,
                parts[0].continues,
                parts[-1].open_end,
                parts[-1].widths,
            )
        if not render_tail:
            return finished, None
        tail = self.renderer.render(
            self._tail,
            code_offset=len(self.code),
            wait=False,
            continues=self._continues,
            widths=self._widths,
            lead=self._lead,
        )
        self._tail_code = tail.code
        self._tail_blocks = tail.blocks
        self.formulas.extend(tail.formulas)
        self.pending = tail.pending > 0
        return finished, tail.html

    def _render_once(self, text: str, *, open_end: bool) -> _Part:
        offset = len(self.code)
        r = self.renderer.render(
            text,
            code_offset=offset,
            wait=False,
            continues=self._continues,
            open_end=open_end,
            widths=self._widths,
            lead=self._lead,
        )
        code, blocks = list(r.code), list(r.blocks)
        if self._continues == "code" and code and self.code:
            self.code[-1] += code.pop(0)  # the rest of the block the links above copy, save or insert
            if blocks and self.blocks:
                self.blocks[-1] = replace(self.blocks[-1], code=self.blocks[-1].code + blocks.pop(0).code)
        self.code.extend(code)
        self.blocks.extend(blocks)
        self._lead = (self._lead + text)[-LOOK_BACK:]
        self.formulas.extend(r.formulas)
        return _Part(text, r.html, self._continues, open_end, offset, r.pending, tuple(self._widths))

    def rerender(self, block: Provisional) -> Rendered:
        """A provisional block again (never waits; ``pending`` says whether it is complete now)."""
        return self.renderer.render(
            block.text,
            code_offset=block.code_offset,
            wait=False,
            continues=block.continues,
            open_end=block.open_end,
            widths=list(block.widths),
        )

    def code_block(self, n: int) -> str | None:
        every = list(self.code)
        tail = list(self._tail_code)
        if self._continues == "code" and tail and every:
            every[-1] += tail.pop(0)
        every += tail
        return every[n] if 0 <= n < len(every) else None

    def block(self, n: int) -> CodeBlock | None:
        """A code block with its language and the file name "Save as…" offers."""
        every = list(self.blocks)
        tail = list(self._tail_blocks)
        if self._continues == "code" and tail and every:
            every[-1] = replace(every[-1], code=every[-1].code + tail.pop(0).code)
        every += tail
        return every[n] if 0 <= n < len(every) else None


def column_widths(table: str) -> list[int]:
    """Each column's widest cell, in characters (with room to spare), from a table's rows."""
    widths: list[int] = []
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        for i, c in enumerate(cells):
            if i == len(widths):
                widths.append(0)
            widths[i] = max(widths[i], len(c) + 2)
    return [min(w, 60) for w in widths]
