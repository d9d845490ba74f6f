"""Files and folders brought into a chat message: walked, filtered, and written as fenced blocks.

A folder walk keeps to what belongs to the project, by git's own rules (``walk.py``: the
``.gitignore`` files and ``.git/info/exclude``, read in ``ignores.py``; links are not followed).
``.git`` is skipped, and so are binary files (a NUL byte, or not UTF-8), files over the size
limit, anything that is not a regular file (``files.py``), and files past the count and
total-size caps. Every skip carries its reason, so the user is told exactly what was left out and
why; a name that is not UTF-8 is written with ``\\xNN`` escapes.

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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.core.code.files import Skip, kb, read_text, shown_name, why
from app.core.code.ignores import repository_root
from app.core.code.languages import language_of
from app.core.code.walk import rel_of, summarise, walk
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


def _where(given: Path) -> tuple[Path, bool]:
    """The attached item resolved, and whether it is a folder; AttachError when it is not there."""
    try:
        st = os.stat(given)
    except (FileNotFoundError, NotADirectoryError):
        raise AttachError(f"Cannot attach {shown_name(str(given))}: no such file or folder.") from None
    except OSError as e:
        raise AttachError(f"Cannot attach {shown_name(str(given))}: {why(e)}.") from None
    return Path(os.path.realpath(given)), stat.S_ISDIR(st.st_mode)


def _link_out_of_its_project(given: Path, target: Path) -> bool:
    """A file link named explicitly is followed only within its project: the git repository it
    lies in, else the folder it lies in. A link in a cloned repository to ``~/.ssh/id_rsa`` is
    not the project's file, whatever its name says; the user can attach the target by its path."""
    home = Path(os.path.realpath(given.absolute().parent))
    project = repository_root(home) or home
    return project not in target.parents


def attach(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_KB * 1024, base: Path | None = None, max_files: int = MAX_FILES
) -> Attachment:
    """Read a file, or walk a folder, into an attachment.

    Relative paths are taken from ``base`` when the file lies under it (the CLI passes the
    current folder); without one, from the root of the git repository the item is in (the paths
    a project's own code and imports use), else from the item's parent, so a folder's files keep
    its name. A file named explicitly is attached even if a .gitignore would leave it out.

    Links: a folder's walk follows none (see ``walk.py``). A link named explicitly is followed
    when it names a folder (the folder the user chose), or a file inside the link's own project
    (see :func:`_link_out_of_its_project`); a link to a file outside it is left out with a note.

    Raises AttachError when the path does not exist or cannot be looked at.
    """
    given = Path(path).expanduser()
    source, is_dir = _where(given)
    if base is not None:
        rel_base = Path(os.path.realpath(base))
    else:
        rel_base = repository_root(source if is_dir else source.parent) or source.parent
    if base is not None and source != rel_base and rel_base not in source.parents:
        rel_base = source.parent
    skipped: list[Skip] = []
    candidates: Iterable[tuple[Path, str]] = []
    if is_dir:
        label = (rel_of(source, rel_base) if source != rel_base else shown_name(source.name)) + "/"
        candidates = walk(source, rel_base, skipped)
    elif given.is_symlink() and _link_out_of_its_project(given, source):
        label = shown_name(given.name)
        skipped.append(Skip(label, "a link to a file outside its project (not followed; attach the file itself)"))
    else:
        label = rel_of(source, rel_base)
        candidates = [(source, label)]
    files: list[FileText] = []
    total = 0
    for p, rel in candidates:
        if "\n" in rel or "\r" in rel:
            skipped.append(Skip(rel.replace("\n", " ").replace("\r", " "), "its name has a line break"))
            continue
        if len(files) >= max_files:
            skipped.append(Skip(rel, f"over the {max_files}-file limit of one attachment"))
            continue
        text, reason = read_text(p, max_bytes, follow_links=False)
        if text is None:
            skipped.append(Skip(rel, reason))
            continue
        if total + len(text) > MAX_TOTAL_BYTES:
            skipped.append(Skip(rel, f"the attachment already holds {kb(total)}, more than any context"))
            continue
        total += len(text)
        files.append(FileText(rel, text, language_of(p.name), p))
    notes = tuple(summarise(skipped, label))
    return Attachment(label, tuple(sorted(files, key=lambda f: f.rel)), notes, source)


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
    total = sum(s.count for s in skips)
    more = total - sum(s.count for s in shown)
    text = "; ".join(f"{s.rel} ({s.reason})" for s in shown)
    return f"Skipped {total:,}: {text}{f'; and {more:,} more' if more else ''}."


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
