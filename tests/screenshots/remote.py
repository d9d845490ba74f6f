"""Screenshots of a remote model, for looking at (not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.screenshots.remote OUT_DIR

A scripted DeepSeek-shaped server on 127.0.0.1 stands in for the remote machine. Writes, in the
light and the dark theme: endpoints-{theme}.png (the Endpoints tab after Test connection),
models-{theme}.png (the model list with the remote group and its badge), chat-{theme}.png (an
answer from the remote model, reasoning pane collapsed) and streaming-{theme}.png (mid-reasoning),
at 1400×900; and chat-small-light.png at 800×600. No key is visible in any of them.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["R1DESK_HOME"] = tempfile.mkdtemp()

import keyring
from PySide6.QtWidgets import QApplication

from app.core.chats.store import Store
from app.core.settings import Settings
from app.ui.style import theme
from app.ui.window.main_window import MainWindow
from app.ui.workers.generation import GenerationWorker
from tests.screenshots.chat_window import pump
from tests.support.fake_engine import FakeEngine
from tests.support.memory_keyring import MemoryKeyring
from tests.support.scripted_server import Script, ScriptedServer

KEY = "sk-screenshot-secret"
REASONING = [
    "The user asks whether 1001 is prime. ",
    "Let me try small divisors. 1001 / 7 = 143, ",
    "and 143 = 11 × 13. ",
    "So 1001 = 7 × 11 × 13: not prime. ",
]
ANSWER = ["**No.** 1001 is not prime:\n\n", "$$1001 = 7 \\times 11 \\times 13$$\n\n", "so its smallest factor is 7."]


def shoot(
    srv: ScriptedServer, out: Path, dark: bool, size: tuple[int, int] = (1400, 900), only_chat: bool = False
) -> None:
    app = QApplication.instance() or QApplication([])
    name = "dark" if dark else "light"
    colours = theme.apply(app, name)
    home = Path(tempfile.mkdtemp())
    w = MainWindow(Store(home / "chats.sqlite3"), Settings(), colours, GenerationWorker(FakeEngine()))  # type: ignore[arg-type]
    w.resize(*size)
    w.show()
    pump(app, 200)
    w.open_picker()
    picker = w.picker
    picker.resize(1040, 640)
    tab = picker.endpoints_tab
    picker.tabs.setCurrentWidget(tab)
    if not tab.endpoints:
        tab.name.setText("GPU box")
        tab.url.setText(srv.url)
        tab.key.setText(KEY)
    tab.test_connection()
    for _ in range(600):
        pump(app, 50)
        if "Connected" in tab.result.text():
            break
    if not only_chat:
        picker.grab().save(str(out / f"endpoints-{name}.png"))
    tab.save()
    picker.tabs.setCurrentIndex(0)
    top = picker.tree.topLevelItem(picker.tree.topLevelItemCount() - 1)
    picker.tree.setCurrentItem(top.child(0))
    pump(app, 100)
    if not only_chat:
        picker.grab().save(str(out / f"models-{name}.png"))
    picker.use.click()
    for _ in range(600):
        pump(app, 50)
        if w.controller.model_ready:
            break
    srv.script = Script(reasoning=REASONING * 6, answer=ANSWER, delay=0.05)
    w.composer.set_text("Is 1001 prime?")
    w.composer.send.click()
    pump(app, 900)
    if not only_chat:
        w.grab().save(str(out / f"streaming-{name}.png"))
    for _ in range(200):
        pump(app, 50)
        if not w.controller.generating:
            break
    pump(app, 300)
    w.statusBar().clearMessage()  # show the permanent labels: the model and where it runs
    pump(app, 100)
    suffix = f"small-{name}" if only_chat else name
    w.grab().save(str(out / f"chat-{suffix}.png"))
    w.close()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    keyring.set_keyring(MemoryKeyring())
    with ScriptedServer(models=("deepseek-reasoner", "deepseek-chat"), key=KEY) as srv:
        shoot(srv, out, dark=False)
        shoot(srv, out, dark=True)
        shoot(srv, out, dark=False, size=(800, 600), only_chat=True)
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
