"""Writing a model's edit to the user's files, safely: only inside the project folder, atomically,
with the file's permissions kept, and only over the text the user reviewed; and putting it back.

A path comes from a model's answer, so it is not trusted: an absolute path, a ``..`` step, a NUL
character, a backslash, a path into ``.git`` and a link (anywhere on the way) that leads out of
the project folder are refused with their reason, never written. Writing goes to a temporary file
beside the target, flushed to disk, given the old file's mode, then moved over it with
``os.replace``: a crash leaves the old file or the new one, never half of one. A write happens
only when the file still holds exactly the text the diff was made from, so a change the user made
meanwhile is never overwritten; undo likewise puts the old text back only over the text written.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from app.core.code.files import Unreadable, read_regular, shown_name, why
from app.core.errors import R1DeskError

MAX_EDIT_BYTES = 4 * 1024 * 1024  # a file to edit is read whole, diffed and shown: source, not data


class EditError(R1DeskError):
    """An edit was not written (or not undone): one sentence says why, and nothing changed."""


def refusal(rel: str) -> str:
    """Why a path from an answer is not a path inside the project ("" when it may be one)."""
    if "\0" in rel:
        return "its name holds a NUL character"
    if rel.startswith(("/", "\\", "~")) or re.match(r"[A-Za-z]:", rel):
        return "it is an absolute path"
    if "\\" in rel:
        return "it holds a backslash (paths inside the project are written with /)"
    parts = [p for p in rel.split("/") if p not in ("", ".")]
    if not parts:
        return "it names no file"
    if ".." in parts:
        return "it leads out of the project folder (..)"
    if ".git" in parts:
        return "it is inside .git, git's own data"
    return ""


def clean(rel: str) -> str:
    """A path as the project names it: ``./src//app.py`` is ``src/app.py``."""
    return "/".join(p for p in rel.split("/") if p not in ("", "."))


def confine(root: Path, rel: str) -> tuple[Path | None, str]:
    """The file ``rel`` names inside ``root``, links followed, or None and why it is refused."""
    reason = refusal(rel)
    if reason:
        return None, reason
    base = Path(os.path.realpath(root))
    target = Path(os.path.realpath(base / clean(rel)))
    if base not in target.parents:
        return None, "a link on its way leads out of the project folder"
    return target, ""


def read_current(path: Path, max_bytes: int = MAX_EDIT_BYTES) -> tuple[str | None, str]:
    """A file's text exactly as it is on disk (its mark and CRs kept): (text, ""); (None, "")
    when there is no such file; (None, why) when it cannot be edited as text."""
    if not os.path.lexists(path):
        return None, ""
    try:
        data = read_regular(path, max_bytes)
    except Unreadable as e:
        return None, e.reason
    if b"\0" in data:
        return None, "binary (it contains NUL bytes)"
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        return None, "binary or not UTF-8 text"


def _new_file_mode() -> int:
    mask = os.umask(0o022)  # the only way to read the umask is to set it: put it back at once
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, data: bytes, rel: str) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it and ``os.replace``, keeping
    the old file's permission bits (a new file gets the usual ones); EditError when it cannot."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = _new_file_mode()
    except OSError as e:
        raise EditError(f"Could not write {shown_name(rel)}: {why(e)}.") from None
    tmp = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".r1desk-edit")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as e:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise EditError(f"Could not write {shown_name(rel)}: {why(e)}.") from None


@dataclass(frozen=True)
class Applied:
    """An edit written to disk, and what undoes it.

    Attributes:
        rel: the path inside the project; path: the file written (links followed).
        before: the file's bytes before (None: it did not exist); after: the bytes written.
    """

    rel: str
    path: Path
    before: bytes | None
    after: bytes


def write_edit(root: Path, rel: str, expected: str | None, new: str) -> Applied:
    """Write ``new`` to ``rel`` if the file still holds ``expected`` (None: is still absent)."""
    target, reason = confine(root, rel)
    if target is None:
        raise EditError(f"{shown_name(rel)} is not written: {reason}.")
    now, problem = read_current(target)
    if problem:
        raise EditError(f"{shown_name(rel)} cannot be edited: {problem}.")
    if now != expected:
        raise EditError(f"{shown_name(rel)} changed on disk since this diff was made; look at it again.")
    after = new.encode("utf-8")
    write_atomic(target, after, rel)
    return Applied(rel, target, None if now is None else now.encode("utf-8"), after)


def undo(a: Applied) -> None:
    """Put the file back as it was before ``a``, if it still holds what ``a`` wrote."""
    try:
        now: bytes | None = read_regular(a.path, max(MAX_EDIT_BYTES, len(a.after)))
    except Unreadable:
        now = None
    if now != a.after:
        raise EditError(f"{shown_name(a.rel)} changed since the edit was applied; it was left as it is.")
    if a.before is None:
        try:
            os.unlink(a.path)
        except OSError as e:
            raise EditError(f"Could not remove {shown_name(a.rel)}: {why(e)}.") from None
        return
    write_atomic(a.path, a.before, a.rel)
