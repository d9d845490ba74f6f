"""The fault suite's long run: the same generated faults as ``tests/faults``, many more of each.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.faults.soak [--scale 10] [--seed 1000]

Not collected by pytest (no ``test_`` prefix). Prints the table of tries and passes per fault
class, then the first failures of each class with what reproduces them (the seed is in the line).
The CI suite runs each class a few times; ``--scale`` multiplies those counts.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["R1DESK_HOME"] = tempfile.mkdtemp(prefix="r1desk-soak-")


class _Bot:
    """What the answer-view run needs of pytest-qt's qtbot."""

    def __init__(self) -> None:
        from PySide6.QtWidgets import QApplication

        self.app = QApplication.instance() or QApplication([])
        self.widgets: list[object] = []

    def addWidget(self, w: object) -> None:
        self.widgets.append(w)

    def wait(self, ms: int) -> None:
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=int, default=10, help="tries per class, as a multiple of the CI suite's")
    ap.add_argument("--seed", type=int, default=1000)
    args = ap.parse_args()
    k, seed = args.scale, args.seed

    from app.core.inference.local_engine import LocalEngine
    from tests.faults import (
        test_disk_full,
        test_grammar_fuzz,
        test_kills,
        test_markdown_hostile,
        test_math_hostile,
        test_model_inputs,
        test_state_files,
        test_window_start,
    )
    from tests.faults.fuzz_grammar import Llama
    from tests.faults.tally import TABLE, Tries, table_lines
    from tests.support.tiny_model import write_tiny_model

    tmp = Path(tempfile.mkdtemp(prefix="r1desk-soak-files-"))
    tiny = write_tiny_model(tmp / "tiny.gguf")
    fifo = tmp / "fifo"
    os.mkfifo(fifo)
    made: list[Tries] = []

    def tries(klass: str) -> Tries:
        made.append(Tries(klass))
        return made[-1]

    def folder(name: str) -> Path:
        p = tmp / name
        p.mkdir()
        return p

    t0 = time.monotonic()
    test_state_files.run_chats_database(tries("chats database damaged"), folder("db"), 8 * k, seed)
    test_state_files.run_settings(tries("settings file wrong or damaged"), 40 * k, seed)
    test_state_files.run_presets(tries("presets file wrong or damaged"), 20 * k, seed)
    test_state_files.run_small_files(tries("caches and endpoints wrong or damaged"), 24 * k, seed)
    test_state_files.run_nesting(tries("nested input"), folder("nest"), [9, 1000, 100_000, 1_000_000])
    test_disk_full.run_chat_disk_full(tries("disk full under a chat"), folder("chat"), 15 * k, seed)
    test_markdown_hostile.run_renderer(tries("hostile Markdown (renderer, export)"), 60 * k, seed, str(fifo))
    test_markdown_hostile.run_answer_view(tries("hostile Markdown (answer view)"), _Bot(), 6 * k, seed, str(fifo))
    test_math_hostile.run_typesetter(tries("hostile TeX (typeset budget)"), 12 * k, seed)
    test_math_hostile.run_markdown_linear(tries("hostile Markdown linear in size"))
    test_math_hostile.run_quit_while_typesetting(tries("quit while typesetting"), folder("quit"), k, seed)
    with LocalEngine() as engine:
        test_model_inputs.run_crafted_models(tries("crafted GGUF files"), engine, folder("gguf"), 10 * k, seed)
        test_model_inputs.run_grammars(tries("grammars"), engine, tiny, 12 * k, seed)
        test_model_inputs.run_templates(tries("hostile chat templates"), engine, folder("tpl"), 5 * k, seed)
    llama = Llama(tiny)
    try:
        test_grammar_fuzz.run_fuzz(tries("grammars vs llama.cpp (fuzz)"), llama, 300 * k, seed)
    finally:
        llama.close()
    marker = tmp / "stop-in-load"
    os.environ[test_kills.STOP_IN_LOAD] = str(marker)  # before the engine below starts its process
    test_kills.run_model_process_kills(tries("model process killed"), tiny, 3 * k, seed, marker)
    test_kills.run_parent_kills(tries("app killed under its model process"), tiny, 2 * k, seed)
    test_kills.run_pull_kills(tries("pull killed"), folder("pull"), 2 * k, seed)
    test_kills.run_ctrl_c(tries("Ctrl+C at start-up (window)"), tiny, folder("cw"), 2 * k, seed, gui=True)
    test_kills.run_ctrl_c(tries("Ctrl+C at start-up (ask)"), tiny, folder("ca"), 2 * k, seed, gui=False)
    test_window_start.run_window_start(tries("window start with broken state files"), folder("win"), 2 * k, seed)

    print(f"\nfault soak: scale {k}, seed {seed}, {time.monotonic() - t0:.0f} s")
    print("\n".join(table_lines()))
    failed = [t for t in made if t.failures]
    for t in failed:
        print(f"\n{t.klass}:")
        for f in t.failures[:5]:
            print(f"  {f}")
    return 1 if failed or not TABLE else 0


if __name__ == "__main__":
    sys.exit(main())
