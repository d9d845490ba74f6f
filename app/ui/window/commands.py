"""The window's commands that open a dialog or change what runs: open or reload a model file,
the model picker, settings (applied live where they can be), the local server, and a second
start of the app bringing the window forward.

A part of :class:`~app.ui.window.main_window.MainWindow` (a mixin; the window wires these in its
``_connect_signals``); its sentences keep the window's translation context.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from app.core.config.server_key import load_key
from app.core.inference.events import BackendInfo, ModelFacts
from app.core.inference.load_policy import LoadRequest
from app.core.models.hardware import Hardware, detect
from app.core.models.installed import remember_opened
from app.core.settings import Settings, save_settings
from app.ui.chat import composer_state
from app.ui.chat.attach_controller import AttachController
from app.ui.chat.composer import Composer
from app.ui.chat.controller import ChatController
from app.ui.chat.sidebar import ConversationList
from app.ui.chat.view import ChatView
from app.ui.render.markdown import MarkdownRenderer
from app.ui.style.appearance import ViewMenu, renderers, restyle
from app.ui.text.core_text import say
from app.ui.text.i18n import restart_note, translate
from app.ui.widgets.placement import geometry_text
from app.ui.window import help as help_
from app.ui.window.local_server import LocalServer
from app.ui.window.model_loader import ModelLoader, load_request
from app.ui.window.notice_bar import NoticeBar
from app.ui.window.server_indicator import ServerIndicator
from app.ui.workers.downloads import DownloadManager
from app.ui.workers.online import OnlineCheck


class WindowCommands:
    """Commands of the main window that open dialogs or load and apply things."""

    checks: Any = None  # the CheckWorker, made on first use
    check_dialog: Any = None
    _check_after_load = ""  # a file the picker asked to check, once it has loaded
    _check_hooked = False

    if TYPE_CHECKING:
        settings: Settings
        picker: Any
        hardware: Hardware | None
        _backend: BackendInfo | None
        controller: ChatController
        loader: ModelLoader
        downloads: DownloadManager
        online: OnlineCheck
        attach: AttachController
        view: ViewMenu
        chat: ChatView
        composer: Composer
        renderer: MarkdownRenderer
        reasoning_renderer: MarkdownRenderer
        local_server: LocalServer
        server_indicator: ServerIndicator
        sidebar: ConversationList
        notices: NoticeBar
        restart_requested: bool
        request_probe: Any
        worker: Any

        @property
        def facts(self) -> ModelFacts | None: ...

        def window(self) -> QWidget: ...
        def showNormal(self) -> None: ...
        def raise_(self) -> None: ...
        def activateWindow(self) -> None: ...
        def load_model(self, path: str) -> None: ...
        def _notify(self, text: str, ms: int) -> None: ...

    def _remember_model(self, path: str) -> None:
        """A model file loaded: the next start opens it, and the picker lists it."""
        with contextlib.suppress(OSError, ValueError):
            if path != self.settings.last_model:
                self.apply_settings(self.settings.with_(last_model=path))
            remember_opened(path)

    def _keep_geometry(self) -> None:
        """Where the window was left: the next start opens it there when a screen still fits it."""
        place = geometry_text(self.window())
        if place != self.settings.window_geometry:
            with contextlib.suppress(OSError, ValueError):  # not kept: the next start centres it
                self.apply_settings(self.settings.with_(window_geometry=place))

    def _focus_after_load(self, _facts: ModelFacts) -> None:
        """A model is ready: typing goes to the prompt, not to the button that opened the file
        (hidden now: Space would open the file dialog again). A search being typed keeps it."""
        if not self.sidebar.search.hasFocus():
            self.composer.focus_prompt()

    def _on_pane_choice(self, open_: bool) -> None:
        with contextlib.suppress(OSError, ValueError):  # not saved: it still holds for this run
            self.apply_settings(self.settings.with_(thinking_pane_open=open_))

    def _keep_composer(self, *_: object) -> None:
        """A composer control changed: it stays so for new chats and the next start."""
        new = composer_state.read(self.composer, self.settings)
        if new != self.settings:
            with contextlib.suppress(OSError, ValueError):  # not saved: it still holds for this run
                self.apply_settings(new)

    def _restart(self) -> None:
        """Close (as the close button does: a running answer is saved) and start again: the new
        language applies to every window (``app.run_gui`` starts the new process)."""
        self.restart_requested = True
        if not self.window().close():
            self.restart_requested = False  # the user kept the window (answers not saved yet)

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window(),
            translate("MainWindow", "Open a GGUF model"),
            str(Path.home()),
            translate("MainWindow", "GGUF models (*.gguf)"),
        )
        if path:
            self.load_model(path)

    def _reload_model(self) -> None:
        if self.facts is None:
            self._notify(translate("MainWindow", "No model is loaded."), 4000)
        elif self.controller.generating:
            self._notify(translate("MainWindow", "Stop the answer before reloading the model."), 5000)
        else:
            self.load_model(self.facts.path)

    def _hardware(self) -> Hardware:
        if self.hardware is None:
            b = self._backend
            self.hardware = detect(b.name if b else "CPU", bool(b and b.gpu_offload), b.devices if b else None)
        return self.hardware

    def open_picker(self) -> None:
        from app.ui.picker.dialog import ModelPicker

        if self.controller.generating:
            self._notify(translate("MainWindow", "Stop the answer before changing the model."), 5000)
            return
        if self.picker is not None:
            self.picker.deleteLater()  # one picker at a time, not one more per opening
        self.picker = ModelPicker(
            self._hardware(), self.downloads, self.window(), online=self.online, config=self.settings.load_config()
        )
        self.picker.show_loaded(self.facts.path if self.facts is not None else "")
        self.picker.model_chosen.connect(self.load_model)
        self.picker.check_chosen.connect(self.check_file)
        self.picker.remote_chosen.connect(self.loader.load_remote)
        self.picker.show()
        self.request_probe.emit()  # the free memory now: the verdicts follow when it comes

    def _on_hardware(self, hardware: Hardware) -> None:
        """A fresh probe of this machine (its free memory now)."""
        self.hardware = hardware
        if self.picker is not None:
            self.picker.set_hardware(hardware)

    def open_check(self) -> None:
        """Check this model…: the loaded model's MATH-500 check (``ui/check/dialog.py``)."""
        from app.ui.check.dialog import CheckDialog
        from app.ui.workers.checks import CheckWorker

        facts = self.loader.facts
        if facts is None or self.loader.loading:
            self._notify(translate("MainWindow", "Load a model first, then check it."), 5000)
            return
        if self.checks is None:
            self.checks = CheckWorker(self.worker.gate, self.window())
        if self.check_dialog is not None:
            if self.check_dialog.facts.path == facts.path and self.check_dialog.isVisible():
                self.check_dialog.raise_()
                return
            self.check_dialog.deleteLater()
        self.check_dialog = CheckDialog(self.checks, facts, self.window())
        if self.picker is not None:
            self.check_dialog.checked.connect(self.picker.refresh)
        self.check_dialog.show()

    def check_file(self, path: str) -> None:
        """Check a model file from the picker's card: loaded first when it is not the one in use."""
        facts = self.loader.facts
        if facts is not None and facts.path == path and not self.loader.loading:
            self.open_check()
            return
        self._check_after_load = path
        if not self._check_hooked:
            self._check_hooked = True
            self.loader.loaded.connect(self._check_loaded)
        self.load_model(path)

    def _check_loaded(self, facts: ModelFacts) -> None:
        if self._check_after_load and facts.path == self._check_after_load:
            self._check_after_load = ""
            self.open_check()

    def _picker_shown(self) -> bool:
        return self.picker is not None and self.picker.isVisible()

    def open_settings(self, tab: str = "") -> None:
        from app.ui.settings.dialog import SettingsDialog

        dlg = SettingsDialog(self.settings, self.window(), tab, facts=self.facts)
        accepted = dlg.exec()
        new, reload_needed = dlg.result_settings, dlg.needs_reload()
        dlg.deleteLater()
        if not accepted or new is None:
            return
        self.apply_settings(new)
        self._apply_server()
        if not reload_needed or self.facts is None:
            return
        answer = QMessageBox.question(
            self.window(),
            translate("MainWindow", "Reload the model?"),
            translate("MainWindow", "These changes take effect when the model is loaded again. Reload it now?"),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.load_model(self.facts.path)

    def _settings(self) -> Settings:
        return self.settings

    def apply_settings(self, new: Settings) -> None:
        old = self.settings
        save_settings(new)
        self.settings = new
        self.controller.apply_settings(new)
        self.attach.settings = new
        self.loader.settings = new
        if self.picker is not None:
            self.picker.set_config(new.load_config())  # the badges follow the KV cache, flash attention
        if new.models_folder:
            os.environ["HF_HUB_CACHE"] = new.models_folder
        if (new.theme, new.font_size) != (old.theme, old.font_size):
            self._restyle()
        if new.language != old.language:
            note = restart_note(new.language)
            self._notify(note, 15000)
            self.notices.offer("language", note, translate("MainWindow", "Restart now"), self._restart)
        self.view.show(new)

    def _restyle(self) -> None:
        """New colours or font size, live; the answers on screen are rendered again."""
        self.renderer, self.reasoning_renderer = renderers(restyle(self.settings), QApplication.font())
        self.chat.renderer, self.chat.reasoning_renderer = self.renderer, self.reasoning_renderer
        self.controller.rerender()
        self.composer.refit()

    def _show_shortcuts(self) -> None:
        help_.ShortcutsDialog(self.window()).open()

    def _show_about(self) -> None:
        help_.AboutDialog(self._backend, self.window()).open()

    def _apply_server(self) -> None:
        s = self.settings
        self.local_server.apply(s.server_enabled, s.server_port, load_key())

    def _load_request(self) -> LoadRequest:
        return load_request(self.settings)

    def _on_server_started(self, url: str) -> None:
        self.server_indicator.show_running(url, self.local_server.key)

    def _open_server_settings(self) -> None:
        self.open_settings("Local server")

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
                self._notify(say(str(e)), 8000)
