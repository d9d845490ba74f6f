"""Walking an attached folder: the files git would track, in path order, and every file or folder
left out with its reason.

The walk keeps to the folder: a link is never followed (git keeps a link, not its target; a
link's target inside the folder is walked under its own name anyway, and one outside it, such as
``/etc/passwd`` or ``../secret/id_rsa``, is not the project's). It holds no recursion (a folder
nested thousands deep is walked like a flat one), and a folder that cannot be listed, or a
``.gitignore`` that cannot be read, is a note, not an error. :func:`summarise` keeps the notes
readable: a folder whose files are left out by the thousand gets a few lines and a count.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from app.core.code.files import Skip, shown_name, why
from app.core.code.ignores import Ignores, posix_under, prefix

NOTES_PER_FOLDER = 20  # notes of one reason in one folder before the rest is a count
MAX_NOTES = 200  # notes in all before the rest is a count


def rel_of(path: Path, base: Path) -> str:
    """``path`` relative to ``base`` (posix, printable), or its name when it is not under it."""
    try:
        return shown_name(path.relative_to(base).as_posix())
    except ValueError:
        return shown_name(path.name)


def _listing(folder: str, rel: str, skipped: list[Skip]) -> list[os.DirEntry[str]] | None:
    try:
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError as e:
        skipped.append(Skip(rel + "/", f"could not be listed ({why(e)})"))
        return None


def _link_note(entry: os.DirEntry[str]) -> str:
    try:
        to_folder = entry.is_dir()  # follows the link, only to say what it points to
    except OSError:
        to_folder = False
    return "a link to a folder (not followed)" if to_folder else "a link (not followed)"


def walk(folder: Path, base: Path, skipped: list[Skip]) -> Iterator[tuple[Path, str]]:
    """(path, relative path) of each file of ``folder`` git would track, in path order; what is
    left out goes to ``skipped``. Paths are strings inside (see ``ignores.posix_under``)."""
    start = prefix(base)
    name = rel_of(folder, base) if folder != base else shown_name(folder.name)  # not "./" (its label)
    top = _listing(str(folder), name, skipped)
    if top is None:
        return
    ignores = Ignores.above(folder, base, skipped).entering(str(folder), start, skipped)
    stack: list[tuple[Iterator[os.DirEntry[str]], Ignores]] = [(iter(top), ignores)]
    while stack:
        entries, ignores = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        rel = shown_name(posix_under(entry.path, start))
        try:
            is_link = entry.is_symlink()
            is_dir = not is_link and entry.is_dir(follow_symlinks=False)
        except OSError as e:
            skipped.append(Skip(rel, f"could not be read ({why(e)})"))
            continue
        if is_link:
            note = _link_note(entry)
            skipped.append(Skip(rel + ("/" if "folder" in note else ""), note))
            continue
        if is_dir and entry.name == ".git":
            skipped.append(Skip(rel + "/", "version-control data"))
            continue
        if ignores.ignored(entry.path, is_dir):
            skipped.append(Skip(rel + ("/" if is_dir else ""), "ignored by .gitignore"))
            continue
        if not is_dir:
            yield Path(entry.path), rel
            continue
        inner = _listing(entry.path, rel, skipped)
        if inner is not None:
            stack.append((iter(inner), ignores.entering(entry.path, start, skipped)))


def _folder(rel: str) -> str:
    return rel.rstrip("/").rpartition("/")[0]


def summarise(skips: list[Skip], label: str) -> list[Skip]:
    """The notes, with each folder's run of one reason cut to ``NOTES_PER_FOLDER`` lines and a
    count ("build/: and 99,480 more in it: over the 500-file limit …"), and all of them to
    ``MAX_NOTES``; each count line's ``count`` says how many it stands for."""
    totals: dict[tuple[str, str], int] = {}
    for s in skips:
        key = (_folder(s.rel), s.reason)
        totals[key] = totals.get(key, 0) + s.count
    seen: dict[tuple[str, str], int] = {}
    out: list[Skip] = []
    for s in skips:
        key = (_folder(s.rel), s.reason)
        n = seen[key] = seen.get(key, 0) + 1
        if n <= NOTES_PER_FOLDER:
            out.append(s)
        if n == NOTES_PER_FOLDER and totals[key] > NOTES_PER_FOLDER:
            rest = totals[key] - NOTES_PER_FOLDER
            where = f"{key[0]}/" if key[0] else label
            out.append(Skip(where, f"and {rest:,} more in it: {s.reason}", rest))
    if len(out) > MAX_NOTES:
        rest = sum(s.count for s in out[MAX_NOTES - 1 :])
        out = [*out[: MAX_NOTES - 1], Skip(label, f"and {rest:,} more", rest)]
    return out
