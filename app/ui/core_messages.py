"""The core's sentences that the window shows, as translation templates (see ``core_text.py``).

Each is the English the core writes, with its variable parts named: ``{path}`` for what the core
fills in with ``{p}``. ``tests/ui/test_translations.py`` checks both ways that this list and
the core agree: every template is a sentence the core can write, and every error sentence the
core raises is here (or is listed there as the command line's alone).
"""

from __future__ import annotations

TEMPLATES: tuple[str, ...] = ()
