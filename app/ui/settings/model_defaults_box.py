"""The settings dialog's list of per-model load settings: what each model file was last loaded
with (where it differs from the general settings above it), the estimate beside what llama.cpp
used, and Reset. Resets take effect with OK (``commit``), like the rest of the dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from app.core.models import model_defaults
from app.core.models.model_defaults import Remembered
from app.ui.text.i18n import QT_TRANSLATE_NOOP, gb, number, translate

FIELD_TEXT = {
    "n_ctx": QT_TRANSLATE_NOOP("ModelDefaults", "context {value} tokens"),
    "kv": QT_TRANSLATE_NOOP("ModelDefaults", "KV cache {value}"),
    "n_gpu_layers": QT_TRANSLATE_NOOP("ModelDefaults", "GPU layers {value}"),
    "type_k": QT_TRANSLATE_NOOP("ModelDefaults", "KV cache (K) {value}"),
    "type_v": QT_TRANSLATE_NOOP("ModelDefaults", "KV cache (V) {value}"),
    "flash_attn": QT_TRANSLATE_NOOP("ModelDefaults", "flash attention {value}"),
}
VALUE_TEXT = {
    None: QT_TRANSLATE_NOOP("ModelDefaults", "automatic"),
    "auto": QT_TRANSLATE_NOOP("ModelDefaults", "automatic"),
    "on": QT_TRANSLATE_NOOP("ModelDefaults", "on"),
    "off": QT_TRANSLATE_NOOP("ModelDefaults", "off"),
}


def _value(field: str, value: Any) -> str:
    if field == "n_gpu_layers" and value == -1:
        return translate("ModelDefaults", "all")
    if value in VALUE_TEXT:
        return translate("ModelDefaults", VALUE_TEXT[value])
    return number(value) if isinstance(value, int) else str(value)


def describe(entry: Remembered) -> str:
    """One line: the file's own settings (or none), and its last load's memory."""
    own = entry.own_fields()
    if own.get("type_k") is not None and own.get("type_k") == own.get("type_v"):
        own = {("kv" if f == "type_k" else f): v for f, v in own.items() if f != "type_v"}
    if own:
        parts = [translate("ModelDefaults", FIELD_TEXT[f]).format(value=_value(f, v)) for f, v in own.items()]
        text = translate("ModelDefaults", "Own settings: {settings}.").format(settings=", ".join(parts))
    else:
        text = translate("ModelDefaults", "Loads with the general settings.")
    if entry.used:
        text += " " + translate("ModelDefaults", "Last load: estimated {estimate}, used {used}.").format(
            estimate=gb(entry.estimate), used=gb(entry.used)
        )
    return text


class ModelDefaultsBox(QWidget):
    """Attributes: forgotten (the files whose settings Reset will drop when the dialog says OK)."""

    PATH_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.forgotten: set[str] = set()
        title = QLabel(self.tr("Per-model load settings"), self)
        f = title.font()
        f.setBold(True)
        title.setFont(f)
        note = QLabel(
            self.tr(
                "A model remembers the context, GPU layers, KV cache and flash attention it last loaded with; "
                "the window, r1desk and the API use them until you change the general setting or reset them here."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setObjectName("Muted")
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Models with remembered load settings"))
        self.list.setAccessibleDescription(note.text())
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)  # two lines per model: where one ends
        self.list.setSpacing(2)
        self.list.setMaximumHeight(self.fontMetrics().height() * 12)
        self.reset = QPushButton(self.tr("Reset"), self)
        self.reset.setAccessibleName(self.tr("Reset the selected model's load settings"))
        self.reset_all = QPushButton(self.tr("Reset all"), self)
        self.reset_all.setAccessibleName(self.tr("Reset every model's load settings"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.reset)
        buttons.addWidget(self.reset_all)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 8, 0, 0)
        for w in (title, note, self.list):
            lay.addWidget(w)
        lay.addLayout(buttons)
        lay.addStretch(1)  # a tall dialog's room goes below, not between the lines
        self.reset.clicked.connect(self._reset_selected)
        self.reset_all.clicked.connect(self._reset_all)
        self.list.currentRowChanged.connect(self._update)
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        for path, entry in sorted(model_defaults.load_all().items(), key=lambda kv: Path(kv[0]).name.lower()):
            if path in self.forgotten:
                continue
            item = QListWidgetItem(f"{Path(path).name}\n{describe(entry)}")
            item.setData(self.PATH_ROLE, path)
            item.setToolTip(path)
            self.list.addItem(item)
        if not self.list.count():
            empty = QListWidgetItem(self.tr("No model has been loaded yet."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(empty)
        self._update()

    def _paths(self) -> list[str]:
        return [p for i in range(self.list.count()) if (p := self.list.item(i).data(self.PATH_ROLE))]

    def _update(self, *_: object) -> None:
        item = self.list.currentItem()
        self.reset.setEnabled(item is not None and bool(item.data(self.PATH_ROLE)))
        self.reset_all.setEnabled(bool(self._paths()))

    def _reset_selected(self) -> None:
        item = self.list.currentItem()
        if item is not None and item.data(self.PATH_ROLE):
            self.forgotten.add(item.data(self.PATH_ROLE))
            self._fill()

    def _reset_all(self) -> None:
        self.forgotten.update(self._paths())
        self._fill()

    def commit(self) -> None:
        """Forget the files reset here (the dialog's OK)."""
        for path in self.forgotten:
            model_defaults.forget(path)
