"""Screenshots of the local server's settings tab and status-bar indicator, for looking at.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.screenshots.local_server OUT_DIR

Writes, for light and dark: settings-<theme>.png (Settings → Local server), idle-<theme>-<size>.png
(the indicator at 1400×900 and 800×600), busy-<theme>.png (an API request running, the window's
answer queued) and menu-<theme>.png (the indicator's menu).
"""

from __future__ import annotations

import os
import socket
import sys
import tempfile
import threading
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("R1DESK_HOME", tempfile.mkdtemp())

from PySide6.QtWidgets import QApplication

from app.core.chats.store import Store
from app.core.settings import Settings
from app.ui.settings.dialog import SettingsDialog
from app.ui.style import theme
from app.ui.window.main_window import MainWindow
from app.ui.workers.generation import GenerationWorker
from tests.screenshots.chat_window import pump
from tests.support.fake_engine import FakeEngine, script
from tests.support.tiny_model import write_tiny_model


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def shoot(out: Path, dark: bool) -> None:
    app = QApplication.instance() or QApplication([])
    name = "dark" if dark else "light"
    colours = theme.apply(app, name)
    home = Path(tempfile.mkdtemp())
    model = write_tiny_model(home / "DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf")
    engine = FakeEngine(delay=0.03)
    port = free_port()
    settings = Settings(server_enabled=True, server_port=port)
    w = MainWindow(Store(home / "chats.sqlite3"), settings, colours, GenerationWorker(engine))  # type: ignore[arg-type]
    w.resize(1400, 900)
    w.show()
    w.load_model(str(model))
    pump(app, 600)
    dlg = SettingsDialog(w.settings, w, "Local server")
    dlg.server_tab.key.setText("r1d-example-key")
    dlg.show()
    pump(app, 200)
    dlg.grab().save(str(out / f"settings-{name}.png"))
    dlg.close()
    for size in ((1400, 900), (800, 600)):
        w.resize(*size)
        pump(app, 200)
        w.grab().save(str(out / f"idle-{name}-{size[0]}x{size[1]}.png"))
    w.resize(1400, 900)
    from openai import OpenAI

    engine.streams.append(script(reasoning="Thinking about it. " * 30, answer="Done."))
    client = OpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key="none", max_retries=0)
    api = threading.Thread(
        target=lambda: client.chat.completions.create(model="", messages=[{"role": "user", "content": "Hi"}])
    )
    api.start()
    pump(app, 400)
    w.composer.set_text("What does the API do meanwhile?")
    w.composer.send.click()
    pump(app, 600)
    w.grab().save(str(out / f"busy-{name}.png"))
    api.join(30)
    pump(app, 1500)
    menu = w.server_indicator.menu()
    menu.popup(w.server_indicator.mapToGlobal(w.server_indicator.rect().topLeft()))
    pump(app, 200)
    menu.grab().save(str(out / f"menu-{name}.png"))
    menu.close()
    w.close()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    shoot(out, dark=False)
    shoot(out, dark=True)
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
