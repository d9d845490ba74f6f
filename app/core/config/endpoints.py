"""Remote endpoints as data: a versioned JSON file in the config folder (``endpoints.json``).

Each endpoint is a name, a base URL (``http(s)://host[:port]/v1``), the model names to offer and
the kind of server (``inference/server_kinds.py``). API keys are never written here: they live in
the system keyring (``secrets.py``) or an environment variable. A file that names a key is
refused, so a key pasted into it by hand is not silently kept next to the chats.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from app.core.config.datafile import versioned_items
from app.core.config.paths import config_dir
from app.core.config.server_kinds import DEFAULT_KIND, KINDS
from app.core.errors import EndpointError

_FIELDS = {"name", "base_url", "models", "kind"}
_SECRET_WORDS = ("key", "token", "secret", "password", "authorization")


@dataclass(frozen=True)
class Endpoint:
    """A remote OpenAI-compatible server.

    Attributes:
        name: what the app calls it (unique; also the keyring entry's name).
        base_url: the API root, ending in ``/v1`` for most servers.
        models: the model names to offer in the model picker.
        kind: a ``server_kinds.KINDS`` id.
    """

    name: str
    base_url: str
    models: tuple[str, ...] = field(default_factory=tuple)
    kind: str = DEFAULT_KIND

    @property
    def host(self) -> str:
        """``host`` or ``host:port``, for badges and messages."""
        return urlsplit(self.base_url).netloc

    @property
    def encrypted(self) -> bool:
        return urlsplit(self.base_url).scheme == "https"

    @property
    def loopback(self) -> bool:
        h = urlsplit(self.base_url).hostname or ""
        return h in ("localhost", "::1") or h.startswith("127.")

    def problems(self) -> list[str]:
        """What is wrong, as sentences for the Endpoints tab (empty when all is well)."""
        out = []
        if not self.name.strip():
            out.append("Give the endpoint a name.")
        out += url_problems(self.base_url)
        if self.kind not in KINDS:
            out.append(f"Unknown server kind {self.kind!r} (one of {', '.join(KINDS)}).")
        if any(not m.strip() for m in self.models):
            out.append("Model names cannot be empty.")
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "base_url": self.base_url, "models": list(self.models), "kind": self.kind}


def url_problems(url: str) -> list[str]:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ["The base URL must start with http:// or https:// and name a host, e.g. http://gpu-box:8000/v1."]
    if parts.username or parts.password:
        return ["Put the API key in the key field, not in the URL: a URL is shown and saved in the clear."]
    return []


def normalize_url(url: str) -> str:
    """The URL as the client needs it: trimmed, without a trailing slash."""
    return url.strip().rstrip("/")


def endpoints_path() -> Path:
    return config_dir() / "endpoints.json"


def _endpoint(item: Any, source: str) -> Endpoint:
    if not isinstance(item, dict):
        raise EndpointError(f"{source}: each endpoint must be an object.")
    secret = [k for k in item if any(w in k.lower() for w in _SECRET_WORDS)]
    if secret:
        raise EndpointError(
            f"{source}: endpoint {item.get('name', '?')!r} has a {secret[0]!r} field. API keys are kept in the "
            "system keyring (or an environment variable), never in this file: remove the field and set the key "
            "in the window's Endpoints tab, or give it to the CLI with --api-key-env VAR."
        )
    unknown = set(item) - _FIELDS
    if unknown:
        raise EndpointError(f"{source}: unknown field(s) {', '.join(sorted(unknown))}.")
    models = item.get("models", [])
    if not isinstance(item.get("name"), str) or not isinstance(item.get("base_url"), str):
        raise EndpointError(f"{source}: an endpoint needs a 'name' and a 'base_url' (text).")
    if not isinstance(models, list) or not all(isinstance(m, str) for m in models):
        raise EndpointError(f"{source}: 'models' must be a list of names.")
    ep = Endpoint(item["name"], normalize_url(item["base_url"]), tuple(models), item.get("kind", DEFAULT_KIND))
    problems = ep.problems()
    if problems:
        raise EndpointError(f"{source}: endpoint {ep.name!r}: {' '.join(problems)}")
    return ep


def parse_endpoints(data: Any, source: str = "endpoints.json") -> list[Endpoint]:
    """The endpoints of a version-1 file; ``EndpointError`` says what is wrong."""
    eps = [_endpoint(item, source) for item in versioned_items(data, "endpoints", source, EndpointError)]
    names = [e.name for e in eps]
    dup = next((n for n in names if names.count(n) > 1), None)
    if dup is not None:
        raise EndpointError(f"{source}: two endpoints are named {dup!r}.")
    return eps


def load_endpoints() -> list[Endpoint]:
    """The saved endpoints (none when the file does not exist yet)."""
    path = endpoints_path()
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except RecursionError:
        raise EndpointError(f"Cannot read {path}: it is nested too deeply to be an endpoints file.") from None
    except (OSError, ValueError) as e:
        raise EndpointError(f"Cannot read {path}: {e}") from None
    return parse_endpoints(data, str(path))


def save_endpoints(endpoints: list[Endpoint]) -> None:
    """Write the endpoints (checked first; atomic replace)."""
    data = {"version": 1, "endpoints": [e.to_dict() for e in endpoints]}
    parse_endpoints(data)
    path = endpoints_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
    tmp.replace(path)


def find_endpoint(endpoints: list[Endpoint], name_or_url: str) -> Endpoint | None:
    """A saved endpoint by its name or its base URL."""
    url = normalize_url(name_or_url)
    return next((e for e in endpoints if e.name == name_or_url or e.base_url == url), None)


def with_endpoint(endpoints: list[Endpoint], ep: Endpoint, replacing: str | None = None) -> list[Endpoint]:
    """The list with ``ep`` added, or put in place of the endpoint named ``replacing``."""
    if any(e.name == ep.name and e.name != replacing for e in endpoints):
        raise EndpointError(f"An endpoint named {ep.name!r} already exists.")
    out = list(endpoints)
    for i, e in enumerate(out):
        if e.name == replacing:
            out[i] = ep
            return out
    return out + [ep]
