"""The main window: conversations on the left, the chat in the middle, the composer below.

It composes the parts and wires them, all in ``_connect_signals``: the chat controller (the
chat's logic), the model loader and what it shows (``model_status``), the first-run welcome,
downloads and what they say (``download_status``), the connection check, chat deletion with
Undo, chat files, the View menu, the status bar and the local API server (which shares the
worker's engine gate) each do one job. The
generation worker runs on its own QThread; the window talks to it only through queued signals,
except Stop and "Answer now", which set the engine's flags directly (see ``workers/generation.py``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from app.core.chats.store import Store
from app.core.inference.events import BackendInfo, ModelFacts
from app.core.inference.gate import GateState
from app.core.models.hardware import Hardware
from app.core.settings import Settings
from app.ui.chat.attach_controller import AttachController
from app.ui.chat.composer import Composer
from app.ui.chat.controller import ChatController
from app.ui.chat.deletion import ChatDeletion
from app.ui.chat.file_drop import FileDropFilter
from app.ui.chat.sidebar import ConversationList
from app.ui.chat.view import ChatView
from app.ui.project.controller import ProjectController
from app.ui.render.markdown import Theme
from app.ui.style.appearance import ViewMenu, renderers
from app.ui.text.core_text import say
from app.ui.widgets.accessibility import tab_chain
from app.ui.widgets.placement import place
from app.ui.window import chat_files
from app.ui.window import help as help_
from app.ui.window.actions import build_actions
from app.ui.window.commands import WindowCommands
from app.ui.window.download_status import DownloadStatus
from app.ui.window.first_run import FirstRun
from app.ui.window.local_server import LocalServer
from app.ui.window.model_loader import ModelLoader
from app.ui.window.model_status import ModelStatus, server_limits
from app.ui.window.notice_bar import NoticeBar
from app.ui.window.page import ChatPage
from app.ui.window.server_indicator import ServerIndicator
from app.ui.window.status_bar import StatusBar
from app.ui.workers.downloads import DownloadManager
from app.ui.workers.generation import GenerationWorker
from app.ui.workers.online import OnlineCheck

MINIMUM_SIZE = (720, 480)  # everything reflows down to this, at font sizes up to 16 pt
PREFERRED_SIZE = (1180, 780)  # on a screen that has room for it (else what it has)
READ_MS = 6000  # a passing message shown this long is one to read, not a blip ("loaded in 0.4 s")


class MainWindow(WindowCommands, QMainWindow):
    """Attributes:
        hardware: this machine (probed by the worker; tests may set it first).

    Signals:
        request_backend(): to the worker: start the model process.
        request_probe(): to the worker: this machine's free memory now (for the picker).
        request_measure(int job, object MeasureRequest): to the worker: count the next message.
    """

    request_backend = Signal()
    request_probe = Signal()
    request_measure = Signal(int, object)

    def __init__(self, store: Store, settings: Settings, theme: Theme, worker: GenerationWorker | None = None) -> None:
        super().__init__()
        self.setWindowTitle("R1 Desk")
        self.setMinimumSize(*MINIMUM_SIZE)
        place(self, QSize(*PREFERRED_SIZE), settings.window_geometry)
        self.settings = settings
        self.store = store
        self.restart_requested = False  # "Restart now" (a new language): app.run_gui starts the app again
        self.renderer, self.reasoning_renderer = renderers(theme, self.font())
        self.sidebar = ConversationList(self)
        self.notices = NoticeBar(self)
        self.chat = ChatView(self.renderer, self, self.reasoning_renderer)
        self.composer = Composer(self)
        self.setCentralWidget(ChatPage(self.sidebar, self.notices, self.chat, self.composer, self))
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
        self.attach = AttachController(self.composer, self.controller, settings, self._known_hardware, self)
        self.drops = FileDropFilter(self, [self, self.composer.edit.viewport()])
        self.loader = ModelLoader(settings, self)
        self.downloads = DownloadManager(self)
        self.first_run = FirstRun(self.chat.empty, self.downloads, self)
        self.online = OnlineCheck(self)
        self.first_run.online = self.online.online  # known at once when HF_HUB_OFFLINE is set
        self.local_server = LocalServer(
            self.worker.gate, self._load_request, self, draft=lambda: self.settings.speculative
        )
        self.server_indicator = ServerIndicator(self.local_server.model_id, self)
        self.status_bar.add_indicator(self.server_indicator)
        self._backend: BackendInfo | None = None
        self.hardware: Hardware | None = None
        self.picker: Any = None
        self.deletion = ChatDeletion(self.controller, self.undo, self.actions_["undo_delete"], self)
        self.files = chat_files.ChatFiles(self, store, self.controller)
        self.model_status = ModelStatus(
            self.loader, self.status_bar, self.controller, self.chat.empty, self._server_limits, self
        )
        self.download_status = DownloadStatus(
            self.downloads, self.first_run, self.online, self.status_bar, self._picker_shown, self
        )
        self.view = ViewMenu(self.actions_, self._settings, self.apply_settings, self)
        self._connect_signals()
        self.project = ProjectController(self)  # the chat's project folder: its panel, watcher and edits' wiring
        # Tab in reading order: the chat list, the conversation (its turns join the chain as
        # they come, see ChatView), the composer, the status bar.
        sb = self.status_bar
        tab_chain(
            self.sidebar.new,
            self.sidebar.search,
            self.sidebar.list,
            self.chat,
            *self.chat.empty.focus_order(),
            *self.composer.focus_order(),
            sb.model_button,
            self.server_indicator,
            sb.undo,
        )
        self.view.show(settings)
        self.worker_thread.start()
        self.request_backend.emit()
        self.online.check()
        if settings.server_enabled:
            QTimer.singleShot(0, self, self._apply_server)  # after the first paint: it imports the HTTP stack
        # Pygments imports its lexers and builds its style on first use (~50 ms): do that while
        # the user types, not in the middle of the first streamed code block.
        # ziamath likewise (≈0.3 s to import and load its font), on its own thread.
        QTimer.singleShot(300, self, self._warm_renderer)
        QTimer.singleShot(0, self, self.composer.focus_prompt)  # typing right away goes to the prompt
        self._refresh_conversations()
        if store.damage is not None:
            self.notices.show_notice("store", self.notices.damage_note(store.damage))
        if store.recovered:
            self._notify(
                self.tr(
                    "%n answer(s) were interrupted when the app last closed; they are marked.", "", store.recovered
                ),
                8000,
            )

    def _warm_renderer(self) -> None:
        self.renderer.render("```python\nx = 1\n```\n")
        self.renderer.typesetter.warm_up()

    # ---- wiring -----------------------------------------------------------------------------------

    def _connect_signals(self) -> None:
        # Bound methods only: a lambda that holds the window keeps it (and its children) alive
        # until the interpreter exits, when Qt destroys them in the wrong order (issue 17, 13).
        c, w, s, comp, a = self.controller, self.worker, self.sidebar, self.composer, self.actions_
        # window -> worker (queued: the worker lives on its own thread)
        self.request_backend.connect(w.start_backend)
        self.request_probe.connect(w.probe_hardware)
        self.request_measure.connect(w.measure)
        self.loader.request_load.connect(w.load)
        self.loader.request_remote.connect(w.load_remote)
        c.request_generate.connect(w.generate)
        self.attach.request_measure.connect(self._on_request_measure)
        # worker -> window, loader, controller
        w.backend_ready.connect(self._on_backend_ready)
        w.hardware_probed.connect(self._on_hardware)
        w.load_progress.connect(self.status_bar.show_progress)
        w.load_notice.connect(self._on_load_notice)
        w.loaded.connect(self.loader.on_loaded)
        w.load_failed.connect(self.loader.on_failed)
        w.delta.connect(c.on_delta)
        w.tick.connect(self.status_bar.show_tick)
        w.reading.connect(self.status_bar.show_reading)
        w.reading.connect(c.live.on_reading)
        w.tick.connect(c.on_tick)
        w.finished.connect(c.on_finished)
        w.failed.connect(c.on_failed)
        w.measured.connect(self.attach.on_measured)
        w.measure_failed.connect(self.attach.on_measure_failed)
        # model loading
        ms = self.model_status
        self.loader.started.connect(ms.on_started)
        self.loader.loaded.connect(ms.on_loaded)
        self.loader.failed.connect(ms.on_failed)
        ms.local_loaded.connect(self._remember_model)
        self.loader.loaded.connect(self._focus_after_load)
        ms.notice.connect(self._notify)
        self.loader.started.connect(self.attach.on_no_model)
        self.loader.loaded.connect(self.attach.set_model)
        self.loader.failed.connect(self.attach.on_no_model)
        # composer
        comp.send_requested.connect(self.attach.request_send)  # measured against the context first
        comp.stop_requested.connect(c.stop)
        comp.answer_now_requested.connect(c.answer_now)
        comp.cancel_edit_requested.connect(c.cancel_edit)
        kept = (comp.deep_thinking.toggled, comp.preset.currentIndexChanged, comp.budget.valueChanged)
        for changed in (*kept, comp.samples_box.valueChanged):  # kept for new chats and the next start
            changed.connect(self._keep_composer)
        # attachments and the context budget
        self.drops.dropped.connect(self.attach.add_paths)
        self.drops.hovering.connect(self._on_drop_hover)
        self.attach.notice.connect(self._on_notice)
        self.attach.sent.connect(self.status_bar.set_prompt_tokens)
        self.attach.reload_requested.connect(self.loader.load)
        c.editing.connect(self.attach.restore)
        c.insert_code.connect(comp.insert_code)
        c.conversations_changed.connect(self.attach.schedule)
        # sidebar
        s.new_requested.connect(c.new_chat)
        s.selected.connect(c.open_conversation)
        s.selected.connect(self.attach.schedule)
        s.rename_requested.connect(c.rename)
        s.delete_requested.connect(self.deletion.delete)
        s.search_changed.connect(c.set_search)
        # controller -> window
        c.conversations_changed.connect(self._refresh_conversations)
        c.conversation_shown.connect(s.show_current)
        c.conversation_shown.connect(self.status_bar.show_chat)
        c.context_changed.connect(self.status_bar.show_context)
        c.stats_changed.connect(self.status_bar.show_stats)
        c.notice.connect(self._on_notice)
        c.alert.connect(self.notices.show_notice)
        c.generating_changed.connect(self._on_generating)
        c.pane_choice.connect(self._on_pane_choice)
        # first run, downloads, the connection
        self.chat.empty.choose_model.connect(self.open_picker)
        self.chat.empty.open_file.connect(self._choose_file)
        self.chat.empty.download_recommended.connect(self.first_run.download)
        self.first_run.load_requested.connect(self.load_model)
        self.first_run.choose_requested.connect(self.open_picker)
        self.first_run.notice.connect(self._on_notice)
        self.online.changed.connect(self.first_run.set_online)
        self.downloads.finished.connect(self.download_status.on_finished)
        self.downloads.failed.connect(self.download_status.on_failed)
        self.downloads.progress.connect(self.download_status.show_summary)
        self.downloads.changed.connect(self.download_status.show_summary)
        self.download_status.notice.connect(self._notify)
        # menus, shortcuts, status bar
        for name, slot in (
            ("new_chat", c.new_chat),
            ("open_file", self._choose_file),
            ("attach_files", self.attach.choose_files),
            ("attach_folder", self.attach.choose_folder),
            ("export_markdown", self.files.export_markdown),
            ("export_json", self.files.export_json),
            ("import_json", self.files.import_chat),
            ("settings", self.open_settings),
            ("quit", self.close),
            ("copy_answer", c.copy_last_answer),
            ("rename_chat", s.rename_current),
            ("delete_chat", self.deletion.delete_shown),
            ("undo_delete", self.deletion.undo),
            ("find", s.focus_search),
            ("font_larger", self.view.larger),
            ("font_smaller", self.view.smaller),
            ("font_default", self.view.default_size),
            ("choose_model", self.open_picker),
            ("reload_model", self._reload_model),
            ("check_model", self.open_check),
            ("answer_now", c.answer_now),
            ("regenerate", c.regenerate_last),
            ("toggle_thinking", c.toggle_last_thinking),
            ("focus_prompt", comp.focus_prompt),
            ("focus_chat", self.chat.focus_last_turn),
            ("stop", c.escape),
            ("shortcuts", self._show_shortcuts),
            ("open_data", help_.open_data_folder),
            ("about", self._show_about),
            ("send", comp._on_send_clicked),
        ):
            a[name].triggered.connect(slot)
        for action in self.view.choices():
            action.triggered.connect(self.view.choose)
        self.status_bar.model_button.clicked.connect(self.open_picker)
        self.undo.clicked.connect(self.deletion.undo)
        self.deletion.timer.timeout.connect(self.deletion.expire)
        self.deletion.notice.connect(self._notify)
        self.files.notice.connect(self._notify)
        # local API server
        ls, ind = self.local_server, self.server_indicator
        ls.started.connect(self._on_server_started)
        ls.stopped.connect(ind.show_stopped)
        ls.failed.connect(ind.show_failed)
        ls.failed.connect(self._on_load_notice)
        ls.notice.connect(self._on_load_notice)
        ls.state_changed.connect(ind.show_state)
        ls.state_changed.connect(self._on_gate_state)
        ind.settings_requested.connect(self._open_server_settings)
        ind.copied.connect(self._on_notice)

    def _notify(self, text: str, ms: int) -> None:
        self.statusBar().showMessage(text, ms)
        if ms >= READ_MS and not self.status_bar.fits(text):  # cut short there: whole above the chat
            self.notices.show_notice("passing", text, ms)

    def _on_notice(self, text: str) -> None:
        self._notify(text, 6000)

    def _on_load_notice(self, text: str) -> None:
        """A sentence from the core (a fallback to the CPU, a server that failed to start)."""
        self._notify(say(text), 15000)

    def _on_drop_hover(self) -> None:
        self._notify(self.tr("Drop to attach to your message."), 2000)

    def _on_request_measure(self, job: int, request: object) -> None:
        self.worker.latest_measure = job  # read by the worker thread: it skips older queued requests
        self.request_measure.emit(job, request)

    def _known_hardware(self) -> Hardware | None:
        """This machine as the worker probed it (None until then: never probed on the GUI thread)."""
        return self.hardware

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self.composer.refit()  # the prompt may grow to a third of the window

    # ---- model ------------------------------------------------------------------------------------

    @property
    def facts(self) -> ModelFacts | None:
        return self.loader.facts

    def load_model(self, path: str) -> None:
        """Load a model in the worker; the window stays usable meanwhile."""
        self.loader.load(path)

    @Slot(object, object)
    def _on_backend_ready(self, b: BackendInfo, hardware: Hardware) -> None:
        self._backend = b
        if self.hardware is None:
            self.hardware = hardware
        self.status_bar.show_backend(b)
        if self.loader.facts is None and not self.loader.loading:
            self.first_run.welcome(self._hardware(), self.settings.load_config())

    def _server_limits(self) -> tuple[str, str]:
        return server_limits(self.worker.engine)

    @Slot(object)
    def _on_gate_state(self, state: GateState) -> None:
        """The window's answer may wait behind an API request; one that loaded another model
        leaves it loaded for the window too."""
        self.controller.live.set_queued(state.running == "api" and state.window_waiting)
        facts = self.worker.engine.facts
        if self.loader.loading or facts is None or state.running is not None or state.model != facts.path:
            return
        if self.loader.facts is None or self.loader.facts.path != facts.path:
            self.loader.on_loaded(facts)

    # ---- chat status ------------------------------------------------------------------------------

    @Slot(bool)
    def _on_generating(self, busy: bool) -> None:
        self.status_bar.set_generating(busy)
        for name in ("open_file", "choose_model", "reload_model"):
            self.actions_[name].setEnabled(not busy)

    def _refresh_conversations(self) -> None:
        self.sidebar.set_items(self.controller.conversation_items(), self.controller.conversation_id)

    # ---- shutdown ----------------------------------------------------------------------------------

    def closeEvent(self, e: QCloseEvent) -> None:
        session = self.controller.session
        if session.unsaved and not session.save_unsaved():
            answer = QMessageBox.question(
                self,
                self.tr("Answers not saved"),
                self.tr(
                    "%n answer(s) could not be saved because the disk is full. Free some space and they are "
                    "saved by themselves within seconds.\n\nQuit anyway and lose them?",
                    "",
                    len(session.unsaved),
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                e.ignore()
                return
        self._keep_geometry()
        self.controller.stop()  # a running answer ends (and is saved) within a token
        if self.checks is not None:
            self.checks.stop()  # a model check keeps what it finished; the running answer is dropped
        self.local_server.stop()  # cancels the API's request; the window's own answer was stopped above
        self.engine.cancel()  # and a model load stops at its next progress step
        for key in [s.key for s in self.downloads.running()]:
            self.downloads.cancel(key)  # the bytes so far stay; the next start resumes
        self.worker_thread.quit()
        self.worker_thread.wait(5000)
        QApplication.processEvents()  # deliver the stopped answer's final signal, so it is saved as stopped
        self.worker.close_engines()
        super().closeEvent(e)
