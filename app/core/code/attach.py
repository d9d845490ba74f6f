"""Files and folders brought into a chat message: walked, filtered, and written as fenced blocks.

A folder walk keeps to what belongs to the project, by git's own rules: the ``.gitignore`` files
(the folder's, nested ones, and those of the repository it sits in, with ``.git/info/exclude``)
are matched by pathspec, which implements gitignore semantics (negation, directory patterns,
anchoring), never by hand-written globbing. ``.git`` is skipped, and so are binary files (a NUL
byte, or not UTF-8), files over the size limit, and files past the count and total-size caps.
Every skip carries its reason, so the user is told exactly what was left out and why.

Each file goes into the user's message as a fenced block headed by ``File: <relative path>``,
the language from its extension, in path order, before the user's own words (long material
first, the question last). That composed text is what is stored and sent, so regenerate, edit
and export see exactly what the model saw; :func:`split_message` reads the blocks back, for the
message bubble and for editing.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pathspec

from app.core.code.languages import language_of
from app.core.errors import R1DeskError

DEFAULT_MAX_KB = 256
MAX_FILES = 500  # in one attachment; a context holds far fewer
MAX_TOTAL_BYTES = 8 * 1024 * 1024  # ~2M tokens: beyond any context, and the walk stops reading
HEADER = "File: "


class AttachError(R1DeskError):
    """A path to attach does not exist or cannot be listed."""


@dataclass(frozen=True)
class FileText:
    """One attached file as it goes into the message.

    Attributes:
        rel: its relative path (posix), the block's heading.
        text: its contents.
        language: the fence language ("" when unknown).
        path: where it was read (None when it was read back from a stored message).
    """

    rel: str
    text: str
    language: str = ""
    path: Path | None = None

    @property
    def key(self) -> str:
        """What makes two attached files the same file."""
        return str(self.path) if self.path is not None else self.rel


@dataclass(frozen=True)
class Skip:
    """A file or folder left out, and why (one phrase)."""

    rel: str
    reason: str

    def __str__(self) -> str:
        return f"{self.rel}: {self.reason}"


@dataclass(frozen=True)
class Attachment:
    """One thing the user attached (a file or a folder) and what it brought.

    Attributes:
        label: what its chip says ("app.py", "src/").
        files: the files it contributes, in path order.
        skipped: what it left out.
        source: the file or folder on disk (None: read back from a stored message).
    """

    label: str
    files: tuple[FileText, ...]
    skipped: tuple[Skip, ...] = ()
    source: Path | None = None

    @property
    def is_folder(self) -> bool:
        return self.label.endswith("/")


def _kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB" if n >= 1024 else f"{n} bytes"


# ---- reading one file ----------------------------------------------------------------------------


def read_text(path: Path, max_bytes: int) -> tuple[str | None, str]:
    """A file's text, or None and the reason it is left out."""
    try:
        st = path.stat()
    except OSError as e:
        return None, f"could not be read ({e.strerror or e})"
    if not stat.S_ISREG(st.st_mode):
        return None, "not a regular file"
    if st.st_size > max_bytes:
        return None, f"too large ({_kb(st.st_size)}; the limit is {_kb(max_bytes)})"
    try:
        data = path.read_bytes()
    except OSError as e:
        return None, f"could not be read ({e.strerror or e})"
    if b"\0" in data:
        return None, "binary (it contains NUL bytes)"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, "binary or not UTF-8 text"
    return text.replace("\r\n", "\n"), ""


# ---- .gitignore ----------------------------------------------------------------------------------


def _spec(path: Path) -> pathspec.GitIgnoreSpec | None:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return pathspec.GitIgnoreSpec.from_lines(lines)


def _repository_root(folder: Path) -> Path | None:
    for d in (folder, *folder.parents):
        if (d / ".git").exists():
            return d
    return None


@dataclass(frozen=True)
class _Ignores:
    """The ignore rules in force in one folder: (folder they apply from, spec), outermost first."""

    specs: tuple[tuple[Path, pathspec.GitIgnoreSpec], ...] = ()

    @classmethod
    def above(cls, folder: Path) -> _Ignores:
        """The rules a folder inherits from its repository: every .gitignore from the root down."""
        root = _repository_root(folder)
        if root is None:
            return cls()
        specs: list[tuple[Path, pathspec.GitIgnoreSpec]] = []
        exclude = _spec(root / ".git" / "info" / "exclude")
        if exclude is not None:
            specs.append((root, exclude))
        chain = [folder, *folder.parents]
        for d in reversed(chain[1 : chain.index(root) + 1]):
            s = _spec(d / ".gitignore")
            if s is not None:
                specs.append((d, s))
        return cls(tuple(specs))

    def entering(self, folder: Path) -> _Ignores:
        s = _spec(folder / ".gitignore") if (folder / ".gitignore").is_file() else None
        return _Ignores((*self.specs, (folder, s))) if s is not None else self

    def ignored(self, path: Path, is_dir: bool) -> bool:
        """git's answer: the last matching pattern, from the outermost file to the innermost, decides."""
        verdict: bool | None = None
        for base, spec in self.specs:
            rel = path.relative_to(base).as_posix() + ("/" if is_dir else "")
            include = spec.check_file(rel).include
            if include is not None:
                verdict = include
        return bool(verdict)


# ---- walking -------------------------------------------------------------------------------------


