"""How the server is exposed: address, port, key, allowed browser origins, limits.

Loopback by default. Any other address serves everyone who can reach this machine, so it needs
an API key; a web page in the user's browser is kept out unless ``--cors`` names its origin.

Without a key, a request must also be addressed to this computer by name (``Host``: localhost,
a loopback address, or the address served on; any port). A web page that makes its own host
name resolve to 127.0.0.1 (DNS rebinding) would otherwise be same-origin with the server and
read its answers; its requests carry that name, and are refused. llama-server, Jupyter and
Ollama make the same check. A request without ``Host`` (HTTP/1.0) comes from no browser, and
is served.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from app.core.errors import R1DeskError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
MAX_BODY_BYTES = 8 * 1024 * 1024  # a long code file is ~100 KB; 8 MB is far beyond any context


class ServerConfigError(R1DeskError):
    """The server cannot start with these settings."""


def host_name(header: str) -> str:
    """The name in a ``Host`` header, without the port, lower case, without a final dot."""
    header = header.strip().lower()
    if header.startswith("["):
        name = header[: header.find("]") + 1] if "]" in header else header
    elif header.count(":") == 1:
        name, _, port = header.partition(":")
        if not port.isdigit():
            name = header
    else:
        name = header  # no port, or a bare IPv6 address
    return name.rstrip(".")


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ServerConfig:
    """Attributes:
    api_key: the bearer key clients must send ("" for none; only allowed on loopback).
    cors: browser origins allowed to call the API (none by default).
    """

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    api_key: str = ""
    cors: tuple[str, ...] = ()
    max_body_bytes: int = MAX_BODY_BYTES

    def check(self) -> None:
        """Refuse what would expose the model: a non-loopback address without a key."""
        if not 0 <= self.port <= 65535:
            raise ServerConfigError(f"The port must be between 1 and 65535, not {self.port}.")
        if not is_loopback(self.host) and not self.api_key:
            raise ServerConfigError(
                f"Serving on {self.host} would let other machines use the model: set an API key "
                "(--api-key-env VAR) or serve on 127.0.0.1."
            )
        if "*" in self.cors:
            raise ServerConfigError("--cors needs an origin such as http://localhost:3000, not '*'.")

    def host_allowed(self, header: str | None) -> bool:
        """Whether a request's ``Host`` may be served (see the module docstring)."""
        if self.api_key or header is None or not header.strip():
            return True
        name = host_name(header)
        return is_loopback(name) or name == host_name(self.host)

    def url(self, port: int | None = None) -> str:
        host = f"[{self.host}]" if ":" in self.host and not self.host.startswith("[") else self.host
        return f"http://{host}:{self.port if port is None else port}/v1"
