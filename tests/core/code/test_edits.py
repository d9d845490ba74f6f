"""Proposed edits: an answer's blocks -> diffs against the disk (whole file, SEARCH/REPLACE, CRLF,
no last line break), refused paths, a file changed since it was attached, apply and undo (also
after a restart, from the chats database)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from app.core.chats.store import Message, Store
from app.core.code.edit_blocks import blocks_of, path_on_line
from app.core.code.edit_files import EditError, undo
from app.core.code.edits import Workspace, apply_edit, diff_of, propose
from tests.support.edit_fixture import ANSWER, APP, APP_NEW, LONG, NO_EOL, WIN, attached_texts, make_edit_project


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    return make_edit_project(tmp_path)


def ws(root: Path, **kw: object) -> Workspace:
    return Workspace(root, attached_texts(root), **kw)  # type: ignore[arg-type]


def test_each_named_block_becomes_an_edit_with_its_diff_and_counts(root: Path) -> None:
    edits = {e.rel: e for e in propose(ANSWER, ws(root))}
    assert list(edits) == ["src/app.py", "win.txt", "src/no_eol.py", "src/long.py"]
    app = edits["src/app.py"]
    assert app.applicable and app.counts == (1, 1)
    assert app.diff == (
        "--- a/src/app.py\n+++ b/src/app.py\n@@ -2,7 +2,7 @@\n \n \n def main():\n"
        "-    print('hi')\n+    print('hello', file=sys.stderr)\n \n \n main()\n"
    )
    assert app.new == APP_NEW


def test_a_crlf_file_keeps_its_line_breaks(root: Path) -> None:
    win = next(e for e in propose(ANSWER, ws(root)) if e.rel == "win.txt")
    assert win.new == "first\r\nSECOND\r\nthird\r\n"
    assert "-second\r\n+SECOND\r\n" in win.diff
    apply_edit(win, ws(root))
    assert (root / "win.txt").read_bytes() == b"first\r\nSECOND\r\nthird\r\n"


def test_a_file_without_a_last_line_break_keeps_it_that_way(root: Path) -> None:
    e = next(e for e in propose(ANSWER, ws(root)) if e.rel == "src/no_eol.py")
    assert e.new == "A = 1\nB = 3"
    assert e.diff.endswith("-B = 2\n\\ No newline at end of file\n+B = 3\n\\ No newline at end of file\n")


def test_search_replace_pieces_change_only_their_lines(root: Path) -> None:
    e = next(e for e in propose(ANSWER, ws(root)) if e.rel == "src/long.py")
    assert e.counts == (5, 1)
    want = LONG.replace("return 30\n", "return 3000\n").replace(
        "return 59\n", "return 59\n\n\ndef f60():\n    return 60\n"
    )
    assert e.new == want


def test_the_whole_patch_applies_with_git(root: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    patch = diff_of(propose(ANSWER, ws(root)))
    r = subprocess.run(["git", "apply", "--check", "-v"], input=patch.encode(), cwd=root, capture_output=True)
    assert r.returncode == 0, r.stderr
    subprocess.run(["git", "apply"], input=patch.encode(), cwd=root, check=True)
    assert (root / "win.txt").read_bytes() == b"first\r\nSECOND\r\nthird\r\n"
    assert (root / "src" / "no_eol.py").read_text() == "A = 1\nB = 3"


def test_a_search_text_that_is_not_in_the_file_is_a_problem_not_a_guess(root: Path) -> None:
    answer = "src/app.py\n```python\n<<<<<<< SEARCH\nprint('bye')\n=======\nprint('x')\n>>>>>>> REPLACE\n```\n"
    [e] = propose(answer, ws(root))
    assert not e.applicable
    assert e.problem == "The SEARCH text of edit 1 is not in src/app.py as it is on disk."
    with pytest.raises(EditError):
        apply_edit(e, ws(root))
    assert (root / "src" / "app.py").read_text() == APP


def test_trailing_spaces_the_model_dropped_still_match(root: Path) -> None:
    (root / "src" / "app.py").write_text(APP.replace("def main():", "def main():   "))
    answer = "src/app.py\n```python\n<<<<<<< SEARCH\ndef main():\n=======\ndef main() -> None:\n>>>>>>> REPLACE\n```\n"
    [e] = propose(answer, Workspace(root, {}))
    assert "+def main() -> None:\n" in e.diff


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("../escape.py", "it leads out of the project folder (..)"),
        ("/etc/hosts", "it is an absolute path"),
        ("src/../../escape.py", "it leads out of the project folder (..)"),
        ("C:\\Windows\\win.ini", "it is an absolute path"),
        (".git/hooks/pre-commit", "it is inside .git, git's own data"),
        ("link/escape.py", "a link on its way leads out of the project folder"),
    ],
)
def test_a_path_outside_the_folder_is_shown_refused_and_never_written(root: Path, path: str, why: str) -> None:
    outside = root.parent / "outside"
    outside.mkdir()
    os.symlink(outside, root / "link")
    answer = f"File: {path}\n```python\nBAD = 1\n```\n"
    [e] = propose(answer, ws(root))
    assert e.refused and not e.applicable
    assert e.problem == f"{path} is not written: {why}."
    with pytest.raises(EditError):
        apply_edit(e, ws(root))
    assert not (root.parent / "escape.py").exists() and not (outside / "escape.py").exists()
    assert list(outside.iterdir()) == []


def test_a_nul_in_a_path_is_refused(root: Path) -> None:
    [e] = propose("File: src/a\0b.py\n```python\nX = 1\n```\n", ws(root))
    assert e.refused and e.problem == "src/a\\0b.py is not written: its name holds a NUL character."


def test_a_file_changed_since_it_was_attached_is_stale_and_refused(root: Path) -> None:
    space = ws(root)
    (root / "src" / "app.py").write_text(APP.replace("import sys", "import os"))  # the user edits meanwhile
    e = next(e for e in propose(ANSWER, space) if e.rel == "src/app.py")
    assert e.stale and not e.applicable
    assert "-import sys\n+import os\n" in e.since_attached  # attached -> disk
    assert "+    print('hello', file=sys.stderr)\n" in e.diff  # disk -> proposed
    with pytest.raises(EditError, match="changed on disk since it was attached"):
        apply_edit(e, space)
    assert (root / "src" / "app.py").read_text() == APP.replace("import sys", "import os")


def test_a_change_after_the_diff_was_made_is_never_overwritten(root: Path) -> None:
    e = next(e for e in propose(ANSWER, Workspace(root, {})) if e.rel == "src/app.py")
    (root / "src" / "app.py").write_text("changed\n")
    with pytest.raises(EditError, match="changed on disk since this diff was made"):
        apply_edit(e, Workspace(root, {}))
    assert (root / "src" / "app.py").read_text() == "changed\n"


def test_a_mention_in_a_sentence_edits_only_a_known_file(root: Path) -> None:
    answer = "Run it like `src/other.py` does:\n```python\nprint(1)\n```\n\nSee app.py for a shell session:\n```bash\npython app.py\n```\n"
    assert propose(answer, ws(root)) == []


def test_a_whole_file_block_that_leaves_code_out_is_not_applied(root: Path) -> None:
    answer = "File: src/app.py\n```python\nimport sys\n\n# ... rest of the code unchanged\n```\n"
    [e] = propose(answer, ws(root))
    assert not e.applicable and e.new is None
    assert e.problem == (
        'The block for src/app.py leaves parts of the file out ("# ... rest of the code unchanged"): written, it '
        "would delete them. Ask for the whole file, or for SEARCH/REPLACE edits."
    )


def test_an_empty_block_is_no_edit(root: Path) -> None:
    assert propose("File: src/app.py\n```python\n```\n\nFile: src/new.py\n```python\n\n```\n", ws(root)) == []


def test_an_unclosed_block_is_no_edit() -> None:
    assert blocks_of("File: a.py\n```python\nprint(1)\n") == []


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("File: src/app.py", ("src/app.py", True)),
        ("### `src/app.py`", ("src/app.py", True)),
        ("**src/app.py**:", ("src/app.py", True)),
        ("src/app.py", ("src/app.py", True)),
        ("Here is the updated `src/app.py`:", ("src/app.py", False)),
        ("Output:", ("", False)),
    ],
)
def test_the_line_before_a_block_names_its_file(line: str, found: tuple[str, bool]) -> None:
    assert path_on_line(line) == found


def test_apply_then_undo_puts_back_the_exact_bytes_and_keeps_the_mode(root: Path) -> None:
    path = root / "src" / "no_eol.py"
    path.chmod(0o640)
    e = next(e for e in propose(ANSWER, ws(root)) if e.rel == "src/no_eol.py")
    done = apply_edit(e, ws(root))
    assert path.read_text() == "A = 1\nB = 3" and path.stat().st_mode & 0o777 == 0o640
    undo(done)
    assert path.read_text() == NO_EOL and path.stat().st_mode & 0o777 == 0o640


def test_undo_survives_a_restart_through_the_chats_database(root: Path, tmp_path: Path) -> None:
    store = Store(tmp_path / "chats.sqlite3")
    cid = store.create_conversation("Edit")
    store.set_project(cid, str(root))
    store.add_message(cid, Message("user", "Change it"))
    mid = store.add_message(cid, Message("assistant", ANSWER))
    e = next(e for e in propose(ANSWER, ws(root)) if e.rel == "win.txt")
    store.record_edit(mid, e.rel, "applied", apply_edit(e, ws(root)))
    store.close()

    again = Store(tmp_path / "chats.sqlite3")
    assert again.project(cid) == str(root)
    record = again.edit_records(mid)["win.txt"]
    done = record.applied()
    assert record.state == "applied" and done is not None
    undo(done)
    again.record_edit(mid, "win.txt", "undone")
    assert (root / "win.txt").read_bytes() == WIN.encode()
    assert again.edit_records(mid)["win.txt"].applied() is None


def test_undo_leaves_a_file_changed_after_the_apply(root: Path) -> None:
    e = next(e for e in propose(ANSWER, ws(root)) if e.rel == "src/app.py")
    done = apply_edit(e, ws(root))
    (root / "src" / "app.py").write_text("mine\n")
    with pytest.raises(EditError, match="changed since the edit was applied"):
        undo(done)
    assert (root / "src" / "app.py").read_text() == "mine\n"


def test_a_new_file_is_made_and_undo_removes_it(root: Path) -> None:
    [e] = propose("File: src/pkg/new.py\n```python\nNEW = 1\n```\n", ws(root))
    assert e.is_new and e.diff.startswith("--- /dev/null\n+++ b/src/pkg/new.py\n")
    done = apply_edit(e, ws(root))
    assert (root / "src" / "pkg" / "new.py").read_text() == "NEW = 1\n"
    undo(done)
    assert not (root / "src" / "pkg" / "new.py").exists()


def test_only_opened_folders_take_new_files(root: Path) -> None:
    space = Workspace(root, attached_texts(root), open=("src",))
    assert propose("File: other/new.py\n```python\nX = 1\n```\n", space) == []
    [e] = propose("File: src/new.py\n```python\nX = 1\n```\n", space)
    assert e.is_new


def test_a_path_written_with_the_folder_name_finds_the_attached_file(root: Path) -> None:
    attached = {"app.py": APP}
    space = Workspace(root / "src", attached, open=())
    [e] = propose(f"File: proj/src/app.py\n```python\n{APP_NEW}```\n", space)
    assert e.rel == "app.py" and e.applicable
