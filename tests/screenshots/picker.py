"""Screenshots of the model picker, a download in progress, the settings dialog and the welcome
screen, in light and dark (for looking at, not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.screenshots.picker OUT_DIR
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["R1DESK_HOME"] = tempfile.mkdtemp()
os.environ["HF_HUB_CACHE"] = tempfile.mkdtemp()
os.environ.pop("HF_HUB_OFFLINE", None)

from PySide6.QtWidgets import QApplication

from app.core.chats.store import Store
from app.core.settings import Settings
from app.ui.picker.dialog import ModelPicker
from app.ui.settings.dialog import SettingsDialog
from app.ui.style import theme
from app.ui.window.main_window import MainWindow
from app.ui.workers.downloads import DownloadManager
from app.ui.workers.generation import GenerationWorker
from tests.benchmarks.bench_chat_view import pump
from tests.screenshots.teardown import dispose, leftover_windows
from tests.support.fake_engine import FakeEngine
from tests.support.fake_hub import FakeHub
from tests.ui.test_model_picker import FILE, REPO, machine


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    with FakeHub() as hub:
        hub.add(REPO, {FILE: os.urandom(40 * 1024 * 1024)})
        hub.faults.rate_bps = 4e6
        os.environ["HF_ENDPOINT"] = hub.url
        for mode in ("light", "dark"):
            theme.apply(app, mode)
            for name, hw in (("small", machine(8, cores=4)), ("large", machine(64, vram_gb=24))):
                p = ModelPicker(hw, DownloadManager())
                p.show()
                pump(app, 200)
                p.grab().save(str(out / f"picker-{name}-{mode}.png"))
                dispose(p)
            mgr = DownloadManager()
            p = ModelPicker(machine(16), mgr)
            p.show()
            p.select_key("r1-qwen-1.5b:Q4_K_M")
            p.download.click()
            pump(app, 2500)
            p.grab().save(str(out / f"picker-downloading-{mode}.png"))
            mgr.cancel("r1-qwen-1.5b:Q4_K_M")
            pump(app, 300)
            dispose(p)
            d = SettingsDialog(Settings())
            d.show()
            pump(app, 200)
            d.grab().save(str(out / f"settings-{mode}.png"))
            dispose(d)
            w = MainWindow(
                Store(Path(tempfile.mkdtemp()) / "c.sqlite3"),
                Settings(),
                theme.apply(app, mode),
                GenerationWorker(FakeEngine()),
            )  # type: ignore[arg-type]
            w.hardware = machine(16)
            w.resize(1100, 700)
            w.show()
            pump(app, 600)
            w.grab().save(str(out / f"welcome-{mode}.png"))
            dispose(w)
    assert not leftover_windows(), leftover_windows()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
