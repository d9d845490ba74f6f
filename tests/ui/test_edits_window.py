"""Issue 27 in the window: an answer's file blocks become proposed edits on its card, reviewed as a
diff, applied, undone (also after a restart), refused when the file changed since it was attached
or the path leaves the project; the project panel lists the folder's files, and the file watcher
marks a changed file stale and sends it again with the next message."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from app.core.chats.store import Store
from app.core.settings import Settings
from app.ui.chat.diff_dialog import DiffDialog
from app.ui.chat.edits_view import EditsPanel
from app.ui.chat.message_widgets import AssistantMessageWidget
from app.ui.render.markdown import Theme
from app.ui.window.main_window import MainWindow
from app.ui.workers.generation import GenerationWorker
from tests.support.edit_fixture import APP, APP_NEW, make_edit_project
from tests.support.fake_engine import FakeEngine, script
from tests.ui.conftest import send

EDIT = f"The greeting goes to stderr.\n\nFile: src/app.py\n```python\n{APP_NEW}```\n"


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    root = make_edit_project(tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    return root


@pytest.fixture()
def window_on(qtbot, tiny_model: Path) -> Iterator[Callable[..., MainWindow]]:
    """``window_on(db, engine)``: a window on the chats database ``db`` (the same one again is a restart)."""
    made: list[MainWindow] = []

    def make(db: Path, engine: FakeEngine | None = None) -> MainWindow:
        w = MainWindow(Store(db), Settings(), Theme.named("light"), GenerationWorker(engine or FakeEngine()))  # type: ignore[arg-type]
        qtbot.addWidget(w)
        w.resize(1200, 800)
        w.show()
        w.load_model(str(tiny_model))
        qtbot.waitUntil(lambda: w.controller.model_ready, timeout=60_000)
        made.append(w)
        return w

    yield make
    for w in made:
        w.close()
        w.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def open_project(qtbot, w: MainWindow, root: Path, *files: str) -> None:
    w.project.open(root)
    qtbot.waitUntil(lambda: w.project.ctx is not None and w.project.ctx.listing is not None, timeout=60_000)
    for rel in files:
        item = w.project.panel.row_of(rel)
        assert item is not None
        item.setCheckState(0, Qt.CheckState.Checked)


def panel(w: MainWindow) -> EditsPanel:
    cards = [c for c in w.chat.turns() if isinstance(c, AssistantMessageWidget)]
    p = cards[-1].findChild(EditsPanel)
    assert p is not None
    return p


def button(p: EditsPanel, text: str, rel: str = ""):
    found = [b for b in p.buttons if b.text() == text and (not rel or b.accessibleName() == f"{text}: {rel}")]
    assert found, f"no {text} button among {[b.text() for b in p.buttons]}"
    return found[0]


def ask(qtbot, w: MainWindow, engine: FakeEngine, answer: str, question: str = "Send the greeting to stderr.") -> None:
    engine.streams.append(script("The user wants stderr.\n", answer))
    send(qtbot, w, question)


def test_a_card_proposes_the_edit_and_apply_then_undo_work_across_a_restart(qtbot, window_on, root, tmp_path) -> None:
    engine = FakeEngine()
    w = window_on(tmp_path / "chats.sqlite3", engine)
    open_project(qtbot, w, root, "src/app.py")
    ask(qtbot, w, engine, EDIT)
    assert "File: src/app.py\n```python\nimport sys" in engine.requests[-1][-1]["content"]  # the ticked file went along
    p = panel(w)
    assert [(x.rel, x.added, x.removed, x.state) for x in p.lines] == [("src/app.py", 1, 1, "proposed")]
    button(p, "Apply").click()
    assert (root / "src" / "app.py").read_text() == APP_NEW
    assert [x.state for x in panel(w).lines] == ["applied"]
    cid = w.controller.conversation_id
    w.close()

    again = window_on(tmp_path / "chats.sqlite3")  # a restart: the undo comes from the database
    again.controller.open_conversation(cid)
    p = panel(again)
    assert [x.state for x in p.lines] == ["applied"]
    button(p, "Undo apply").click()
    assert (root / "src" / "app.py").read_text() == APP
    assert [x.state for x in panel(again).lines] == ["proposed"]


def test_the_review_shows_the_diff_and_applies_from_there(qtbot, window_on, root, tmp_path) -> None:
    engine = FakeEngine()
    w = window_on(tmp_path / "chats.sqlite3", engine)
    open_project(qtbot, w, root, "src/app.py")
    ask(qtbot, w, engine, EDIT)
    button(panel(w), "Review").click()
    dialog = w.findChild(DiffDialog)
    assert dialog is not None and dialog.isVisible()
    text = dialog.view.toPlainText()
    assert "print('hi')" in text and "print('hello', file=sys.stderr)" in text
    dialog.side.setChecked(True)
    assert "print('hello', file=sys.stderr)" in dialog.view.toPlainText()
    dialog.apply_btn.click()
    assert (root / "src" / "app.py").read_text() == APP_NEW
    assert dialog.undo_btn.isEnabled() and not dialog.apply_btn.isEnabled()


def test_a_file_changed_since_it_was_attached_is_not_applied(qtbot, window_on, root, tmp_path) -> None:
    engine = FakeEngine()
    w = window_on(tmp_path / "chats.sqlite3", engine)
    open_project(qtbot, w, root, "src/app.py")
    ask(qtbot, w, engine, EDIT)
    (root / "src" / "app.py").write_text(APP.replace("import sys", "import os"))  # edited meanwhile
    w.controller.rerender()
    p = panel(w)
    assert [x.state for x in p.lines] == ["stale"]
    assert "Apply" not in [b.text() for b in p.buttons if b is not p.apply_all]
    button(p, "Review").click()
    dialog = w.findChild(DiffDialog)
    assert dialog is not None
    assert "changed on disk since it was attached" in dialog.situation.text()
    assert "import os" in dialog.view.toPlainText()  # attached -> disk, then disk -> proposed
    button(p, "Re-attach").click()
    qtbot.waitUntil(lambda: any("import os" in f.text for f in w.attach.files()), timeout=60_000)
    assert (root / "src" / "app.py").read_text() == APP.replace("import sys", "import os")


def test_a_path_outside_the_project_is_shown_refused(qtbot, window_on, root, tmp_path) -> None:
    engine = FakeEngine()
    w = window_on(tmp_path / "chats.sqlite3", engine)
    open_project(qtbot, w, root, "src/app.py")
    ask(qtbot, w, engine, EDIT + "\nFile: ../evil.py\n```python\nBAD = 1\n```\n")
    p = panel(w)
    assert [(x.rel, x.state) for x in p.lines] == [("src/app.py", "proposed"), ("../evil.py", "refused")]
    assert p.lines[1].note == "../evil.py is not written: it leads out of the project folder (..)."
    p.apply_all.click()
    assert not (root.parent / "evil.py").exists()
    assert (root / "src" / "app.py").read_text() == APP_NEW


def test_the_watcher_marks_a_changed_file_stale_and_the_next_message_carries_it(
    qtbot, window_on, root, tmp_path
) -> None:
    engine = FakeEngine()
    w = window_on(tmp_path / "chats.sqlite3", engine)
    open_project(qtbot, w, root, "src/app.py")
    ask(qtbot, w, engine, "It prints hi.", "What does it print?")
    assert w.project.ctx is not None and w.project.ctx.state("src/app.py") == "in"
    assert w.attach.files() == []  # the model has it: nothing to send again
    saved = root / "src" / ".app.py.swp"
    saved.write_text("print('changed on disk')\n")
    with qtbot.waitSignal(w.project.stale, timeout=60_000) as seen:
        os.replace(saved, root / "src" / "app.py")  # as editors save: a whole new file, renamed over
    assert seen.args == ["src/app.py"]
    assert w.project.ctx.state("src/app.py") == "stale"
    item = w.project.panel.row_of("src/app.py")
    assert item is not None and item.text(2) == "changed"
    # read again at once, so the meter counts it
    qtbot.waitUntil(lambda: [f.text for f in w.attach.files()] == ["print('changed on disk')\n"], timeout=60_000)
    ask(qtbot, w, engine, "Now it prints that.", "And now?")
    assert "File: src/app.py\n```python\nprint('changed on disk')\n```" in engine.requests[-1][-1]["content"]
    assert w.project.ctx.state("src/app.py") == "in"


def test_the_panel_greys_files_that_cannot_be_used_and_the_first_folder_opens_the_project(
    qtbot, window_on, root, tmp_path
) -> None:
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0")
    w = window_on(tmp_path / "chats.sqlite3")
    w.attach.add_paths([root / "src"])  # no project yet: the folder's repository becomes it
    qtbot.waitUntil(lambda: w.project.ctx is not None and w.project.ctx.listing is not None, timeout=60_000)
    assert w.project.ctx.root == root.resolve() and w.project.dock.isVisible()
    qtbot.waitUntil(
        lambda: [f.rel for f in w.attach.files()] == ["src/app.py", "src/long.py", "src/no_eol.py"], timeout=60_000
    )
    item = w.project.panel.row_of("logo.png")
    assert item is not None
    assert not item.flags() & Qt.ItemFlag.ItemIsEnabled and item.text(2) == "binary (it contains NUL bytes)"
