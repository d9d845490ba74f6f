"""An answer rendered from Markdown with typeset formulas, growing as it streams.

Every append is linear in the piece: the renderer re-renders only the unfinished tail (see
``app/ui/render/markdown.py``). Formulas are images whose TeX is kept for the tooltip and for
copying.
"""

from __future__ import annotations

import math
import re
import time
from typing import cast

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, QRect, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QCursor,
    QDesktopServices,
    QGuiApplication,
    QHelpEvent,
    QTextCharFormat,
    QTextCursor,
    QTextImageFormat,
)
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser, QToolTip, QWidget

from app.ui.chat.math_images import register
from app.ui.render.markdown import SAFE_SCHEMES, IncrementalMarkdown, MarkdownRenderer, Provisional
from app.ui.render.math import Formula

PLACEHOLDER = "\ue000"  # a private-use character standing for a formula until its image is put in
_FORMULA_IMG = re.compile(r'<img src="(math:[0-9a-f]+)"[^>]*/>')
_VALIGN = {
    "baseline": QTextCharFormat.VerticalAlignment.AlignBaseline,
    "middle": QTextCharFormat.VerticalAlignment.AlignMiddle,
}
TYPESET_POLL_MS = 60  # how soon to look again for formulas typeset in the background
REPLACE_BUDGET_S = 0.012  # GUI time per poll for blocks whose formulas became ready


