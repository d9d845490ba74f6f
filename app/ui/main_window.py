"""The main window: conversations on the left, the chat in the middle, the composer below.

All signal wiring lives in ``_connect_signals``. The generation worker runs on its own QThread;
the window talks to it only through queued signals, except Stop and "Answer now", which set the
engine's flags directly (see ``workers/generation.py``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThread, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.gguf_info import GGUFInfo
from app.core.hardware import Hardware
from app.core.markdown_render import MarkdownRenderer, Theme
from app.core.protocol import BackendInfo, ModelFacts, Stats
from app.core.settings import Settings, save_settings
from app.core.store import Store, StoreError
from app.ui.chat_controller import ChatController
from app.ui.chat_view import ChatView
from app.ui.composer import Composer
from app.ui.sidebar import ConversationList
from app.ui.workers.downloads import DownloadManager
from app.ui.workers.generation import GenerationWorker

UNDO_MS = 10_000


class MainWindow(QMainWindow):
    """Signals:
        request_load(str, dict): to the worker: a model path and load parameters.
    """

    request_load = Signal(str, dict)
    request_backend = Signal()

    def __init__(self, store: Store, settings: Settings, theme: Theme, worker: GenerationWorker | None = None) -> None:
        super().__init__()
        self.setWindowTitle("R1 Desk")
        self.resize(1180, 780)
        self.settings = settings
        self.store = store
        self.renderer = MarkdownRenderer(theme)
        self.sidebar = ConversationList(self)
        self.chat = ChatView(self.renderer, self)
        self.composer = Composer(self)
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
        self.setCentralWidget(split)

        self.model_label = QPushButton("No model", self)
        self.model_label.setFlat(True)
        self.model_label.setAccessibleName("Model: click to load another")
        self.backend_label = QLabel("", self)
        self.speed_label = QLabel("", self)
        self.context_label = QLabel("", self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(160)
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.undo = QPushButton("Undo", self)
        self.undo.hide()
        sb = self.statusBar()
        sb.addWidget(self.model_label)
        sb.addWidget(self.progress)
        sb.addWidget(self.backend_label)
        sb.addPermanentWidget(self.undo)
        sb.addPermanentWidget(self.speed_label)
        sb.addPermanentWidget(self.context_label)

        self.worker = worker or GenerationWorker()
        self.engine = self.worker.engine  # closed here on exit, after the worker is gone
        self.thread = QThread(self)
        self.thread.setObjectName("generation")
        self.worker.moveToThread(self.thread)
        self.controller = ChatController(store, self.chat, self.composer, settings, self.worker.stop, self.worker.answer_now)
        self.facts: ModelFacts | None = None
        self._backend: BackendInfo | None = None
        self.hardware: Hardware | None = None
        self.downloads = DownloadManager(self)
        self._pending_load_key: str | None = None  # "Download and start": load when it lands
        self._last_load: tuple[str, dict[str, Any]] | None = None
        self.picker: Any = None
        self._deleted: dict[str, Any] | None = None
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._build_menus()
        self._connect_signals()
        self.thread.start()
        self.request_backend.emit()
        # Pygments imports its lexers and builds its style on first use (~50 ms): do that while
        # the user types, not in the middle of the first streamed code block.
        QTimer.singleShot(300, lambda: self.renderer.render("```python\nx = 1\n```\n$x$"))
        self._refresh_conversations()
        if store.recovered:
            self.statusBar().showMessage(f"{store.recovered} answer(s) were interrupted when the app last closed; they are marked.", 8000)

    # ---- wiring -----------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        m = self.menuBar().addMenu("&File")
        self.act_choose = QAction("&Choose model…", self, shortcut=QKeySequence("Ctrl+M"))
        self.act_load = QAction("&Open GGUF file…", self, shortcut=QKeySequence("Ctrl+O"))
        self.act_settings = QAction("&Settings…", self, shortcut=QKeySequence("Ctrl+,"))
        self.act_new = QAction("&New chat", self, shortcut=QKeySequence("Ctrl+N"))
        self.act_export_md = QAction("Export chat as &Markdown…", self)
        self.act_export_json = QAction("Export chat as &JSON…", self)
        self.act_import_json = QAction("&Import chat…", self)
        self.act_quit = QAction("&Quit", self, shortcut=QKeySequence("Ctrl+Q"))
        for a in (self.act_choose, self.act_load, self.act_new, None, self.act_export_md, self.act_export_json,
                  self.act_import_json, None, self.act_settings, None, self.act_quit):
            m.addSeparator() if a is None else m.addAction(a)
        self.shortcut_find = QShortcut(QKeySequence("Ctrl+F"), self)
        self.shortcut_stop = QShortcut(QKeySequence("Esc"), self)
        self.shortcut_send = QShortcut(QKeySequence("Ctrl+Return"), self)

    def _connect_signals(self) -> None:
        c, w, s, comp = self.controller, self.worker, self.sidebar, self.composer
        # window -> worker (queued: the worker lives on its own thread)
        self.request_backend.connect(w.start_backend)
        self.request_load.connect(w.load)
        c.request_generate.connect(w.generate)
        # worker -> window / controller
        w.backend_ready.connect(self._on_backend_ready)
        w.load_progress.connect(self._on_load_progress)
        w.loaded.connect(self._on_loaded)
        w.load_failed.connect(self._on_load_failed)
        w.delta.connect(c.on_delta)
        w.tick.connect(self._on_tick)
        w.finished.connect(c.on_finished)
        w.failed.connect(c.on_failed)
        # composer
        comp.send_requested.connect(c.send)
        comp.stop_requested.connect(c.stop)
        comp.answer_now_requested.connect(c.answer_now)
        # sidebar
        s.new_requested.connect(c.new_chat)
        s.selected.connect(c.open_conversation)
        s.rename_requested.connect(c.rename)
        s.delete_requested.connect(self._on_delete_requested)
        s.search_changed.connect(c.set_search)
        # controller -> window
        c.conversations_changed.connect(self._refresh_conversations)
        c.stats_changed.connect(self._on_stats)
        c.notice.connect(lambda text: self.statusBar().showMessage(text, 6000))
        c.generating_changed.connect(self._on_generating)
        # menus, shortcuts, status bar
        self.act_load.triggered.connect(self._choose_file)
        self.act_choose.triggered.connect(self.open_picker)
        self.act_settings.triggered.connect(self.open_settings)
        self.model_label.clicked.connect(self.open_picker)
        self.chat.empty.choose_model.connect(self.open_picker)
        self.chat.empty.open_file.connect(self._choose_file)
        self.chat.empty.download_recommended.connect(self._download_recommended)
        self.downloads.finished.connect(self._on_download_finished)
        self.downloads.failed.connect(self._on_download_failed)
        self.downloads.progress.connect(lambda *_: self._show_download_summary())
        self.act_new.triggered.connect(c.new_chat)
        self.act_export_md.triggered.connect(lambda: self._export("md"))
        self.act_export_json.triggered.connect(lambda: self._export("json"))
        self.act_import_json.triggered.connect(self._import)
        self.act_quit.triggered.connect(self.close)
        self.shortcut_find.activated.connect(lambda: (s.search.setFocus(), s.search.selectAll()))
        self.shortcut_stop.activated.connect(c.stop)
        self.shortcut_send.activated.connect(comp._on_send_clicked)
        self.undo.clicked.connect(self._on_undo)
        self._undo_timer.timeout.connect(self.undo.hide)

    # ---- model ------------------------------------------------------------------------------------

    def load_model(self, path: str) -> None:
        """Load a model in the worker; the window stays usable meanwhile."""
        from app.core.errors import R1DeskError
        from app.core.gguf_info import read_gguf

        try:
            info = read_gguf(path)
        except R1DeskError as e:
            self._on_load_failed(str(e))
            return
        s = self.settings
        n_ctx = min(s.context_length, info.context_length or s.context_length)
        params = {"n_ctx": n_ctx, "n_threads": s.threads, "flash_attn": s.flash_attn, "kv_cache_type": s.kv_cache_type}
        if s.gpu_layers is not None:
            params["n_gpu_layers"] = s.gpu_layers
        elif self._backend is not None and self._backend.gpu_offload:
            params["n_gpu_layers"] = -1
        self._last_load = (str(path), params)
        self.controller.model_ready = False
        self.model_label.setText(f"Loading {Path(path).name}…")
        self.progress.setValue(0)
        self.progress.show()
        self.request_load.emit(str(path), params)

    @Slot(object)
    def _on_backend_ready(self, b: BackendInfo) -> None:
        self._backend = b
        self.backend_label.setText(f"  {b.name}  ")
        self.backend_label.setToolTip(b.system_info)
        if self._last_load is None:
            self._first_run()

    @Slot(float)
    def _on_load_progress(self, f: float) -> None:
        self.progress.setValue(int(f * 100))

    @Slot(object, object)
    def _on_loaded(self, facts: ModelFacts, info: GGUFInfo) -> None:
        self.facts = facts
        self.progress.hide()
        name = info.name if info else Path(facts.path).stem
        quant = info.quantization if info else ""
        self.model_label.setText(f"{name} · {quant}" if quant else name)
        self.model_label.setToolTip(facts.path)
        self.controller.model_name = name
        self.controller.model_ready = True
        self.chat.empty.set_hint(True)
        if str(Path(facts.path)) != self.settings.last_model:
            try:
                self.apply_settings(self.settings.with_(last_model=str(Path(facts.path))))
            except (OSError, ValueError):
                pass
        gpu = f"{facts.backend}" + (" (GPU offload)" if facts.gpu_offload else "")
        self.backend_label.setText(f"  {gpu}  ")
        self.context_label.setText(f"context 0 / {facts.n_ctx:,}")
        self.statusBar().showMessage(f"{name} loaded in {facts.load_seconds:.1f} s.", 5000)

    @Slot(str)
    def _on_load_failed(self, message: str) -> None:
        self.progress.hide()
        self.controller.model_ready = False
        self.model_label.setText("No model")
        last = self._last_load
        if last is not None and last[1].get("n_gpu_layers", 0) != 0:
            # The GPU could not take it (memory, driver): run on the CPU and say why.
            path, params = last
            self._last_load = None
            self.statusBar().showMessage(f"Could not load on the GPU ({message}); loading on the CPU instead.", 15000)
            self.model_label.setText(f"Loading {Path(path).name} on the CPU…")
            self.progress.show()
            self.request_load.emit(path, {**params, "n_gpu_layers": 0})
            return
        QMessageBox.warning(self, "The model could not be loaded", message)

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a GGUF model", str(Path.home()), "GGUF models (*.gguf)")
        if path:
            self.load_model(path)

    # ---- picker, downloads, first run, settings ---------------------------------------------------

    def _hardware(self) -> Hardware:
        if self.hardware is None:
            from app.core.hardware import detect

            b = self._backend
            self.hardware = detect(b.name if b else "CPU", bool(b and b.gpu_offload))
        return self.hardware

    def open_picker(self) -> None:
        from app.ui.model_picker import ModelPicker

        if self.controller.generating:
            self.statusBar().showMessage("Stop the answer before changing the model.", 5000)
            return
        self.picker = ModelPicker(self._hardware(), self.downloads, self)
        self.picker.model_chosen.connect(self.load_model)
        self.picker.show()

    def _first_run(self) -> None:
        """No model loaded and none on disk: welcome the user with this machine's pick."""
        from app.core import downloads
        from app.core.catalog import load_catalog
        from app.core.fit import recommend
        from app.core.library import imported_models

        if self.facts is not None or downloads.installed_files() or imported_models():
            return
        rec = recommend(load_catalog(), self._hardware())
        self._recommended = rec
        offline = downloads.is_offline()
        label = f"{rec.variant.model.name} {rec.variant.quant} ({rec.variant.size / 1e9:.1f} GB)" if rec else None
        self.chat.empty.show_welcome(label, offline=offline)

    def _download_recommended(self) -> None:
        rec = getattr(self, "_recommended", None)
        if rec is None:
            self.open_picker()
            return
        v = rec.variant
        repo = v.model.repos[0]
        self._pending_load_key = v.key
        self.downloads.start(v.key, repo.id, v.files(repo))
        self.chat.empty.download.setEnabled(False)
        self.statusBar().showMessage(f"Downloading {v.model.name} {v.quant}…")

    def _show_download_summary(self) -> None:
        running = self.downloads.running()
        if not running:
            return
        done = sum(s.done for s in running)
        total = sum(s.total for s in running) or 1
        speed = sum(s.speed_bps for s in running)
        names = ", ".join(s.key for s in running)
        self.statusBar().showMessage(f"Downloading {names}: {100 * done / total:.0f}% · {speed / 1e6:.1f} MB/s")

    def _on_download_finished(self, key: str, path: str) -> None:
        self.statusBar().showMessage(f"{key} downloaded and verified.", 6000)
        if key == self._pending_load_key:
            self._pending_load_key = None
            self.load_model(path)

    def _on_download_failed(self, key: str, message: str) -> None:
        self.chat.empty.download.setEnabled(True)
        if key == self._pending_load_key or self.picker is None or not self.picker.isVisible():
            QMessageBox.warning(self, "Download failed", f"{message}\n\nThe bytes downloaded so far are kept; "
                                "try again to resume.")

    def open_settings(self) -> None:
        from app.ui.settings_dialog import SettingsDialog

        dlg = SettingsDialog(self.settings, self)
        if not dlg.exec() or dlg.result_settings is None:
            return
        new = dlg.result_settings
        reload_needed = dlg.needs_reload()
        self.apply_settings(new)
        if reload_needed and self.facts is not None:
            if QMessageBox.question(self, "Reload the model?", "These changes take effect when the model is "
                                    "loaded again. Reload it now?") == QMessageBox.StandardButton.Yes:
                self.load_model(self.facts.path)

    def apply_settings(self, new: Settings) -> None:
        import os

        save_settings(new)
        self.settings = new
        self.controller.settings = new
        if new.models_folder:
            os.environ["HF_HUB_CACHE"] = new.models_folder

    # ---- chat status ------------------------------------------------------------------------------

    @Slot(object)
    def _on_stats(self, s: Stats) -> None:
        self.speed_label.setText(f"{s.tokens_per_s:.1f} tok/s · first token {s.ttft_s:.2f} s  ")
        if self.facts is not None:
            self.context_label.setText(f"context {s.prompt_tokens + s.generated_tokens:,} / {self.facts.n_ctx:,}")

    @Slot(int, float)
    def _on_tick(self, generated: int, tokens_per_s: float) -> None:
        self.speed_label.setText(f"{tokens_per_s:.1f} tok/s · {generated:,} tokens  ")

    @Slot(bool)
    def _on_generating(self, busy: bool) -> None:
        self.model_label.setEnabled(not busy)
        self.act_load.setEnabled(not busy)
        if busy:
            self.speed_label.setText("generating…  ")

    def _refresh_conversations(self) -> None:
        self.sidebar.set_items(self.controller.conversation_items(), self.controller.conversation_id)

    def _on_delete_requested(self, cid: int) -> None:
        if self.controller.generating and cid == self.controller.conversation_id:
            self.statusBar().showMessage("Stop the answer before deleting this chat.", 5000)
            return
        self._deleted = self.controller.delete_conversation(cid)
        self.statusBar().showMessage(f"Deleted “{self._deleted['title']}”.", UNDO_MS)
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
            self.statusBar().showMessage("Open a chat to export it.", 4000)
            return
        conv = self.store.conversation(cid)
        title = (conv.title if conv else "chat").replace("/", "-")
        ext = "md" if kind == "md" else "json"
        path, _ = QFileDialog.getSaveFileName(self, "Export chat", str(Path.home() / f"{title}.{ext}"))
        if not path:
            return
        text = self.store.export_markdown(cid) if kind == "md" else json.dumps(self.store.export_json(cid), indent=2, ensure_ascii=False)
        Path(path).write_text(text, encoding="utf-8")
        self.statusBar().showMessage(f"Exported to {path}.", 5000)

    def _import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import chat", str(Path.home()), "R1 Desk chats (*.json)")
        if not path:
            return
        try:
            cid = self.store.import_json(json.loads(Path(path).read_text(encoding="utf-8")))
        except (OSError, ValueError, StoreError) as e:
            QMessageBox.warning(self, "Import failed", str(e))
            return
        self._refresh_conversations()
        self.controller.open_conversation(cid)

    def bring_forward(self, model: str) -> None:
        """Another start of the app asked for this window (and maybe a model)."""
        self.showNormal()
        self.raise_()
        self.activateWindow()
        if model:
            from app.core.errors import R1DeskError
            from app.core.library import resolve_model

            try:
                self.load_model(str(resolve_model(model)))
            except R1DeskError as e:
                self.statusBar().showMessage(str(e), 8000)

    # ---- shutdown ----------------------------------------------------------------------------------

    def closeEvent(self, e: QCloseEvent) -> None:  # noqa: N802
        self.controller.stop()  # a running answer ends (and is saved) within a token
        for key in [s.key for s in self.downloads.running()]:
            self.downloads.cancel(key)  # the bytes so far stay; the next start resumes
        self.thread.quit()
        self.thread.wait(5000)
        QApplication.processEvents()  # deliver the stopped answer's final signal, so it is saved as stopped
        self.engine.close()
        super().closeEvent(e)
