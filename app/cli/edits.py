"""``r1desk ask -a src/ --diff`` / ``--apply [--yes]``: the edits the answer proposes to the
attached files, as a unified diff on stdout (``| git apply``, ``| patch -p1``), or written.

With either option the answer goes to stderr with the reasoning, so stdout carries only the diff.
Paths are taken from the current folder, and edits stay inside it: an attached file, or a file
in an attached folder (new ones too). Exit codes: 0 edits found (and, with --apply, all written);
3 the answer proposed no edit; 4 some edits were refused, did not apply or were declined (the
others were printed or written); 1 an error; 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from app.cli.terminal import note_line
from app.core.code.attach import FileText
from app.core.code.edit_files import EditError
from app.core.code.edits import Edit, Workspace, apply_edit, diff_of, propose
from app.core.errors import EngineError

EXIT_NO_EDITS = 3
EXIT_NOT_ALL = 4


def add_edit_args(p: Any) -> None:
    p.add_argument(
        "--diff",
        action="store_true",
        help="print the edits the answer proposes to the attached files as a unified diff on stdout "
        "(for git apply or patch -p1; the answer goes to stderr). Exit 0: edits found; 3: none; 4: some refused",
    )
    p.add_argument(
        "--apply",
        action="store_true",
        help="show the proposed edits as a diff, then write them to the attached files (asks first; "
        "exit 0: all written, 3: none proposed, 4: some not written)",
    )
    p.add_argument("--yes", "-y", action="store_true", help="with --apply: write without asking (for scripts)")


def wants_edits(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "diff", False) or getattr(args, "apply", False))


def check_edit_args(args: argparse.Namespace) -> None:
    """Refuse what cannot work before the model is loaded."""
    if args.yes and not args.apply:
        raise EngineError("--yes goes with --apply.")
    if not wants_edits(args):
        return
    if not args.attach:
        raise EngineError("--diff and --apply edit attached files: attach them with -a PATH.")
    if args.json:
        raise EngineError("--diff and --apply print a diff, not JSON: leave out --json.")
    if args.samples > 1:
        raise EngineError("--diff and --apply work on one answer, not on --samples.")
    if args.dry_run:
        raise EngineError("--dry-run generates nothing, so there are no edits to show.")
    if args.apply and not args.yes and not sys.stdin.isatty():
        raise EngineError("--apply asks before it writes, and there is no terminal to ask in: add --yes.")


def workspace(args: argparse.Namespace, files: list[FileText]) -> Workspace:
    """The current folder, its attached files, and the attached folders opened for editing."""
    root = Path(os.path.realpath(Path.cwd()))
    inside = [f for f in files if f.path is not None and root in Path(os.path.realpath(f.path)).parents]
    folders: list[str] = []
    for a in args.attach or []:
        real = Path(os.path.realpath(a))
        if real.is_dir() and (real == root or root in real.parents):
            folders.append(real.relative_to(root).as_posix() if real != root else "")
    return Workspace(root, {f.rel: f.text for f in inside}, tuple(folders))


def _say(text: str) -> None:
    print(f"r1desk: {note_line(text)}", file=sys.stderr)


def _print_diff(diff: str) -> None:
    if sys.stdout.isatty():
        from app.cli.terminal import escaped

        sys.stdout.write(escaped(diff))
    else:  # exact bytes into a pipe: a CRLF file's patch keeps its CRs
        sys.stdout.flush()
        sys.stdout.buffer.write(diff.encode("utf-8", "surrogateescape"))
    sys.stdout.flush()


def _report(edits: list[Edit]) -> None:
    for e in edits:
        if e.applicable:
            added, removed = e.counts
            _say(f"{'new file' if e.is_new else 'edit'} {e.rel} (+{added} -{removed})")
        elif e.problem:
            _say(f"not applied: {e.problem}")
        elif e.stale:
            _say(
                f"not applied: {e.rel} changed on disk since it was attached; the answer was written "
                "against the old text (run again to attach it as it is now)"
            )


def _confirm(n: int) -> bool:
    print(f"Apply {n} edit{'s' if n != 1 else ''}? [y/N] ", end="", file=sys.stderr, flush=True)
    try:
        return input().strip().lower() in ("y", "yes")
    except EOFError:
        return False


def finish(args: argparse.Namespace, answer: str, files: list[FileText]) -> int:
    """Print (and with --apply, write) the answer's edits; the exit code."""
    ws = workspace(args, files)
    edits = propose(answer, ws)
    if not edits:
        _say("the answer proposes no edit to the attached files (the Code preset asks for each file's path)")
        return EXIT_NO_EDITS
    _report(edits)
    good = [e for e in edits if e.applicable]
    _print_diff(diff_of(good))
    all_good = len(good) == len(edits)
    if not args.apply or not good:
        return 0 if all_good else EXIT_NOT_ALL
    if not args.yes and not _confirm(len(good)):
        _say("nothing written")
        return EXIT_NOT_ALL
    written = 0
    for e in good:
        try:
            apply_edit(e, ws)
        except EditError as err:
            _say(f"not applied: {err}")
            continue
        written += 1
        _say(f"wrote {e.rel}")
    return 0 if all_good and written == len(good) else EXIT_NOT_ALL
