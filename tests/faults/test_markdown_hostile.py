"""Hostile Markdown from a model: never an <img> the app did not make, never a link to anything
but the web or mail, never a read of a local path (a FIFO would hang), never a long stall."""

from __future__ import annotations

import os
import random
import re
import threading
import time
from pathlib import Path

from app.core.chats.export import inert
from app.ui.render.incremental import IncrementalMarkdown
from app.ui.render.markdown import MarkdownRenderer
from tests.faults.generate import hostile_markdown, random_deltas
from tests.faults.tally import Tries

_IMG = re.compile(r"<img\b(?![^>]*src=\"math:)", re.IGNORECASE)
_HREF = re.compile(r'href="([^"]*)"')
_OK_HREF = ("http://", "https://", "mailto:", "copy:", "save:", "insert:", "#")  # the last four: our own


def _check_html(html: str) -> None:
    assert not _IMG.search(html), "an <img> from model output"
    bad = [h for h in _HREF.findall(html) if not h.lower().startswith(_OK_HREF)]
    assert not bad, f"links to {bad[:3]}"


def run_renderer(t: Tries, n: int, seed: int, fifo: str) -> None:
    """Streamed in random deltas through the incremental renderer, and exported to Markdown."""
    from markdown_it import MarkdownIt

    rng = random.Random(seed)
    renderer = MarkdownRenderer()
    plain = MarkdownIt("commonmark")  # what another app would make of an export
    for i in range(n):
        text = hostile_markdown(rng, fifo)
        with t(f"seed {seed} try {i}"):
            inc = IncrementalMarkdown(renderer)
            worst = 0.0
            for d in random_deltas(text, rng):
                t0 = time.perf_counter()
                finished, tail = inc.append(d)
                worst = max(worst, time.perf_counter() - t0)
                _check_html(finished + (tail or ""))
            assert worst < 0.5, f"an append took {worst * 1000:.0f} ms"
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
            if not opened.wait(5):  # a reader blocked on the FIFO would hang the suite: free it
                freed.set()
                with open(fifo, "wb"):
                    pass

        threading.Thread(target=free, daemon=True).start()
        with t(f"seed {seed} try {i}"):
            view.set_markdown(text)
            while view.pending():
                qtbot.wait(5)  # type: ignore[attr-defined]
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
