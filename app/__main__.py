"""Entry point: ``r1desk`` and ``python -m app``.

With a sub-command (ask, models, pull, ...) it runs the CLI; otherwise it opens the window,
loading ``--model PATH_OR_ID`` or a ``FILE.gguf`` given as the only argument (what a file
manager's "Open with" passes).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

CLI_COMMANDS = {"ask", "check", "models", "pull", "rm", "import", "serve", "-h", "--help", "--version"}


def _gui_model(args: list[str]) -> str | bool | None:
    """The model to open in the window, None for none, False when these are not GUI arguments."""
    if not args:
        return None
    if len(args) == 1 and args[0].lower().endswith(".gguf"):
        return args[0]
    if len(args) == 2 and args[0] in ("--model", "-m"):
        return args[1]
    if len(args) == 1 and args[0].startswith("--model="):
        return args[0].split("=", 1)[1]
    return False


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:  # Ctrl+C before anything could handle it (imports, start-up)
        print("\nr1desk: stopped.", file=sys.stderr)
        return 130


def _main(argv: Sequence[str] | None) -> int:
    # In a frozen bundle the model process is this executable again: let it run the child.
    import multiprocessing

    multiprocessing.freeze_support()
    args = list(sys.argv[1:] if argv is None else argv)
    model = _gui_model(args)
    if model is not False and not (args and args[0] in CLI_COMMANDS):
        import signal

        # Ctrl+C while PySide6 is imported would raise inside its import hooks, which swallow
        # the KeyboardInterrupt (the window then opened anyway): note it instead, act on it later.
        seen: list[int] = []
        signal.signal(signal.SIGINT, lambda *_: seen.append(1))
        from app.ui.app import run_gui

        return run_gui(model if isinstance(model, str) else None, ctrl_c_seen=seen)
    from app.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
