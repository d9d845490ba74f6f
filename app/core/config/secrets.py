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
import re
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


MASK = "•••"
FRAGMENT = 8  # this many characters of a key in a row are blanked wherever they appear
_SECRET_SHAPES = (
    # a header echoed back: "Authorization: Bearer abc…", "authorization=Basic …"
    re.compile(r"(?i)\b((?:proxy-)?authorization[\"']?\s*[:=]\s*[\"']?)(?:(?:bearer|basic|token)\s+)?[^\s\"',;]+"),
    re.compile(r"(?i)\b(bearer\s+)[A-Za-z0-9._~+/=-]{6,}"),
    re.compile(r"(?i)\b(api[_-]?key[\"']?\s*[:=]\s*[\"']?)[^\s\"',;&]{6,}"),
    re.compile(r"()\bsk-[A-Za-z0-9_-]{8,}"),  # OpenAI- and DeepSeek-shaped keys, anyone's
)


def _blank_fragments(text: str, key: str) -> str:
    """``text`` with every run of ``FRAGMENT`` or more characters of ``key`` blanked: a server that
    echoes the key may cut it, and a message is cut at a length, so a part of it is a leak too."""
    grams = {key[i : i + FRAGMENT] for i in range(len(key) - FRAGMENT + 1)}
    spans: list[list[int]] = []
    for i in range(len(text) - FRAGMENT + 1):
        if text[i : i + FRAGMENT] in grams:
            if spans and i <= spans[-1][1]:
                spans[-1][1] = i + FRAGMENT
            else:
                spans.append([i, i + FRAGMENT])
    out, at = [], 0
    for start, end in spans:
        out += [text[at:start], MASK]
        at = end
    return "".join([*out, text[at:]])


def redact(text: str, key: str | None = None) -> str:
    """``text`` without secrets, before it is shown, logged, stored or exported: the key (or any
    ``FRAGMENT`` characters of it in a row), the value of an echoed ``Authorization`` header or
    ``Bearer`` token or ``api_key=``, and anything shaped like an ``sk-…`` key. Servers echo keys
    in error messages (OpenAI: "Incorrect API key provided: sk-…"), and their text is what a
    remote error says (``inference/remote_errors.explain``, the one place it enters the app)."""
    if key and len(key) >= FRAGMENT:
        text = _blank_fragments(text, key)
    elif key and len(key) >= 4:
        text = text.replace(key, MASK)
    for shape in _SECRET_SHAPES:
        text = shape.sub(lambda m: m.group(1) + MASK, text)
    return text
