"""A chat's project folder: its listing follows attach's rules (binary and oversized files listed
with their reason), files toggled in go with the next message once, and a file changed on disk
is marked stale and sent again; the watcher's logic driven directly."""

from __future__ import annotations

from pathlib import Path

from app.core.code.attach import compose
from app.core.code.project import ProjectContext, project_for, scan
from tests.support.code_fixture import SKIPPED, make_project

KB = 1024


def test_the_listing_keeps_attachs_rules_and_says_why_a_file_cannot_be_used(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    listing = scan(root, 256 * KB)
    reasons = {f.rel: f.reason for f in listing.files}
    assert reasons == {
        ".gitignore": "",
        "README.md": "",
        "app.py": "",
        "huge.txt": SKIPPED["project/huge.txt"],
        "latin1.txt": SKIPPED["project/latin1.txt"],
        "logo.png": SKIPPED["project/logo.png"],
        "util/helpers.py": "",
        "util/nested/deep.py": "",
    }  # debug.log and build/ are ignored by .gitignore, .git is left out
    app = next(f for f in listing.files if f.rel == "app.py")
    assert app.tokens > 0 and app.size == (root / "app.py").stat().st_size
    assert str(root / "util" / "nested") in listing.folders


def test_the_project_of_an_attached_item_is_its_repository(tmp_path: Path) -> None:
    root = make_project(tmp_path)  # holds a .git folder
    assert project_for(root / "util" / "helpers.py") == root
    assert project_for(root / "util") == root
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "a.py").write_text("A = 1\n")
    assert project_for(plain) == plain
    assert project_for(plain / "a.py") is None  # a loose file opens no project (its folder may be Downloads)


def context(root: Path) -> ProjectContext:
    ctx = ProjectContext(root, 256 * KB)
    ctx.listing = scan(root, 256 * KB)
    return ctx


def test_a_file_toggled_in_goes_with_the_next_message_once(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    ctx = context(root)
    ctx.toggle("app.py", True)
    ctx.toggle("logo.png", True)  # binary: cannot be in the context
    assert ctx.state("app.py") == "new" and ctx.state("logo.png") == "unusable"
    files, _ = ctx.next_files()
    assert [f.rel for f in files] == ["app.py"]
    ctx.set_sent([compose("Look.", files)])  # sent: the model has it
    assert ctx.state("app.py") == "in"
    assert ctx.next_files() == ([], [])


def test_the_watcher_marks_a_changed_file_stale_and_it_is_read_again(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    ctx = context(root)
    ctx.toggle("app.py", True)
    files, _ = ctx.next_files()
    ctx.set_sent([compose("Look.", files)])
    (root / "app.py").write_text("print('changed')\n")
    changed, relist = ctx.changed(str(root / "app.py"))  # what QFileSystemWatcher.fileChanged reports
    assert changed == {"app.py"} and not relist
    assert ctx.state("app.py") == "stale"
    again, _ = ctx.next_files()
    assert [(f.rel, f.text) for f in again] == [("app.py", "print('changed')\n")]
    ctx.set_sent([compose("Look.", files), compose("And now?", again)])
    assert ctx.state("app.py") == "in"


def test_a_file_saved_unchanged_is_not_sent_again(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    ctx = context(root)
    ctx.toggle("app.py", True)
    files, _ = ctx.next_files()
    ctx.set_sent([compose("Look.", files)])
    text = (root / "app.py").read_text()
    (root / "app.py").write_text(text.replace("\n", "\r\n"))  # an editor saved it with CRLF: same text
    ctx.changed(str(root / "app.py"))
    assert ctx.next_files() == ([], [])
    assert ctx.state("app.py") == "in"


def test_a_folder_change_asks_for_a_new_listing(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    ctx = context(root)
    assert ctx.changed(str(root / "util")) == (set(), True)
    assert ctx.changed(str(root / "README.md")) == (set(), False)  # not in the context: nothing to do


def test_opening_a_chat_marks_the_files_changed_since_it_was_sent(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    ctx = context(root)
    ctx.toggle("app.py", True)
    files, _ = ctx.next_files()
    message = compose("Look.", files)
    (root / "app.py").write_text("print('while the app was closed')\n")
    reopened = context(root)
    reopened.set_sent([message])
    assert reopened.included == {"app.py"} and reopened.state("app.py") == "stale"
