"""Text changes as unified diffs, and the SEARCH/REPLACE edits models write, applied to text.

A file keeps its own form when the model's text replaces it: its line endings (a CRLF file stays
CRLF: the model writes LF), a byte-order mark, and whether it ends with a line break (a fenced
block cannot say; the file on disk can). :class:`TextForm` holds that form, :func:`in_form`
puts LF text into it.

The diff is the one ``git apply`` and ``patch -p1`` read: ``--- a/path`` / ``+++ b/path``
(``/dev/null`` for a new file), difflib's hunks over lines split at ``\\n`` only (a ``\\r``
stays in its line, so a CRLF file's patch carries its CRs), and ``\\ No newline at end of file``
after a last line without one.

SEARCH/REPLACE (the form aider made common): each SEARCH text must be found in the file, as
whole lines; first exactly, then ignoring trailing spaces (models drop them). The first match
is replaced, as aider does; an empty SEARCH appends (or makes a new file).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

BOM = "\ufeff"
NO_NEWLINE = "\\ No newline at end of file\n"


@dataclass(frozen=True)
class TextForm:
    """How a file's text is laid out on disk.

    Attributes:
        crlf: its lines end with CR LF.
        final_newline: it ends with a line break (an empty file counts as ending with one).
        bom: it starts with a UTF-8 byte-order mark.
    """

    crlf: bool = False
    final_newline: bool = True
    bom: bool = False


NEW_FILE = TextForm()


def form_of(text: str) -> TextForm:
    """The form of a file's text: CRLF when most of its line breaks are CR LF."""
    body = text[1:] if text.startswith(BOM) else text
    breaks = body.count("\n")
    crlf = breaks > 0 and body.count("\r\n") * 2 > breaks
    return TextForm(crlf, body == "" or body.endswith("\n"), text.startswith(BOM))


def to_lf(text: str) -> str:
    """A file's text as a model reads it: no byte-order mark, LF line breaks."""
    body = text[1:] if text.startswith(BOM) else text
    return body.replace("\r\n", "\n")


def in_form(lf_text: str, form: TextForm) -> str:
    """LF text (a model's) in a file's form: its line breaks, its mark, its last line break."""
    text = lf_text
    if form.final_newline and text and not text.endswith("\n"):
        text += "\n"
    elif not form.final_newline:
        text = text[:-1] if text.endswith("\n") else text
    if form.crlf:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return BOM + text if form.bom else text


def same_text(a: str, b: str) -> bool:
    """Whether two versions of a file say the same, whatever their line breaks, mark or last
    line break (an attached file was read as LF, and its block drops the final line break)."""
    x, y = to_lf(a), to_lf(b)
    return (x if x.endswith("\n") else x + "\n") == (y if y.endswith("\n") else y + "\n")


def lines_of(text: str) -> list[str]:
    """Lines with their endings, split at ``\\n`` only (``str.splitlines`` also splits at form
    feeds, ``\\x1c`` and U+2028, which are text inside a line to a diff)."""
    parts = text.split("\n")
    out = [p + "\n" for p in parts[:-1]]
    return out + [parts[-1]] if parts[-1] else out


def unified(old: str | None, new: str | None, rel: str, context: int = 3) -> str:
    """The unified diff from ``old`` to ``new`` (None: the file is not there), headed for
    ``git apply``/``patch -p1``; "" when they are the same."""
    if old == new:
        return ""
    a, b = lines_of(old or ""), lines_of(new or "")
    out = [
        f"--- {'a/' + rel if old is not None else '/dev/null'}\n",
        f"+++ {'b/' + rel if new is not None else '/dev/null'}\n",
    ]
    hunks = list(difflib.unified_diff(a, b, n=context, lineterm="\n"))[2:]
    if not hunks:
        return ""  # the same lines (an empty file made: nothing a patch can say)
    for line in hunks:
        out.append(line if line.endswith("\n") else line + "\n" + NO_NEWLINE)
    return "".join(out)


def counts(diff: str) -> tuple[int, int]:
    """Lines added and removed by a diff."""
    added = removed = 0
    for line in diff.split("\n"):
        if line.startswith("+") and not line.startswith("+++ "):
            added += 1
        elif line.startswith("-") and not line.startswith("--- "):
            removed += 1
    return added, removed


class NotFound(Exception):
    """A SEARCH text is not in the file: ``index`` is which pair (0-based)."""

    def __init__(self, index: int) -> None:
        super().__init__(index)
        self.index = index


def _find(lines: list[str], search: list[str], strip: bool) -> int:
    n = len(search)
    want = [s.rstrip() for s in search] if strip else search
    for i in range(len(lines) - n + 1):
        window = lines[i : i + n]
        if (([w.rstrip() for w in window]) if strip else window) == want:
            return i
    return -1


def replace_all(text: str, pairs: Sequence[tuple[str, str]]) -> str:
    """``text`` (LF) with each (SEARCH, REPLACE) pair applied in turn; raises NotFound."""
    for index, (search, replace) in enumerate(pairs):
        lines = text.split("\n")
        if not search.strip("\n"):
            text += ("" if not text or text.endswith("\n") else "\n") + replace  # append
            continue
        find = search.strip("\n").split("\n")
        at = _find(lines, find, strip=False)
        if at < 0:
            at = _find(lines, find, strip=True)
        if at < 0:
            raise NotFound(index)
        put = replace.strip("\n").split("\n") if replace.strip("\n") else []
        text = "\n".join(lines[:at] + put + lines[at + len(find) :])
    return text
