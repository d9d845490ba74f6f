"""Whether Hugging Face can be reached, asked cheaply: one TCP connection to the endpoint's
host (nothing is sent), so the window can say "offline" before a download fails.

``HF_HUB_OFFLINE`` answers without touching the network. The answer is a hint for the UI; a
download still reports its own errors.
"""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

from app.core.models import hf_cache

TIMEOUT_S = 3.0


def hub_reachable(timeout: float = TIMEOUT_S) -> bool:
    """True when a connection to the Hugging Face endpoint (``HF_ENDPOINT``) opens in time."""
    if hf_cache.is_offline():
        return False
    url = urlsplit(hf_cache.endpoint())
    if not url.hostname:
        return False
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        with socket.create_connection((url.hostname, port), timeout=timeout):
            return True
    except (OSError, ValueError):
        return False
