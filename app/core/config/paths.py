"""Where the app's files live. Everything goes through here so tests can redirect it.

``R1DESK_HOME`` (used by the tests) puts data, config and cache under one folder; otherwise
platformdirs gives each platform's usual places.

The shipped data (catalog, presets, templates, style, icons, translations) lives in the
top-level ``assets/`` folder of the source tree. A wheel installs it as the package
``app.assets`` (pyproject maps the folder there); a checkout and a PyInstaller bundle keep it
beside the ``app`` package. :func:`asset` finds it either way through ``importlib.resources``.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "R1Desk"


def _base(kind: str) -> Path:
    home = os.environ.get("R1DESK_HOME")
    if home:
        return Path(home) / kind
    fn = {
        "data": platformdirs.user_data_path,
        "config": platformdirs.user_config_path,
        "cache": platformdirs.user_cache_path,
    }[kind]
    return Path(fn(APP_NAME, appauthor=False))


def data_dir() -> Path:
    return _base("data")


def config_dir() -> Path:
    return _base("config")


def cache_dir() -> Path:
    return _base("cache")


@cache
def assets_dir() -> Path:
    """The folder of shipped data: the installed ``app.assets`` package, else ``assets/`` beside ``app``."""
    try:
        return Path(str(resources.files("app.assets")))
    except ModuleNotFoundError:
        return Path(str(resources.files("app"))).parent / "assets"


def asset(*parts: str) -> Path:
    """A file shipped under ``assets/``."""
    return assets_dir().joinpath(*parts)
