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

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QMimeData,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QCursor,
    QDesktopServices,
    QGuiApplication,
    QHelpEvent,
    QImage,
    QPainter,
    QPyTextObject,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
)
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser, QToolTip, QWidget

from app.ui.chat.math_images import register
from app.ui.render.incremental import IncrementalMarkdown, Provisional
from app.ui.render.markdown import SAFE_SCHEMES, MarkdownRenderer
from app.ui.render.math import Formula

PLACEHOLDER = "\ue000"  # a private-use character standing for a formula until its image is put in
_FORMULA_IMG = re.compile(r'<img src="(math:[0-9a-f]+)"[^>]*/>')
_VALIGN = {
    "baseline": QTextCharFormat.VerticalAlignment.AlignBaseline,
    "middle": QTextCharFormat.VerticalAlignment.AlignMiddle,
}
TYPESET_POLL_MS = 60  # how soon to look again for formulas typeset in the background
REPLACE_BUDGET_S = 0.012  # GUI time per poll for blocks whose formulas became ready
FEED_CHARS = 1000  # a stored answer is shown in pieces this long ...
FEED_BUDGET_S = 0.010  # ... for about this long per turn of the event loop


class _RegisteredImagesOnly(QPyTextObject):
    """Draws the images the app registered with the document (typeset formulas) and nothing else,
    reading nothing. Qt's own image handler opens an unknown image's file to learn its size
    (QImageReader, even when ``loadResource`` answered): ``![x](/dev/zero)`` read until the app
    died and a FIFO froze the window. The renderer writes no such ``<img>``; this is the second
    line of defence if one ever slips through."""

    def _image(self, doc: QTextDocument, fmt: QTextFormat) -> QImage | None:
        data = doc.resource(QTextDocument.ResourceType.ImageResource, QUrl(fmt.toImageFormat().name()))
        return data if isinstance(data, QImage) and not data.isNull() else None

    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextFormat) -> QSizeF:
        img, f = self._image(doc, fmt), fmt.toImageFormat()
        if img is None:  # not drawn yet (a large formula, see math_images.py): its place is kept
            return QSizeF(max(0.0, f.width()), max(0.0, f.height()))
        ratio = img.devicePixelRatio() or 1.0
        w = f.width() if f.width() > 0 else img.width() / ratio
        h = f.height() if f.height() > 0 else img.height() / ratio
        return QSizeF(w, h)

    def drawObject(
        self, painter: QPainter, rect: QRectF | QRect, doc: QTextDocument, pos: int, fmt: QTextFormat
    ) -> None:
        img = self._image(doc, fmt)
        if img is not None:
            painter.drawImage(QRectF(rect), img)


