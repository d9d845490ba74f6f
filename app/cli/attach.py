"""``r1desk ask -a PATH [-a PATH ...]``: files and folders into the question, and the refusal
when the message will not fit the model's context (the window's numbers, a non-zero exit).

``-a/--attach`` takes one path and repeats (as ``llm -a``, ``curl -F``, ``docker -v`` do), so the
question can stand anywhere. The older ``--attach A B C "question"`` still works where it is
unambiguous: the words after the option that name existing files or folders are attached, and the
one word that does not is the question."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli.terminal import note_line
from app.core.code.attach import AttachError, FileText, attach_all, compose, files_of, skips_of
from app.core.code.budget import refusal
from app.core.code.measure import Measurement, MeasureRequest, loaded_config
from app.core.errors import ContextOverflow
from app.core.inference.engine import Engine
from app.core.inference.events import ChatMessage, ChatOptions
from app.core.models.hardware import Hardware
from app.core.r1.sampling import Sampling


def add_attach_args(p: Any) -> None:
    p.add_argument(
        "-a",
        "--attach",
        action="append",
        type=Path,
        metavar="PATH",
        help="a file or folder to put into the question as fenced blocks; repeat for more "
        "(-a src/ -a README.md). Folders follow .gitignore; binary and large files are skipped, and "
        "each skip is reported",
    )
    p.add_argument(
        "--max-file-kb",
        type=int,
        metavar="KB",
        help="skip attached files larger than this (default: the app's setting, 256 KB)",
    )


def take_words(args: argparse.Namespace, extra: list[str]) -> str | None:
    """Sort the words argparse left over into attachments and the question (the older
    ``--attach A B "question"`` form); None when they sort cleanly, else what is wrong."""
    words = ([args.prompt] if args.prompt is not None else []) + extra
    if any(w.startswith("-") and w != "-" for w in extra):
        return f"unrecognized arguments: {' '.join(extra)}"
    paths = [w for w in words if args.attach and w != "-" and Path(w).exists()]
    rest = [w for w in words if w not in paths]
    if len(rest) > 1:
        return (
            f"more than one question ({', '.join(repr(w) for w in rest)}): quote the question as one "
            "argument, and attach each path with -a PATH"
        )
    args.attach = [*(args.attach or []), *(Path(w) for w in paths)]
    args.prompt = rest[0] if rest else None
    return None


def attached_files(args: argparse.Namespace, *, quiet: bool = False) -> list[FileText]:
    """Read ``--attach``; say on stderr what was skipped and why (unless ``quiet``)."""
    if not args.attach:
        return []
    from app.core.settings import load_settings

    kb = args.max_file_kb or load_settings()[0].attachment_max_kb
    if kb < 1:
        raise AttachError("--max-file-kb must be at least 1.")
    try:
        attachments = attach_all(args.attach, max_bytes=kb * 1024, base=Path.cwd())
    except AttachError as e:
        hint = ""
        if args.prompt is None and not Path(args.attach[-1]).exists():
            hint = " (If that was the question, quote it as one argument: -a takes one path.)"
        raise AttachError(f"{e}{hint}") from None
    if not quiet:
        for s in skips_of(attachments):
            print(f"r1desk: skipped {note_line(str(s))}", file=sys.stderr)
    files = files_of(attachments)
    if not files:
        raise AttachError("Nothing to attach: every file was skipped.")
    return files


def with_files(messages: list[ChatMessage], files: list[FileText]) -> list[ChatMessage]:
    """The conversation with the files put into its last user message (before the question)."""
    if not files:
        return messages
    last = dict(messages[-1])
    last["content"] = compose(last["content"], files)
    return [*messages[:-1], last]


def check_fit(
    engine: Engine,
    messages: list[ChatMessage],
    files: list[FileText],
    sampling: Sampling,
    options: ChatOptions,
    *,
    n_ctx: int,
    model_path: str = "",
    hardware: Hardware | None = None,
    refuse: bool = True,
) -> Measurement:
    """Measure the request; refuse (ContextOverflow, with the numbers and the ways out) when it
    does not fit, or, with ``refuse=False``, say so on stderr."""
    m = MeasureRequest(
        messages,
        files,
        n_ctx=n_ctx,
        max_tokens=sampling.max_tokens,
        think_budget=options.think_budget if options.think else None,
        options=options,
        model_path=model_path,
        hardware=hardware,
        load_config=loaded_config(engine.facts),
    ).run(engine)
    if m.budget.fits or m.remedies is None:
        return m
    text = refusal(m.budget, m.remedies)
    if refuse:
        raise ContextOverflow(text)
    print(f"r1desk: note: {text}", file=sys.stderr)
    return m
