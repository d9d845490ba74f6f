"""Start the window: the QApplication, the theme, the store, then the main window.

Nothing heavy is imported here: llama_cpp lives in the model process and huggingface_hub is
imported only when a download starts, so the window paints quickly.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import __version__
from app.core.chats.store import Store, StoreError
from app.core.config.paths import asset
from app.core.config.settings import load_settings
from app.ui import i18n, theme
from app.ui.core_text import say
from app.ui.i18n import translate
from app.ui.main_window import MainWindow
from app.ui.single_instance import InstanceServer, hand_over


def run_gui(model: str | None = None, argv: list[str] | None = None) -> int:
    t0 = time.perf_counter()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName("R1 Desk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("R1Desk")
    app.setDesktopFileName("r1desk")
    if hand_over(model):
        print("R1 Desk is already running: it was brought to the front.", file=sys.stderr)
        return 0
    instance = InstanceServer(app)
    app.setWindowIcon(QIcon(str(asset("icons", "r1desk.svg"))))
    settings, note = load_settings()
    i18n.install(app, settings.language)  # before any widget: widgets are built in one language
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
    window.show()
    _smoke_test_hooks(window, t0)
    if note:
        window.statusBar().showMessage(say(note), 10_000)
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
    # The window and everything in it go now, on this thread, while the application still
    # exists; left to the interpreter's exit, Qt objects were destroyed after the application
    # and in no particular order (issue 17: a crash at exit).
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return code


def _smoke_test_hooks(window: QWidget, t0: float) -> None:
    """``R1DESK_EXIT_AFTER_MS``: report the first paint on stderr, then close (smoke tests,
    start-up timing)."""
    delay = os.environ.get("R1DESK_EXIT_AFTER_MS")
    if not delay:
        return

    def shown() -> None:
        print(f"window shown after {time.perf_counter() - t0:.3f} s", file=sys.stderr, flush=True)

    QTimer.singleShot(0, shown)
    QTimer.singleShot(int(delay), window.close)
