"""The longest GUI stall while the answer view shows large answers (goal: <= 50 ms each).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.bench_render_stall [--quick]

Each case is streamed into a real ``AnswerView``: everything but its last ``MEASURED`` deltas
in one go (not timed), then those deltas of ``DELTA`` characters (about what the engine's
coalescer sends every 50 ms at 2,000 tokens/s), each timed: the cost of an update near the end
of a long block. Then the whole answer is opened, as reopening a chat does (``set_markdown``),
with a 5 ms timer on the event loop measuring the longest stall. It prints, per case, the
slowest and the median timed append, the time to show the whole answer and the longest stall
while showing it (the stall, not the total, is what the user feels).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from app.ui.chat.message_widgets import AnswerView
from app.ui.chat.view import ChatView
from app.ui.render.markdown import MarkdownRenderer

DELTA = 500
MEASURED = 12


def code_block(size: int) -> str:
    rng = random.Random(1)
    lines = ["```python"]
    n = 0
    while n < size:
        line = f"    value_{rng.randrange(1000)} = compute(x, {rng.randrange(99)}) + 'text'  # note {n}"
        lines.append(line)
        n += len(line) + 1
    return "\n".join(lines) + "\n```\n"


def table(size: int) -> str:
    rows = ["| id | name | value | note |", "|---|---|---|---|"]
    n, i = 0, 0
    while n < size:
        row = f"| {i} | item {i} | {i * 3.5:.1f} | **bold** and `code` {i} |"
        rows.append(row)
        n += len(row) + 1
        i += 1
    return "\n".join(rows) + "\n"


def links(size: int) -> str:
    out, n, i = [], 0, 0
    while n < size:
        s = f"[link {i}](https://example.org/page/{i}) "
        out.append(s)
        n += len(s)
        i += 1
    return "".join(out) + "\n"


def prose(size: int) -> str:
    rng = random.Random(2)
    words = [
        "the",
        "value",
        "of",
        "x",
        "must",
        "satisfy",
        "the",
        "equation",
        "we",
        "found",
        "above",
        "so",
        "n",
        "is",
        "odd",
    ]
    out, n = [], 0
    while n < size:
        para = " ".join(rng.choice(words) for _ in range(80)) + "\n\n"
        out.append(para)
        n += len(para)
    return "".join(out)


def hostile(size: int) -> str:
    """The fault suite's hostile Markdown (bracket runs, deep quotes and lists, raw HTML, images
    of /dev/zero), end to end: its per-append time is measured here, not asserted there."""
    from tests.faults.generate import hostile_markdown

    rng = random.Random(30)
    out, n = [], 0
    while n < size:
        piece = hostile_markdown(rng, "/nonexistent/fifo")
        out.append(piece)
        n += len(piece)
    return "".join(out)


CASES = {
    "hostile 50 KB": hostile(50_000),
    "code block 20 KB": code_block(20_000),
    "code block 100 KB": code_block(100_000),
    "table 300 KB": table(300_000),
    "links 950 KB": links(950_000),
    "prose 1 MB": prose(1_000_000),
}


def pump(app: QApplication, ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def answer_view(chat: ChatView) -> AnswerView:
    """A fresh answer card in the chat's scrolling column, as the window has it."""
    chat.clear()
    card = chat.add_assistant("bench")
    card.answer.show()
    return card.answer


def measure(app: QApplication, text: str, stream: bool) -> tuple[float, float, float, float]:
    """(slowest append s, median append s, whole-answer total s, longest stall while showing it s)."""
    chat = ChatView(MarkdownRenderer())
    chat.resize(1100, 800)
    chat.show()
    view = answer_view(chat)
    costs = []
    if stream:
        start = max(0, len(text) - MEASURED * DELTA)
        view.append(text[:start])
        view.document().size()  # lay out the untimed part now, not in the first timed append
        pump(app, 50)
        for i in range(start, len(text), DELTA):
            t0 = time.perf_counter()
            view.append(text[i : i + DELTA])
            costs.append(time.perf_counter() - t0)
            app.processEvents()
    # Reopen: the whole answer at once, with the event loop running; a 5 ms probe timer measures stalls.
    gaps: list[float] = []
    last = [time.perf_counter()]

    def probe() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(probe)
    other = answer_view(chat)
    pump(app, 50)
    t0 = time.perf_counter()
    last[0] = t0
    timer.start()
    set_cost = time.perf_counter()
    other.set_markdown(text)
    gaps.append(time.perf_counter() - set_cost)
    while getattr(other, "pending", lambda: False)():
        pump(app, 5)
    pump(app, 20)
    total = time.perf_counter() - t0
    timer.stop()
    chat.close()
    return (max(costs) if costs else 0.0, statistics.median(costs) if costs else 0.0, total, max(gaps))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="skip streaming (only open whole answers)")
    ap.add_argument("--rounds", type=int, default=3, help="runs per case; each figure is the median over them")
    args = ap.parse_args()
    app = QApplication.instance() or QApplication([])
    MarkdownRenderer().render("```python\nx = 1\n```\n")  # Pygments' first use, off the clock
    print(f"median of {args.rounds} rounds per figure")
    print(f"{'case':20s} {'slowest append':>15s} {'median append':>14s} {'open whole':>11s} {'open stall':>11s}")
    worst = 0.0
    for name, text in CASES.items():
        runs = [measure(app, text, not args.quick) for _ in range(args.rounds)]
        slow, median, total, stall = (statistics.median(r[i] for r in runs) for i in range(4))
        worst = max(worst, slow, stall)
        print(f"{name:20s} {slow * 1000:12.1f} ms {median * 1000:11.1f} ms {total:9.2f} s {stall * 1000:8.1f} ms")
    print(f"longest GUI stall (median over rounds): {worst * 1000:.1f} ms   (goal <= 50 ms)")


if __name__ == "__main__":
    main()
