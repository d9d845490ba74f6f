"""Typeset formulas (SVG from ``app/ui/render/math.py``) as images in a QTextDocument.

The SVG is drawn once per formula and screen scale into a QImage at the screen's pixel ratio,
so formulas stay sharp on HiDPI screens (Qt's own image loading would rasterize the SVG at its
logical size), and registered as the document's image resource under the formula's URL.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QByteArray, QRectF, Qt, QUrl
from PySide6.QtGui import QImage, QPainter, QTextDocument
from PySide6.QtSvg import QSvgRenderer

from app.ui.render.math import Formula

_IMAGES: OrderedDict[tuple[str, float], QImage] = OrderedDict()
_KEEP = 1024


def image_of(f: Formula, ratio: float) -> QImage:
    """The formula drawn at ``ratio`` device pixels per logical pixel (cached)."""
    key = (f.url, ratio)
    img = _IMAGES.get(key)
    if img is not None:
        _IMAGES.move_to_end(key)
        return img
    w, h = max(1, round(f.width * ratio)), max(1, round(f.height * ratio))
    img = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    painter = QPainter(img)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(QByteArray(f.svg)).render(painter, QRectF(0, 0, w, h))
    painter.end()
    img.setDevicePixelRatio(ratio)
    _IMAGES[key] = img
    while len(_IMAGES) > _KEEP:
        _IMAGES.popitem(last=False)
    return img


def register(doc: QTextDocument, formulas: list[Formula], ratio: float, known: dict[str, Formula]) -> None:
    """Add the formulas' images to ``doc`` (those not there yet); ``known`` maps URL to formula."""
    for f in formulas:
        if f.url in known:
            continue
        known[f.url] = f
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f.url), image_of(f, ratio))
