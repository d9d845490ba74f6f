"""Typeset formulas (SVG from ``app/ui/render/math.py``) as images in a QTextDocument.

The SVG is drawn once per formula and screen scale into a QImage at the screen's pixel ratio,
so formulas stay sharp on HiDPI screens (Qt's own image loading would rasterize the SVG at its
logical size), and registered as the document's image resource under the formula's URL.

Drawing costs about 0.14 ms per KB of SVG on the GUI thread (QSvgRenderer holds the GIL, so a
thread would not help): a long derivation of 1-2 MB stalled the window for 0.17-0.45 s. So an
SVG over ``AT_ONCE_BYTES`` is cut into pieces (``svg_pieces``) drawn one over another, a few per
turn of the event loop (``SLICE_S``); meanwhile its place in the text is kept (the image format
carries its size) and stays blank, and the view is told to repaint when the image is complete.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QByteArray, QObject, QRectF, Qt, QTimer, QUrl
from PySide6.QtGui import QImage, QPainter, QTextDocument
from PySide6.QtSvg import QSvgRenderer
from shiboken6 import isValid

from app.ui.render.math import Formula, svg_pieces

AT_ONCE_BYTES = 80_000  # drawn at once: about 10 ms
PIECE_BYTES = 40_000  # a larger one in pieces this large ...
SLICE_S = 0.008  # ... for about this long per turn of the event loop
KEEP_IMAGES = 1024
KEEP_BYTES = 256_000_000  # the drawn images kept, at most (a wide formula at a HiDPI ratio is large)

_IMAGES: OrderedDict[tuple[str, float], QImage] = OrderedDict()
_kept_bytes = 0


def _keep(key: tuple[str, float], img: QImage) -> None:
    global _kept_bytes
    _IMAGES[key] = img
    _kept_bytes += img.sizeInBytes()
    while len(_IMAGES) > KEEP_IMAGES or (_kept_bytes > KEEP_BYTES and len(_IMAGES) > 1):
        _, old = _IMAGES.popitem(last=False)
        _kept_bytes -= old.sizeInBytes()


def _blank(f: Formula, ratio: float) -> QImage:
    w, h = max(1, round(f.width * ratio)), max(1, round(f.height * ratio))
    img = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    img.setDevicePixelRatio(ratio)
    return img


def _draw(img: QImage, svg: bytes) -> None:
    painter = QPainter(img)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(QByteArray(svg)).render(painter, QRectF(0, 0, img.width(), img.height()))
    painter.end()


def image_of(f: Formula, ratio: float) -> QImage:
    """The formula drawn at ``ratio`` device pixels per logical pixel, at once (cached)."""
    key = (f.url, ratio)
    img = _IMAGES.get(key)
    if img is not None:
        _IMAGES.move_to_end(key)
        return img
    img = _blank(f, ratio)
    _draw(img, f.svg)
    _keep(key, img)
    return img


@dataclass
class _Drawing:
    """A large formula being drawn a piece at a time, and the documents waiting for it."""

    url: str
    image: QImage
    pieces: list[bytes]
    waiting: list[tuple[QTextDocument, Callable[[], None]]] = field(default_factory=list)


class _Painter(QObject):
    """Draws the large formulas' pieces between other events, a few milliseconds per turn."""

    def __init__(self) -> None:
        super().__init__()
        self.drawings: OrderedDict[tuple[str, float], _Drawing] = OrderedDict()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._work)

    def want(self, f: Formula, ratio: float, doc: QTextDocument, done: Callable[[], None]) -> None:
        key = (f.url, ratio)
        d = self.drawings.get(key)
        if d is None:
            d = self.drawings[key] = _Drawing(f.url, _blank(f, ratio), svg_pieces(f.svg, PIECE_BYTES))
        d.waiting.append((doc, done))
        self._timer.start()

    def _work(self) -> None:
        deadline = time.perf_counter() + SLICE_S
        while self.drawings and time.perf_counter() < deadline:
            key, d = next(iter(self.drawings.items()))
            _draw(d.image, d.pieces.pop(0))
            if not d.pieces:
                del self.drawings[key]
                _keep(key, d.image)
                for doc, done in d.waiting:
                    if isValid(doc):  # the view may have gone meanwhile
                        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(d.url), d.image)
                        done()
        if self.drawings:
            self._timer.start()

    @property
    def busy(self) -> bool:
        return bool(self.drawings)


_painter: _Painter | None = None


def _the_painter() -> _Painter:
    global _painter
    if _painter is None or not isValid(_painter):
        _painter = _Painter()
    return _painter


def drawing() -> bool:
    """Whether large formulas are still being drawn (tests and benchmarks wait for this)."""
    return _painter is not None and isValid(_painter) and _painter.busy


def register(
    doc: QTextDocument,
    formulas: list[Formula],
    ratio: float,
    known: dict[str, Formula],
    done: Callable[[], None] = lambda: None,
) -> None:
    """Add the formulas' images to ``doc`` (those not there yet); ``known`` maps URL to formula.
    A large one is added when drawn, and ``done`` is called then (the view repaints)."""
    for f in formulas:
        if f.url in known:
            continue
        known[f.url] = f
        if (f.url, ratio) in _IMAGES or len(f.svg) <= AT_ONCE_BYTES:
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f.url), image_of(f, ratio))
        else:
            _the_painter().want(f, ratio, doc, done)
