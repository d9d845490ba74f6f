"""The Settings dialog's Presets tab: the paper's presets (read-only) and the user's own, edited
and saved as data (``app/core/r1/presets.py``).

A widget of its own that the dialog holds (``dialog.presets``): it keeps its own state (the
presets shown, the form). Its sentences keep the dialog's translation context.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.core.r1.presets import Preset, PresetError, all_presets, delete_user_preset, save_user_preset
from app.core.r1.sampling import Sampling
from app.ui.text.core_text import say
from app.ui.text.data_text import preset_text
from app.ui.text.i18n import translate


class PresetsTab(QWidget):
    """The list of presets and the form that shows, saves and deletes them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._presets_cache: list[Preset] = []
        lay = QHBoxLayout(self)
        self.preset_list = QListWidget()
        self.preset_list.setAccessibleName(translate("SettingsDialog", "Presets"))
        form_box = QWidget()
        f = QFormLayout(form_box)
        self.p_name = QLineEdit()
        self.p_temp = QDoubleSpinBox()
        self.p_temp.setRange(0.0, 2.0)
        self.p_temp.setSingleStep(0.05)
        self.p_top_p = QDoubleSpinBox()
        self.p_top_p.setRange(0.0, 1.0)
        self.p_top_p.setSingleStep(0.01)
        self.p_top_k = QSpinBox()
        self.p_top_k.setRange(0, 1000)
        self.p_top_k.setSpecialValueText(translate("SettingsDialog", "off"))
        self.p_min_p = QDoubleSpinBox()
        self.p_min_p.setRange(0.0, 1.0)
        self.p_min_p.setSingleStep(0.01)
        self.p_repeat = QDoubleSpinBox()
        self.p_repeat.setRange(0.5, 2.0)
        self.p_repeat.setSingleStep(0.05)
        self.p_max = QSpinBox()
        self.p_max.setRange(1, 1_000_000)
        self.p_instruction = QLineEdit()
        self.p_instruction.setAccessibleDescription(
            translate("SettingsDialog", "Added to every message, in English: the models were trained with these words")
        )
        for label, widget in (
            (translate("SettingsDialog", "Name"), self.p_name),
            (translate("SettingsDialog", "Temperature"), self.p_temp),
            (translate("SettingsDialog", "Top-p"), self.p_top_p),
            (translate("SettingsDialog", "Top-k"), self.p_top_k),
            (translate("SettingsDialog", "Min-p"), self.p_min_p),
            (translate("SettingsDialog", "Repeat penalty"), self.p_repeat),
            (translate("SettingsDialog", "Max new tokens"), self.p_max),
            (translate("SettingsDialog", "Appended instruction"), self.p_instruction),
        ):
            widget.setAccessibleName(label)
            f.addRow(label, widget)
        self.p_description = QLabel()
        self.p_description.setWordWrap(True)
        self.p_description.setObjectName("Muted")
        f.addRow(self.p_description)
        self.p_readonly = QLabel(
            translate("SettingsDialog", "The paper's presets are read-only; change the name to save a copy.")
        )
        self.p_readonly.setWordWrap(True)
        self.p_readonly.setObjectName("Muted")
        f.addRow(self.p_readonly)
        row = QHBoxLayout()
        self.p_save = QPushButton(translate("SettingsDialog", "Save as my preset"))
        self.p_delete = QPushButton(translate("SettingsDialog", "Delete"))
        self.p_delete.setAccessibleName(translate("SettingsDialog", "Delete the preset"))
        row.addWidget(self.p_save)
        row.addWidget(self.p_delete)
        f.addRow(row)
        lay.addWidget(self.preset_list, 1)
        lay.addWidget(form_box, 2)
        self.preset_list.currentRowChanged.connect(self._show_preset)
        self.p_save.clicked.connect(self._save_preset)
        self.p_delete.clicked.connect(self._delete_preset)
        self._reload_presets()

    def _reload_presets(self, select: str | None = None) -> None:
        self._presets_cache = all_presets()
        self.preset_list.clear()
        for p in self._presets_cache:
            self.preset_list.addItem(p.name + (" — " + translate("SettingsDialog", "built in") if p.builtin else ""))
        names = [p.name for p in self._presets_cache]
        self.preset_list.setCurrentRow(names.index(select) if select in names else 0)

    def _show_preset(self, row: int) -> None:
        if not 0 <= row < len(self._presets_cache):
            return
        p = self._presets_cache[row]
        s = p.sampling
        self.p_name.setText(p.name)
        self.p_temp.setValue(s.temperature)
        self.p_top_p.setValue(s.top_p)
        self.p_top_k.setValue(s.top_k)
        self.p_min_p.setValue(s.min_p)
        self.p_repeat.setValue(s.repeat_penalty)
        self.p_max.setValue(s.max_tokens)
        self.p_instruction.setText(p.instruction)
        self.p_description.setText(preset_text(p.description))
        self.p_description.setVisible(bool(p.description))
        self.p_readonly.setVisible(p.builtin)
        self.p_delete.setEnabled(not p.builtin)

    def _save_preset(self) -> None:
        try:
            p = Preset(
                self.p_name.text().strip(),
                Sampling(
                    temperature=round(self.p_temp.value(), 3),
                    top_p=round(self.p_top_p.value(), 3),
                    top_k=self.p_top_k.value(),
                    min_p=round(self.p_min_p.value(), 3),
                    repeat_penalty=round(self.p_repeat.value(), 3),
                    max_tokens=self.p_max.value(),
                ),
                self.p_instruction.text(),
            )
            if not p.name:
                raise PresetError(translate("SettingsDialog", "A preset needs a name."))
            save_user_preset(p)
        except (PresetError, ValueError) as e:
            QMessageBox.warning(self.window(), translate("SettingsDialog", "Preset not saved"), say(str(e)))
            return
        self._reload_presets(p.name)

    def _delete_preset(self) -> None:
        row = self.preset_list.currentRow()
        p = self._presets_cache[row]
        try:
            delete_user_preset(p.name)
        except PresetError as e:
            QMessageBox.warning(self.window(), translate("SettingsDialog", "Preset not deleted"), say(str(e)))
        self._reload_presets()
