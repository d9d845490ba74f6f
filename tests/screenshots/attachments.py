"""Screenshots of attachments and the context budget, for looking at (not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.screenshots.attachments OUT_DIR

Writes, at 1400×900 and 800×600, light and dark: attached-*.png (a chat whose last question
carried files, three files attached to the next one, the meter), overflow-*.png (a long chat on
a 2K context: the warning before sending and its ways out) and reading-*.png (a long prompt
being read: "Reading 12,345 tokens… 40 %" in the status bar, Stop available).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from app.core.chats.store import Message, Store
from app.core.inference.events import Reading
from app.core.settings import Settings
from app.ui.style import theme
from app.ui.window.main_window import MainWindow
from app.ui.workers.generation import GenerationWorker
from tests.screenshots.chat_window import pump
from tests.screenshots.teardown import dispose
from tests.support.code_fixture import make_project
from tests.support.fake_engine import FakeEngine, script
from tests.support.tiny_model import write_tiny_model

SIZES = {"1400": (1400, 900), "800": (800, 600)}
ANSWER = (
    "`main()` prints the greeting that `greet` builds, so the output is `Hello, world!`.\n\n"
    "To greet someone else, pass the name through. Here is the updated `app.py`:\n\n"
    '```python\nimport sys\n\nfrom util.helpers import greet\n\n\ndef main() -> None:\n    print(greet(sys.argv[1] if len(sys.argv) > 1 else "world"))\n```\n'
)


def window(
    app: QApplication,
    home: Path,
    dark: bool,
    size: tuple[int, int],
    settings: Settings,
    engine: FakeEngine,
    ctx: int = 8192,
) -> MainWindow:
    colours = theme.apply(app, "dark" if dark else "light")
    model = write_tiny_model(home / "DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf", context_length=ctx)
    w = MainWindow(Store(home / "chats.sqlite3"), settings, colours, GenerationWorker(engine))  # type: ignore[arg-type]
    w.resize(*size)
    w.show()
    pump(app, 200)
    w.load_model(str(model))
    pump(app, 400)
    return w


def attached(app: QApplication, out: Path, name: str, dark: bool, size: tuple[int, int]) -> MainWindow:
    home = Path(tempfile.mkdtemp())
    project = make_project(home)
    engine = FakeEngine(delay=0.002)
    engine.streams.append(script("The user attached app.py and helpers.py. main() calls greet('world').\n", ANSWER))
    w = window(app, home, dark, size, Settings(), engine)
    w.attach.add_paths([project / "app.py", project / "util"])
    pump(app, 800)
    w.composer.set_text("What does app.py print?")
    w.composer.send.click()
    pump(app, 2500)
    w.attach.add_paths([project / "app.py", project / "util" / "helpers.py", project / "README.md"])
    pump(app, 800)
    w.composer.set_text("Make greet() take a title too, and update app.py.")
    pump(app, 1200)
    w.grab().save(str(out / f"attached-{name}.png"))
    return w


def overflow(app: QApplication, out: Path, name: str, dark: bool, size: tuple[int, int]) -> MainWindow:
    home = Path(tempfile.mkdtemp())
    project = make_project(home)
    store = Store(home / "chats.sqlite3")
    cid = store.create_conversation("A long talk about the tiny app", "tiny")
    for i in range(6):
        store.add_message(cid, Message("user", f"Question {i}: " + "tell me more about the tiny app. " * 20))
        store.add_message(cid, Message("assistant", "It prints a greeting. " * 40))
    store.close()
    w = window(app, home, dark, size, Settings(context_length=2048), FakeEngine())
    w._refresh_conversations()
    w.controller.open_conversation(cid)
    w.attach.add_paths([project / "app.py"])
    pump(app, 800)
    w.composer.set_text("And how would I test it?")
    w.composer.send.click()
    pump(app, 1200)
    w.grab().save(str(out / f"overflow-{name}.png"))
    return w


def reading(app: QApplication, out: Path, name: str, dark: bool, size: tuple[int, int]) -> MainWindow:
    home = Path(tempfile.mkdtemp())
    project = make_project(home)
    engine = FakeEngine(delay=0.25)
    # A long prompt being read, as the engine reports it (simulated figures: 512 tokens a step).
    steps = [Reading(min(12345, i * 512), 12345) for i in range(25)]
    engine.streams.append(steps + script("Reading the code first.\n", ANSWER))
    w = window(app, home, dark, size, Settings(), engine, ctx=32768)
    w.attach.add_paths([project])
    pump(app, 800)
    w.composer.set_text("Review this project.")
    w.composer.send.click()
    pump(app, 2600)
    w.grab().save(str(out / f"reading-{name}.png"))
    w.controller.stop()
    pump(app, 400)
    return w


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    windows = []
    for shot in (attached, overflow, reading):
        for size_name, size in SIZES.items():
            for dark in (False, True):
                name = f"{'dark' if dark else 'light'}-{size_name}"
                windows.append(shot(app, out, name, dark, size))  # type: ignore[arg-type]
                dispose(windows.pop())
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
