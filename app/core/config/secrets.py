"""API keys for remote endpoints: the system keyring, else an environment variable.

The one module that imports ``keyring``, and only when a key is read or written (it probes D-Bus
and its backends on import). Keys are never written to the settings or endpoints file, never
logged, exported or shown: the Endpoints tab only says where a key comes from.

Where an endpoint's key comes from, first match wins:
1. the variable named by ``--api-key-env VAR`` (the CLI): what the user asked for explicitly;
2. the keyring entry saved from the Endpoints tab (service "R1 Desk", user = endpoint name);
3. ``R1DESK_API_KEY``.
"""

from __future__ import annotations

import os
from typing import Any, Literal

from app.core.errors import EndpointError, KeyringUnavailable

SERVICE = "R1 Desk"
ENV_KEY = "R1DESK_API_KEY"
KeySource = Literal["env_var", "keyring", "R1DESK_API_KEY", "none"]

NO_KEYRING = (
    "No system keyring is available here ({why}), so the key cannot be saved. Set it in the environment "
    f"instead: {ENV_KEY}=… before starting R1 Desk (or --api-key-env VAR with the r1desk command)."
)


def _keyring() -> Any:
    """The keyring module when a real backend can store secrets; else KeyringUnavailable."""
    try:
        import keyring
        from keyring.backends import fail, null
    except ImportError:
        raise KeyringUnavailable(NO_KEYRING.format(why="the keyring package is not installed")) from None
    backend = keyring.get_keyring()
    if isinstance(backend, (fail.Keyring, null.Keyring)):
        why = "no backend such as GNOME Keyring, KWallet, the macOS Keychain or Windows Credential Manager"
        raise KeyringUnavailable(NO_KEYRING.format(why=why))
    return keyring


def keyring_problem() -> str | None:
    """Why keys cannot be saved on this machine, or None when they can."""
    try:
        _keyring()
    except KeyringUnavailable as e:
        return str(e)
    return None


def save_key(endpoint: str, key: str) -> None:
    """Keep ``key`` for the endpoint in the system keyring."""
    kr = _keyring()
    try:
        kr.set_password(SERVICE, endpoint, key)
    except Exception as e:  # a locked or broken backend (keyring.errors.KeyringError and others)
        raise KeyringUnavailable(NO_KEYRING.format(why=f"{type(e).__name__}: {e}")) from None


def delete_key(endpoint: str) -> None:
    """Forget the endpoint's key (nothing to do when none is stored or no keyring exists)."""
    try:
        _keyring().delete_password(SERVICE, endpoint)
    except Exception:  # none stored, or no keyring: either way nothing is kept
        return


def stored_key(endpoint: str) -> str | None:
    """The endpoint's key from the keyring; None when none is stored or no keyring exists."""
    try:
        return _keyring().get_password(SERVICE, endpoint) or None
    except Exception:  # no keyring, or a locked one: fall back to the environment
        return None


def resolve_key(endpoint: str | None, env_var: str | None = None) -> tuple[str | None, KeySource]:
    """The key to send and where it came from (see the module docstring for the order)."""
    if env_var:
        value = os.environ.get(env_var, "")
        if not value:
            raise EndpointError(f"--api-key-env {env_var}: the environment variable {env_var} is not set.")
        return value, "env_var"
    if endpoint:
        key = stored_key(endpoint)
        if key:
            return key, "keyring"
    value = os.environ.get(ENV_KEY, "")
    return (value, "R1DESK_API_KEY") if value else (None, "none")


def redact(text: str, key: str | None) -> str:
    """``text`` with the key blanked out (servers sometimes echo it in error messages)."""
    if key and len(key) >= 4:
        text = text.replace(key, "•••")
    return text
