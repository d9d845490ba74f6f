"""Screenshots of the chat window, for looking at (not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.screenshots.chat_window OUT_DIR

Writes: empty.png, streaming.png (pane open, mid-reasoning), finished.png (pane collapsed,
code and math), dark.png (the same in the dark theme), stopped.png, and long-thinking.png,
long-finished.png, long-reopened.png (a ~4,000-word reasoning, dark).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from app.core.chats.store import Store
from app.core.settings import Settings
from app.ui.style import theme
from app.ui.window.main_window import MainWindow
from app.ui.workers.generation import GenerationWorker
from tests.screenshots.teardown import dispose, leftover_windows
from tests.support.fake_engine import FakeEngine, script
from tests.support.tiny_model import write_tiny_model

LONG_THINKING = (
    "Okay, so I need to find the sum of the first 100 odd numbers. Let me think. The odd numbers are 1, 3, 5, 7, …\n"
    "The n-th odd number is 2n − 1, so the sum is Σ(2k − 1) for k = 1..n = 2·n(n+1)/2 − n = n².\n"
    "Let me check with small cases: 1 = 1, 1 + 3 = 4, 1 + 3 + 5 = 9. Yes, squares. So for n = 100 it is 10,000.\n"
)
ANSWER = (
    "The sum of the first $n$ odd numbers is $n^2$, so for 100 of them:\n\n"
    "$$\\boxed{10000}$$\n\n"
    "A quick check in Python:\n\n```python\nprint(sum(range(1, 200, 2)))  # 10000\n```\n\n"
    "| n | sum |\n|---|---|\n| 1 | 1 |\n| 2 | 4 |\n| 3 | 9 |\n"
)


def pump(app: QApplication, ms: int) -> None:
    from PySide6.QtCore import QElapsedTimer

    t = QElapsedTimer()
    t.start()
    while t.elapsed() < ms:
        app.processEvents()


def shoot(name: str, out: Path, dark: bool = False) -> MainWindow:
    app = QApplication.instance() or QApplication([])
    colours = theme.apply(app, "dark" if dark else "light")
    home = Path(tempfile.mkdtemp())
    model = write_tiny_model(home / "DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf")
    engine = FakeEngine(delay=0.02 if name in ("streaming", "long") else 0.004)
    thinking = LONG_THINKING * 40 if name == "long" else LONG_THINKING  # ~4,000 words of reasoning
    engine.streams.append(script(thinking, ANSWER, piece=4 if name != "long" else 60))
    w = MainWindow(Store(home / "chats.sqlite3"), Settings(), colours, GenerationWorker(engine))  # type: ignore[arg-type]
    w.resize(1180, 800)
    w.show()
    pump(app, 200)
    if name == "empty":
        w.grab().save(str(out / "empty.png"))
        return w
    w.load_model(str(model))
    pump(app, 300)
    w.composer.set_text("What is the sum of the first 100 odd numbers?")
    w.composer.send.click()
    if name == "long":
        pump(app, 1500)
        w.grab().save(str(out / "long-thinking.png"))
        pump(app, 3500)
        w.grab().save(str(out / "long-finished.png"))
        card = w.controller.view.turns()[-1]
        card.thinking.header.click()  # the user opens the finished reasoning
        pump(app, 200)
        w.grab().save(str(out / "long-reopened.png"))
        return w
    if name == "streaming":
        pump(app, 1200)
        w.grab().save(str(out / "streaming.png"))
        w.controller.stop()
        pump(app, 300)
        w.grab().save(str(out / "stopped.png"))
        return w
    pump(app, 2500)
    w.grab().save(str(out / f"{name}.png"))
    return w


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    windows = [shoot("empty", out), shoot("streaming", out), shoot("finished", out)]
    windows.append(shoot("dark", out, dark=True))
    windows.append(shoot("long", out, dark=True))
    dispose(*windows)
    assert not leftover_windows(), leftover_windows()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
