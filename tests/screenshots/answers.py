"""Screenshots of R1's answers in the window, for looking at (not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.screenshots.answers OUT_DIR

For each theme (light, dark) and size (1400x900, 800x600) writes:
math500-*.png (fractions, aligned steps, a boxed result), brackets-*.png (\\[…\\] and \\(…\\)),
regenerated-*.png (a regenerated answer at ‹ 2/2 ›), samples-*.png ("solve 5 times"), and
thinking-*.png (the live pane: Markdown and math in the reasoning, the token meter).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer
from PySide6.QtWidgets import QApplication

from app.core.chats.store import Store
from app.core.settings import Settings
from app.ui.style import theme
from app.ui.window.main_window import MainWindow
from app.ui.workers.generation import GenerationWorker
from tests.support.fake_engine import FakeEngine, script
from tests.support.tiny_model import write_tiny_model

MATH500_Q = "If $\\frac{2}{x} + \\frac{3}{x+1} = 1$, find the sum of all solutions. Please reason step by step."
MATH500_THINK = (
    "Multiply both sides by $x(x+1)$: we get $2(x+1) + 3x = x(x+1)$.\n\n"
    "So $5x + 2 = x^2 + x$, i.e. $x^2 - 4x - 2 = 0$. By Vieta the sum is **4**.\n\n"
)
MATH500_ANSWER = r"""Multiply both sides by $x(x+1)$ (with $x \ne 0, -1$):

$$
\begin{aligned}
2(x+1) + 3x &= x(x+1) \\
5x + 2 &= x^2 + x \\
x^2 - 4x - 2 &= 0
\end{aligned}
$$

The roots are $x = \frac{4 \pm \sqrt{16 + 8}}{2} = 2 \pm \sqrt{6}$; neither is $0$ or $-1$, so both count.
By Vieta's formulas their sum is $-\frac{-4}{1} = 4$.

**Final Answer**

$$\boxed{4}$$
"""
BRACKETS_Q = "Find the determinant of A and say when f is continuous."
BRACKETS_ANSWER = r"""For the matrix \(A = \begin{pmatrix} 2 & 1 \\ 4 & 3 \end{pmatrix}\) we have
\[
\det A = 2 \cdot 3 - 1 \cdot 4 = 2 .
\]
The piecewise function
\[
f(x) = \begin{cases} x^2 & x \ge 0 \\ -x & x < 0 \end{cases}
\]
is continuous everywhere, since \(\lim_{x \to 0} f(x) = 0 = f(0)\). It costs $5 and $10 to print both.

So the answer is \(\boxed{\det A = 2}\).
"""


def pump(app: QApplication, ms: int) -> None:
    t = QElapsedTimer()
    t.start()
    while t.elapsed() < ms:
        app.processEvents()


def window(app: QApplication, dark: bool, size: tuple[int, int], engine: FakeEngine, **settings: object) -> MainWindow:
    colours = theme.apply(app, "dark" if dark else "light")
    home = Path(tempfile.mkdtemp())
    model = write_tiny_model(home / "DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf")
    w = MainWindow(Store(home / "chats.sqlite3"), Settings(**settings), colours, GenerationWorker(engine))  # type: ignore[arg-type]
    w.resize(*size)
    w.show()
    pump(app, 200)
    w.load_model(str(model))
    pump(app, 300)
    return w


def ask(app: QApplication, w: MainWindow, text: str, wait_ms: int = 2500) -> None:
    w.composer.set_text(text)
    w.composer.send.click()
    pump(app, wait_ms)
    while w.controller.generating:
        pump(app, 100)
    w.renderer.typesetter.wait(30)
    w.reasoning_renderer.typesetter.wait(30)
    pump(app, 300)


def shoot_all(out: Path, dark: bool, size: tuple[int, int]) -> None:
    app = QApplication.instance() or QApplication([])
    tag = f"{'dark' if dark else 'light'}-{size[0]}x{size[1]}"
    windows = []

    e = FakeEngine(delay=0.002, streams=[script(MATH500_THINK, MATH500_ANSWER, piece=12)])
    w = window(app, dark, size, e)
    ask(app, w, MATH500_Q)
    w.chat.follow_bottom()
    pump(app, 200)
    w.grab().save(str(out / f"math500-{tag}.png"))
    windows.append(w)

    e = FakeEngine(delay=0.002, streams=[script("Compute the determinant.", BRACKETS_ANSWER, piece=12)])
    w = window(app, dark, size, e)
    ask(app, w, BRACKETS_Q)
    w.chat.follow_bottom()
    pump(app, 200)
    w.grab().save(str(out / f"brackets-{tag}.png"))
    windows.append(w)

    e = FakeEngine(
        delay=0.002,
        streams=[
            script("Quick guess.", "The sum is $\\boxed{5}$.", piece=12),
            script(
                MATH500_THINK, "Clearing denominators gives $x^2 - 4x - 2 = 0$, so the sum is $\\boxed{4}$.", piece=12
            ),
        ],
    )
    w = window(app, dark, size, e)
    ask(app, w, MATH500_Q)
    [c for c in w.chat.turns() if hasattr(c, "regenerate")][-1].regenerate.click()  # type: ignore[attr-defined]
    pump(app, 1500)
    while w.controller.generating:
        pump(app, 100)
    w.renderer.typesetter.wait(30)
    pump(app, 300)
    w.chat.follow_bottom()
    pump(app, 200)
    w.grab().save(str(out / f"regenerated-{tag}.png"))
    windows.append(w)

    answers = ["4", "4", "2 + \\sqrt{6}", "4", "-2"]
    e = FakeEngine(
        delay=0.001, streams=[script("Vieta again.", f"The sum is $\\boxed{{{a}}}$.", piece=12) for a in answers]
    )
    w = window(app, dark, size, e)
    w.composer.preset.setCurrentText("Math")
    w.composer.samples_box.setValue(5)
    ask(app, w, MATH500_Q, wait_ms=4000)
    w.chat.follow_bottom()
    pump(app, 300)
    w.grab().save(str(out / f"samples-{tag}.png"))
    windows.append(w)

    e = FakeEngine(delay=0.05, streams=[script(MATH500_THINK * 6, MATH500_ANSWER, piece=6)])
    w = window(app, dark, size, e)
    w.composer.budget.setValue(8000)
    w.composer.set_text(MATH500_Q)
    w.composer.send.click()
    pump(app, 2500)
    w.controller.on_tick(1234, 20.0)
    pump(app, 300)
    w.grab().save(str(out / f"thinking-{tag}.png"))
    w.controller.stop()
    pump(app, 500)
    windows.append(w)
    for x in windows:
        x.close()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    for dark in (False, True):
        for size in ((1400, 900), (800, 600)):
            shoot_all(out, dark, size)
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
