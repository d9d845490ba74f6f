"""Formulas in the answer view: real images in the document, source on hover and on copy."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QUrl
from PySide6.QtGui import QTextCursor, QTextDocument

from app.ui.chat.message_widgets import AnswerView
from app.ui.render.markdown import LIGHT, MarkdownRenderer


def _image_positions(view: AnswerView) -> list[int]:
    doc, found = view.document(), []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if it.fragment().charFormat().isImageFormat():
                found.append(it.fragment().position())
            it += 1
        block = block.next()
    return found


def test_stored_answer_shows_formulas_as_images_with_their_source(qtbot) -> None:
    view = AnswerView(MarkdownRenderer(LIGHT))
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    view.set_markdown("Since \\(x^2 = 4\\), we get\n\\[\nx = \\pm 2\n\\]\n")
    qtbot.waitUntil(lambda: len(_image_positions(view)) == 2, timeout=60_000)
    assert set(view._formulas) and all(
        not view.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(url)).isNull()
        for url in view._formulas
    )
    # hovering a formula shows its TeX
    pos = _image_positions(view)[0]
    cur = QTextCursor(view.document())
    cur.setPosition(pos)
    rect = view.cursorRect(cur)
    assert view.tex_at(QPoint(rect.right() + 4, rect.center().y())) == "x^2 = 4"
    # copying a selection gives the source back
    cur.select(QTextCursor.SelectionType.Document)
    copied = view.source_of(cur)
    assert "$x^2 = 4$" in copied and "$$x = \\pm 2$$" in copied and "we get" in copied


def test_streamed_formula_appears_once_typeset(qtbot) -> None:
    view = AnswerView(MarkdownRenderer(LIGHT, math_px=16.25))  # a fresh size: nothing cached
    qtbot.addWidget(view)
    view.show()
    for piece in ("The sum is ", "$\\sum_{k=1}^{n} k", " = \\frac{n(n+1)}{2}$", " as shown"):
        view.append(piece)
    assert "\\sum" in view.toPlainText() or _image_positions(view)  # source until typeset
    qtbot.waitUntil(lambda: len(_image_positions(view)) == 1, timeout=60_000)
    assert "as shown" in view.toPlainText() and "\\sum" not in view.toPlainText()


def test_a_finished_paragraph_gets_its_formulas_once_typeset(qtbot) -> None:
    view = AnswerView(MarkdownRenderer(LIGHT, math_px=16.75))  # a fresh size: nothing cached
    qtbot.addWidget(view)
    view.show()
    view.append("First $\\alpha + \\beta$ here.\n\n")
    view.append("Then $\\gamma^2$ and more.\n\nLast line")
    assert "\\alpha" in view.toPlainText()  # source while it is typeset
    qtbot.waitUntil(lambda: len(_image_positions(view)) == 2, timeout=60_000)
    text = view.toPlainText()
    assert "First" in text and "here." in text and "Then" in text and "Last line" in text
    assert "\\alpha" not in text and "\\gamma" not in text
    view.append(" goes on.")
    assert view.toPlainText().rstrip().endswith("Last line goes on.")
