"""Hostile folders to attach: links out of the folder, .gitignore lines pathspec refuses, ignore
files that are FIFOs or links to /dev/zero, names that are not UTF-8, folders thousands deep,
unreadable files and folders, and a folder of 100,000 files. Each is attached with its notes;
none leaks a file from outside, hangs, crashes or floods the user with lines."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.core.code import walk as walk_mod
from app.core.code.attach import AttachError, attach, compose, describe_skips, files_of
from tests.faults.tally import Tries

SECRET = "BEGIN OPENSSH PRIVATE KEY do-not-send-7f3a"
BAD_LINES = ["\\", "[z-a]", "!", "a\\", "[9-0]*.py", "!\\"]
posix_only = pytest.mark.skipif(os.name != "posix", reason="links, FIFOs and byte names are POSIX")


@pytest.fixture()
def fast_tmp(tmp_path: Path) -> Iterator[Path]:
    """A folder in memory (/dev/shm) where there is one: a tree thousands deep, or 100,000 files,
    is made and removed in a fraction of a second there, and in many on a journalled disk."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    with tempfile.TemporaryDirectory(dir=shm, prefix="r1desk-test-") as d:
        yield Path(d)


def _project(root: Path) -> Path:
    """A small repository: a source file, a log its .gitignore leaves out, and ``.git``."""
    p = root / "project"
    (p / "src").mkdir(parents=True)
    (p / ".git" / "info").mkdir(parents=True)
    (p / ".gitignore").write_text("*.log\n")
    (p / "src" / "main.py").write_text("print('hi')\n")
    (p / "debug.log").write_text("noise\n")
    return p


def _texts(a: object) -> str:
    return compose("", files_of([a]))  # type: ignore[list-item]


# ---- 1. links out of the folder ---------------------------------------------------------------


def _link_cases(tmp: Path) -> list[tuple[str, Callable[[Path], None]]]:
    secret = tmp / "secret" / "id_rsa"
    secret.parent.mkdir(exist_ok=True)
    secret.write_text(SECRET + "\n")
    (tmp / "secret" / "more.txt").write_text(SECRET + "\n")
    return [
        ("absolute link to a file outside", lambda p: (p / "key.txt").symlink_to(secret)),
        ("relative ../ link", lambda p: (p / "src" / "id.py").symlink_to(Path("../../secret/id_rsa"))),
        ("link to a folder outside", lambda p: (p / "vendor").symlink_to(secret.parent)),
        ("chain of links", lambda p: ((p / "a").symlink_to(p / "b"), (p / "b").symlink_to(secret))),
        ("dangling link", lambda p: (p / "gone.py").symlink_to(tmp / "nothing-here")),
        ("link to /etc/passwd", lambda p: (p / "passwd").symlink_to("/etc/passwd")),
        ("link to /dev/zero", lambda p: (p / "zero.bin").symlink_to("/dev/zero")),
        (
            "ignored-file link",
            lambda p: ((p / "keys.log").symlink_to(secret), (p / "cfg.py").symlink_to(p / "keys.log")),
        ),
    ]


@posix_only
def test_a_folder_walk_follows_no_link_out_of_the_folder(tmp_path: Path, tries: Callable[[str], Tries]) -> None:
    t = tries("attach: links out of the folder")
    for i, (what, make) in enumerate(_link_cases(tmp_path)):
        with t(what):
            p = _project(tmp_path / f"try{i}")
            make(p)
            a = attach(p)
            text = _texts(a)
            assert SECRET not in text and "root:" not in text, "a linked file outside the folder was attached"
            notes = [s.reason for s in a.skipped]
            assert any("(not followed)" in n for n in notes), notes
            assert [f.rel for f in a.files] == [".gitignore", "src/main.py"]


@posix_only
def test_a_link_inside_the_folder_is_noted_and_its_target_attached_once(tmp_path: Path) -> None:
    p = _project(tmp_path)
    (p / "alias.py").symlink_to(p / "src" / "main.py")
    a = attach(p)
    assert [f.rel for f in a.files] == [".gitignore", "src/main.py"]
    assert ("alias.py", "a link (not followed)") in [(s.rel, s.reason) for s in a.skipped]


@posix_only
def test_a_link_named_explicitly_is_followed_only_inside_its_project(tmp_path: Path) -> None:
    p = _project(tmp_path)
    cases = _link_cases(tmp_path)
    cases[0][1](p)  # key.txt -> ../secret/id_rsa
    out = attach(p / "key.txt")
    assert not out.files and "outside its project (not followed" in out.skipped[0].reason
    (p / "alias.py").symlink_to(p / "src" / "main.py")
    inside = attach(p / "alias.py")
    assert [f.rel for f in inside.files] == ["src/main.py"]  # the target, under its own name
    # The file itself, named by its own path, is the user's to send.
    assert SECRET in attach(tmp_path / "secret" / "id_rsa").files[0].text


# ---- 8. .gitignore lines pathspec refuses ------------------------------------------------------


