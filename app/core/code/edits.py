"""Proposed edits: an answer's blocks (``edit_blocks.py``) that name a file of the project, each as
the file's new text and a unified diff against the file on disk.

A block edits a file when the file it names is attached to the chat, or lies in a folder the user
opened for editing (the chat's project folder; in the command line, an attached folder). A path
that stands alone on its line may also make a new file there. A path the model writes a little
differently ("project/app.py" for the attached "app.py", or the other way round) still finds its
file when only one attached file fits. Blocks for one file apply in order: a whole file replaces
the text, SEARCH/REPLACE pieces change the text so far.

Each edit knows three versions of its file: the one attached (what the model read), the one on
disk now (what the diff is from), and the proposed one. When the first two differ, the file
changed since it was attached: the edit is *stale*, and applying it is refused (the model wrote
against text that is no longer there). A refused path is an edit too, with its reason, so the user
sees what the model tried; it is never written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from app.core.code.diffs import NEW_FILE, NotFound, counts, form_of, in_form, replace_all, same_text, to_lf, unified
from app.core.code.edit_blocks import Block, blocks_of
from app.core.code.edit_files import MAX_EDIT_BYTES, Applied, EditError, clean, confine, read_current, write_edit
from app.core.code.files import shown_name
from app.core.code.languages import language_of


@dataclass(frozen=True)
class Workspace:
    """Where an answer's edits may go.

    Attributes:
        root: the project folder: every path is taken from it, and no write leaves it.
        attached: each attached file's text as the model read it, by its path in the project.
        open: folders inside ``root`` ("" for all of it) whose files may be edited or made
            though they are not attached.
        max_bytes: the largest file to edit.
    """

    root: Path
    attached: Mapping[str, str] = field(default_factory=dict)
    open: tuple[str, ...] = ("",)
    max_bytes: int = MAX_EDIT_BYTES

    def opened(self, rel: str) -> bool:
        return any(f == "" or rel == f or rel.startswith(f.rstrip("/") + "/") for f in self.open)


@dataclass(frozen=True)
class Edit:
    """One file's proposed change.

    Attributes:
        rel: the file's path in the project (as the answer wrote it, when refused).
        old: its text on disk, exactly, that the diff is from (None: there is no such file).
        new: the proposed text, in the file's own form (None when there is none to show).
        attached: its text as attached to the chat (None: not attached).
        problem: why it cannot be applied, in one sentence ("" when it can).
        refused: the path itself is refused: never written, whatever happens.
        line: the answer's line of its first block.
    """

    rel: str
    old: str | None = None
    new: str | None = None
    attached: str | None = None
    problem: str = ""
    refused: bool = False
    line: int = 0

    @property
    def stale(self) -> bool:
        """The file on disk is no longer the one attached: the model wrote against old text."""
        return self.attached is not None and (self.old is None or not same_text(self.old, self.attached))

    @property
    def applicable(self) -> bool:
        return not self.problem and not self.stale and self.new is not None and not self.unchanged

    @property
    def unchanged(self) -> bool:
        """The answer repeats the file as it is on disk (after an apply, for one)."""
        return self.new is not None and self.new == self.old

    @property
    def is_new(self) -> bool:
        return self.old is None and self.new is not None

    @cached_property
    def diff(self) -> str:
        """The unified diff from the disk to the proposal ("" when there is none to show)."""
        return unified(self.old, self.new, self.rel) if self.new is not None else ""

    @property
    def attached_text(self) -> str | None:
        """The attached version in the file's form (its line breaks), to compare with the disk."""
        if self.attached is None:
            return None
        return in_form(to_lf(self.attached), form_of(self.old) if self.old is not None else NEW_FILE)

    @cached_property
    def since_attached(self) -> str:
        """What changed on disk since the file was attached (a stale edit's other half)."""
        return unified(self.attached_text, self.old, self.rel) if self.stale else ""

    @property
    def counts(self) -> tuple[int, int]:
        """Lines added and removed."""
        return counts(self.diff)


def _match(path: str, ws: Workspace, alone: bool, whole: bool) -> str | None:
    """The project path a block's path means (None: it names no file of the project)."""
    rel = clean(path)
    if rel in ws.attached:
        return rel
    fits = [r for r in ws.attached if r.endswith("/" + rel) or rel.endswith("/" + r)]
    if len(fits) == 1:
        return fits[0]
    if ws.opened(rel):
        target, _ = confine(ws.root, rel)
        if target is not None and target.exists():
            return rel
        if alone or not whole:
            return rel  # a new file: named on its own line, or made by an empty SEARCH
    return None