class AnswerView(QTextBrowser):
    """An answer rendered from Markdown, growing with the text; sized to its content.

    Formulas are images whose TeX is kept: hovering one shows its source, and copying a
    selection copies formulas as ``$…$`` / ``$$…$$`` source.

    Signals:
        copy_code(str): the user clicked a code block's Copy link.
    """

    copy_code = Signal(str)

    def __init__(self, renderer: MarkdownRenderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AnswerView")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Answer"))
        self.document().setDocumentMargin(2)
        self._renderer = renderer
        self._md = IncrementalMarkdown(renderer)
        self._tail_start = 0
        self._formulas: dict[str, Formula] = {}
        self._provisional: list[tuple[int, int, Provisional]] = []  # (start, end, block) in the document
        self._typeset_timer = QTimer(self)
        self._typeset_timer.setSingleShot(True)
        self._typeset_timer.setInterval(TYPESET_POLL_MS)
        self._typeset_timer.timeout.connect(self._on_typeset_poll)
        self.anchorClicked.connect(self._on_anchor)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self._fit_height()

    def append(self, text: str) -> None:
        """Add streamed answer text. Only the unfinished tail is re-laid out."""
        if text:
            self.setVisible(True)
            self._update(text)

    def _update(self, text: str) -> None:
        finished, tail = self._md.append(text)
        register(self.document(), self._md.formulas, self.devicePixelRatioF(), self._formulas)
        cur = QTextCursor(self.document())
        cur.beginEditBlock()
        cur.setPosition(self._tail_start)
        cur.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cur.removeSelectedText()
        start = cur.position()
        self._insert(cur, finished)
        if self._md.provisional is not None:
            self._provisional.append((start, cur.position(), self._md.provisional))
        self._tail_start = cur.position()
        self._insert(cur, tail)
        cur.endEditBlock()
        if (self._md.pending or self._provisional) and not self._typeset_timer.isActive():
            self._typeset_timer.start()

    def _on_typeset_poll(self) -> None:
        """Formulas were being typeset in the background: show them once they are done."""
        if self._renderer.typesetter.busy:
            self._typeset_timer.start()
            return
        self._replace_provisional()
        if self._md.pending:
            self._update("")

    def _replace_provisional(self) -> None:
        """Render again the finished blocks that showed formulas as source, last first (so the
        positions of those before stay right), shifting what follows by the change in length.
        At most REPLACE_BUDGET_S of work per call: the rest waits for the next poll."""
        waiting: list[tuple[int, int, Provisional]] = []
        deadline = time.perf_counter() + REPLACE_BUDGET_S
        for i, (start, end, block) in reversed(list(enumerate(self._provisional))):
            if time.perf_counter() > deadline:
                waiting = self._provisional[: i + 1] + waiting
                self._typeset_timer.start()
                break
            r = self._md.rerender(block)
            if r.pending:
                waiting.insert(0, (start, end, block))
                continue
            register(self.document(), r.formulas, self.devicePixelRatioF(), self._formulas)
            cur = QTextCursor(self.document())
            cur.beginEditBlock()
            cur.setPosition(start)
            cur.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cur.removeSelectedText()
            self._insert(cur, r.html)
            cur.endEditBlock()
            shift = cur.position() - end
            waiting = [(s + shift, e + shift, b) for s, e, b in waiting]
            self._tail_start += shift
        self._provisional = waiting

    def set_markdown(self, text: str) -> None:
        """Show a whole answer (a stored one), replacing what is shown."""
        self.clear()
        self._formulas.clear()  # clearing the document dropped its images
        self._provisional.clear()
        self._md = IncrementalMarkdown(self._renderer)
        self._tail_start = 0
        self._set_text(text)

    def _set_text(self, text: str) -> None:
        self.setVisible(bool(text.strip()))
        if text:
            self._update(text)

    def _insert(self, cur: QTextCursor, html: str) -> None:
        if not html.strip():
            return
        urls: list[str] = []

        def placeholder(m: re.Match[str]) -> str:
            urls.append(m.group(1))
            return PLACEHOLDER

        html = _FORMULA_IMG.sub(placeholder, html)
        if cur.position() > 0:
            cur.insertBlock()
        start = cur.position()
        cur.insertHtml(html)
        if urls:
            self._place_formulas(start, urls)

    def _place_formulas(self, start: int, urls: list[str]) -> None:
        """Put each formula's image where its placeholder is, with its TeX as the tooltip.

        Images inserted through ``insertHtml`` made every later insertion slower (Qt 6.11: 0.2 ms
        per append at first, 1.8 ms after 3,000 images, measured offscreen); inserted with
        ``insertImage`` they cost the same throughout (about 0.1 ms)."""
        doc = self.document()
        pos = start
        for url in urls:
            found = doc.find(PLACEHOLDER, pos)
            f = self._formulas.get(url)
            if found.isNull() or f is None:
                return
            fmt = QTextImageFormat()
            fmt.setName(f.url)
            fmt.setWidth(f.width)
            fmt.setHeight(f.height)
            fmt.setToolTip(f.tex)
            fmt.setVerticalAlignment(_VALIGN.get(f.align, QTextCharFormat.VerticalAlignment.AlignNormal))
            found.insertImage(fmt)
            pos = found.position()

    def tex_at(self, pos: QPoint) -> str | None:
        """The TeX of the formula under ``pos`` (viewport coordinates), if any."""
        doc_pos = pos + QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        at = self.document().documentLayout().hitTest(QPointF(doc_pos), Qt.HitTestAccuracy.ExactHit)
        if at < 0:
            return None
        for p in (at + 1, at):  # the format of the character before the cursor position
            cur = QTextCursor(self.document())
            cur.setPosition(min(p, self.document().characterCount() - 1))
            fmt = cur.charFormat()
            if fmt.isImageFormat():
                f = self._formulas.get(fmt.toImageFormat().name())
                if f is not None:
                    return f.tex
        return None

    def viewportEvent(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip:
            help_event = cast(QHelpEvent, e)
            tex = self.tex_at(help_event.pos())
            if tex is not None:
                QToolTip.showText(help_event.globalPos(), tex, self)
                return True
        return super().viewportEvent(e)

    def source_of(self, cursor: QTextCursor) -> str:
        """The selected text with each formula written back as its TeX source."""
        out: list[str] = []
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        block = self.document().findBlock(start)
        while block.isValid() and block.position() <= end:
            if out:
                out.append("\n")
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                lo, hi = max(frag.position(), start), min(frag.position() + frag.length(), end)
                if lo < hi:
                    fmt = frag.charFormat()
                    f = self._formulas.get(fmt.toImageFormat().name()) if fmt.isImageFormat() else None
                    if f is not None:
                        out.append(f"$${f.tex}$$" if f.display else f"${f.tex}$")
                    else:
                        out.append(frag.text()[lo - frag.position() : hi - frag.position()])
                it += 1
            block = block.next()
        return "".join(out).replace("\u2029", "\n").replace("\u2028", "\n")

    def createMimeDataFromSelection(self) -> QMimeData:
        data = QMimeData()
        data.setText(self.source_of(self.textCursor()))
        return data

    def _fit_height(self, *_: object) -> None:
        h = math.ceil(self.document().size().height()) + 4
        if self.height() != h:
            self.setFixedHeight(max(h, 8))

    def resizeEvent(self, e: object) -> None:
        # QTextEdit re-wraps the document itself when the width changes. (Setting the text width
        # here on every resize, even to the same value, re-laid out the whole answer each time the
        # height grew: quadratic in its length.)
        super().resizeEvent(e)  # type: ignore[arg-type]
        self._fit_height()

    def sizeHint(self) -> QSize:
        return QSize(400, self.height())

    def _say_copied(self) -> None:
        """ "Copied" for a moment, where the Copy link was clicked (or activated with the keyboard)."""
        at = self.viewport().mapFromGlobal(QCursor.pos())
        if not self.viewport().rect().contains(at):
            at = self.cursorRect().center()
        QToolTip.showText(self.viewport().mapToGlobal(at), self.tr("Copied"), self, QRect(), 1500)

    def _on_anchor(self, url: QUrl) -> None:
        s = url.toString()
        if s.startswith("copy:"):
            code = self._md.code_block(int(s[5:]) if s[5:].isdigit() else -1)
            if code is not None:
                QGuiApplication.clipboard().setText(code)
                self._say_copied()
                self.copy_code.emit(code)
        elif s.lower().startswith(SAFE_SCHEMES):
            QDesktopServices.openUrl(url)  # only ever on a click, and only web and mail links