def test_a_bad_gitignore_line_is_left_out_with_a_note_and_the_rest_apply(
    tmp_path: Path, tries: Callable[[str], Tries]
) -> None:
    t = tries("attach: .gitignore lines pathspec refuses")
    rng = random.Random(29)
    where = ["folder", "nested", "repository above", ".git/info/exclude"]
    for i in range(24):
        bad, place = BAD_LINES[i % len(BAD_LINES)], where[i % len(where)]
        with t(f"try {i}: {bad!r} in {place}"):
            p = _project(tmp_path / f"try{i}")
            lines = ["# rules", bad, "*.tmp", *([bad] if rng.random() < 0.5 else [])]
            (p / "src" / "x.tmp").write_text("temp\n")
            target = p / "src"
            if place == "folder":
                (p / ".gitignore").write_text("*.log\n" + "\n".join(lines) + "\n")
                target = p
            elif place == "nested":
                (p / "src" / ".gitignore").write_text("\n".join(lines) + "\n")
            elif place == "repository above":
                (p / ".gitignore").write_text("*.log\n" + "\n".join(lines) + "\n")
            else:
                (p / ".git" / "info" / "exclude").write_text("\n".join(lines) + "\n")
            a = attach(target)
            rels = [f.rel for f in a.files]
            assert "src/main.py" in rels and "src/x.tmp" not in rels, "the good rules still apply"
            notes = [str(s) for s in a.skipped if "is not a pattern git can read" in s.reason]
            line = 3 if place in ("folder", "repository above") else 2  # after "*.log" and "# rules"
            assert notes and f"line {line} " in notes[0], a.skipped


# ---- 9. ignore files that are FIFOs or endless ------------------------------------------------

_SPECIAL = textwrap.dedent(
    """
    import os, resource, sys
    from pathlib import Path
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
    from app.core.code.attach import attach
    a = attach(Path(sys.argv[1]))
    print("\\n".join(str(s) for s in a.skipped))
    print("FILES", " ".join(f.rel for f in a.files))
    """
)


def _special_cases(root: Path) -> list[tuple[str, Path, Path]]:
    """(what, the special file to make, the folder to attach)."""
    p = root / "project"
    return [
        (".gitignore a FIFO in the folder", p / ".gitignore", p),
        (".gitignore a FIFO above the folder", p / ".gitignore", p / "src"),
        (".git/info/exclude a FIFO", p / ".git" / "info" / "exclude", p / "src"),
        ("nested .gitignore a FIFO", p / "src" / ".gitignore", p),
        (".gitignore a link to /dev/zero", p / ".gitignore", p),
        (".gitignore above a link to /dev/zero", p / ".gitignore", p / "src"),
        ("a source file that is a FIFO", p / "src" / "pipe.py", p),
        ("a 2 MB .gitignore", p / ".gitignore", p),
    ]


@posix_only
def test_ignore_files_that_are_fifos_or_endless_are_left_out_not_waited_on(
    tmp_path: Path, tries: Callable[[str], Tries]
) -> None:
    t = tries("attach: FIFO and endless ignore files")
    for i, (what, special, target) in enumerate(_special_cases(tmp_path / "x")):
        root = tmp_path / f"try{i}"
        special, target = root / special.relative_to(tmp_path / "x"), root / target.relative_to(tmp_path / "x")
        with t(what):
            _project(root)
            special.unlink(missing_ok=True)
            if "/dev/zero" in what:
                special.symlink_to("/dev/zero")
            elif "2 MB" in what:
                special.write_text("*.log\n" + "# filler\n" * (2 * 1024 * 1024 // 9))
            else:
                os.mkfifo(special)
            env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]))
            try:
                r = subprocess.run(
                    [sys.executable, "-c", _SPECIAL, str(target)], capture_output=True, text=True, timeout=120, env=env
                )
            except subprocess.TimeoutExpired:
                raise AssertionError("the walk hung") from None
            assert r.returncode == 0, r.stderr[-2000:]
            assert "src/main.py" in r.stdout.splitlines()[-1]
            if special.name in (".gitignore", "exclude"):
                assert "its rules are not used" in r.stdout, r.stdout


# ---- 10. names, depth, permissions, size ------------------------------------------------------


@posix_only
def test_names_that_are_not_utf8_are_escaped(tmp_path: Path, tries: Callable[[str], Tries]) -> None:
    t = tries("attach: hostile names and trees")
    root = os.fsencode(_project(tmp_path))
    os.makedirs(root + b"/caf\xe9/d\xff", exist_ok=True)
    for name in (b"caf\xe9.py", b"caf\xe9/d\xff/x.py", b"\xff\xfe.md"):
        with open(root + b"/" + name, "wb") as f:
            f.write(b"x = 1\n")
    with t("a folder of byte names"):
        a = attach(tmp_path / "project")
        rels = [f.rel for f in a.files]
        assert "caf\\xe9.py" in rels and "caf\\xe9/d\\xff/x.py" in rels and "\\xff\\xfe.md" in rels
        compose("look", files_of([a])).encode("utf-8")  # stored, sent and printed without an error
    with t("a byte name attached by name"):
        named = attach(os.fsdecode(root + b"/caf\xe9.py"))
        assert named.label == "caf\\xe9.py" and named.files[0].rel == "caf\\xe9.py"


