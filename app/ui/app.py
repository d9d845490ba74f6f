"""Start the window: the QApplication, the theme, the store, then the main window.

Nothing heavy is imported here: llama_cpp lives in the model process and huggingface_hub is
imported only when a download starts, so the window paints quickly.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import __version__
from app.core.chats.store import Store, StoreError
from app.core.config.paths import asset
from app.core.r1.presets import check_user_presets
from app.core.settings import load_settings
from app.ui.render import typeset_worker
from app.ui.single_instance import InstanceServer, hand_over
from app.ui.style import theme
from app.ui.text import i18n
from app.ui.text.core_text import say
from app.ui.text.i18n import translate
from app.ui.window.main_window import MainWindow


def run_gui(model: str | None = None, argv: list[str] | None = None, ctrl_c_seen: list[int] | None = None) -> int:
    t0 = time.perf_counter()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName("R1 Desk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("R1Desk")
    app.setDesktopFileName("r1desk")
    ctrl_c = _CtrlC(app, bool(ctrl_c_seen))
    if ctrl_c.pending:
        return 130
    if hand_over(model):
        print("R1 Desk is already running: it was brought to the front.", file=sys.stderr)
        return 0
    instance = InstanceServer(app)
    app.setWindowIcon(QIcon(str(asset("icons", "r1desk.svg"))))
    settings, note = load_settings()
    i18n.install(app, settings.language)  # before any widget: widgets are built in one language
    presets_note = check_user_presets()
    if settings.models_folder:
        os.environ["HF_HUB_CACHE"] = settings.models_folder
    colours = theme.apply(app, theme.resolve(settings.theme), settings.font_size)
    try:
        store = Store(Path(settings.chats_database) if settings.chats_database else None)
    except StoreError as e:
        QMessageBox.critical(None, translate("Start", "R1 Desk cannot open its chats"), say(str(e)))
        return 1
    window = MainWindow(store, settings, colours)
    instance.activated.connect(window.bring_forward)
    if ctrl_c.window_ready(window):
        return 130
    window.show()
    _smoke_test_hooks(window, t0)
    if note:
        window.notices.show_notice("settings", say(note))
    if presets_note:
        window.notices.show_notice("presets", say(presets_note))
    if model is None and settings.last_model and Path(settings.last_model).is_file():
        model = settings.last_model  # pick up where the user left off, offline too
    if model:
        from app.core.errors import R1DeskError
        from app.core.models.installed import resolve_model

        try:
            window.load_model(str(resolve_model(model)))
        except R1DeskError as e:
            QMessageBox.warning(window, translate("Start", "The model could not be loaded"), say(str(e)))
    code = int(app.exec())
    instance.server.close()  # a new start from now on opens its own window, whatever is left here
    # Formulas still being typeset are dropped and their helper process killed: a hostile one
    # kept the process alive after the window had gone (issue 29).
    typeset_worker.shutdown()
    # The window and everything in it go now, on this thread, while the application still
    # exists; left to the interpreter's exit, Qt objects were destroyed after the application
    # and in no particular order (issue 17: a crash at exit).
    restart = window.restart_requested
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if restart:
        _start_again(instance)
    return code


def _start_again(instance: InstanceServer) -> None:
    """Start a new R1 Desk ("Restart now" after a language change), once this one stopped
    listening: the new one would otherwise hand over to this one and quit."""
    from PySide6.QtCore import QProcess

    instance.server.close()
    args = [] if getattr(sys, "frozen", False) else ["-m", "app"]
    QProcess.startDetached(sys.executable, args)


class _CtrlC:
    """Ctrl+C in the terminal closes the window as its close button does (a running answer is
    saved as stopped, the model process ends), at any moment of the start-up too.

    Qt's event loop runs in C++, where Python's own SIGINT handling cannot interrupt it; a handler
    plus a timer that lets the interpreter run every 200 ms does.
    """

    def __init__(self, app: QApplication, seen: bool = False) -> None:
        self.window: QWidget | None = None
        self.pending = seen
        self._timer = QTimer(app)
        self._timer.timeout.connect(lambda: None)
        self._timer.start(200)
        signal.signal(signal.SIGINT, self._on_signal)

    def _on_signal(self, *_: object) -> None:
        # The handler runs between any two lines of Python on the GUI thread, a paint event's
        # included: close from the event loop, never from here.
        if self.window is not None:
            QTimer.singleShot(0, self.window.close)
        else:
            self.pending = True

    def window_ready(self, window: QWidget) -> bool:
        """True when Ctrl+C came while the window was being built: it is closed again."""
        self.window = window
        if self.pending:
            window.close()
        return self.pending


def _smoke_test_hooks(window: MainWindow, t0: float) -> None:
    """``R1DESK_EXIT_AFTER_MS``: report the first paint on stderr, then the notices the window
    showed, then close (smoke tests, start-up timing, the fault suite)."""
    delay = os.environ.get("R1DESK_EXIT_AFTER_MS")
    if not delay:
        return

    def shown() -> None:
        print(f"window shown after {time.perf_counter() - t0:.3f} s", file=sys.stderr, flush=True)

    def leave() -> None:
        for line in window.notices.text().split("\n\n"):
            if line:
                print(f"notice: {line}", file=sys.stderr, flush=True)
        window.close()

    QTimer.singleShot(0, shown)
    QTimer.singleShot(int(delay), leave)