class AnswerView(QTextBrowser):
    """An answer rendered from Markdown, growing with the text; sized to its content.

    Formulas are images whose TeX is kept: hovering one shows its source, and copying a
    selection copies formulas as ``$…$`` / ``$$…$$`` source.

    Signals:
        copy_code(str): the user clicked a code block's Copy link.
        save_code(str code, str name): its "Save as…" link, with the file name to offer.
        insert_code(str code, str language): its "Insert into composer" link.
    """

    copy_code = Signal(str)
    save_code = Signal(str, str)
    insert_code = Signal(str, str)

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
        self._images = _RegisteredImagesOnly(self)
        self.document().documentLayout().registerHandler(QTextFormat.ObjectTypes.ImageObject, self._images)
        self._pending, self._pending_at = "", 0
        self._feeder = QTimer(self)
        self._feeder.setSingleShot(True)
        self._feeder.timeout.connect(self._feed)
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

    def _update(self, text: str, more: bool = False) -> None:
        """The tail lives in a block of its own, after the finished ones: replacing it never
        touches the block before it (a long finished paragraph was laid out again on every delta
        when it did). ``more``: more text follows at once, so the tail is left undrawn for now."""
        finished, tail = self._md.append(text, render_tail=not more)
        register(self.document(), self._md.formulas, self.devicePixelRatioF(), self._formulas, self._repaint)
        if tail is None and not finished.strip():
            return
        cur = QTextCursor(self.document())
        cur.beginEditBlock()
        cur.setPosition(self._tail_start)
        cur.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cur.removeSelectedText()
        start = cur.position()
        if finished.strip():
            self._insert(cur, finished)
            if self._md.provisional is not None:
                self._provisional.append((start, cur.position(), self._md.provisional))
            self._tail_start = cur.position()
        if tail is not None and tail.strip():
            self._insert(cur, tail, own_block=True)
        cur.endEditBlock()
        if (self._md.pending or self._provisional) and not self._typeset_timer.isActive():
            self._typeset_timer.start()

    def _repaint(self) -> None:
        """A large formula's image was drawn (math_images.py): show it."""
        self.viewport().update()

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
            register(self.document(), r.formulas, self.devicePixelRatioF(), self._formulas, self._repaint)
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
        """Show a whole answer (a stored one), replacing what is shown.

        A long one is shown a few kilobytes per turn of the event loop, as if it streamed: at
        once, a 300 KB table took 3.5 s of frozen window to lay out.
        """
        self._feeder.stop()
        self.clear()
        self._formulas.clear()  # clearing the document dropped its images
        self._provisional.clear()
        self._md = IncrementalMarkdown(self._renderer)
        self._tail_start = 0
        self._set_text(text)

    def _set_text(self, text: str) -> None:
        self.setVisible(bool(text.strip()))
        self._start_feed(text)

    def _start_feed(self, text: str) -> None:
        self._pending, self._pending_at = text, 0
        self._feed()

    def pending(self) -> bool:
        """Whether part of a stored answer is still to be shown."""
        return self._pending_at < len(self._pending)

    def _feed(self) -> None:
        # The unfinished tail is drawn only with the last piece: in between, blocks appear as they
        # finish (a long one in pieces, see stream_split.py), one or two per turn.
        t0 = time.perf_counter()
        while self.pending() and time.perf_counter() - t0 < FEED_BUDGET_S:
            piece = self._pending[self._pending_at : self._pending_at + FEED_CHARS]
            self._pending_at += FEED_CHARS
            self._update(piece, more=self.pending())
        if self.pending():
            self._feeder.start(0)
        else:
            self._pending, self._pending_at = "", 0

    def loadResource(self, type: int, name: QUrl | str) -> object:
        """Nothing is ever loaded: not a file, not a URL (formulas are registered beforehand). An
        empty value, not None: for None, QTextDocument reads the file itself."""
        return QByteArray()

    def _insert(self, cur: QTextCursor, html: str, *, own_block: bool = False) -> None:
        if not html.strip():
            return
        urls: list[str] = []

        def placeholder(m: re.Match[str]) -> str:
            urls.append(m.group(1))
            return PLACEHOLDER

        html = _FORMULA_IMG.sub(placeholder, html)
        if cur.block().length() > 1:  # the current block has text: start a new one
            cur.insertBlock()
        if own_block:
            self._tail_start = cur.position()
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

    def _formats_at(self, pos: QPoint) -> list[QTextCharFormat]:
        """The formats of the characters on either side of ``pos`` (viewport coordinates), when
        it is over text."""
        doc_pos = pos + QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        at = self.document().documentLayout().hitTest(QPointF(doc_pos), Qt.HitTestAccuracy.ExactHit)
        if at < 0:
            return []
        formats = []
        for p in (at + 1, at):  # the format of the character before the cursor position
            cur = QTextCursor(self.document())
            cur.setPosition(min(p, self.document().characterCount() - 1))
            formats.append(cur.charFormat())
        return formats

    def tex_at(self, pos: QPoint) -> str | None:
        """The TeX of the formula under ``pos`` (viewport coordinates), if any."""
        for fmt in self._formats_at(pos):
            if fmt.isImageFormat():
                f = self._formulas.get(fmt.toImageFormat().name())
                if f is not None:
                    return f.tex
        return None

    def tip_at(self, pos: QPoint) -> str:
        """What hovering ``pos`` says: a formula's TeX, or why a formula is shown as written."""
        tex = self.tex_at(pos)
        if tex is not None:
            return tex
        return next((fmt.toolTip() for fmt in self._formats_at(pos) if fmt.toolTip()), "")

    def viewportEvent(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip:
            help_event = cast(QHelpEvent, e)
            tip = self.tip_at(help_event.pos())
            if tip:
                QToolTip.showText(help_event.globalPos(), tip, self)
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
        what, _, n = s.partition(":")
        block = self._md.block(int(n) if n.isdigit() else -1) if what in ("copy", "save", "insert") else None
        if block is not None:
            if what == "copy":
                QGuiApplication.clipboard().setText(block.code)
                self._say_copied()
                self.copy_code.emit(block.code)
            elif what == "save":
                self.save_code.emit(block.code, block.name)
            else:
                self.insert_code.emit(block.code, block.language)
        elif s.lower().startswith(SAFE_SCHEMES):
            QDesktopServices.openUrl(url)  # only ever on a click, and only web and mail links
