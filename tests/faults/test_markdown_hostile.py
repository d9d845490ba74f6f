"""Hostile Markdown from a model: never an <img> the app did not make, never a link to anything
but the web or mail, never a read of a local path (a FIFO would hang), never a long stall.

"Never a long stall" is checked by its cause, not a stopwatch: every append renders only the
text that just finished (once) and the unfinished tail, which stays short (``stream_split``).
The time an append takes is measured by ``tests/benchmarks/bench_render_stall.py``.
"""

from __future__ import annotations

import os
import random
import re
import threading
from pathlib import Path
from typing import Any

from app.core.chats.export import inert
from app.ui.render.incremental import IncrementalMarkdown
from app.ui.render.markdown import MarkdownRenderer, Rendered
from app.ui.render.stream_split import SOFT_LIMIT
from tests.faults.generate import hostile_markdown, random_deltas
from tests.faults.tally import Tries

_IMG = re.compile(r"<img\b(?![^>]*src=\"math:)", re.IGNORECASE)
_HREF = re.compile(r'href="([^"]*)"')
_OK_HREF = ("http://", "https://", "mailto:", "copy:", "save:", "insert:", "#")  # the last four: our own


def _check_html(html: str) -> None:
    assert not _IMG.search(html), "an <img> from model output"
    bad = [h for h in _HREF.findall(html) if not h.lower().startswith(_OK_HREF)]
    assert not bad, f"links to {bad[:3]}"


class _Counting(MarkdownRenderer):
    """Records the text of each render: what an append costs, without a stopwatch."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def render(self, text: str, *args: Any, **kw: Any) -> Rendered:
        self.texts.append(text)
        return super().render(text, *args, **kw)


def run_renderer(t: Tries, n: int, seed: int, fifo: str) -> None:
    """Streamed in random deltas through the incremental renderer, and exported to Markdown."""
    from markdown_it import MarkdownIt

    rng = random.Random(seed)
    renderer = _Counting()
    plain = MarkdownIt("commonmark")  # what another app would make of an export
    for i in range(n):
        text = "".join(hostile_markdown(rng, fifo) for _ in range(30))  # long enough for the tail to be cut
        with t(f"seed {seed} try {i}"):
            inc = IncrementalMarkdown(renderer)
            for d in random_deltas(text, rng):
                renderer.texts.clear()
                finished, tail = inc.append(d)
                _check_html(finished + (tail or ""))
                # The tail is rendered again on every delta: it must stay short, whatever came
                # before (a display-math block is never cut, by design: see stream_split.py).
                last = renderer.texts[-1]
                math = last.lstrip().startswith(("$$", "\\["))
                assert len(last) <= 2 * SOFT_LIMIT or math, f"a tail of {len(last)} characters per delta"
            exported = plain.render(inert(text))
            assert not re.search(r"<img\b", exported, re.IGNORECASE), "an export that makes a viewer load an image"


def run_answer_view(t: Tries, qtbot: object, n: int, seed: int, fifo: str) -> None:
    """Into the real answer view, whole and streamed: a FIFO among the images never blocks it."""
    from app.ui.chat.answer_view import AnswerView

    rng = random.Random(seed)
    view = AnswerView(MarkdownRenderer())
    qtbot.addWidget(view)  # type: ignore[attr-defined]
    view.show()
    for i in range(n):
        text = hostile_markdown(rng, fifo) + f'\n\n![fifo]({fifo})\n\n<img src="{fifo}">'
        opened, freed = threading.Event(), threading.Event()

        def free(opened: threading.Event = opened, freed: threading.Event = freed) -> None:
            if not opened.wait(60):  # a reader blocked on the FIFO would hang the suite: free it
                freed.set()
                with open(fifo, "wb"):
                    pass

        threading.Thread(target=free, daemon=True).start()
        with t(f"seed {seed} try {i}"):
            view.set_markdown(text)
            qtbot.waitUntil(lambda: not view.pending(), timeout=60_000)  # type: ignore[attr-defined]
            for d in random_deltas(text, rng):
                view.append(d)
            view.textCursor().insertHtml(f'<img src="{fifo}"><img src="/dev/zero">')  # past the renderer
            view.repaint()
            opened.set()
            assert not freed.is_set(), "the view opened the FIFO"


def test_hostile_markdown_rendered(tries, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    run_renderer(tries("hostile Markdown (renderer, export)"), n=60, seed=30, fifo=str(fifo))


def test_hostile_markdown_in_the_view(tries, qtbot, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    run_answer_view(tries("hostile Markdown (answer view)"), qtbot, n=6, seed=31, fifo=str(fifo))