def _resolve(b: Block, ws: Workspace) -> tuple[str, str] | None:
    """(project path, why it is refused or "") for a block that edits a file; None: no edit (an
    empty block is a placeholder, not a file to empty)."""
    if not b.path or (b.whole and not b.text.strip()):
        return None
    _, reason = confine(ws.root, b.path)
    if reason and not _confined_by_link(reason):
        return (b.path, reason) if b.alone else None
    rel = _match(b.path, ws, b.alone, b.whole)
    if rel is None:
        return None
    if not b.alone and b.whole and b.language and language_of(rel) and language_of(rel) != b.language:
        return None  # "how app.py is used:" above a shell session is not app.py's new text
    _, reason = confine(ws.root, rel)
    return rel, reason


def _confined_by_link(reason: str) -> bool:
    return reason.startswith("a link")


def propose(answer: str, ws: Workspace, *, unchanged: bool = False) -> list[Edit]:
    """The edits ``answer`` proposes to files of ``ws``, one per file, in the order first named;
    with ``unchanged``, also those that would change nothing (an applied one, for the window)."""
    order: list[str] = []
    by_file: dict[str, list[Block]] = {}
    refused: dict[str, str] = {}
    for b in blocks_of(answer):
        found = _resolve(b, ws)
        if found is None:
            continue
        rel, reason = found
        if rel not in by_file:
            order.append(rel)
            by_file[rel] = []
        by_file[rel].append(b)
        if reason:
            refused[rel] = reason
    out = []
    for rel in order:
        blocks = by_file[rel]
        if rel in refused:
            shown = shown_name(rel.replace("\0", "\\0"))
            out.append(
                Edit(shown, problem=f"{shown} is not written: {refused[rel]}.", refused=True, line=blocks[0].line)
            )
            continue
        edit = _edit(rel, blocks, ws)
        if not edit.unchanged or unchanged:
            out.append(edit)
    return out


def _edit(rel: str, blocks: Sequence[Block], ws: Workspace) -> Edit:
    target, _ = confine(ws.root, rel)
    assert target is not None
    old, problem = read_current(target, ws.max_bytes)
    attached = ws.attached.get(rel)
    line = blocks[0].line
    if problem:
        return Edit(rel, attached=attached, problem=f"{rel} cannot be edited: {problem}.", line=line)
    text = to_lf(old) if old is not None else ""
    for n, b in enumerate(blocks):
        if b.whole:
            cut = _elision(b.text, text) if old is not None else ""
            if cut:
                problem = (
                    f'The block for {rel} leaves parts of the file out ("{cut}"): written, it would delete them. '
                    "Ask for the whole file, or for SEARCH/REPLACE edits."
                )
                return Edit(rel, old, None, attached, problem, line=line)
            text = b.text
            continue
        try:
            text = replace_all(text, b.pairs)
        except NotFound as e:
            which = sum(len(x.pairs) for x in blocks[:n]) + e.index + 1
            problem = f"The SEARCH text of edit {which} is not in {rel} as it is on disk."
            return Edit(rel, old, None, attached, problem, line=line)
    return Edit(rel, old, in_form(text, form_of(old) if old is not None else NEW_FILE), attached, line=line)


_ELIDED = re.compile(
    r"^\s*(?:#|//|/\*|<!--|--|;|\*)?\s*(?:\.\.\.|…)\s*(?:\(?\s*)?"
    r"(?:rest|remaining|existing|unchanged|same|other|previous|more|omitted|code|as before)\b.*$"
    r"|^\s*(?:#|//|/\*|<!--|--|;)\s*(?:rest of|remaining|existing|other|previous)\b.*(?:unchanged|as before|same|here)\b.*$",
    re.IGNORECASE,
)


def _elision(block: str, old: str) -> str:
    """A line of a whole-file block that stands for code left out ("# ... rest of the code
    unchanged"), unless the file itself has that line; "" when there is none."""
    have = set(old.split("\n"))
    for line in block.split("\n"):
        if _ELIDED.match(line) and line not in have:
            return line.strip()
    return ""


def apply_edit(edit: Edit, ws: Workspace) -> Applied:
    """Write an edit; EditError (nothing written) when its path is refused, it cannot apply,
    the file changed since it was attached, or changed since the diff was made."""
    if edit.problem:
        raise EditError(edit.problem)
    if edit.new is None:
        raise EditError(f"{edit.rel}: there is no proposed text to write.")
    if edit.stale:
        raise EditError(
            f"{edit.rel} changed on disk since it was attached, so the answer was written against text "
            "that is no longer there; attach it again and ask again."
        )
    return write_edit(ws.root, edit.rel, edit.old, edit.new)


def diff_of(edits: Sequence[Edit]) -> str:
    """The applicable edits as one patch, for ``git apply`` or ``patch -p1``."""
    return "".join(e.diff for e in edits if e.applicable)
