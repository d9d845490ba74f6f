r"""The typesetter's budget as the user meets it (issue 29, item 13): a formula over it stays as
written and says why on hover; one that never finishes is given up after the time budget and
the next formula is typeset by a fresh helper; a large formula is drawn in pieces, never in one
long call on the GUI thread."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent, QImage, QPainter, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from app.ui.chat import math_images
from app.ui.chat.message_widgets import AssistantMessageWidget
from app.ui.render import typeset_worker
from app.ui.render.markdown import LIGHT, MarkdownRenderer
from app.ui.render.math import Formula, Typesetter, svg_pieces
from app.ui.render.tex_budget import DEEP, LONG, MAX_CHARS, MAX_DEPTH, SLOW, Refused, nesting_depth, precheck

DEEP_TEX = "\\left(" * 24 + "x" + "\\right)" * 24


def test_nesting_is_counted_over_braces_left_and_environments() -> None:
    assert nesting_depth("x^2") == 0
    assert nesting_depth("\\frac{a}{b}") == 1
    assert nesting_depth("\\left( \\frac{\\sqrt{x}}{2} \\right)") == 3
    assert nesting_depth("\\begin{aligned} a &= {b} \\end{aligned}") == 2
    assert nesting_depth("\\{ \\{ \\{ x \\} \\} \\}") == 0  # escaped braces are text
    assert nesting_depth("}}}{x") == 1  # stray closers never go below zero
    assert precheck("\\left(" * MAX_DEPTH + "x" + "\\right)" * MAX_DEPTH) is None
    assert precheck(DEEP_TEX) == Refused(DEEP_TEX, DEEP, 24, MAX_DEPTH)
    long = "x+" * MAX_CHARS
    assert precheck(long) == Refused(long, LONG, len(long), MAX_CHARS)


def _tooltip_at(view: object, pos: QPoint) -> str:
    QToolTip.hideText()
    viewport = view.viewport()  # type: ignore[attr-defined]
    event = QHelpEvent(QEvent.Type.ToolTip, pos, viewport.mapToGlobal(pos))
    QApplication.sendEvent(viewport, event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def _with_tooltip(widget: QWidget, at: QPoint) -> QImage:
    """The widget as drawn, with the tooltip showing now drawn over it below ``at`` (its coordinates)."""
    img = widget.grab().toImage()
    tips = [w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel") and w.isVisible()]
    if tips:
        painter = QPainter(img)
        painter.drawImage(at + QPoint(0, 8), tips[0].grab().toImage())
        painter.end()
    return img


def test_a_refused_formula_stays_as_written_and_says_why_on_hover(qtbot, tmp_path: Path) -> None:
    card = AssistantMessageWidget(MarkdownRenderer(LIGHT), "DeepSeek-R1-Distill-Qwen-7B")
    qtbot.addWidget(card)
    card.resize(700, 300)
    card.show()
    card.answer.set_markdown(f"The product is $$\n{DEEP_TEX}\n$$\nand $x^2$ is fine.\n")
    qtbot.waitUntil(lambda: not card.answer.pending() and len(card.answer._formulas) == 1, timeout=60_000)
    text = card.answer.toPlainText()
    assert DEEP_TEX in text and "x^2" not in text  # the deep one as written, the other typeset
    doc = card.answer.document()
    at = QTextCursor(doc)
    at.setPosition(doc.find("\\left(\\left(").position())
    rect = card.answer.cursorRect(at)
    tip = _tooltip_at(card.answer, QPoint(rect.left() + 20, rect.center().y()))
    assert tip == "Shown as written: this formula nests 24 levels deep, more than the 8 that are typeset.", tip
    shot = _with_tooltip(card, card.answer.viewport().mapTo(card, QPoint(rect.left() + 20, rect.bottom())))
    shot.save(str(tmp_path / "refused-formula-card.png"))
    if os.environ.get("R1DESK_SHOTS"):  # for looking at
        shot.save(str(Path(os.environ["R1DESK_SHOTS"]) / "refused-formula-card.png"))
    assert not shot.isNull()


def test_a_formula_that_never_finishes_is_given_up_and_the_next_one_is_typeset(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hang = "y + \\neverdone"
    monkeypatch.setenv(typeset_worker.HANG_FOR_TESTS, hang)  # read by the helper when it starts
    worker = typeset_worker.TypesetWorker(budget_s=1.0)
    monkeypatch.setattr(typeset_worker, "_worker", worker)
    try:
        t = Typesetter("#224466", size=13.5)
        got = t.typeset(hang, False)
        assert got == Refused(hang, SLOW, limit=1)
        html = MarkdownRenderer(LIGHT).render(f"${hang}$").html
        assert "typesetting this formula took longer than 1 s" in html
        worker.budget_s = 120.0  # the next formula has all the time it needs on a busy machine
        assert isinstance(t.typeset("\\frac{1}{3}", False), Formula)
        assert worker.started == 3  # each hung helper was killed, and a new one typesets the next
    finally:
        worker.close()


def test_a_closed_worker_answers_at_once() -> None:
    w = typeset_worker.TypesetWorker()
    w.close()
    assert w.submit("x", 10.0, "#000000", True).result(timeout=5) == ("closed", "")
    assert w.started == 0


def test_pieces_of_an_svg_drawn_one_over_another_make_the_whole_image(qtbot) -> None:
    f = Typesetter("#000000").typeset("\\sum_{k=1}^{n} k^2 = \\frac{n(n+1)(2n+1)}{6} + " + "x+" * 60 + "1", True)
    assert isinstance(f, Formula)
    pieces = svg_pieces(f.svg, 4_000)
    assert len(pieces) > 5 and all(p.startswith(b"<svg") and p.endswith(b"</svg>") for p in pieces)
    whole = math_images.image_of(f, 1.0)
    layered = math_images._blank(f, 1.0)
    for p in pieces:
        math_images._draw(layered, p)
    assert layered.convertToFormat(QImage.Format.Format_ARGB32) == whole.convertToFormat(QImage.Format.Format_ARGB32)


def test_a_large_formula_is_drawn_in_pieces_between_events(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(math_images, "AT_ONCE_BYTES", 2_000)
    monkeypatch.setattr(math_images, "PIECE_BYTES", 1_000)
    f = Typesetter("#000000", size=19.25).typeset("\\sum_{k=1}^{n} k^3 = \\left(\\frac{n(n+1)}{2}\\right)^2", True)
    assert isinstance(f, Formula) and len(f.svg) > 2_000
    doc = QTextDocument()
    painted: list[bool] = []
    math_images.register(doc, [f], 1.0, {}, lambda: painted.append(True))
    assert doc.resource(QTextDocument.ResourceType.ImageResource, f.url) is None  # not in this call
    assert math_images.drawing()
    qtbot.waitUntil(lambda: not math_images.drawing(), timeout=60_000)
    img = doc.resource(QTextDocument.ResourceType.ImageResource, f.url)
    assert isinstance(img, QImage) and not img.isNull() and painted == [True]
