"""git's ignore rules for a folder walk: the ``.gitignore`` files (the folder's, nested ones, and
those of the repository it sits in) and ``.git/info/exclude``, matched by pathspec (gitignore
semantics: negation, directory patterns, anchoring), never by hand-written globbing. The only
module that imports pathspec.

A rules file is read like any attached file (``files.read_regular``): a FIFO or a link to
``/dev/zero`` named ``.gitignore`` is left out, not waited on. A line pathspec refuses (a lone
``\\``, ``[z-a]``, a bare ``!``) is left out of the rules with a note, and the others still apply
(git itself skips what it cannot parse).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pathspec

from app.core.code.files import Skip, Unreadable, read_regular, shown_name

MAX_RULES_BYTES = 1024 * 1024  # a .gitignore is a few KB; git's own limit for such files is 100 MB


def _exists(path: str | Path) -> bool:
    """Whether something is there (an unlistable folder on the way is "no")."""
    try:
        os.lstat(path)
    except OSError:
        return False
    return True


def repository_root(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` that holds ``.git``."""
    for d in (folder, *folder.parents):
        if _exists(d / ".git"):
            return d
    return None


def prefix(folder: str | Path) -> str:
    """``folder`` as the start of the paths inside it (with its final separator)."""
    text = os.fspath(folder)
    return text if text.endswith(os.sep) else text + os.sep


def posix_under(path: str, start: str) -> str:
    """``path`` relative to the folder whose :func:`prefix` is ``start``, with ``/``; the walk
    works on strings, since pathlib parses a path thousands of folders deep again at each step."""
    rel = path[len(start) :] if path.startswith(start) else os.path.basename(path)
    return rel.replace(os.sep, "/") if os.sep != "/" else rel


def _spec(path: str, base: str, notes: list[Skip]) -> pathspec.GitIgnoreSpec | None:
    """The rules in one file (None: no such file); what cannot be used goes to ``notes``."""
    if not _exists(path):
        return None
    shown = shown_name(posix_under(path, base) if path.startswith(base) else path)
    try:
        data = read_regular(Path(path), MAX_RULES_BYTES)
    except Unreadable as e:
        notes.append(Skip(shown, f"{e.reason}: its rules are not used"))
        return None
    lines = data.decode("utf-8", errors="replace").splitlines()
    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except (ValueError, re.error):  # re.error for "[z-a]", ValueError for a lone "\": find the line
        pass
    good: list[str] = []
    for n, line in enumerate(lines, 1):
        try:
            pathspec.GitIgnoreSpec.from_lines([line])
        except (ValueError, re.error):
            notes.append(Skip(shown, f"line {n} is not a pattern git can read (that rule is not used)"))
            good.append("")  # a blank line keeps the others where they were (no rule)
        else:
            good.append(line)
    return pathspec.GitIgnoreSpec.from_lines(good)


@dataclass(frozen=True)
class Ignores:
    """The ignore rules in force in one folder: (the :func:`prefix` of the folder they apply
    from, spec), outermost first."""

    specs: tuple[tuple[str, pathspec.GitIgnoreSpec], ...] = ()

    @classmethod
    def above(cls, folder: Path, base: Path, notes: list[Skip]) -> Ignores:
        """The rules a folder inherits from its repository: ``.git/info/exclude``, then every
        .gitignore from the root down to (not including) the folder."""
        root = repository_root(folder)
        if root is None:
            return cls()
        specs: list[tuple[str, pathspec.GitIgnoreSpec]] = []
        exclude = _spec(str(root / ".git" / "info" / "exclude"), prefix(base), notes)
        if exclude is not None:
            specs.append((prefix(root), exclude))
        chain = [folder, *folder.parents]
        for d in reversed(chain[1 : chain.index(root) + 1]):
            s = _spec(str(d / ".gitignore"), prefix(base), notes)
            if s is not None:
                specs.append((prefix(d), s))
        return cls(tuple(specs))

    def entering(self, folder: str, base: str, notes: list[Skip]) -> Ignores:
        """The rules inside ``folder`` (a path string; ``base``: the prefix notes are relative to)."""
        start = prefix(folder)
        s = _spec(start + ".gitignore", base, notes)
        return Ignores((*self.specs, (start, s))) if s is not None else self

    def ignored(self, path: str, is_dir: bool) -> bool:
        """git's answer: the last matching pattern, from the outermost file to the innermost, decides."""
        verdict: bool | None = None
        for start, spec in self.specs:
            include = spec.check_file(posix_under(path, start) + ("/" if is_dir else "")).include
            if include is not None:
                verdict = include
        return bool(verdict)
