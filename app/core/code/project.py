"""A chat's project folder: its files as the side panel lists them, which of them are in the
model's context, and which changed on disk since the model got them. No Qt: the window's file
watcher only reports paths, and this decides what they mean.

The listing follows attach's rules: git's ignore rules, no links followed, ``.git`` left out, and
each file read as attach reads it, so a binary or oversized file is listed with the same reason it
would be skipped for (shown greyed). A file toggled *in* goes with the next message; after that,
the model has it (the version in the chat, read back from the messages). When the file changes
on disk, its version in the chat is *stale*: it is read again before the next message and goes
with it, counted again by the meter. A file that has not changed is not sent twice.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from app.core.code.attach import FileText, split_message
from app.core.code.diffs import same_text
from app.core.code.files import Skip, read_text
from app.core.code.ignores import repository_root
from app.core.code.languages import language_of
from app.core.code.walk import summarise, walk

MAX_LISTED = 5000  # files in a project listing; a context holds far fewer
CHARS_PER_TOKEN = 3.5  # an estimate for files not counted yet (code runs 3 to 4 characters a token)

Signature = tuple[int, int, int]  # mtime in ns, size, inode: what a change on disk changes


def project_for(path: Path) -> Path | None:
    """The project folder an attached file or folder opens: its git repository's root, else, for
    a folder, the folder itself (a loose file opens none: its folder may be Downloads)."""
    if path.is_dir():
        return repository_root(path) or path
    return repository_root(path.parent)


def signature(path: Path | str) -> Signature | None:
    """What tells that a file changed (None: it is gone)."""
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino


def estimate(text: str) -> int:
    return round(len(text) / CHARS_PER_TOKEN) if text else 0


@dataclass(frozen=True)
class ProjectFile:
    """A file of the project, as the panel lists it.

    Attributes:
        rel: its path in the project; path: where it is.
        size: its size in bytes; tokens: an estimate of its tokens (0 when it cannot be used).
        reason: why it cannot go into the context (binary, too large, ...; "" when it can).
    """

    rel: str
    path: Path
    size: int
    tokens: int = 0
    reason: str = ""


@dataclass(frozen=True)
class Listing:
    """A project folder's files, what the walk left out, and the folders to watch."""

    root: Path
    files: tuple[ProjectFile, ...] = ()
    notes: tuple[Skip, ...] = ()
    folders: tuple[str, ...] = ()


def scan(root: Path, max_bytes: int, limit: int = MAX_LISTED) -> Listing:
    """List a project folder (reads every file, to tell text from binary: run it off the GUI thread)."""
    root = Path(os.path.realpath(root))
    skipped: list[Skip] = []
    files: list[ProjectFile] = []
    folders = {str(root)}
    for p, rel in walk(root, root, skipped):
        if len(files) >= limit:
            skipped.append(Skip(rel, f"over the {limit:,}-file limit of a project listing"))
            continue
        text, reason = read_text(p, max_bytes, follow_links=False)
        sig = signature(p)
        files.append(ProjectFile(rel, p, sig[1] if sig else 0, estimate(text or ""), reason))
        folders.add(str(p.parent))
    return Listing(root, tuple(files), tuple(summarise(skipped, root.name + "/")), tuple(sorted(folders)))


def sent_versions(contents: Iterable[str]) -> dict[str, str]:
    """Each file's latest version among the messages (user messages' contents, oldest first)."""
    out: dict[str, str] = {}
    for content in contents:
        for f in split_message(content)[1]:
            out[f.rel] = f.text
    return out


@dataclass
class ProjectContext:
    """The project files in the context of the chat on screen.

    Attributes:
        root: the project folder; max_bytes: attach's size limit.
        listing: the files listed (see :func:`scan`).
        included: the files toggled into the context.
        sent: each file's version in the chat (what the model has), by its path.
        stale: included files that changed on disk since they were read.
    """

    root: Path
    max_bytes: int
    listing: Listing | None = None
    included: set[str] = field(default_factory=set)
    sent: dict[str, str] = field(default_factory=dict)
    stale: set[str] = field(default_factory=set)
    _seen: dict[str, Signature | None] = field(default_factory=dict)

    def file(self, rel: str) -> ProjectFile | None:
        if self.listing is None:
            return None
        return next((f for f in self.listing.files if f.rel == rel), None)

    def set_sent(self, contents: Iterable[str]) -> None:
        """The chat's messages changed (opened, sent): the files the model has now. A file the
        chat holds is in the context; it is stale when the disk no longer holds that version."""
        self.sent = sent_versions(contents)
        self.included |= {rel for rel in self.sent if self.file(rel) is not None}
        self.stale = set()
        for rel in sorted(self.included & set(self.sent)):
            self._seen[rel] = signature(self.root / rel)
            text, _ = read_text(self.root / rel, self.max_bytes, follow_links=False)
            if text is None or not same_text(self.sent[rel], text):
                self.stale.add(rel)

    def toggle(self, rel: str, on: bool) -> None:
        f = self.file(rel)
        if on and f is not None and not f.reason:
            self.included.add(rel)
        else:
            self.included.discard(rel)
            self.stale.discard(rel)

    def watched(self) -> list[str]:
        """The paths a watcher should watch: the folders (files come and go) and included files."""
        folders = list(self.listing.folders) if self.listing is not None else [str(self.root)]
        return folders + [str(self.root / rel) for rel in sorted(self.included)]

    def changed(self, path: str) -> tuple[set[str], bool]:
        """A watched path changed: the included files it changed (those the model has become
        stale), and whether the listing should be read again (files came or went)."""
        if self.listing is not None and path in self.listing.folders:
            return set(), True
        try:
            rel = Path(path).relative_to(self.root).as_posix()
        except ValueError:
            return set(), False
        now = signature(path)
        if rel not in self.included or (rel in self._seen and now == self._seen[rel]):
            return set(), False
        if rel in self.sent:
            self.stale.add(rel)
        return {rel}, now is None

    def state(self, rel: str) -> str:
        """ "out", "in" (the model has it as it is), "new" (goes with the next message), "stale"
        (changed since the model got it: read again and sent with the next message), or
        "unusable"."""
        f = self.file(rel)
        if f is None or f.reason:
            return "unusable"
        if rel not in self.included:
            return "out"
        if rel in self.stale:
            return "stale"
        return "in" if rel in self.sent else "new"

    def next_files(self) -> tuple[list[FileText], list[Skip]]:
        """Read the included files again; those the model does not have as they are now go with
        the next message. What cannot be read any more is left out with its reason."""
        out: list[FileText] = []
        skips: list[Skip] = []
        for rel in sorted(self.included):
            path = self.root / rel
            self._seen[rel] = signature(path)
            text, reason = read_text(path, self.max_bytes, follow_links=False)
            if text is None:
                skips.append(Skip(rel, reason))
                continue
            if rel in self.sent and same_text(self.sent[rel], text):
                self.stale.discard(rel)
                continue
            out.append(FileText(rel, text, language_of(rel), path))
        return out, skips