def _deep(folder: Path, depth: int) -> None:
    """``depth`` nested folders, made through directory descriptors (no path is ever that long)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir("d", dir_fd=fd)
            inner = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        os.close(os.open("leaf.py", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd))
    finally:
        os.close(fd)


def _undeep(folder: Path, depth: int) -> None:
    """Remove what :func:`_deep` made (shutil.rmtree recurses, and would fail on it)."""
    fds = [os.open(folder, os.O_RDONLY)]
    for _ in range(depth):
        fds.append(os.open("d", os.O_RDONLY, dir_fd=fds[-1]))
    os.unlink("leaf.py", dir_fd=fds[-1])
    while len(fds) > 1:
        os.close(fds.pop())
        os.rmdir("d", dir_fd=fds[-1])
    os.close(fds[0])


@posix_only
def test_a_folder_thousands_deep_is_walked_without_recursion(fast_tmp: Path, tries: Callable[[str], Tries]) -> None:
    t = tries("attach: hostile names and trees")
    for depth in (1_940, 3_000):
        p = _project(fast_tmp / str(depth))
        _deep(p / "src", depth)
        try:
            with t(f"{depth} folders deep"):
                a = attach(p)
                assert "src/main.py" in [f.rel for f in a.files]
                deep_rels = [f.rel for f in a.files if f.rel.endswith("leaf.py")]
                listed = [s for s in a.skipped if s.reason.startswith("could not be listed")]
                assert deep_rels or listed, "the deepest file is attached, or the folder too long to list is named"
        finally:
            _undeep(p / "src", depth)


@posix_only
def test_unreadable_files_and_folders_are_skipped_with_permission_denied(
    tmp_path: Path, tries: Callable[[str], Tries], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The permission errors are raised on purpose (the tests may run as root, who reads all)."""
    t = tries("attach: hostile names and trees")
    p = _project(tmp_path)
    (p / "locked").mkdir()
    (p / "locked" / ".gitignore").write_text("x\n")
    (p / "private.py").write_text("x = 1\n")
    (p / "sub").mkdir()
    (p / "sub" / ".gitignore").write_text("*.tmp\n")
    real_open, real_scandir = os.open, os.scandir
    denied = {str(p / "private.py"), str(p / "sub" / ".gitignore")}

    def fake_open(path: object, *args: object, **kw: object) -> int:
        if str(path) in denied:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kw)  # type: ignore[arg-type]

    def fake_scandir(path: object) -> object:
        if str(path) == str(p / "locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    real_stat = os.stat

    def fake_stat(path: object, *args: object, **kw: object) -> os.stat_result:
        if str(path) == str(p / "locked" / "inside.py"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "scandir", fake_scandir)
    monkeypatch.setattr(os, "stat", fake_stat)
    with t("unreadable file, unlistable folder, unreadable .gitignore"):
        notes = [(s.rel, s.reason) for s in attach(p).skipped]
        assert ("private.py", "could not be read (permission denied)") in notes
        assert ("locked/", "could not be listed (permission denied)") in notes
        assert ("sub/.gitignore", "could not be read (permission denied): its rules are not used") in notes
    with t("an unreadable file named explicitly"):
        assert [s.reason for s in attach(p / "private.py").skipped] == ["could not be read (permission denied)"]
    with t("a path in an unlistable folder named explicitly"), pytest.raises(AttachError) as e:
        attach(p / "locked" / "inside.py")
    assert str(e.value) == f"Cannot attach {p / 'locked' / 'inside.py'}: permission denied."


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads and lists everything")
def test_real_permissions_are_skipped_too(tmp_path: Path) -> None:
    p = _project(tmp_path)
    (p / "private.py").write_text("x = 1\n")
    (p / "locked").mkdir()
    os.chmod(p / "private.py", 0)
    os.chmod(p / "locked", 0)
    try:
        notes = {s.rel: s.reason for s in attach(p).skipped}
        with pytest.raises(AttachError, match="permission denied"):
            attach(p / "locked" / "inside.py")
    finally:
        os.chmod(p / "locked", 0o755)
    assert notes["private.py"] == "could not be read (permission denied)"
    assert notes["locked/"] == "could not be listed (permission denied)"


@pytest.mark.slow
def test_a_hundred_thousand_files_are_summarised_not_listed(fast_tmp: Path, tries: Callable[[str], Tries]) -> None:
    t = tries("attach: hostile names and trees")
    build = fast_tmp / "big" / "build"
    build.mkdir(parents=True)
    for i in range(100_000):
        os.close(os.open(build / f"f{i:06d}.txt", os.O_WRONLY | os.O_CREAT, 0o644))
    with t("100,000 files in one folder"):
        a = attach(fast_tmp / "big")
        assert len(a.files) == 500 and len(a.skipped) == walk_mod.NOTES_PER_FOLDER + 1
        assert str(a.skipped[-1]) == "big/build/: and 99,480 more in it: over the 500-file limit of one attachment"
        assert describe_skips(a.skipped, limit=3).startswith("Skipped 99,500: big/build/f000500.txt (over the ")
        assert describe_skips(a.skipped, limit=3).endswith("; and 99,497 more.")
