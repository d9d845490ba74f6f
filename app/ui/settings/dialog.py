"""The settings dialog: inference, presets, interface, storage, local server. Validated before it
closes.

Theme, font size and the thinking pane apply as soon as it closes with OK; the inference
settings apply when the model is loaded again (the window offers that). The context length
says which length is in force for the loaded model, and why when it differs.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.config.paths import data_dir
from app.core.inference.events import ModelFacts
from app.core.models.load_config import FLASH_CHOICES
from app.core.models.model_defaults import key_of
from app.core.settings import KV_TYPE_CHOICES, PANE_MODES, THEMES, Settings
from app.ui.settings.model_defaults_box import ModelDefaultsBox
from app.ui.settings.presets_tab import PresetsTab
from app.ui.settings.server_tab import ServerTab
from app.ui.style.theme import system_point_size
from app.ui.text.core_text import say_all
from app.ui.text.i18n import NATIVE_NAMES, QT_TRANSLATE_NOOP, number, system_language, translate
from app.ui.widgets.accessibility import tab_chain
from app.ui.widgets.placement import place
from app.ui.widgets.scroll_page import scroll_page
from app.ui.window.actions import key
from app.ui.window.help import open_data_folder

RELOAD_FIELDS = (
    "context_length",
    "gpu_layers",
    "threads",
    "flash_attn",
    "kv_cache_type",
    "server_enabled",
    "server_slots",
)
PANE_LABELS = {
    "collapse": QT_TRANSLATE_NOOP("SettingsDialog", "Collapse when the answer starts"),
    "open": QT_TRANSLATE_NOOP("SettingsDialog", "Always open"),
    "collapsed": QT_TRANSLATE_NOOP("SettingsDialog", "Always collapsed"),
    "remember": QT_TRANSLATE_NOOP("SettingsDialog", "As I last left it"),
}
FLASH_LABELS = {
    "auto": QT_TRANSLATE_NOOP("SettingsDialog", "automatic (llama.cpp decides)"),
    "on": QT_TRANSLATE_NOOP("SettingsDialog", "on"),
    "off": QT_TRANSLATE_NOOP("SettingsDialog", "off"),
}
THEME_LABELS = {
    "system": QT_TRANSLATE_NOOP("SettingsDialog", "System"),
    "light": QT_TRANSLATE_NOOP("SettingsDialog", "Light"),
    "dark": QT_TRANSLATE_NOOP("SettingsDialog", "Dark"),
}


def _auto_spin(lo: int, hi: int, value: int | None, auto: str) -> QSpinBox:
    """A spin box whose lowest value means "automatic" (None)."""
    s = QSpinBox()
    s.setRange(lo - 1, hi)
    s.setSpecialValueText(auto)
    s.setValue(value if value is not None else lo - 1)
    return s


def context_in_force(s: Settings, facts: ModelFacts | None) -> str:
    """Which context the loaded model uses, and why when it is not the one set here."""
    if facts is None:
        return translate(
            "SettingsDialog", "No model is loaded; this length is used for the next one (at most the model's own)."
        )
    if facts.n_ctx == s.context_length:
        return translate("SettingsDialog", "In force now: {n} tokens, as set here.").format(n=number(facts.n_ctx))
    if facts.n_ctx_train and facts.n_ctx >= facts.n_ctx_train and s.context_length > facts.n_ctx:
        return translate(
            "SettingsDialog",
            "In force now: {n} tokens, the most {model} was trained for (the {set} set here is more than it can use).",
        ).format(
            n=number(facts.n_ctx),
            model=facts.name or translate("SettingsDialog", "this model"),
            set=number(s.context_length),
        )
    return translate(
        "SettingsDialog", "In force now: {n} tokens, as the model was loaded; this setting applies after a reload."
    ).format(n=number(facts.n_ctx))


class SettingsDialog(QDialog):
    def __init__(
        self, settings: Settings, parent: QWidget | None = None, tab: str = "", facts: ModelFacts | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        place(self, QSize(620, 520))
        self.original = settings
        self.facts = facts
        self.result_settings: Settings | None = None
        tabs = QTabWidget(self)
        tabs.addTab(scroll_page(self._inference(settings)), self.tr("Inference"))
        self.presets = PresetsTab()
        tabs.addTab(scroll_page(self.presets), self.tr("Presets"))
        tabs.addTab(scroll_page(self._interface(settings)), self.tr("Interface"))
        tabs.addTab(scroll_page(self._storage(settings)), self.tr("Storage"))
        self.server_tab = ServerTab(settings)
        tabs.addTab(scroll_page(self.server_tab), self.tr("Local server"))
        tabs.setAccessibleName(self.tr("Settings"))
        # Tabs are opened by name (the status bar's "Local server settings…"): the English name,
        # whatever the window's language.
        names = ["Inference", "Presets", "Interface", "Storage", "Local server"]
        if tab in names:
            tabs.setCurrentIndex(names.index(tab))
        self.tabs = tabs
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(tabs)
        lay.addWidget(self.buttons)
        tabs.tabBar().setAccessibleName(self.tr("Settings pages"))
        tab_chain(tabs.tabBar(), self.ctx)  # the tabs first (Ctrl+Tab also moves between them)

    # ---- tabs -------------------------------------------------------------------------------------

    def _inference(self, s: Settings) -> QWidget:
        w = QWidget()
        f = QFormLayout(w)
        self.ctx = QSpinBox()
        self.ctx.setRange(256, 1_048_576)
        self.ctx.setSingleStep(4096)
        self.ctx.setValue(s.context_length)
        self.ctx.setSuffix(self.tr(" tokens"))
        self.ctx.setGroupSeparatorShown(True)
        self.gpu = _auto_spin(-1, 1000, s.gpu_layers, self.tr("automatic (all that fit)"))
        self.threads = _auto_spin(1, 512, s.threads, self.tr("automatic (physical cores)"))
        self.flash = QComboBox()
        for mode in FLASH_CHOICES:
            self.flash.addItem(self.tr(FLASH_LABELS[mode]), mode)
        self.flash.setCurrentIndex(FLASH_CHOICES.index(s.flash_attn))
        self.flash.setToolTip(self.tr("Less memory at long contexts; a quantized KV cache needs it"))
        self.kv = QComboBox()
        self.kv.addItems(list(KV_TYPE_CHOICES))
        self.kv.setCurrentText(s.kv_cache_type)
        self.budget = QSpinBox()
        self.budget.setRange(0, 1_000_000)
        self.budget.setSingleStep(1024)
        self.budget.setSpecialValueText(self.tr("no limit"))
        self.budget.setSuffix(self.tr(" tokens"))
        self.budget.setGroupSeparatorShown(True)
        self.budget.setValue(s.think_budget or 0)
        self.loop_guard = QCheckBox(self.tr("Loop guard"))
        self.loop_guard.setToolTip(self.tr("Stop reasoning that repeats itself (the model is then asked to answer)"))
        self.loop_guard.setChecked(s.loop_guard)
        self.force_think = QCheckBox(self.tr("Make R1 models think"))
        self.force_think.setToolTip(
            self.tr("Start the answer with <think> when the model file does not (older conversions)")
        )
        self.force_think.setChecked(s.force_think)
        self.speculative = QCheckBox(self.tr("Speculative decoding"))
        self.speculative.setToolTip(
            self.tr("Check drafted tokens (text the answer repeats) in one step where that is faster; same answer")
        )
        self.speculative.setChecked(s.speculative)
        for box in (self.flash, self.loop_guard, self.force_think, self.speculative):
            box.setAccessibleDescription(box.toolTip())
        rows: tuple[tuple[str, QWidget], ...] = (
            (self.tr("Context length"), self.ctx),
            (self.tr("GPU layers"), self.gpu),
            (self.tr("CPU threads"), self.threads),
            (self.tr("Flash attention"), self.flash),
            (self.tr("KV-cache type"), self.kv),
            (self.tr("Thinking budget"), self.budget),
            ("", self.loop_guard),
            ("", self.force_think),
            ("", self.speculative),
        )
        for label, widget in rows:
            widget.setAccessibleName(label or (widget.text() if isinstance(widget, QCheckBox) else ""))
            f.addRow(label, widget)
        self.ctx_in_force = QLabel(context_in_force(s, self.facts))
        self.ctx_in_force.setWordWrap(True)
        f.addRow(self.ctx_in_force)
        self.ctx.setAccessibleDescription(self.ctx_in_force.text())
        note = QLabel(
            "\n\n".join(  # one short paragraph each, not one run-on block
                (
                    self.tr(
                        "R1 thinks long: 32K tokens of context is what the paper used. Changes here reload the model."
                    ),
                    self.tr("Flash attention: {flash}.").format(flash=self.flash.toolTip()),
                    self.tr("Loop guard: {guard}.").format(guard=self.loop_guard.toolTip()),
                    self.tr("Make R1 models think: {think}.").format(think=self.force_think.toolTip()),
                )
            )
        )
        note.setWordWrap(True)
        note.setObjectName("Muted")
        f.addRow(note)
        self.model_defaults = ModelDefaultsBox(w)
        f.addRow(self.model_defaults)
        return w

    def _interface(self, s: Settings) -> QWidget:
        w = QWidget()
        f = QFormLayout(w)
        self.pane = QComboBox()
        for mode in PANE_MODES:
            self.pane.addItem(self.tr(PANE_LABELS[mode]), mode)
        self.pane.setCurrentIndex(PANE_MODES.index(s.thinking_pane))
        self.theme = QComboBox()
        for name in THEMES:
            self.theme.addItem(self.tr(THEME_LABELS[name]), name)
        self.theme.setCurrentIndex(THEMES.index(s.theme))
        self.font_size = QSpinBox()
        self.font_size.setRange(0, 48)
        self.font_size.setSpecialValueText(self.tr("system ({size} pt)").format(size=system_point_size()))
        self.font_size.setSuffix(self.tr(" pt"))
        self.font_size.setValue(s.font_size)
        self.font_size.setAccessibleDescription(
            self.tr("The text size of the whole window; View ▸ Font size changes it too ({larger}, {smaller})").format(
                larger=key("font_larger"), smaller=key("font_smaller")
            )
        )
        self.language = QComboBox()
        system = self.tr("System ({language})").format(language=NATIVE_NAMES[system_language()])
        self.language.addItem(system, "system")
        for code, name in NATIVE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        language_note = QLabel(self.tr("The language changes when R1 Desk starts again."))
        language_note.setObjectName("Muted")
        language_note.setWordWrap(True)
        self.language.setAccessibleDescription(language_note.text())
        self.attach_kb = QSpinBox()
        self.attach_kb.setRange(1, 100_000)
        self.attach_kb.setSingleStep(64)
        self.attach_kb.setSuffix(self.tr(" KB"))
        self.attach_kb.setValue(s.attachment_max_kb)
        self.attach_kb.setToolTip(self.tr("Attached folders leave out larger files (and say so)"))
        self.attach_kb.setAccessibleDescription(self.attach_kb.toolTip())
        for label, widget in (
            (self.tr("Thinking pane"), self.pane),
            (self.tr("Theme"), self.theme),
            (self.tr("Font size"), self.font_size),
            (self.tr("Language"), self.language),
            (self.tr("Largest file to attach"), self.attach_kb),
        ):
            widget.setAccessibleName(label)
            f.addRow(label, widget)
            if widget is self.language:
                f.addRow("", language_note)
        return w

    def _storage(self, s: Settings) -> QWidget:
        w = QWidget()
        f = QFormLayout(w)
        self.models_folder = QLineEdit(s.models_folder)
        self.models_folder.setPlaceholderText(self.tr("the Hugging Face cache (shared with other tools)"))
        browse = QPushButton(self.tr("Choose…"))
        browse.setAccessibleName(self.tr("Choose the models folder"))
        browse.clicked.connect(self._browse_models)
        row = QHBoxLayout()
        row.addWidget(self.models_folder)
        row.addWidget(browse)
        self.chats_db = QLineEdit(s.chats_database)
        self.chats_db.setPlaceholderText(str(data_dir() / "chats.sqlite3"))
        open_data = QPushButton(self.tr("Open data folder"))
        open_data.clicked.connect(open_data_folder)
        self.models_folder.setAccessibleName(self.tr("Models folder"))
        self.chats_db.setAccessibleName(self.tr("Chats database"))
        f.addRow(self.tr("Models folder"), row)
        f.addRow(self.tr("Chats database"), self.chats_db)
        f.addRow("", open_data)
        return w

    def _browse_models(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Models folder"), self.models_folder.text())
        if path:
            self.models_folder.setText(path)

    # ---- result -----------------------------------------------------------------------------------

    def collect(self) -> Settings:
        auto = lambda spin, lo: None if spin.value() < lo else spin.value()  # noqa: E731
        s = replace(
            self.original,
            context_length=self.ctx.value(),
            gpu_layers=auto(self.gpu, -1),
            threads=auto(self.threads, 1),
            flash_attn=self.flash.currentData(),
            kv_cache_type=KV_TYPE_CHOICES[max(0, self.kv.currentIndex())],
            think_budget=self.budget.value() or None,
            loop_guard=self.loop_guard.isChecked(),
            force_think=self.force_think.isChecked(),
            speculative=self.speculative.isChecked(),
            thinking_pane=self.pane.currentData(),
            theme=self.theme.currentData(),
            font_size=self.font_size.value(),
            language=self.language.currentData(),
            attachment_max_kb=self.attach_kb.value(),
            models_folder=self.models_folder.text().strip(),
            chats_database=self.chats_db.text().strip(),
        )
        return self.server_tab.collect(s)

    def needs_reload(self) -> bool:
        new = self.result_settings or self.collect()
        reset = self.facts is not None and key_of(self.facts.path) in self.model_defaults.forgotten
        return reset or any(getattr(new, f) != getattr(self.original, f) for f in RELOAD_FIELDS)

    def _on_ok(self) -> None:
        new = self.collect()
        problems = new.validate()
        if problems:
            QMessageBox.warning(self, self.tr("Check these settings"), say_all(problems, "\n"))
            return
        self.result_settings = new
        self.server_tab.save_key()
        self.model_defaults.commit()
        self.accept()
