"""The app's memory beyond the model: the window with a model loaded and 50 chats in its list.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.bench_memory [--chats 50]

Builds a chats database of ``--chats`` conversations (two turns each, with long reasoning),
opens the real window on it (this process), loads SmolLM2, opens the longest chat, streams one
answer, and prints with psutil:
- the window process: RSS and USS (memory only this process holds);
- the model process: RSS, USS, and how much of it is the memory-mapped model file and the
  KV cache (llama.cpp's own report);
- the app's own memory = window USS + model process USS - the mapped model - the KV cache
  (the KV cache is the context the user chose: 2 x layers x context x KV heads x head size x
  2 bytes, the same with any app). Goal: <= 250 MB.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

MB = 1e6


def fill_store(path: Path, chats: int) -> None:
    from app.core.chats.store import Message, Store

    rng = random.Random(0)
    words = [
        "the",
        "value",
        "of",
        "x",
        "must",
        "satisfy",
        "equation",
        "we",
        "found",
        "above",
        "wait",
        "let",
        "me",
        "check",
        "again",
        "so",
    ]
    store = Store(path)
    for i in range(chats):
        cid = store.create_conversation(f"Chat {i}: a question about primes and sums")
        for _ in range(2):
            store.add_message(cid, Message("user", "Prove that the sum of the first n odd numbers is n squared."))
            reasoning = " ".join(rng.choice(words) for _ in range(1500))
            answer = "## Proof\n\nBy induction: " + " ".join(rng.choice(words) for _ in range(300))
            store.add_message(cid, Message("assistant", answer, reasoning=reasoning, thinking_s=12.0))
    store.close()


def mapped(proc: object, path: str) -> int:
    """Resident bytes of ``path`` mapped into ``proc``."""
    return sum(m.rss for m in proc.memory_maps(grouped=True) if m.path == path)  # type: ignore[attr-defined]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--chats", type=int, default=50)
    ap.add_argument("--ctx", type=int, default=4096)
    args = ap.parse_args()

    import psutil
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.core.chats.store import Store
    from app.core.r1.presets import Preset, save_user_preset
    from app.core.r1.sampling import Sampling
    from app.core.settings import Settings
    from app.ui.render.markdown import LIGHT
    from app.ui.window.main_window import MainWindow
    from tests.benchmarks.models import smollm_r1

    def pump(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    os.environ["R1DESK_HOME"] = tempfile.mkdtemp()
    db = Path(tempfile.mkdtemp()) / "chats.sqlite3"
    fill_store(db, args.chats)
    model = str(smollm_r1())
    _app = QApplication.instance() or QApplication([])  # kept alive while the window runs
    save_user_preset(Preset("Bench", Sampling(max_tokens=300, temperature=0.0)))
    w = MainWindow(Store(db), Settings(preset="Bench", context_length=args.ctx), LIGHT)
    w.resize(1400, 900)
    w.show()
    w.load_model(model)
    while not w.controller.model_ready:
        pump(50)
    w.sidebar.list.setCurrentRow(0)
    pump(300)
    done: list[object] = []
    w.controller.stats_changed.connect(done.append)
    w.composer.set_presets(["Bench"], "Bench")
    w.composer.set_text("Explain why the sky is blue.")
    w.composer.send.click()
    t0 = time.monotonic()
    while not done and time.monotonic() - t0 < 300:
        pump(100)
    pump(500)

    me = psutil.Process()
    child = next(c for c in me.children() if "spawn_main" in " ".join(c.cmdline()))
    gui, kid = me.memory_full_info(), child.memory_full_info()
    weights = mapped(child, os.path.realpath(model))
    facts = w.loader.facts
    kv = sum(v for k, v in (facts.buffers_mib if facts else {}).items() if "KV" in k) * 2**20
    own = gui.uss + kid.uss - weights - kv
    print(f"window with {args.chats} chats ({w.sidebar.list.count()} listed), SmolLM2 loaded at {args.ctx} context:")
    print(f"  window process: RSS {gui.rss / MB:6.1f} MB, USS {gui.uss / MB:6.1f} MB")
    print(f"  model process : RSS {kid.rss / MB:6.1f} MB, USS {kid.uss / MB:6.1f} MB")
    print(f"                  of which the mapped model file {weights / MB:.1f} MB, the KV cache {kv / MB:.1f} MB")
    print(f"  the app's own memory (both USS, less model and KV cache): {own / MB:.1f} MB   (goal <= 250 MB)")
    w.close()


if __name__ == "__main__":
    main()
