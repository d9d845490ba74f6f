"""Reading one file for an attachment, safely: only regular files, never more than a cap, never
blocking, and names the way a user can read them.

A path in a folder the user attaches is not to be trusted: it may be a FIFO (``open`` would wait
forever for a writer), a link to ``/dev/zero`` (``read`` would never end) or to a file outside
the folder, or its name may not be UTF-8. So a file is opened without blocking and, when asked,
without following a link; the opened descriptor is checked to be a regular file, and at most
``cap + 1`` bytes are read from it, whatever its size said a moment before.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)


@dataclass(frozen=True)
class Skip:
    """A file or folder left out, and why (one phrase).

    Attributes:
        count: how many it stands for (a summary line: "and 99,480 more files in it").
    """

    rel: str
    reason: str
    count: int = 1

    def __str__(self) -> str:
        return f"{self.rel}: {self.reason}"


class Unreadable(Exception):
    """A file left out: ``reason`` is the phrase its skip note carries."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB" if n >= 1024 else f"{n} bytes"


def why(e: OSError) -> str:
    """An OSError as the phrase a skip note carries ("permission denied" for EACCES/EPERM)."""
    if isinstance(e, PermissionError):
        return "permission denied"
    return e.strerror or str(e)


def shown_name(rel: str) -> str:
    """A path as the user may see it: bytes that are not UTF-8 (which Python keeps as lone
    surrogates) written as ``\\xe9``, so the name can be printed, stored and sent."""
    try:
        rel.encode("utf-8")
        return rel
    except UnicodeEncodeError:
        return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def read_regular(path: Path, cap: int, *, follow_links: bool = True) -> bytes:
    """At most ``cap`` bytes of a regular file.

    Raises Unreadable with the reason: not a regular file (a FIFO, a device, a folder), a link
    when ``follow_links`` is false, larger than ``cap``, or an OSError (permission denied ...).
    """
    flags = os.O_RDONLY | _NONBLOCK | _BINARY | (0 if follow_links else _NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        if not follow_links and os.path.islink(path):
            raise Unreadable("a link (not followed)") from None
        raise Unreadable(f"could not be read ({why(e)})") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise Unreadable("not a regular file")
        if st.st_size > cap:
            raise Unreadable(f"too large ({kb(st.st_size)}; the limit is {kb(cap)})")
        chunks: list[bytes] = []
        size = 0
        while size <= cap:  # the file may have grown since fstat: read no more than the cap allows
            chunk = os.read(fd, min(1 << 20, cap + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > cap:
            raise Unreadable(f"too large (it grew past {kb(cap)} while it was read)")
        return b"".join(chunks)
    except OSError as e:
        raise Unreadable(f"could not be read ({why(e)})") from None
    finally:
        os.close(fd)


def read_text(path: Path, max_bytes: int, *, follow_links: bool = True) -> tuple[str | None, str]:
    """A file's text, or None and the reason it is left out."""
    try:
        data = read_regular(path, max_bytes, follow_links=follow_links)
    except Unreadable as e:
        return None, e.reason
    if b"\0" in data:
        return None, "binary (it contains NUL bytes)"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, "binary or not UTF-8 text"
    return text.replace("\r\n", "\n"), ""
