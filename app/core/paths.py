"""Where the app's files live. Everything goes through here so tests can redirect it.

``R1DESK_HOME`` (used by the tests) puts data, config and cache under one folder; otherwise
platformdirs gives each platform's usual places.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "R1Desk"
ASSETS = Path(__file__).resolve().parents[2] / "assets"


def _base(kind: str) -> Path:
    home = os.environ.get("R1DESK_HOME")
    if home:
        return Path(home) / kind
    fn = {"data": platformdirs.user_data_path, "config": platformdirs.user_config_path,
          "cache": platformdirs.user_cache_path}[kind]
    return Path(fn(APP_NAME, appauthor=False))


def data_dir() -> Path:
    return _base("data")


def config_dir() -> Path:
    return _base("config")


def cache_dir() -> Path:
    return _base("cache")


def asset(*parts: str) -> Path:
    """A file shipped under ``assets/``."""
    return ASSETS.joinpath(*parts)
