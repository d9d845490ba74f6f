"""Entry point: ``r1desk`` and ``python -m app``.

With a sub-command it runs the CLI; without one it will open the window (the GUI arrives with
the chat-window issue; until then it prints help).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from app.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
