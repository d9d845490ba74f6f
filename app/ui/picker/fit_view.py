"""How the picker judges the files: the load configuration (the general settings, and a
downloaded file's own remembered ones), the context chosen above the list, and this machine as
last probed. ``set_config`` and ``set_hardware`` judge again (the settings changed; a fresh probe
of the free memory came).

A part of :class:`~app.ui.picker.dialog.ModelPicker` (a mixin); its sentences keep the dialog's
translation context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel

from app.core.models.catalog import CatalogModel, Variant
from app.core.models.file_fit import FileFit, variant_fit
from app.core.models.fit import DEFAULT_CONTEXT, Fit, Recommendation, recommend
from app.core.models.hardware import Hardware
from app.core.models.load_config import LoadConfig
from app.ui.text.core_text import say
from app.ui.text.i18n import QT_TRANSLATE_NOOP

CONTEXTS: list[tuple[str, int | None]] = [
    (QT_TRANSLATE_NOOP("ModelPicker", "context from the load settings"), None),
    (QT_TRANSLATE_NOOP("ModelPicker", "8K context"), 8192),
    (QT_TRANSLATE_NOOP("ModelPicker", "32K context (R1's thinking)"), DEFAULT_CONTEXT),
    (QT_TRANSLATE_NOOP("ModelPicker", "native (128K)"), 0),
]


class PickerFit:
    """The picker's judgement of each file (badges, card, recommendation)."""

    if TYPE_CHECKING:
        hw: Hardware
        config: LoadConfig
        n_ctx: int | None
        catalog: tuple[CatalogModel, ...]
        rec: Recommendation | None
        machine: QLabel

        def refresh(self, *_: object) -> None: ...

    def _ctx_for(self, m: CatalogModel) -> int | None:
        """The context the estimates are for (None: each file's configured one)."""
        return self.n_ctx if self.n_ctx != 0 else m.context_length

    def _file_fit(self, v: Variant) -> FileFit:
        return variant_fit(v, self.hw, self.config, self._ctx_for(v.model))

    def _fit(self, v: Variant) -> Fit:
        return self._file_fit(v).fit

    def _recommend(self) -> Recommendation | None:
        config, _ = self.config.checked()
        return recommend(self.catalog, self.hw, self.n_ctx or config.context(), config)

    def _machine_text(self) -> str:
        return f"{say(self.hw.describe())}\n{say(self.hw.memory_line())}"

    def _on_context(self, i: int) -> None:
        self.n_ctx = CONTEXTS[i][1]
        self.rec = self._recommend()
        self.refresh()

    def set_config(self, config: LoadConfig) -> None:
        """The load settings changed (KV cache, flash attention, context): judge again."""
        self.config = config
        self.rec = self._recommend()
        self.refresh()

    def set_hardware(self, hardware: Hardware) -> None:
        """A fresh probe (the free memory now): judge again."""
        self.hw = hardware
        self.machine.setText(self._machine_text())
        self.rec = self._recommend()
        self.refresh()
