"""A picture instead of arithmetic: weights + KV cache + buffers against this machine's memory."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.core.models.fit import MemoryEstimate
from app.ui.text.i18n import QT_TRANSLATE_NOOP, gb

SEGMENTS = (
    (QT_TRANSLATE_NOOP("MemoryBar", "weights"), "#6366f1"),
    (QT_TRANSLATE_NOOP("MemoryBar", "KV cache"), "#f59e0b"),
    (QT_TRANSLATE_NOOP("MemoryBar", "buffers"), "#9ca3af"),
)


class MemoryBar(QWidget):
    """A stacked bar of one file's memory needs, with marks for usable RAM and VRAM."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Memory needed compared with this machine"))
        self.estimate: MemoryEstimate | None = None
        self.marks: list[tuple[str, int]] = []

    def _rows(self) -> tuple[int, int]:
        """(line height, bar top): everything is laid out in lines of the current font."""
        lh = self.fontMetrics().height()
        return lh, lh + 2

    def sizeHint(self) -> QSize:
        lh, top = self._rows()
        return QSize(360, top + 18 + 6 + lh * (max(1, len(self.marks)) + 1) + 4)

    def set_data(self, estimate: MemoryEstimate | None, marks: list[tuple[str, int]]) -> None:
        self.estimate = estimate
        self.marks = [(n, v) for n, v in marks if v > 0]
        self.updateGeometry()  # its height follows the number of marks
        if estimate:
            text = self.tr("weights {weights} + KV cache {kv} + buffers {buffers} = {total}").format(
                weights=gb(estimate.weights),
                kv=gb(estimate.kv_cache),
                buffers=gb(estimate.compute),
                total=gb(estimate.total),
            )
            text += "; " + ", ".join(f"{n} {gb(v)}" for n, v in self.marks)
            self.setToolTip(text)
            self.setAccessibleDescription(text)  # the picture, in words
        self.update()

    def paintEvent(self, _e: object) -> None:
        if self.estimate is None:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().text().color()
        e = self.estimate
        scale_max = max([e.total] + [v for _, v in self.marks]) * 1.05
        w = self.width() - 2
        lh, top = self._rows()
        bar = QRectF(1, top, w, 18)
        x = bar.left()
        for (_name, colour), value in zip(SEGMENTS, (e.weights, e.kv_cache, e.compute)):
            seg = w * value / scale_max
            p.fillRect(QRectF(x, bar.top(), seg, bar.height()), QColor(colour))
            x += seg
        p.setPen(QPen(text, 1))
        p.drawText(QRectF(1, 0, w, lh), Qt.AlignmentFlag.AlignLeft, self.tr("needs {size}").format(size=gb(e.total)))
        for i, (name, value) in enumerate(self.marks):
            mx = 1 + w * value / scale_max
            pen = QPen(QColor("#16a34a") if value >= e.total else QColor("#dc2626"), 2)
            p.setPen(pen)
            p.drawLine(int(mx), int(bar.top()) - 4, int(mx), int(bar.bottom()) + 4)
            p.setPen(QPen(text))
            label = f"{name} {gb(value, 0)}"
            align = Qt.AlignmentFlag.AlignRight if mx > w / 2 else Qt.AlignmentFlag.AlignLeft
            y = bar.bottom() + 6 + lh * i
            r = QRectF(mx - 300, y, 300, lh) if align == Qt.AlignmentFlag.AlignRight else QRectF(mx, y, 300, lh)
            p.drawText(r, align, label)
        lx, ly = 1.0, bar.bottom() + 6 + lh * max(1, len(self.marks))
        for source, colour in SEGMENTS:
            name = self.tr(source)
            p.fillRect(QRectF(lx, ly + (lh - 10) / 2, 10, 10), QColor(colour))
            p.setPen(QPen(text))
            width = self.fontMetrics().horizontalAdvance(name) + 8
            p.drawText(QRectF(lx + 14, ly, width, lh), Qt.AlignmentFlag.AlignLeft, name)
            lx += 14 + width + 12
        p.end()
