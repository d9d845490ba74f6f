"""The envelope every data file under assets/ and the config folder shares:
``{"version": 1, "<key>": [...]}``."""

from __future__ import annotations

from typing import Any


def versioned_items(data: Any, key: str, source: str, error: type[Exception]) -> list[Any]:
    """The list under ``key`` of a version-1 file, or ``error`` saying what was expected."""
    if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get(key), list):
        raise error(f"{source}: expected {{'version': 1, '{key}': [...]}}")
    return list(data[key])
