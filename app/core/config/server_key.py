"""The local server's API key: a secret, so never in settings.json.

Kept in a file of its own in the config folder, readable by the user alone (0600); the
environment variable ``R1DESK_SERVER_KEY`` overrides it. (When the keyring store in
``config/secrets.py`` lands, this module is the one place to switch to it.)
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from app.core.config.paths import config_dir

ENV_VAR = "R1DESK_SERVER_KEY"


def key_path() -> Path:
    return config_dir() / "server.key"


def load_key() -> str:
    """The key clients must send ("" for none)."""
    return key_and_source()[0]


def key_and_source() -> tuple[str, str]:
    """The key clients must send and where it comes from, in words for a start-up line (never
    the key itself): ("", "") when none is set."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return env, f"the environment variable {ENV_VAR}"
    try:
        saved = key_path().read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return "", ""
    return (saved, f"the key saved in R1 Desk's settings ({key_path()})") if saved else ("", "")


def save_key(key: str) -> None:
    """Store the key (an empty one removes it), readable by this user only."""
    path = key_path()
    key = key.strip()
    if not key:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(key)
    os.chmod(path, 0o600)


def new_key() -> str:
    return "r1d-" + secrets.token_urlsafe(24)
