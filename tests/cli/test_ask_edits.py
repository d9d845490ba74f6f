"""`r1desk ask -a src/ --diff | git apply` and `--apply`: the answer's file blocks as a patch on
stdout (the answer on stderr), written with --apply --yes, and exit codes that say what happened.
The tiny model is forced (a grammar) to write an answer with a whole-file block, a SEARCH/REPLACE
block, a new file and a path outside the folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.tiny_model import gbnf_literal

CLI = [sys.executable, "-m", "app"]
APP = "def main():\n    print('hi')\n\n\nmain()\n"
UTIL = "def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return a - b\n"
ANSWER = (
    "Ok.\n</think>\n\nHere are the changes.\n\nFile: src/app.py\n```python\ndef main():\n    print('hello')\n\n\nmain()\n```\n\n"
    "src/util.py\n```python\n<<<<<<< SEARCH\ndef sub(a, b):\n    return a - b\n=======\ndef sub(a, b):\n"
    "    return a - b\n\n\ndef mul(a, b):\n    return a * b\n>>>>>>> REPLACE\n```\n\n"
    "File: src/new.py\n```python\nNEW = 1\n```\n"
)


def r1desk(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]))
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300, cwd=cwd, env=env, input=stdin)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "src").mkdir(parents=True)
    (root / "src" / "app.py").write_text(APP)
    (root / "src" / "util.py").write_text(UTIL)
    (root / "src" / "util.py").chmod(0o750)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    return root


def ask(model: Path, repo: Path, answer: str, *more: str) -> subprocess.CompletedProcess[str]:
    return r1desk(
        "ask", "-m", str(model), "--ctx", "2048", "--grammar", gbnf_literal(answer), "Add mul.", "-a", "src/",
        *more, cwd=repo,
    )  # fmt: skip


def test_diff_prints_a_patch_git_apply_takes_and_the_answer_goes_to_stderr(repo: Path, tiny_model: Path) -> None:
    r = ask(tiny_model, repo, ANSWER, "--diff")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("--- a/src/app.py\n+++ b/src/app.py\n")
    assert "+++ b/src/util.py\n" in r.stdout and "+def mul(a, b):\n" in r.stdout
    assert "--- /dev/null\n+++ b/src/new.py\n@@ -0,0 +1 @@\n+NEW = 1\n" in r.stdout
    assert "Here are the changes." in r.stderr and "Here are the changes." not in r.stdout
    assert "r1desk: edit src/app.py (+1 -1)" in r.stderr
    check = subprocess.run(["git", "apply", "--check", "-v"], input=r.stdout, text=True, cwd=repo, capture_output=True)
    assert check.returncode == 0, check.stderr
    assert (repo / "src" / "app.py").read_text() == APP  # --diff writes nothing
    if shutil.which("patch"):
        p = subprocess.run(["patch", "-p1", "--dry-run"], input=r.stdout, text=True, cwd=repo, capture_output=True)
        assert p.returncode == 0, p.stdout + p.stderr


def test_apply_yes_writes_every_edit_and_keeps_the_file_mode(repo: Path, tiny_model: Path) -> None:
    r = ask(tiny_model, repo, ANSWER, "--apply", "--yes")
    assert r.returncode == 0, r.stderr
    assert (repo / "src" / "app.py").read_text() == APP.replace("'hi'", "'hello'")
    assert (repo / "src" / "util.py").read_text() == UTIL + "\n\ndef mul(a, b):\n    return a * b\n"
    assert (repo / "src" / "util.py").stat().st_mode & 0o777 == 0o750
    assert (repo / "src" / "new.py").read_text() == "NEW = 1\n"
    assert "r1desk: wrote src/util.py" in r.stderr
    assert not [p for p in (repo / "src").iterdir() if p.name.startswith(".")]  # no temporary file left


def test_an_answer_without_edits_exits_3(repo: Path, tiny_model: Path) -> None:
    r = ask(tiny_model, repo, "Ok.\n</think>\n\nIt looks fine to me.", "--diff")
    assert r.returncode == 3, r.stderr
    assert r.stdout == ""
    assert "proposes no edit" in r.stderr


def test_a_path_outside_the_folder_is_refused_and_the_others_still_print(repo: Path, tiny_model: Path) -> None:
    answer = ANSWER + "\nFile: ../outside.py\n```python\nBAD = 1\n```\n"
    r = ask(tiny_model, repo, answer, "--apply", "--yes")
    assert r.returncode == 4, r.stderr
    assert "not applied: ../outside.py is not written: it leads out of the project folder (..)." in r.stderr
    assert not (repo.parent / "outside.py").exists()
    assert (repo / "src" / "new.py").exists()  # the good ones were written
    assert "outside" not in r.stdout


def test_apply_without_a_terminal_needs_yes(repo: Path, tiny_model: Path) -> None:
    r = ask(tiny_model, repo, ANSWER, "--apply")
    assert r.returncode == 1
    assert "add --yes" in r.stderr
    assert (repo / "src" / "app.py").read_text() == APP
