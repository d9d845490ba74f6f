"""What an attachment says about what it could not take, found by a mutation pass (one line
removed at a time): each test fails with the line it names removed. Links that loop, a folder
or an entry that cannot be looked at, a file swapped for a link mid-walk, names with line
breaks, the size cap of one attachment, the cap on notes, and a folder outside the base."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.code import attach as attach_mod
from app.core.code import walk as walk_mod
from app.core.code.attach import AttachError, attach, compose, files_of, skips_of, split_message
from tests.support.code_fixture import make_project

posix_only = pytest.mark.skipif(os.name != "posix", reason="links and line breaks in names are POSIX")
DENIED = "could not be read (permission denied)"


def _project(root: Path) -> Path:
    """A repository: ``.git``, a .gitignore leaving out ``*.log``, a log, and ``src/main.py``."""
    p = root / "project"
    (p / "src").mkdir(parents=True)
    (p / ".git").mkdir()
    (p / ".gitignore").write_text("*.log\n")
    (p / "src" / "main.py").write_text("print('hi')\n")
    (p / "debug.log").write_text("noise\n")
    return p


def _notes(a: attach_mod.Attachment) -> list[tuple[str, str]]:
    return [(s.rel, s.reason) for s in a.skipped]


@posix_only
def test_each_link_is_one_note_and_a_link_that_loops_is_one_sentence(tmp_path: Path) -> None:
    """walk.py ``to_folder = False`` (a loop would crash the walk) and the ``continue`` after a
    link's note (the link would be tried as a file too, and noted twice); files.py's ``why`` for
    errors that are not a permission (the sentence would say "None")."""
    p = _project(tmp_path)
    (p / "alias.py").symlink_to(p / "src" / "main.py")
    (p / "loop").symlink_to("loop")  # stat says ELOOP: is it a folder? no answer
    (p / "vendor").symlink_to(p / "src")
    a = attach(p)
    assert [f.rel for f in a.files] == [".gitignore", "src/main.py"]
    assert _notes(a) == [
        (".git/", "version-control data"),
        ("alias.py", "a link (not followed)"),
        ("debug.log", "ignored by .gitignore"),
        ("loop", "a link (not followed)"),
        ("vendor/", "a link to a folder (not followed)"),
    ]
    with pytest.raises(AttachError) as e:
        attach(p / "loop")
    assert str(e.value) == f"Cannot attach {p / 'loop'}: {os.strerror(errno.ELOOP)}."


@posix_only
def test_a_file_swapped_for_a_link_during_the_walk_is_not_followed_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """files.py: a link met where the walk saw a file is named as a link (not as an unreadable
    file with an errno's words); its target is never read."""
    p = _project(tmp_path)
    secret = tmp_path / "id_rsa"
    secret.write_text("BEGIN OPENSSH PRIVATE KEY do-not-send\n")
    real_walk = attach_mod.walk

    def racing_walk(*args: object) -> Iterator[tuple[Path, str]]:
        for path, rel in real_walk(*args):  # type: ignore[arg-type]
            if path.name == "main.py":  # swapped after the listing, before the read
                path.unlink()
                path.symlink_to(secret)
            yield path, rel

    monkeypatch.setattr(attach_mod, "walk", racing_walk)
    a = attach(p)
    assert "do-not-send" not in compose("", files_of([a]))
    assert ("src/main.py", "a link (not followed)") in _notes(a)


def test_a_folder_that_cannot_be_listed_is_one_note_under_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """walk.py ``return`` when the attached folder itself cannot be listed (the walk crashed);
    the note names the folder as its chip does, not "./". Raised on purpose: root lists all."""
    p = _project(tmp_path)
    real_scandir = os.scandir

    def fake_scandir(path: object) -> object:
        if str(path) == str(p):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", fake_scandir)
    for a in (attach(p), attach(p, base=p)):  # from its repository root, and from itself as base
        assert a.label == "project/" and not a.files
        assert _notes(a) == [("project/", "could not be listed (permission denied)")]


class _Unknowable:
    """A folder entry whose type cannot be looked up (``lstat`` refused: a folder readable but
    not searchable, on a file system that does not say the type in the listing)."""

    def __init__(self, entry: os.DirEntry[str]) -> None:
        self.name, self.path = entry.name, entry.path

    def is_symlink(self) -> bool:
        raise PermissionError(errno.EACCES, "Permission denied", self.path)

    def is_dir(self, *, follow_symlinks: bool = True) -> bool:
        raise PermissionError(errno.EACCES, "Permission denied", self.path)


def test_an_entry_whose_type_cannot_be_looked_up_is_a_note_and_the_rest_is_walked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """walk.py: the note "could not be read" for such an entry, and the ``continue`` after it."""
    p = _project(tmp_path)
    (p / "src" / "private.py").write_text("x = 1\n")
    real_scandir = os.scandir

    def fake_scandir(path: str) -> contextlib.nullcontext[list[object]]:
        with real_scandir(path) as it:
            return contextlib.nullcontext([_Unknowable(e) if e.name == "private.py" else e for e in it])

    monkeypatch.setattr(os, "scandir", fake_scandir)
    a = attach(p)
    assert [f.rel for f in a.files] == [".gitignore", "src/main.py"]
    assert ("src/private.py", DENIED) in _notes(a)


@posix_only
def test_a_name_with_a_line_break_is_left_out_with_a_note(tmp_path: Path) -> None:
    """attach.py: such a name would break the block's ``File:`` line (the message could not be
    read back); it is left out, and said."""
    p = _project(tmp_path)
    (p / "src" / "two\nlines.py").write_text("x = 1\n")
    (p / "src" / "cr\rname.py").write_text("y = 2\n")
    a = attach(p)
    assert [f.rel for f in a.files] == [".gitignore", "src/main.py"]
    assert ("src/cr name.py", "its name has a line break") in _notes(a)
    assert ("src/two lines.py", "its name has a line break") in _notes(a)
    content = compose("Why?", files_of([a]))
    assert split_message(content)[0] == "Why?"


def test_one_attachment_stops_taking_files_past_its_total_size(tmp_path: Path) -> None:
    """attach.py: the total cap (8 MB, beyond any context) with its note, and the running total."""
    big = tmp_path / "big"
    big.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (big / name).write_text("x" * (3 * 1024 * 1024))
    a = attach(big, max_bytes=4 * 1024 * 1024)
    assert [f.rel for f in a.files] == ["big/a.txt", "big/b.txt"]
    assert _notes(a) == [("big/c.txt", "the attachment already holds 6,144 KB, more than any context")]


def test_notes_past_the_cap_become_one_count_line_and_lose_no_count(tmp_path: Path) -> None:
    """walk.py: at most MAX_NOTES lines (the window lists them), the last one counting the rest;
    each folder's run of one reason is cut to NOTES_PER_FOLDER lines and a count."""
    many = tmp_path / "many"
    many.mkdir()
    (many / ".gitignore").write_text("*.log\n")
    folders, per_folder = 11, walk_mod.NOTES_PER_FOLDER + 1
    for i in range(folders):
        (many / f"d{i:02d}").mkdir()
        for j in range(per_folder):
            (many / f"d{i:02d}" / f"f{j:02d}.log").write_text("x\n")
    a = attach(many)
    assert [f.rel for f in a.files] == ["many/.gitignore"]
    assert len(a.skipped) == walk_mod.MAX_NOTES  # 11 folders x 21 lines would be 231
    assert sum(s.count for s in a.skipped) == folders * per_folder  # what "Skipped N" says
    assert str(a.skipped[walk_mod.NOTES_PER_FOLDER]) == "many/d00/: and 1 more in it: ignored by .gitignore"
    last = a.skipped[-1]
    assert (last.rel, last.reason) == ("many/", f"and {last.count} more") and last.count > 1


def test_a_folder_outside_the_base_keeps_its_own_paths(tmp_path: Path) -> None:
    """attach.py: ``r1desk ask -a ../lib`` (the CLI's base is the current folder): paths start at
    the folder's name, nested folders included, not at each file's bare name."""
    here, lib = tmp_path / "here", tmp_path / "elsewhere" / "lib"
    here.mkdir()
    (lib / "sub").mkdir(parents=True)
    (lib / "a.py").write_text("A = 1\n")
    (lib / "sub" / "b.py").write_text("B = 2\n")
    a = attach(lib, base=here)
    assert a.label == "lib/" and [f.rel for f in a.files] == ["lib/a.py", "lib/sub/b.py"]
    assert attach(lib / "sub" / "b.py", base=here).files[0].rel == "b.py"


def test_a_folder_chip_is_a_folder_and_all_notes_are_listed_in_order(tmp_path: Path) -> None:
    """attach.py ``is_folder`` (a folder's chip counts its files) and ``skips_of`` (what the CLI
    prints and the window lists after attaching several things)."""
    project = make_project(tmp_path)
    folder, binary = attach(project), attach(project / "logo.png")
    assert folder.is_folder and not binary.is_folder
    assert skips_of([folder, binary]) == [*folder.skipped, *binary.skipped]
    assert skips_of([binary])[0].reason == "binary (it contains NUL bytes)"


def test_a_file_that_grows_while_it_is_read_stops_at_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """files.py: the bytes read are counted against the limit (a log written to as it is attached
    grew past any size; it is left out once it passes the limit, not read to its end)."""
    log = tmp_path / "app.log"
    log.write_text("started\n")
    real_fstat = os.fstat

    def fstat_then_grow(fd: int) -> os.stat_result:
        st = real_fstat(fd)
        if st.st_ino == os.stat(log).st_ino:  # the writer appends 300 KB just after the size is taken
            with log.open("a") as f:
                f.write("x" * (300 * 1024))
        return st

    monkeypatch.setattr(os, "fstat", fstat_then_grow)
    a = attach(log)
    assert not a.files and _notes(a) == [("app.log", "too large (it grew past 256 KB while it was read)")]


def test_a_read_that_fails_is_a_note_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """files.py: an I/O error in the middle of a read (a failing disk, a network share gone)."""
    p = _project(tmp_path)
    bad = str(p / "src" / "main.py")
    real_open, real_read = os.open, os.read
    failing: set[int] = set()

    def recording_open(path: object, *args: object, **kw: object) -> int:
        fd = real_open(path, *args, **kw)  # type: ignore[arg-type]
        if str(path) == bad:
            failing.add(fd)
        return fd

    def failing_read(fd: int, n: int) -> bytes:
        if fd in failing:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real_read(fd, n)

    monkeypatch.setattr(os, "open", recording_open)
    monkeypatch.setattr(os, "read", failing_read)
    a = attach(p)
    assert [f.rel for f in a.files] == [".gitignore"]
    assert ("src/main.py", f"could not be read ({os.strerror(errno.EIO)})") in _notes(a)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts open descriptors in /proc")
def test_attaching_leaves_no_file_open(tmp_path: Path) -> None:
    """files.py ``os.close``: each file read (and each one left out) gives its descriptor back;
    a project of a few hundred files attached twice would otherwise use up the process's limit."""
    p = make_project(tmp_path)
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(3):
        attach(p)
    assert len(os.listdir("/proc/self/fd")) == before
