"""The main window: conversations on the left, the chat in the middle, the composer below.

It composes the parts and wires them, all in ``_connect_signals``: the chat controller (the
chat's logic), the model loader, the first-run welcome, downloads, chat files, the status bar
and the local API server (which shares the worker's engine gate) each do one job. The
generation worker runs on its own QThread; the window talks to it only through queued signals,
except Stop and "Answer now", which set the engine's flags directly (see ``workers/generation.py``).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThread, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QFontMetricsF
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox, QSplitter, QVBoxLayout, QWidget

from app.core.chats.store import Store
from app.core.config.server_key import load_key
from app.core.config.settings import Settings, save_settings
from app.core.inference.events import BackendInfo, ModelFacts, Stats
from app.core.inference.gate import GateState
from app.core.models.hardware import Hardware, detect
from app.ui import chat_files
from app.ui.actions import build_actions
from app.ui.chat.attach_controller import AttachController
from app.ui.chat.composer import Composer
from app.ui.chat.controller import ChatController, server_limits
from app.ui.chat.file_drop import FileDropFilter
from app.ui.chat.sidebar import ConversationList
from app.ui.chat.view import ChatView
from app.ui.first_run import FirstRun
from app.ui.local_server import LocalServer
from app.ui.model_loader import ModelLoader, load_request
from app.ui.render.markdown import MarkdownRenderer, Theme
from app.ui.server_indicator import ServerIndicator
from app.ui.status_bar import StatusBar
from app.ui.workers.downloads import DownloadManager
from app.ui.workers.generation import GenerationWorker

UNDO_MS = 10_000


class MainWindow(QMainWindow):
    """Attributes:
        hardware: this machine (probed by the worker; tests may set it first).

    Signals:
        request_backend(): to the worker: start the model process.
        request_measure(int job, object MeasureRequest): to the worker: count the next message.
    """

    request_backend = Signal()
    request_measure = Signal(int, object)

    def __init__(self, store: Store, settings: Settings, theme: Theme, worker: GenerationWorker | None = None) -> None:
        super().__init__()
        self.setWindowTitle("R1 Desk")
        self.resize(1180, 780)
        self.settings = settings
        self.store = store
        fm = QFontMetricsF(self.font())
        # STIX math sits small beside a UI sans font: set formulas a fifth larger than the text.
        math_px = round(fm.height() * 1.1, 1)
        self.renderer = MarkdownRenderer(theme, math_px=math_px, text_descent=fm.descent())
        self.reasoning_renderer = MarkdownRenderer(theme.lighter(), math_px=math_px, text_descent=fm.descent())
        self.sidebar = ConversationList(self)
        self.chat = ChatView(self.renderer, self, self.reasoning_renderer)
        self.composer = Composer(self)
        self.setCentralWidget(self._layout())
        self.status_bar = StatusBar(self)
        self.setStatusBar(self.status_bar)
        self.undo = self.status_bar.undo
        self.actions_ = build_actions(self)

        self.worker = worker or GenerationWorker()
        self.engine = self.worker.local  # the local engine; the worker closes it (and a remote one) on exit
        self.worker_thread = QThread(self)
        self.worker_thread.setObjectName("generation")
        self.worker.moveToThread(self.worker_thread)
        self.controller = ChatController(
            store, self.chat, self.composer, settings, self.worker.stop, self.worker.answer_now
        )
        self.attach = AttachController(self.composer, self.controller, settings, lambda: self.hardware, self)
        self.drops = FileDropFilter(self, [self, self.composer.edit.viewport()])
        self.loader = ModelLoader(settings, self)
        self.downloads = DownloadManager(self)
        self.first_run = FirstRun(self.chat.empty, self.downloads, self)
        self.local_server = LocalServer(self.worker.gate, lambda: load_request(self.settings), self)
        self.server_indicator = ServerIndicator(self.local_server.model_id, self)
        self.status_bar.addPermanentWidget(self.server_indicator)
        self._backend: BackendInfo | None = None
        self.hardware: Hardware | None = None
        self.picker: Any = None
        self._deleted: dict[str, Any] | None = None
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._connect_signals()
        self.worker_thread.start()
        self.request_backend.emit()
        if settings.server_enabled:
            QTimer.singleShot(0, self._apply_server)  # after the first paint: it imports the HTTP stack
        # Pygments imports its lexers and builds its style on first use (~50 ms): do that while
        # the user types, not in the middle of the first streamed code block.
        # ziamath likewise (≈0.3 s to import and load its font), on its own thread.
        QTimer.singleShot(300, lambda: self.renderer.render("```python\nx = 1\n```\n"))
        QTimer.singleShot(400, self.renderer.typesetter.warm_up)
        self._refresh_conversations()
        if store.recovered:
            self._notify(
                f"{store.recovered} answer(s) were interrupted when the app last closed; they are marked.", 8000
            )

    def _layout(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("ChatPage")
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 12)
        lay.addWidget(self.chat, 1)
        holder = QWidget(page)
        hl = QVBoxLayout(holder)
        hl.setContentsMargins(24, 0, 24, 0)
        hl.addWidget(self.composer)
        lay.addWidget(holder)
        split = QSplitter(self)
        split.addWidget(self.sidebar)
        split.addWidget(page)
        split.setStretchFactor(1, 1)
        split.setSizes([250, 930])
        return split

    # ---- wiring -----------------------------------------------------------------------------------

    def _connect_signals(self) -> None:
        c, w, s, comp, a = self.controller, self.worker, self.sidebar, self.composer, self.actions_
        # window -> worker (queued: the worker lives on its own thread)
        self.request_backend.connect(w.start_backend)
        self.request_measure.connect(w.measure)
        self.loader.request_load.connect(w.load)
        self.loader.request_remote.connect(w.load_remote)
        c.request_generate.connect(w.generate)
        self.attach.request_measure.connect(self._on_request_measure)
        # worker -> window, loader, controller
        w.backend_ready.connect(self._on_backend_ready)
        w.load_progress.connect(self.status_bar.show_progress)
        w.load_notice.connect(lambda text: self._notify(text, 15000))
        w.loaded.connect(self.loader.on_loaded)
        w.load_failed.connect(self.loader.on_failed)
        w.delta.connect(c.on_delta)
        w.tick.connect(self.status_bar.show_tick)
        w.reading.connect(self.status_bar.show_reading)
        w.tick.connect(c.on_tick)
        w.finished.connect(c.on_finished)
        w.failed.connect(c.on_failed)
        w.measured.connect(self.attach.on_measured)
        w.measure_failed.connect(self.attach.on_measure_failed)
        # model loading
        self.loader.started.connect(self._on_load_started)
        self.loader.loaded.connect(self._on_loaded)
        self.loader.failed.connect(self._on_load_failed)
        # composer
        comp.send_requested.connect(self.attach.request_send)
        comp.stop_requested.connect(c.stop)
        comp.answer_now_requested.connect(c.answer_now)
        # attachments and the context budget
        self.drops.dropped.connect(self.attach.add_paths)
        self.drops.hovering.connect(lambda: self._notify("Drop to attach to your message.", 2000))
        self.attach.notice.connect(lambda text: self._notify(text, 10000))
        self.attach.sent.connect(self.status_bar.set_prompt_tokens)
        self.attach.reload_requested.connect(self.loader.load)
        c.edit_started.connect(self.attach.restore)
        c.insert_code.connect(comp.insert_code)
        c.conversations_changed.connect(self.attach.schedule)
        # sidebar
        s.new_requested.connect(c.new_chat)
        s.selected.connect(c.open_conversation)
        s.selected.connect(self.attach.schedule)
        s.rename_requested.connect(c.rename)
        s.delete_requested.connect(self._on_delete_requested)
        s.search_changed.connect(c.set_search)
        # controller -> window
        c.conversations_changed.connect(self._refresh_conversations)
        c.stats_changed.connect(self._on_stats)
        c.notice.connect(lambda text: self._notify(text, 6000))
        c.generating_changed.connect(self._on_generating)
        c.pane_choice.connect(self._on_pane_choice)
        # first run and downloads
        self.chat.empty.choose_model.connect(self.open_picker)
        self.chat.empty.open_file.connect(self._choose_file)
        self.chat.empty.download_recommended.connect(self.first_run.download)
        self.first_run.load_requested.connect(self.load_model)
        self.first_run.choose_requested.connect(self.open_picker)
        self.first_run.notice.connect(lambda text: self._notify(text, 0))
        self.downloads.finished.connect(self._on_download_finished)
        self.downloads.failed.connect(self._on_download_failed)
        self.downloads.progress.connect(lambda *_: self._show_download_summary())
        # menus, shortcuts, status bar
        a["choose_model"].triggered.connect(self.open_picker)
        a["open_file"].triggered.connect(self._choose_file)
        a["new_chat"].triggered.connect(c.new_chat)
        a["export_markdown"].triggered.connect(lambda: self._export("md"))
        a["export_json"].triggered.connect(lambda: self._export("json"))
        a["import_json"].triggered.connect(self._import)
        a["settings"].triggered.connect(self.open_settings)
        a["quit"].triggered.connect(self.close)
        a["find"].triggered.connect(s.focus_search)
        a["stop"].triggered.connect(c.stop)
        a["send"].triggered.connect(comp._on_send_clicked)
        self.status_bar.model_button.clicked.connect(self.open_picker)
        # local API server
        ls, ind = self.local_server, self.server_indicator
        ls.started.connect(lambda url: ind.show_running(url, ls.key))
        ls.stopped.connect(ind.show_stopped)
        ls.failed.connect(ind.show_failed)
        ls.failed.connect(lambda text: self._notify(text, 15000))
        ls.notice.connect(lambda text: self._notify(text, 6000))
        ls.state_changed.connect(ind.show_state)
        ls.state_changed.connect(self._on_gate_state)
        ind.settings_requested.connect(lambda: self.open_settings("Local server"))
        ind.copied.connect(lambda text: self._notify(text, 4000))
        self.undo.clicked.connect(self._on_undo)
        self._undo_timer.timeout.connect(self.undo.hide)

    def _notify(self, text: str, ms: int) -> None:
        self.statusBar().showMessage(text, ms)

    # ---- model ------------------------------------------------------------------------------------

    @property
    def facts(self) -> ModelFacts | None:
        return self.loader.facts

    def load_model(self, path: str) -> None:
        """Load a model in the worker; the window stays usable meanwhile."""
        self.loader.load(path)

    def _on_request_measure(self, job: int, request: object) -> None:
        self.worker.latest_measure = job  # read by the worker thread: skip older queued requests
        self.request_measure.emit(job, request)

    @Slot(str)
    def _on_load_started(self, name: str) -> None:
        self.controller.model_ready = False
        self.attach.set_model(None)
        self.status_bar.show_loading(name)

    @Slot(object, object)
    def _on_backend_ready(self, b: BackendInfo, hardware: Hardware) -> None:
        self._backend = b
        if self.hardware is None:
            self.hardware = hardware
        self.status_bar.show_backend(b)
        if self.loader.facts is None and not self.loader.loading:
            self.first_run.welcome(self._hardware())

    @Slot(object)
    def _on_loaded(self, facts: ModelFacts) -> None:
        self.status_bar.show_model(facts)
        self.controller.model_name = facts.name
        self.controller.model_ready = True
        self.controller.set_server_limits(*server_limits(self.worker.engine))
        self.attach.set_model(facts, local=not facts.backend.startswith("remote"))
        self.chat.empty.set_hint(True)
        if facts.path != self.settings.last_model and not facts.backend.startswith("remote"):
            with contextlib.suppress(OSError, ValueError):
                self.apply_settings(self.settings.with_(last_model=facts.path))
        self._notify(f"{facts.name} loaded in {facts.load_seconds:.1f} s.", 5000)

    @Slot(str)
    def _on_load_failed(self, message: str) -> None:
        self.controller.model_ready = False
        self.status_bar.show_no_model()
        self.attach.set_model(None)
        QMessageBox.warning(self, "The model could not be loaded", message)

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a GGUF model", str(Path.home()), "GGUF models (*.gguf)")
        if path:
            self.load_model(path)

    def _hardware(self) -> Hardware:
        if self.hardware is None:
            b = self._backend
            self.hardware = detect(b.name if b else "CPU", bool(b and b.gpu_offload))
        return self.hardware

    # ---- picker, downloads, settings --------------------------------------------------------------

    def open_picker(self) -> None:
        from app.ui.picker.dialog import ModelPicker

        if self.controller.generating:
            self._notify("Stop the answer before changing the model.", 5000)
            return
        self.picker = ModelPicker(self._hardware(), self.downloads, self)
        self.picker.model_chosen.connect(self.load_model)
        self.picker.remote_chosen.connect(self.loader.load_remote)
        self.picker.show()

    def _show_download_summary(self) -> None:
        running = self.downloads.running()
        if not running:
            return
        done = sum(s.done for s in running)
        total = sum(s.total for s in running) or 1
        speed = sum(s.speed_bps for s in running)
        names = ", ".join(s.key for s in running)
        self._notify(f"Downloading {names}: {100 * done / total:.0f}% · {speed / 1e6:.1f} MB/s", 0)

    def _on_download_finished(self, key: str, path: str) -> None:
        self._notify(f"{key} downloaded and verified.", 6000)
        self.first_run.on_finished(key, path)

    def _on_download_failed(self, key: str, message: str) -> None:
        pending = self.first_run.is_pending(key)
        self.first_run.on_failed(key, message)
        if pending or self.picker is None or not self.picker.isVisible():
            QMessageBox.warning(
                self, "Download failed", f"{message}\n\nThe bytes downloaded so far are kept; try again to resume."
            )

    def open_settings(self, tab: str = "") -> None:
        from app.ui.settings.dialog import SettingsDialog

        dlg = SettingsDialog(self.settings, self, tab)
        if not dlg.exec() or dlg.result_settings is None:
            return
        new = dlg.result_settings
        reload_needed = dlg.needs_reload()
        self.apply_settings(new)
        self._apply_server()
        if not reload_needed or self.facts is None:
            return
        answer = QMessageBox.question(
            self, "Reload the model?", "These changes take effect when the model is loaded again. Reload it now?"
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.load_model(self.facts.path)

    def apply_settings(self, new: Settings) -> None:
        save_settings(new)
        self.settings = new
        self.controller.apply_settings(new)
        self.attach.settings = new
        self.loader.settings = new
        if new.models_folder:
            os.environ["HF_HUB_CACHE"] = new.models_folder

    # ---- local API server -------------------------------------------------------------------------

    def _apply_server(self) -> None:
        s = self.settings
        self.local_server.apply(s.server_enabled, s.server_port, load_key())

    @Slot(object)
    def _on_gate_state(self, state: GateState) -> None:
        """An API request loaded another model: the window now uses it too."""
        facts = self.worker.engine.facts
        if self.loader.loading or facts is None or state.running is not None or state.model != facts.path:
            return
        if self.loader.facts is None or self.loader.facts.path != facts.path:
            self.loader.on_loaded(facts)

    # ---- chat status ------------------------------------------------------------------------------

    @Slot(object)
    def _on_stats(self, s: Stats) -> None:
        self.status_bar.show_stats(s, self.facts.n_ctx if self.facts is not None else None)

    @Slot(bool)
    def _on_pane_choice(self, open_: bool) -> None:
        with contextlib.suppress(OSError, ValueError):  # not saved: it still holds for this run
            self.apply_settings(self.settings.with_(thinking_pane_open=open_))

    @Slot(bool)
    def _on_generating(self, busy: bool) -> None:
        self.status_bar.set_generating(busy)
        self.actions_["open_file"].setEnabled(not busy)

    def _refresh_conversations(self) -> None:
        self.sidebar.set_items(self.controller.conversation_items(), self.controller.conversation_id)

    def _on_delete_requested(self, cid: int) -> None:
        if self.controller.generating and cid == self.controller.conversation_id:
            self._notify("Stop the answer before deleting this chat.", 5000)
            return
        self._deleted = self.controller.delete_conversation(cid)
        self._notify(f"Deleted “{self._deleted['title']}”.", UNDO_MS)
        self.undo.show()
        self._undo_timer.start(UNDO_MS)

    def _on_undo(self) -> None:
        if self._deleted is not None:
            self.controller.restore_conversation(self._deleted)
            self._deleted = None
        self.undo.hide()

    # ---- export / import -------------------------------------------------------------------------

    def _export(self, kind: str) -> None:
        cid = self.controller.conversation_id
        if cid is None:
            self._notify("Open a chat to export it.", 4000)
            return
        path = chat_files.export_chat(self, self.store, cid, kind)
        if path:
            self._notify(f"Exported to {path}.", 5000)

    def _import(self) -> None:
        cid = chat_files.import_chat(self, self.store)
        if cid is not None:
            self._refresh_conversations()
            self.controller.open_conversation(cid)

    def bring_forward(self, model: str) -> None:
        """Another start of the app asked for this window (and maybe a model)."""
        self.showNormal()
        self.raise_()
        self.activateWindow()
        if model:
            from app.core.errors import R1DeskError
            from app.core.models.installed import resolve_model

            try:
                self.load_model(str(resolve_model(model)))
            except R1DeskError as e:
                self._notify(str(e), 8000)

    # ---- shutdown ----------------------------------------------------------------------------------

    def closeEvent(self, e: QCloseEvent) -> None:
        self.controller.stop()  # a running answer ends (and is saved) within a token
        self.local_server.stop()  # cancels the API's request; the window's own answer was stopped above
        for key in [s.key for s in self.downloads.running()]:
            self.downloads.cancel(key)  # the bytes so far stay; the next start resumes
        self.worker_thread.quit()
        self.worker_thread.wait(5000)
        QApplication.processEvents()  # deliver the stopped answer's final signal, so it is saved as stopped
        self.worker.close_engines()
        super().closeEvent(e)
