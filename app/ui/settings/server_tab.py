"""Settings → Local server: the OpenAI-compatible API on this computer (on/off, port, key).

The key is a secret: it is saved apart from the settings file (``core/config/server_key.py``)
when the dialog's OK is pressed.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from app.core.config.server_key import ENV_VAR, load_key, new_key, save_key
from app.core.settings import MAX_SLOTS, Settings

HOST = "127.0.0.1"


class ServerTab(QWidget):
    """Attributes: enabled, port, key (the controls, for tests)."""

    def __init__(self, s: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        f = QFormLayout(self)
        self.enabled = QCheckBox(self.tr("Serve the loaded model on this computer"))
        self.enabled.setAccessibleDescription(self.tr("To editors and scripts, through an OpenAI-compatible API"))
        self.enabled.setChecked(s.server_enabled)
        self.slots = QSpinBox()
        self.slots.setRange(0, MAX_SLOTS)
        self.slots.setSpecialValueText(self.tr("as many as fit (up to {n})").format(n=MAX_SLOTS))
        self.slots.setValue(s.server_slots or 0)
        self.slots.setSizePolicy(
            QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed
        )  # its longest text (220 px cut the German)
        self.port = QSpinBox()
        self.port.setRange(1024, 65535)
        self.port.setValue(s.server_port)
        self.port.setGroupSeparatorShown(False)
        self.port.setMaximumWidth(120)
        self.key = QLineEdit(load_key())
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText(self.tr("none"))  # short: the sentence was cut in German at 200 %
        self.key.setToolTip(self.tr("Without a key any program on this computer may connect"))
        self.key.setAccessibleDescription(self.key.toolTip())
        self.show_key = QPushButton(self.tr("Show"))
        self.show_key.setCheckable(True)
        self.show_key.setAccessibleName(self.tr("Show the key"))
        self.generate = QPushButton(self.tr("Generate"))
        self.generate.setAccessibleName(self.tr("Generate a key"))
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.show_key)
        key_row.addWidget(self.generate)
        self.url = QLabel()
        self.url.setObjectName("Muted")
        self.enabled.setAccessibleName(self.tr("Local server on"))
        self.port.setAccessibleName(self.tr("Port"))
        self.key.setAccessibleName(self.tr("API key"))
        self.url.setAccessibleName(self.tr("Address"))
        self.slots.setAccessibleName(self.tr("Requests at once"))
        f.addRow("", self.enabled)
        f.addRow(self.tr("Port"), self.port)
        f.addRow(self.tr("Requests at once"), self.slots)
        f.addRow(self.tr("API key"), key_row)
        f.addRow(self.tr("Address"), self.url)
        note = QLabel(
            self.tr(
                "An OpenAI-compatible API (Continue, Cline, aider, Open WebUI, scripts) on "
                "{host} only: other computers cannot reach it. The window and the API share the "
                "loaded model. Requests at once: answers written side by side (an editor and the "
                "window, or two editors); each keeps its own KV cache in memory, and more wait their "
                "turn. The key is stored apart from the settings file; the environment variable {env} "
                "overrides it."
            ).format(host=HOST, env=ENV_VAR)
        )
        note.setWordWrap(True)
        note.setObjectName("Muted")
        f.addRow(note)
        self.show_key.toggled.connect(self._on_show_key)
        self.generate.clicked.connect(lambda: self.key.setText(new_key()))
        self.enabled.toggled.connect(self._refresh)
        self.port.valueChanged.connect(self._refresh)
        self._refresh()

    def _on_show_key(self, shown: bool) -> None:
        self.key.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.show_key.setText(self.tr("Hide") if shown else self.tr("Show"))
        self.show_key.setAccessibleName(self.tr("Hide the key") if shown else self.tr("Show the key"))

    def _refresh(self) -> None:
        """The port and key can be set before the server is turned on (a port typed into a
        disabled field was silently dropped); the address says what it is, or will be."""
        url = f"http://{HOST}:{self.port.value()}/v1"
        self.url.setText(url if self.enabled.isChecked() else self.tr("off (it will be {url})").format(url=url))

    def collect(self, s: Settings) -> Settings:
        return replace(
            s,
            server_enabled=self.enabled.isChecked(),
            server_port=self.port.value(),
            server_slots=self.slots.value() or None,
        )

    def save_key(self) -> None:
        """Store the key field (called when the dialog's OK is pressed)."""
        save_key(self.key.text())
