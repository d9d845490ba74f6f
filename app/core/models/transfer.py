"""A resumable, verified HTTP transfer of one file into the Hugging Face cache's blob folder.

huggingface_hub supplies the URL, the size, the sha256 and the headers (``hub.py``); the
transfer itself is ours because ``hf_hub_download`` neither resumes across calls (its partial
file dies with a cancel) nor checks the sha256. A partial download stays in
``blobs/<sha256>.incomplete``; the next pull asks for the rest with ``Range``; the bytes are
hashed and checked against the Hub's LFS sha256 before the file gets its blob name.
"""

from __future__ import annotations

import functools
import hashlib
import http.client
import shutil
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from app.core import errors

CHUNK = 1 << 20
RETRIES = 5


class Flag(Protocol):
    def is_set(self) -> bool: ...


@dataclass(frozen=True)
class RemoteBlob:
    """Where a file's bytes are and what they must hash to (``sha256`` None: not an LFS file)."""

    url: str
    commit: str
    sha256: str | None
    size: int | None
    etag: str

    @property
    def key(self) -> str:
        return self.sha256 or self.etag


@dataclass(frozen=True)
class DownloadProgress:
    """Where a pull stands. ``done``/``total`` cover every file of the pull."""

    file: str
    file_done: int
    file_total: int
    done: int
    total: int
    speed_bps: float
    eta_s: float | None


class Meter:
    """Progress over several files, with a speed averaged over the last few seconds."""

    def __init__(self, total: int, done: int, callback: Callable[[DownloadProgress], None] | None) -> None:
        self.total, self.done, self.callback = total, done, callback
        self._window: list[tuple[float, int]] = [(time.monotonic(), done)]
        self._last_emit = 0.0

    def update(self, file: str, file_done: int, file_total: int, n: int, force: bool = False) -> None:
        self.done += n
        now = time.monotonic()
        if self.callback is None or (not force and now - self._last_emit < 0.1):
            return
        self._last_emit = now
        self._window.append((now, self.done))
        while len(self._window) > 2 and now - self._window[0][0] > 5.0:
            self._window.pop(0)
        t0, d0 = self._window[0]
        speed = (self.done - d0) / (now - t0) if now > t0 else 0.0
        eta = (self.total - self.done) / speed if speed > 0 else None
        self.callback(DownloadProgress(file, file_done, file_total, self.done, self.total, speed, eta))


def check_space(cache: Path, need: int) -> None:
    probe = cache
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    free = shutil.disk_usage(probe).free
    margin = 100 * 1024 * 1024
    if need + margin > free:
        raise errors.NotEnoughSpace(
            f"The download needs {need / 1e9:.2f} GB, but only {free / 1e9:.2f} GB is free at {probe}. Free some "
            "space, or choose another models folder in the settings."
        )


def _hash_existing(path: Path, hasher: Any, cancel: Flag | None) -> None:
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(8 * CHUNK), b""):
            if cancel is not None and cancel.is_set():
                raise errors.DownloadCancelled("Download cancelled; it will resume from here.")
            hasher.update(block)


