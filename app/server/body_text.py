"""Every string of a request body must be text: JSON lets a client send a lone UTF-16 surrogate
(``"\\ud800"``), which Python keeps but cannot encode, so it failed deep in the engine (a 500) or
in the serve log (a traceback). Found here, it is a 400 that names where it is."""

from __future__ import annotations

import re
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(body: Any) -> tuple[str, str, str] | None:
    """``(field, where, character)`` of the first lone surrogate in ``body``, or None.

    ``field`` is the top-level key (the OpenAI error's ``param``), ``where`` the full path, as
    ``messages[0].content``.
    """
    todo: list[tuple[Any, str, str]] = [(body, "", "")]
    while todo:
        value, field, where = todo.pop()
        if isinstance(value, str):
            found = _SURROGATE.search(value)
            if found:
                return field, where, f"U+{ord(found.group()):04X}"
        elif isinstance(value, dict):  # (a key is never used, so its text does not matter)
            for key, item in reversed(list(value.items())):
                todo.append((item, field or key, f"{where}.{key}" if where else key))
        elif isinstance(value, list):
            todo.extend((item, field, f"{where}[{i}]") for i, item in reversed(list(enumerate(value))))
    return None
