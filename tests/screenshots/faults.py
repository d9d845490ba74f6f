"""Screenshots of what the window says when things go wrong (not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.screenshots.faults OUT_DIR

Writes, each at 1400x900 and 800x600, light and dark: corrupt-db-*.png (a damaged chats database
recovered at start), settings-*.png (wrong-typed settings reset and a broken presets file set
aside), disk-send-*.png (sending on a full disk) and disk-answer-*.png (an answer that ended on a
full disk, kept in memory); and long-blocks-*.png: a 9 KB code block and a 6 KB table streamed
into the window (cut into pieces while streaming: the seams should not show).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["R1DESK_HOME"] = tempfile.mkdtemp(prefix="r1desk-shots-")

from PySide6.QtWidgets import QApplication

from app.core.chats.store import Message, Store
from app.core.r1.presets import check_user_presets, user_presets_path
from app.core.settings import Settings, load_settings, settings_path
from app.ui.style import theme
from app.ui.window.main_window import MainWindow
from app.ui.workers.generation import GenerationWorker
from tests.screenshots.chat_window import ANSWER, LONG_THINKING, pump
from tests.support.fake_engine import FakeEngine, script
from tests.support.full_disk import FullDisk
from tests.support.tiny_model import write_tiny_model

SIZES = {"large": (1400, 900), "small": (800, 600)}


def damaged_store(home: Path) -> Store:
    path = home / "chats.sqlite3"
    s = Store(path)
    for title in ("Sum of the first 100 odd numbers", "Is 1001 prime?", "Explain KV caches", "A haiku about the sea"):
        cid = s.create_conversation(title)
        s.add_message(cid, Message("user", title))
        s.add_message(cid, Message("assistant", "An answer. " * 400))
    s.close()
    data = bytearray(path.read_bytes())
    data[0:100] = bytes(100)  # a header wiped (and the rest intact): everything comes back
    path.write_bytes(bytes(data))
    return Store(path)


def window(home: Path, dark: bool, size: tuple[int, int], store: Store, engine: FakeEngine) -> MainWindow:
    app = QApplication.instance() or QApplication([])
    colours = theme.apply(app, "dark" if dark else "light")
    w = MainWindow(store, Settings(), colours, GenerationWorker(engine))  # type: ignore[arg-type]
    w.resize(*size)
    w.show()
    pump(app, 300)
    return w


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    for shade in ("light", "dark"):
        for size_name, size in SIZES.items():
            tag = f"{shade}-{size_name}"
            home = Path(tempfile.mkdtemp())
            model = write_tiny_model(home / "DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf")

            w = window(home, shade == "dark", size, damaged_store(home), FakeEngine())
            w.notices.show_notice("store", w.store.damage.note() if w.store.damage else "(not damaged?)")
            pump(app, 200)
            w.grab().save(str(out / f"corrupt-db-{tag}.png"))
            w.close()

            settings_path().parent.mkdir(parents=True, exist_ok=True)
            settings_path().write_text('{"last_model": 5, "models_folder": 5, "theme": ["dark"]}')
            user_presets_path().write_text('{"version": 1, "presets": [{"name": 5}]}')
            _settings, note = load_settings()
            presets_note = check_user_presets()
            w = window(home, shade == "dark", size, Store(home / "fresh.sqlite3"), FakeEngine())
            w.notices.show_notice("settings", note or "")
            w.notices.show_notice("presets", presets_note or "")
            pump(app, 200)
            w.grab().save(str(out / f"settings-{tag}.png"))
            w.close()

            engine = FakeEngine(delay=0.004)
            engine.streams.append(script(LONG_THINKING, ANSWER, piece=8))
            store = Store(home / "disk.sqlite3")
            w = window(home, shade == "dark", size, store, engine)
            w.load_model(str(model))
            pump(app, 300)
            disk = FullDisk(store)
            disk.full = True
            w.composer.set_text("What is the sum of the first 100 odd numbers?")
            w.composer.send.click()
            pump(app, 300)
            w.grab().save(str(out / f"disk-send-{tag}.png"))
            disk.full = False
            w.composer.send.click()
            pump(app, 150)
            disk.full = True  # the disk fills while the answer streams
            pump(app, 2500)
            w.grab().save(str(out / f"disk-answer-{tag}.png"))
            disk.full = False
            w.controller.retry_saves()  # (a close with answers unsaved would ask first)
            w.close()

            code = "".join(f"    total_{i} = compute(values[{i}], weight={i % 7})  # step {i}\n" for i in range(150))
            rows = "".join(f"| {i} | item {i} | {i * 3.5:.1f} | **bold** `{i}` |\n" for i in range(150))
            long_answer = f"Here is the code:\n\n```python\n{code}```\n\n| n | name | value | note |\n|---|---|---|---|\n{rows}\nDone."
            engine = FakeEngine(delay=0.0005)
            engine.streams.append(script("Long blocks.", long_answer, piece=60))
            w = window(home, shade == "dark", size, Store(home / "long.sqlite3"), engine)
            w.load_model(str(model))
            pump(app, 300)
            w.composer.set_text("Show me a long block")
            w.composer.send.click()
            pump(app, 4000)
            bar = w.chat.verticalScrollBar()
            for where in ("code", "table"):
                bar.setValue(int(bar.maximum() * (0.3 if where == "code" else 0.8)))
                pump(app, 150)
                w.grab().save(str(out / f"long-blocks-{where}-{tag}.png"))
            w.close()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