def _rel(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.name


def _walk(folder: Path, ignores: _Ignores, base: Path, skipped: list[Skip]) -> Iterator[Path]:
    """The files of ``folder`` git would track, in path order; what is left out goes to ``skipped``."""
    ignores = ignores.entering(folder)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        skipped.append(Skip(_rel(folder, base) + "/", f"could not be listed ({e.strerror or e})"))
        return
    for entry in entries:
        path = Path(entry.path)
        rel = _rel(path, base)
        try:
            is_link = entry.is_symlink()
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            continue
        if is_dir and entry.name == ".git":
            skipped.append(Skip(rel + "/", "version-control data"))
            continue
        if is_link and path.is_dir():
            skipped.append(Skip(rel + "/", "a link to a folder (not followed)"))
            continue
        if ignores.ignored(path, is_dir):
            skipped.append(Skip(rel + ("/" if is_dir else ""), "ignored by .gitignore"))
            continue
        if is_dir:
            yield from _walk(path, ignores, base, skipped)
        else:
            yield path


def attach(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_KB * 1024, base: Path | None = None, max_files: int = MAX_FILES
) -> Attachment:
    """Read a file, or walk a folder, into an attachment.

    Relative paths are taken from ``base`` when the file lies under it (the CLI passes the
    current folder); without one, from the root of the git repository the item is in (the paths
    a project's own code and imports use), else from the item's parent, so a folder's files keep
    its name. A file named explicitly is attached even if a .gitignore would leave it out.

    Raises AttachError when the path does not exist.
    """
    given = Path(path).expanduser()
    if not given.exists():
        raise AttachError(f"Cannot attach {given}: no such file or folder.")
    source = given.resolve()
    if base is not None:
        rel_base = base.resolve()
    else:
        rel_base = _repository_root(source if source.is_dir() else source.parent) or source.parent
    if base is not None and source != rel_base and rel_base not in source.parents:
        rel_base = source.parent
    skipped: list[Skip] = []
    if source.is_dir():
        label = (_rel(source, rel_base) if source != rel_base else source.name) + "/"
        candidates: Iterable[Path] = _walk(source, _Ignores.above(source), rel_base, skipped)
    else:
        label = _rel(source, rel_base)
        candidates = [source]
    files: list[FileText] = []
    total = 0
    for p in candidates:
        rel = _rel(p, rel_base)
        if "\n" in rel or "\r" in rel:
            skipped.append(Skip(rel.replace("\n", " "), "its name has a line break"))
            continue
        if len(files) >= max_files:
            skipped.append(Skip(rel, f"over the {max_files}-file limit of one attachment"))
            continue
        text, why = read_text(p, max_bytes)
        if text is None:
            skipped.append(Skip(rel, why))
            continue
        if total + len(text) > MAX_TOTAL_BYTES:
            skipped.append(Skip(rel, f"the attachment already holds {_kb(total)}, more than any context"))
            continue
        total += len(text)
        files.append(FileText(rel, text, language_of(p.name), p))
    return Attachment(label, tuple(sorted(files, key=lambda f: f.rel)), tuple(skipped), source)


def attach_all(
    paths: Sequence[str | Path], *, max_bytes: int = DEFAULT_MAX_KB * 1024, base: Path | None = None
) -> list[Attachment]:
    return [attach(p, max_bytes=max_bytes, base=base) for p in paths]


def files_of(attachments: Iterable[Attachment]) -> list[FileText]:
    """Every attached file once (the first time it appears), in path order."""
    seen: dict[str, FileText] = {}
    for a in attachments:
        for f in a.files:
            seen.setdefault(f.key, f)
    return sorted(seen.values(), key=lambda f: f.rel)


def skips_of(attachments: Iterable[Attachment]) -> list[Skip]:
    return [s for a in attachments for s in a.skipped]


def describe_skips(skips: Sequence[Skip], limit: int = 0) -> str:
    """ "Skipped 2: a.bin (binary …); big.log (too large …)." ("" when nothing was skipped).
    ``limit`` > 0 names at most that many and counts the rest."""
    if not skips:
        return ""
    shown = list(skips if limit <= 0 else skips[:limit])
    more = len(skips) - len(shown)
    text = "; ".join(f"{s.rel} ({s.reason})" for s in shown)
    return f"Skipped {len(skips)}: {text}{f'; and {more} more' if more else ''}."


# ---- the message ---------------------------------------------------------------------------------


def fence_for(text: str) -> str:
    """A backtick fence longer than any run of backticks in the text, so nothing inside closes it."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def block(f: FileText) -> str:
    """A file as it goes into the message: its path, then a fenced block.

    One trailing newline of the file is dropped (the fence's own line break stands for it), so
    :func:`split_message` gives back exactly this text and composing it again is identical.
    """
    body = f.text[:-1] if f.text.endswith("\n") else f.text
    fence = fence_for(body)
    return f"{HEADER}{f.rel}\n{fence}{f.language}\n{body}\n{fence}"


def compose(text: str, files: Sequence[FileText]) -> str:
    """The user's message with its files: the blocks in path order, then the user's words."""
    if not files:
        return text
    blocks = "\n\n".join(block(f) for f in sorted(files, key=lambda f: f.rel))
    return f"{blocks}\n\n{text}" if text.strip() else blocks


_BLOCK = re.compile(
    re.escape(HEADER)
    + r"(?P<rel>[^\n]+)\n(?P<fence>`{3,})(?P<lang>[^\n`]*)\n(?P<body>.*?)\n(?P=fence)(?!`)(?:\n\n|\Z)",
    re.DOTALL,
)


def split_message(content: str) -> tuple[str, list[FileText]]:
    """A stored user message as (the user's words, the files it carries); no blocks, no files."""
    files: list[FileText] = []
    pos = 0
    while (m := _BLOCK.match(content, pos)) is not None:
        files.append(FileText(m["rel"], m["body"] + "\n", m["lang"]))
        pos = m.end()
    return content[pos:], files
