"""Where a JSON value ends in text that streams, and whether a tool call's arguments are usable.

A call's arguments end where their JSON object ends, found by the JSON's own structure (strings
and escapes respected), so a code fence or a marker inside an argument's text does not end them.
"""

from __future__ import annotations

import json


class JsonEnd:
    """Finds where a JSON object or array ends, fed in pieces (strings and escapes respected)."""

    def __init__(self) -> None:
        self.depth = 0
        self.in_string = False
        self.escaped = False

    def feed(self, text: str) -> int:
        """The index just past the value's end within ``text``, or -1 when it goes on."""
        for i, c in enumerate(text):
            if self.in_string:
                if self.escaped:
                    self.escaped = False
                elif c == "\\":
                    self.escaped = True
                elif c == '"':
                    self.in_string = False
            elif c == '"':
                self.in_string = True
            elif c in "{[":
                self.depth += 1
            elif c in "}]":
                self.depth -= 1
                if self.depth <= 0:
                    return i + 1
        return -1


def check_arguments(text: str) -> str:
    """Why ``text`` is not a call's arguments (a JSON object), or "" when it is."""
    try:
        value = json.loads(text)
    except ValueError as e:
        return f"its arguments are not valid JSON ({e})"
    return "" if isinstance(value, dict) else "its arguments are not a JSON object"
