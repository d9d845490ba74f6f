"""Screenshots of proposed edits and the project panel, for looking at (not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.screenshots.edits OUT_DIR

Writes, at 1400×900 and 800×600, light and dark: edits-card-*.png (an answer proposing three
edits, one a path outside the project, beside the project panel), edits-diff-*.png (the review,
unified; side by side at 1400), edits-applied-*.png (after Apply all: the card with Undo apply)
and edits-stale-*.png (a file changed since it was attached: the review shows both diffs);
once more in German (edits-*-de-light-1400.png).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.core.settings import Settings
from app.ui.chat.diff_dialog import DiffDialog
from app.ui.chat.edits_view import EditsPanel
from app.ui.chat.message_widgets import AssistantMessageWidget
from app.ui.text import i18n
from app.ui.window.main_window import MainWindow
from tests.screenshots.attachments import SIZES, window
from tests.screenshots.chat_window import pump
from tests.screenshots.teardown import dispose
from tests.support.edit_fixture import APP, APP_NEW, make_edit_project
from tests.support.fake_engine import FakeEngine, script

ANSWER = (
    "The greeting should go to stderr, and `long.py` gets the new function.\n\n"
    f"File: src/app.py\n```python\n{APP_NEW}```\n\n"
    "src/long.py\n```python\n<<<<<<< SEARCH\ndef f59():\n    return 59\n=======\ndef f59():\n    return 59\n\n\n"
    "def f60():\n    return 60\n>>>>>>> REPLACE\n```\n\n"
    "And a note for your shell profile:\n\nFile: ../.bashrc\n```bash\nexport GREETING=hello\n```\n"
)


def chat(app: QApplication, dark: bool, size: tuple[int, int]) -> tuple[MainWindow, Path]:
    home = Path(tempfile.mkdtemp())
    root = make_edit_project(home)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    engine = FakeEngine(delay=0.001)
    engine.streams.append(script("The user wants the greeting on stderr and f60 in long.py.\n", ANSWER))
    w = window(app, home, dark, size, Settings(), engine)
    w.project.open(root)
    pump(app, 800)
    for rel in ("src/app.py", "src/long.py"):
        item = w.project.panel.row_of(rel)
        if item is not None:
            item.setCheckState(0, Qt.CheckState.Checked)
    pump(app, 400)
    w.composer.set_text("Send the greeting to stderr and add f60.")
    w.composer.send.click()
    pump(app, 3000)
    card = [c for c in w.chat.turns() if isinstance(c, AssistantMessageWidget)][-1]
    w.chat.ensureWidgetVisible(card.findChild(EditsPanel) or card, 0, 40)
    pump(app, 300)
    return w, root


def panel(w: MainWindow) -> EditsPanel:
    card = [c for c in w.chat.turns() if isinstance(c, AssistantMessageWidget)][-1]
    found = card.findChild(EditsPanel)
    assert found is not None
    return found


def dialog(w: MainWindow) -> DiffDialog:
    return next(iter(w.controller.edits.dialogs.values()))


def shots(app: QApplication, out: Path, name: str, dark: bool, size: tuple[int, int]) -> None:
    w, root = chat(app, dark, size)
    w.grab().save(str(out / f"edits-card-{name}.png"))
    p = panel(w)
    p.review_all.click()
    pump(app, 500)
    d = dialog(w)
    d.resize(size[0] - 80, size[1] - 80)
    d.side.setChecked(size[0] >= 1400)
    pump(app, 400)
    d.grab().save(str(out / f"edits-diff-{name}.png"))
    d.close()
    p.apply_all.click()
    pump(app, 500)
    w.chat.ensureWidgetVisible(panel(w), 0, 40)
    pump(app, 300)
    w.grab().save(str(out / f"edits-applied-{name}.png"))
    panel(w).buttons[3].click()  # src/app.py's Undo apply  # src/app.py is back as it was ...
    (root / "src" / "app.py").write_text(APP.replace("import sys", "import os, sys"))  # ... and edited meanwhile
    w.controller.rerender()
    pump(app, 600)
    panel(w).buttons[2].click()  # src/app.py's Review
    pump(app, 500)
    d = dialog(w)
    d.resize(size[0] - 80, size[1] - 80)
    pump(app, 300)
    d.grab().save(str(out / f"edits-stale-{name}.png"))
    d.close()
    dispose(w)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    i18n.install(app, "en")
    for size_name, size in SIZES.items():
        for dark in (False, True):
            shots(app, out, f"{'dark' if dark else 'light'}-{size_name}", dark, size)
    i18n.install(app, "de")  # the window's words in German, once
    shots(app, out, "de-light-1400", False, SIZES["1400"])
    i18n.install(app, "en")
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
