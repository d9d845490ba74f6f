"""Opening a long chat: how long until its last turns are on screen, and the longest GUI stall.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.bench_long_chat [--turns 500,2000,10000]

A turn is a question and its answer (two stored messages): the answer has a few lines of
reasoning, a paragraph, a list and an inline formula, as R1 writes. Each size gets a fresh store
and window; the chat is opened as a click in the list does (its ``selected`` signal). Printed per
size: the time the open call took, the time until the window is settled (no card still being
filled, the typesetter idle, the event loop quiet), the longest GUI stall from the click to then
(a 5 ms timer on the event loop: the longest gap between its ticks, less 5 ms) with the GUI
thread's own CPU time in it (on a busy machine other processes lengthen a gap), the widgets
built by then, and the store queries from the click to then (the open call's own are two: the
tree and the last messages; the rest of the chat is then read, two queries per 1,000 messages). Goal: stall <= 100 ms at 10,000 turns.
``--limit S`` gives up on a size after S seconds of open call (the old code took minutes).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from app.core.chats.store import Store
from app.core.settings import Settings
from app.ui.render.markdown import LIGHT
from tests.support.long_chat import fill


def settle(app: QApplication, window: object, deadline: float) -> None:
    """Run the event loop until no card is being filled and the typesetter is idle (or the deadline)."""
    from app.ui.chat.message_widgets import AssistantMessageWidget

    view = window.chat  # type: ignore[attr-defined]
    renderer = window.renderer  # type: ignore[attr-defined]
    quiet = 0
    while time.perf_counter() < deadline and quiet < 3:
        loop = QEventLoop()
        QTimer.singleShot(50, loop.quit)
        loop.exec()
        loader = getattr(window.controller, "loader", None)  # type: ignore[attr-defined]
        attach = getattr(window, "attach", None)
        busy = (
            renderer.typesetter.busy
            or (attach is not None and attach._timer.isActive())
            or (loader is not None and (loader.busy or getattr(loader, "reading", False)))
            or any(t.answer.pending() for t in view.turns() if isinstance(t, AssistantMessageWidget))
        )
        quiet = 0 if busy else quiet + 1


def open_chat(turns: int, limit: float, math: bool = True, model: bool = False) -> dict[str, float]:
    from app.ui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    home = Path(tempfile.mkdtemp())
    store = Store(home / "c.sqlite3")
    cid = fill(store, turns, math)
    w = MainWindow(store, Settings(), LIGHT)
    w.resize(1100, 800)
    w.show()
    if model:  # the composer's context meter then measures the chat a moment after it opens
        from tests.support.tiny_model import write_tiny_model

        w.load_model(str(write_tiny_model(home / "m.gguf")))
        deadline = time.perf_counter() + 60
        while not w.controller.model_ready and time.perf_counter() < deadline:
            app.processEvents()
    settle(app, w, time.perf_counter() + 30)
    queries = [0]
    store._db.set_trace_callback(lambda _sql: queries.__setitem__(0, queries[0] + 1))
    gaps: list[tuple[float, float]] = []  # (wall, GUI-thread CPU) between ticks
    last = [0.0, 0.0]

    def tick() -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        gaps.append((now - last[0], cpu - last[1]))
        last[0], last[1] = now, cpu

    meter = QTimer()
    meter.setInterval(5)
    meter.timeout.connect(tick)
    meter.start()
    loop = QEventLoop()
    QTimer.singleShot(50, loop.quit)
    loop.exec()
    gaps.clear()
    result: dict[str, float] = {}

    def click() -> None:
        t0 = time.perf_counter()
        w.sidebar.selected.emit(cid)  # as a click in the list: the chat opens, the meter measures it
        result["call"] = time.perf_counter() - t0

    last[0], last[1] = time.perf_counter(), time.thread_time()
    start = last[0]
    QTimer.singleShot(0, click)
    settle(app, w, start + limit)
    result["settled"] = time.perf_counter() - start - 0.15  # less the quiet 150 ms that ends settle()
    meter.stop()
    store._db.set_trace_callback(None)
    wall, cpu = max(gaps, default=(0.0, 0.0))
    result["stall"] = max(0.0, wall - 0.005)
    result["stall_cpu"] = cpu  # what the GUI thread itself spent in that gap (the rest: other processes)
    result["cpu_max"] = max((c for _, c in gaps), default=0.0)
    result["cards"] = float(len(w.chat.turns()))
    result["queries"] = float(queries[0])
    w.close()
    w.deleteLater()
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--turns", default="500,2000,10000")
    ap.add_argument("--limit", type=float, default=300.0)
    ap.add_argument("--no-math", action="store_true", help="answers without formulas")
    ap.add_argument("--model", action="store_true", help="with a (tiny) model loaded: the context meter measures too")
    args = ap.parse_args()
    print(
        f"{'turns':>7s} {'open call':>10s} {'settled':>9s} {'longest stall':>14s} {'its CPU':>8s}"
        f" {'most CPU':>9s} {'widgets':>8s} {'queries':>8s}"
    )
    for n in (int(x) for x in args.turns.split(",")):
        r = open_chat(n, args.limit, not args.no_math, args.model)
        print(
            f"{n:7,d} {r['call']:9.2f}s {r['settled']:8.2f}s {r['stall'] * 1000:11.0f} ms {r['stall_cpu'] * 1000:5.0f} ms"
            f" {r['cpu_max'] * 1000:6.0f} ms {int(r['cards']):8d} {int(r['queries']):8d}",
            flush=True,
        )
    print("(longest stall: the longest gap between ticks of a 5 ms timer, wall clock; its CPU: the GUI")
    print(" thread's CPU time in that gap; most CPU: the most the GUI thread spent between two ticks)")


if __name__ == "__main__":
    main()
