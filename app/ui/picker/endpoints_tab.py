"""The model picker's "Endpoints" tab: remote OpenAI-compatible servers, added, edited, removed
and tested. A view over ``core/config/endpoints.py`` (the file) and ``secrets.py`` (the keys).

The key field is write-only: a typed key goes to the system keyring on Save and the field is
cleared; a stored key is never read back into a widget, so no screenshot can show it. "Test
connection" runs off the GUI thread and lists the server's models and the round trip.
"""

from __future__ import annotations

import queue
import threading

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.config import secrets
from app.core.config.endpoints import Endpoint, load_endpoints, normalize_url, save_endpoints, with_endpoint
from app.core.config.server_kinds import KINDS
from app.core.errors import R1DeskError
from app.core.inference.remote_engine import Probe
from app.ui.text.core_text import say, say_all
from app.ui.text.i18n import QT_TRANSLATE_NOOP, number
from app.ui.widgets.accessibility import tab_chain

KEY_SOURCES = {
    "keyring": QT_TRANSLATE_NOOP(
        "EndpointsTab", "A key is stored in the system keyring (type a new one to replace it)."
    ),
    "R1DESK_API_KEY": QT_TRANSLATE_NOOP("EndpointsTab", "No stored key: R1DESK_API_KEY from the environment is used."),
    "none": QT_TRANSLATE_NOOP(
        "EndpointsTab", "No key: fine for servers that need none (llama-server, vLLM and Ollama by default)."
    ),
}


