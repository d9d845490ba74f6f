"""``r1desk`` sub-commands for terminals and scripts. Thin: parse, call the core, print.

Each sub-command lives in its own module and adds its parser with ``add_command``:
``ask`` (stream an answer), ``models``/``pull``/``rm``/``import`` (the catalog and downloads),
``serve`` (the local OpenAI-compatible API), ``check`` (MATH-500 pass@1 by the R1 paper's protocol).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from app import __version__
from app.cli import ask, check, models, serve
from app.cli.common import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK
from app.cli.terminal import escaped
from app.core.errors import R1DeskError


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="r1desk",
        description="R1 Desk: chat with DeepSeek-R1 distilled models on your own machine.",
    )
    p.add_argument("--version", action="version", version=f"r1desk {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    ask.add_command(sub)
    models.add_commands(sub)
    serve.add_command(sub)
    check.add_command(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        from app.cli.attach import take_words

        problem = take_words(args, extra) if getattr(args, "command", None) == "ask" else None
        if problem is not None or getattr(args, "command", None) != "ask":
            parser.error(problem or f"unrecognized arguments: {' '.join(extra)}")
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_OK
    try:
        return int(args.func(args))
    except R1DeskError as e:
        print(f"r1desk: {escaped(str(e))}", file=sys.stderr)  # it may quote a file name or a server
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:  # Ctrl+C while starting or loading: stop, without a traceback
        print("\nr1desk: stopped.", file=sys.stderr)
        return EXIT_INTERRUPTED