def fetch(label: str, m: RemoteBlob, part: Path, meter: Meter, cancel: Flag | None, headers: dict[str, str]) -> Path:
    """Fetch one file into ``part`` (resuming), verify it, and move it to its blob name."""
    part.parent.mkdir(parents=True, exist_ok=True)
    total = m.size or 0
    if part.is_file() and total and part.stat().st_size > total:
        part.unlink()  # longer than the file can be: start again
    hasher = hashlib.sha256()
    if part.is_file():
        _hash_existing(part, hasher, cancel)
    done = part.stat().st_size if part.is_file() else 0
    attempt = 0
    while not total or done < total:
        try:
            with part.open("ab") as fh:
                for block in _stream(m.url, done, headers):
                    if block is _RESTART:  # the server ignored Range: start again from byte 0
                        meter.update(label, 0, total, -done)
                        fh.truncate(0)
                        hasher, done = hashlib.sha256(), 0
                        continue
                    assert isinstance(block, memoryview)
                    fh.write(block)
                    hasher.update(block)
                    done += len(block)
                    meter.update(label, done, total, len(block))
                    if cancel is not None and cancel.is_set():
                        raise errors.DownloadCancelled(
                            f"Download cancelled at {done / 1e6:.0f} of {total / 1e6:.0f} MB; the next pull "
                            "resumes from there."
                        )
            if not total:
                break
            if done < total:
                raise http.client.IncompleteRead(b"", total - done)
        except _ServerError:
            attempt += 1
            if attempt >= RETRIES:
                raise
            time.sleep(min(0.2 * 2**attempt, 5.0))
        except errors.DownloadError:
            raise
        except (http.client.HTTPException, OSError) as e:  # reset, refused, timeout, cut short
            attempt += 1
            if attempt >= RETRIES:
                raise errors.NetworkError(
                    f"{label}: the connection keeps failing ({type(e).__name__}); {done / 1e6:.0f} of "
                    f"{total / 1e6:.0f} MB are saved and the next pull resumes from there."
                ) from None
            time.sleep(min(0.2 * 2**attempt, 5.0))
    meter.update(label, done, total, 0, force=True)
    digest = hasher.hexdigest()
    if (total and done != total) or (m.sha256 is not None and digest != m.sha256):
        part.unlink(missing_ok=True)
        raise errors.ChecksumMismatch(
            f"{label} failed its checksum (sha256 {digest[:12]}…, expected "
            f"{(m.sha256 or '?')[:12]}…; {done} of {total} bytes): the download was corrupted. It was "
            "deleted; pull it again."
        )
    blob = part.with_name(digest if m.sha256 is not None else m.etag)
    part.replace(blob)
    return blob


_RESTART = object()


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """The system's trust store (as huggingface_hub uses it), else Python's default."""
    try:
        import truststore

        return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    except Exception:
        return ssl.create_default_context()


def _stream(url: str, start: int, hub_headers: dict[str, str]) -> Iterator[memoryview | object]:
    """The file's bytes from ``start``; yields ``_RESTART`` first when the server ignores Range.

    The transfer uses the standard library's HTTP client: on this project's reference machine
    it reads loopback at ~570 MB/s where huggingface_hub's httpx session manages ~230 MB/s, and
    the transfer is the one place where that matters. The token is sent as an unredirected
    header, so it never follows a redirect to a CDN.
    """
    headers = dict(hub_headers)
    token = headers.pop("authorization", None) or headers.pop("Authorization", None)
    headers["Accept-Encoding"] = "identity"
    if start:
        headers["Range"] = f"bytes={start}-"
    req = urllib.request.Request(url, headers=headers)
    if token:
        req.add_unredirected_header("Authorization", token)
    try:
        context = _ssl_context() if url.startswith("https:") else None
        r = urllib.request.urlopen(req, timeout=60, context=context)
    except urllib.error.HTTPError as e:
        if e.code == 416:
            return  # nothing left to send
        raise _http_error(e.code, url) from None
    with r:
        if start and r.status == 200:
            yield _RESTART
        # read1: whatever one socket read brings (up to CHUNK). readinto() would wait to fill the
        # whole buffer, delaying progress and cancel, and losing the buffer if the link drops.
        while True:
            block = r.read1(CHUNK)
            if not block:
                break
            yield memoryview(block)


def _http_error(code: int, url: str) -> errors.DownloadError:
    if code in (401, 403):
        return errors.AccessDenied(
            f"{url}: access denied (HTTP {code}). The repository is gated or private: accept its "
            "terms on huggingface.co and set HF_TOKEN."
        )
    if code == 404:
        return errors.NotFoundError(f"{url}: not found (HTTP 404).")
    if code >= 500:
        return _ServerError(f"{url}: Hugging Face answered with an error (HTTP {code}). Try again later.")
    return errors.NetworkError(f"{url}: HTTP {code}.")


class _ServerError(errors.NetworkError):
    """A 5xx answer: worth a retry."""