class EndpointsTab(QWidget):
    """Attributes:
        endpoints: the saved endpoints, as shown.

    Signals:
        changed(): the saved endpoints changed (the model list should show them).
        tested(object): a connection test finished (a ``Probe`` or an error sentence).
    """

    changed = Signal()
    tested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.endpoints: list[Endpoint] = []
        self._editing: str | None = None  # the saved name being edited; None: a new endpoint
        self._poll = QTimer(self)  # collects a connection test's outcome from its thread
        self._poll.setInterval(100)
        self._results: queue.SimpleQueue[object] = queue.SimpleQueue()
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Saved endpoints"))
        self.list.setMaximumWidth(240)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("GPU box"))
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("http://gpu-box:8000/v1")
        self.kind = QComboBox(self)
        for k in KINDS.values():
            self.kind.addItem(say(k.label), k.id)
        self.models = QLineEdit(self)
        self.models.setPlaceholderText(self.tr("model names, comma-separated (Test connection fills this in)"))
        self.key = QLineEdit(self)
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText(self.tr("API key (kept in the system keyring, never shown)"))
        self.key_note = QLabel(self)
        self.key_note.setObjectName("Muted")
        self.key_note.setWordWrap(True)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setAccessibleName(self.tr("Connection test result"))
        self.new_btn = QPushButton(self.tr("New"), self)
        self.new_btn.setAccessibleName(self.tr("New endpoint"))
        self.remove_btn = QPushButton(self.tr("Remove"), self)
        self.remove_btn.setAccessibleName(self.tr("Remove endpoint"))
        self.test_btn = QPushButton(self.tr("Test connection"), self)
        self.save_btn = QPushButton(self.tr("Save"), self)
        self.save_btn.setAccessibleName(self.tr("Save endpoint"))

        form = QFormLayout()
        for label, w in (
            (self.tr("Name"), self.name),
            (self.tr("Base URL"), self.url),
            (self.tr("Server"), self.kind),
            (self.tr("Models"), self.models),
            (self.tr("API key"), self.key),
        ):
            w.setAccessibleName(label)
            form.addRow(label, w)

        self.key.setAccessibleDescription(self.tr("Kept in the system keyring; a stored key is never shown"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_btn)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_btn)
        buttons.addWidget(self.save_btn)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.key_note)  # under the form, not in it: a form row clipped its wrapped lines
        right.addWidget(self.warning)
        right.addLayout(buttons)
        right.addWidget(self.result)
        right.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addWidget(self.new_btn)
        lay = QHBoxLayout(self)
        lay.addLayout(left)
        lay.addLayout(right, 1)
        tab_chain(
            self.list,
            self.new_btn,
            self.name,
            self.url,
            self.kind,
            self.models,
            self.key,
            self.test_btn,
            self.remove_btn,
            self.save_btn,
        )
        self._connect_signals()
        self.reload()

    def _connect_signals(self) -> None:
        self.list.currentRowChanged.connect(self._show)
        self.new_btn.clicked.connect(self.new)
        self.save_btn.clicked.connect(self.save)
        self.remove_btn.clicked.connect(self.remove)
        self.test_btn.clicked.connect(self.test_connection)
        self.url.textChanged.connect(lambda _: self._warn())
        self.tested.connect(self._on_tested)
        self._poll.timeout.connect(self._collect)

    # ---- the list -----------------------------------------------------------------------------

    def reload(self) -> None:
        try:
            self.endpoints = load_endpoints()
        except R1DeskError as e:
            self.endpoints = []
            self.result.setText(say(str(e)))
        self.list.clear()
        self.list.addItems([e.name for e in self.endpoints])
        if self.endpoints:
            self.list.setCurrentRow(0)
        else:
            self.new()

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.endpoints):
            return
        ep = self.endpoints[row]
        self._editing = ep.name
        self.name.setText(ep.name)
        self.url.setText(ep.base_url)
        self.kind.setCurrentIndex(max(0, self.kind.findData(ep.kind)))
        self.models.setText(", ".join(ep.models))
        self.key.clear()
        self.result.setText("")
        self._show_key_source()
        self.remove_btn.setEnabled(True)

    def _show_key_source(self) -> None:
        try:
            _, source = secrets.resolve_key(self._editing)
        except R1DeskError:
            source = "none"
        problem = secrets.keyring_problem()
        note = self.tr(KEY_SOURCES[source]) if source in KEY_SOURCES else ""
        self.key_note.setText(note + (f" {say(problem)}" if problem and source != "keyring" else ""))

    def new(self) -> None:
        self.list.clearSelection()
        self._editing = None
        for w in (self.name, self.url, self.models, self.key):
            w.clear()
        self.kind.setCurrentIndex(0)
        self.result.setText(self.tr("Add a server: its base URL, then Test connection."))
        self._show_key_source()
        self.remove_btn.setEnabled(False)

    def current(self) -> Endpoint:
        models = tuple(m.strip() for m in self.models.text().split(",") if m.strip())
        return Endpoint(self.name.text().strip(), normalize_url(self.url.text()), models, self.kind.currentData())

    def _warn(self) -> None:
        ep = self.current()
        plain = self.url.text().strip().startswith("http://") and not ep.loopback
        self.warning.setText(
            "⚠ "
            + self.tr(
                "Plain http:// to another machine: the API key and your chats cross the network unencrypted. "
                "Use https:// (or an SSH tunnel) outside a trusted network."
            )
            if plain
            else ""
        )

    # ---- actions ------------------------------------------------------------------------------

    def save(self) -> bool:
        ep = self.current()
        problems = ep.problems()
        if problems:
            self.result.setText(say_all(problems))
            return False
        try:
            updated = with_endpoint(self.endpoints, ep, replacing=self._editing)
            save_endpoints(updated)
        except R1DeskError as e:
            self.result.setText(say(str(e)))
            return False
        renamed_from = self._editing if self._editing not in (None, ep.name) else None
        typed = self.key.text()
        self.key.clear()
        try:
            if renamed_from is not None and not typed:
                typed = secrets.stored_key(renamed_from) or ""
            if typed:
                secrets.save_key(ep.name, typed)
            if renamed_from is not None:
                secrets.delete_key(renamed_from)
        except R1DeskError as e:
            QMessageBox.warning(self, self.tr("The key was not saved"), say(str(e)))
        self.endpoints = updated
        self._editing = ep.name
        self.list.clear()
        self.list.addItems([e.name for e in updated])
        self.list.setCurrentRow([e.name for e in updated].index(ep.name))
        self.result.setText(self.tr("Saved {name}. Its models are in the Models tab.").format(name=ep.name))
        self.changed.emit()
        return True

    def remove(self) -> None:
        name = self._editing
        if name is None:
            return
        if QMessageBox.question(
            self, self.tr("Remove endpoint"), self.tr("Remove {name} and its stored key?").format(name=name)
        ) != (QMessageBox.StandardButton.Yes):
            return
        self.endpoints = [e for e in self.endpoints if e.name != name]
        save_endpoints(self.endpoints)
        secrets.delete_key(name)
        self.reload()
        self.changed.emit()

    def test_connection(self) -> None:
        """List the server's models and time the round trip, off the GUI thread."""
        ep = self.current()
        problems = [p for p in ep.problems() if "name" not in p.lower()]
        if problems:
            self.result.setText(say_all(problems))
            return
        typed = self.key.text() or None
        self.test_btn.setEnabled(False)
        self.result.setText(self.tr("Connecting to {host}…").format(host=ep.host))

        results: queue.SimpleQueue[object] = queue.SimpleQueue()
        editing = self._editing
        failed = self.tr("The connection test failed: {why}")

        def run() -> None:  # plain data only: a thread must never hold the last reference to a QObject
            from app.core.inference.remote_engine import probe

            try:
                key = typed or secrets.resolve_key(editing)[0]
                results.put(probe(ep, key))
            except R1DeskError as e:
                results.put(str(e))
            except Exception as e:  # a keyring backend or the HTTP client failing in its own way
                results.put(failed.format(why=e))

        self._results = results
        threading.Thread(target=run, name="r1desk-endpoint-test", daemon=True).start()
        self._poll.start()

    def _collect(self) -> None:
        """The GUI thread picks up the test's outcome (see ``test_connection``)."""
        try:
            outcome = self._results.get_nowait()
        except queue.Empty:
            return
        self._poll.stop()
        self.tested.emit(outcome)

    def _on_tested(self, outcome: object) -> None:
        self.test_btn.setEnabled(True)
        if not isinstance(outcome, Probe):
            self.result.setText(f"✗ {say(str(outcome))}")
            return
        found = outcome
        names = [m.id for m in found.models]
        kind = KINDS.get(found.kind)
        listed = "\n".join(f"  • {n}" for n in names[:12]) or "  " + self.tr("(it lists no models)")
        text = self.tr("Connected in {ms} ms.").format(ms=number(found.latency_s * 1000))
        if kind is not None and kind.id != "openai":
            text += " " + self.tr("It looks like {server}.").format(server=say(kind.label))
        self.result.setText(f"✓ {text} " + self.tr("Models:") + f"\n{listed}")
        if not self.models.text().strip():
            self.models.setText(", ".join(names))
        if kind is not None and self.kind.currentData() == "openai":
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind.id)))
