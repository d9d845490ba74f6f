"""Every way talking to a remote server can fail, as one sentence for the user.

Kept apart from ``remote_engine`` (the one module that imports ``openai``) by matching the
client's exception classes by name: ``APIStatusError``, ``APITimeoutError``,
``APIConnectionError`` and ``APIError`` are the client's documented public names. The cause
chain tells refused, unknown host and TLS failures apart. The API key never appears in a message.
"""

from __future__ import annotations

import email.utils
import math
import socket
import ssl
import time
from collections.abc import Iterator
from typing import Any

from app.core import errors
from app.core.config.endpoints import Endpoint
from app.core.config.secrets import ENV_KEY, redact


def _is(e: BaseException, name: str) -> bool:
    return any(c.__name__ == name for c in type(e).__mro__)


def _causes(e: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    cur: BaseException | None = e
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        yield cur
        cur = cur.__cause__ or cur.__context__


def retry_after(e: Any) -> float | None:
    """Seconds a 429 asks us to wait (``Retry-After``: seconds or an HTTP date), if it says."""
    headers = getattr(getattr(e, "response", None), "headers", None) or {}
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        seconds = float(value)
        return max(0.0, seconds) if math.isfinite(seconds) else None
    except (TypeError, ValueError):
        pass
    try:  # an HTTP date; anything else ("soon-ish") says nothing we can use
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, when.timestamp() - time.time())
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def explain(
    e: BaseException, ep: Endpoint, model: str, key: str | None, streaming: bool = False, hints: str = "window"
) -> errors.RemoteError:
    """One sentence for the user about what went wrong talking to ``ep`` (the key never shows).
    ``hints``: "window" or "cli", where the advice points."""
    host, cls = ep.host, errors.RemoteError
    cli = hints == "cli"  # the window's advice points at its Endpoints tab, the CLI's at its options
    if _is(e, "APIStatusError"):
        status = int(getattr(e, "status_code", 0))
        said = _said(e)
        if status == 401:
            cls = errors.RemoteAuthError
            msg = (
                f"{host} refused the API key (401). Give it with --api-key-env VAR, or set {ENV_KEY}."
                if cli
                else f"{host} refused the API key (401). Set the endpoint's key in the Endpoints tab, or {ENV_KEY}."
            )
        elif status == 403:
            cls, msg = errors.RemoteAuthError, f"{host} does not let this API key use {model or 'that'} (403).{said}"
        elif status == 404 and not model:  # the model list itself is missing: the URL is wrong
            cls = errors.RemoteModelMissing
            msg = f"{ep.base_url} answered 404 (not found): the base URL is wrong (most servers need it to end in /v1)."
        elif status == 404:
            cls = errors.RemoteModelMissing
            msg = (
                f"{host} has no model named {model!r} (404), or the base URL is wrong (most servers need it to end "
                f"in /v1). `r1desk models --endpoint {ep.base_url}` lists what it offers."
                if cli
                else f"{host} has no model named {model!r} (404), or the base URL is wrong (most servers "
                "need it to end in /v1). Test the connection in the Endpoints tab to see what it offers."
            )
        elif status == 429:
            wait = retry_after(e)
            after = f" (it asks to wait {wait:.0f} s)" if wait and wait >= 1 else ""
            cls, msg = errors.RemoteBusy, f"{host} is busy and asked us to slow down (429){after}. Try again later."
        elif status >= 500:
            cls, msg = errors.RemoteServerError, f"{host} failed with a server error ({status}).{said}"
        else:
            cls, msg = errors.RemoteServerError, f"{host} refused the request ({status}).{said}"
    elif _is(e, "APITimeoutError"):
        if streaming:
            cls, msg = errors.RemoteStreamBroken, f"{host} stopped sending mid-answer (no data for too long)."
        else:
            cls, msg = errors.RemoteUnreachable, f"{host} did not answer in time."
    elif _is(e, "APIConnectionError"):
        cls, msg = errors.RemoteUnreachable, _connection_sentence(e, ep, streaming)
        if streaming and not any(isinstance(c, (ssl.SSLError, socket.gaierror)) for c in _causes(e)):
            cls = errors.RemoteStreamBroken
    elif _is(e, "APIError"):
        cls, msg = errors.RemoteServerError, f"{host} reported an error mid-answer: {getattr(e, 'message', e)}"
    else:
        msg = f"Talking to {host} failed: {type(e).__name__}: {e}"
    return cls(redact(msg, key))


def _said(e: Any) -> str:
    body = getattr(e, "body", None)
    text = body.get("message") if isinstance(body, dict) else None
    text = text or (body.get("error", {}).get("message") if isinstance(body, dict) else None)
    return f" It said: {str(text)[:300]}" if text else ""


def _connection_sentence(e: BaseException, ep: Endpoint, streaming: bool) -> str:
    host = ep.host
    for c in _causes(e):
        if isinstance(c, ssl.SSLCertVerificationError):
            return (
                f"The certificate of {host} could not be verified ({c.verify_message or c.reason}). R1 Desk "
                "checks HTTPS against the system's trust store; for a private CA, point SSL_CERT_FILE at its "
                "certificate."
            )
        if isinstance(c, ssl.SSLError):
            return f"A secure (TLS) connection to {host} failed ({c.reason or c}); is it an https:// server?"
        if isinstance(c, socket.gaierror):
            return f"The host name in {ep.base_url} could not be found. Check the URL and your network."
        if isinstance(c, ConnectionRefusedError):
            return f"Nothing answers at {host} (connection refused). Is the server running, on that port?"
    if streaming:
        return f"The connection to {host} dropped mid-answer; what arrived is kept."
    return f"Cannot connect to {host}."


def late(ep: Endpoint, seconds: float) -> errors.RemoteUnreachable:
    """No part of the answer came within ``seconds`` of the request (the remote engine's limit)."""
    return errors.RemoteUnreachable(
        f"{ep.host} sent no part of the answer within {seconds:g} s of the request: it may be busy with "
        "other requests, or stuck. The request was stopped."
    )


def own_server(ep: Endpoint) -> errors.RemoteServerError:
    """The endpoint is the app's own local API server, sharing the window's engine gate."""
    return errors.RemoteServerError(
        f"{ep.host} is this R1 Desk's own local API server: as a remote it would wait for this window's own "
        "answer. Load the model here directly, or point the endpoint at another server."
    )
