"""A picture instead of arithmetic: weights + KV cache + buffers against this machine's memory."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.core.models.fit import MemoryEstimate

SEGMENTS = (("weights", "#6366f1"), ("KV cache", "#f59e0b"), ("buffers", "#9ca3af"))


class MemoryBar(QWidget):
    """A stacked bar of one file's memory needs, with marks for usable RAM and VRAM."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Memory needed compared with this machine")
        self.estimate: MemoryEstimate | None = None
        self.marks: list[tuple[str, int]] = []

    def sizeHint(self) -> QSize:
        return QSize(360, 96)

    def set_data(self, estimate: MemoryEstimate | None, marks: list[tuple[str, int]]) -> None:
        self.estimate = estimate
        self.marks = [(n, v) for n, v in marks if v > 0]
        if estimate:
            gb = lambda b: f"{b / 1e9:.1f} GB"  # noqa: E731
            self.setToolTip(
                f"weights {gb(estimate.weights)} + KV cache {gb(estimate.kv_cache)} + buffers "
                f"{gb(estimate.compute)} = {gb(estimate.total)}; " + ", ".join(f"{n} {gb(v)}" for n, v in self.marks)
            )
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
        bar = QRectF(1, 18, w, 18)
        x = bar.left()
        for (_name, colour), value in zip(SEGMENTS, (e.weights, e.kv_cache, e.compute)):
            seg = w * value / scale_max
            p.fillRect(QRectF(x, bar.top(), seg, bar.height()), QColor(colour))
            x += seg
        p.setPen(QPen(text, 1))
        p.drawText(QRectF(1, 0, w, 16), Qt.AlignmentFlag.AlignLeft, f"needs {e.total / 1e9:.1f} GB")
        for i, (name, value) in enumerate(self.marks):
            mx = 1 + w * value / scale_max
            pen = QPen(QColor("#16a34a") if value >= e.total else QColor("#dc2626"), 2)
            p.setPen(pen)
            p.drawLine(int(mx), int(bar.top()) - 4, int(mx), int(bar.bottom()) + 4)
            p.setPen(QPen(text))
            label = f"{name} {value / 1e9:.0f} GB"
            align = Qt.AlignmentFlag.AlignRight if mx > w / 2 else Qt.AlignmentFlag.AlignLeft
            r = (
                QRectF(mx - 200, 40 + 14 * i, 200, 14)
                if align == Qt.AlignmentFlag.AlignRight
                else QRectF(mx, 40 + 14 * i, 200, 14)
            )
            p.drawText(r, align, label)
        lx, ly = 1.0, 44 + 14 * max(1, len(self.marks))
        for name, colour in SEGMENTS:
            p.fillRect(QRectF(lx, ly + 2, 10, 10), QColor(colour))
            p.setPen(QPen(text))
            p.drawText(QRectF(lx + 14, ly, 90, 14), Qt.AlignmentFlag.AlignLeft, name)
            lx += 90
        p.end()
