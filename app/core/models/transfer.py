"""A resumable, verified HTTP transfer of one file into the Hugging Face cache's blob folder.

huggingface_hub supplies the URL, the size, the sha256 and the headers (``hub.py``); the
transfer itself is ours because ``hf_hub_download`` neither resumes across calls (its partial
file dies with a cancel) nor checks the sha256. A partial download stays in
``blobs/<sha256>.incomplete``; the next pull asks for the rest with ``Range``; the bytes are
hashed and checked against the Hub's LFS sha256 before the file gets its blob name.
"""

from __future__ import annotations

import errno
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
from typing import Any, BinaryIO, Protocol

from app.core import errors

CHUNK = 1 << 20
RETRIES = 5
MARGIN = 100 * 1024 * 1024  # left free besides the download: a full disk breaks everything else
_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


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


def human_size(n: float) -> str:
    """Bytes as a person reads them: MB below a gigabyte (so 12 MB never shows as 0.01 GB)."""
    return f"{n / 1e9:.2f} GB" if n >= 1e9 else f"{n / 1e6:.0f} MB" if n >= 1e6 else f"{n / 1e3:.0f} KB"


def check_space(cache: Path, need: int) -> None:
    probe = cache
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    free = shutil.disk_usage(probe).free
    if need + MARGIN > free:
        raise errors.NotEnoughSpace(
            f"The download needs {human_size(need)}, plus {human_size(MARGIN)} kept free for everything else, but "
            f"only {human_size(free)} is free at {probe}. Free some space, or choose another models folder in the "
            "settings."
        )


def disk_full(label: str, e: OSError, where: Path, still_needed: int, kept: int) -> errors.NotEnoughSpace | None:
    """The error to show when ``e`` means the disk (or the user's quota) is full, else None."""
    if e.errno not in _DISK_FULL:
        return None
    try:
        free = shutil.disk_usage(where).free
    except OSError:
        free = 0
    kept_text = f" The {human_size(kept)} downloaded so far are kept; the next pull resumes from there." if kept else ""
    return errors.NotEnoughSpace(
        f"{label}: the disk is full: {human_size(free)} free, {human_size(still_needed)} needed.{kept_text} Free "
        "some space, or choose another models folder in the settings."
    )


def _hash_existing(path: Path, hasher: Any, cancel: Flag | None) -> None:
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(8 * CHUNK), b""):
            if cancel is not None and cancel.is_set():
                raise errors.DownloadCancelled("Download cancelled; it will resume from here.")
            hasher.update(block)


def _open_append(path: Path) -> BinaryIO:
    # Unbuffered: a write either lands on disk or fails now, so what was hashed is what is there.
    return path.open("ab", buffering=0)


def _write_all(fh: BinaryIO, block: memoryview) -> None:
    """Write the whole block; a short write with no error (a full disk on some systems) is ENOSPC."""
    pos = 0
    while pos < len(block):
        n = fh.write(block[pos:])
        if not n:
            raise OSError(errno.ENOSPC, "No space left on device (short write)")
        pos += n


def _sync(part: Path, hasher: Any, done: int, cancel: Flag | None) -> tuple[Any, int]:
    """Make the hash cover exactly the bytes on disk (``hasher`` covers the first ``done``).

    A write that failed part-way leaves bytes that were never hashed; a resume must append after
    them, and they must be in the checksum (the bug was hashing the stream and resuming from
    the stream's count, which installed a file with extra bytes as verified).
    """
    size = part.stat().st_size if part.is_file() else 0
    if size == done:
        return hasher, done
    if size > done:
        with part.open("rb") as fh:
            fh.seek(done)
            for block in iter(lambda: fh.read(8 * CHUNK), b""):
                hasher.update(block)
        return hasher, size
    hasher = hashlib.sha256()  # shorter than what was hashed: hash the file again from its start
    if size:
        _hash_existing(part, hasher, cancel)
    return hasher, size


def fetch(
    label: str,
    m: RemoteBlob,
    part: Path,
    meter: Meter,
    cancel: Flag | None,
    headers: dict[str, str],
    *,
    open_part: Callable[[Path], BinaryIO] | None = None,
) -> Path:
    """Fetch one file into ``part`` (resuming), verify it, and move it to its blob name.

    ``open_part`` opens the partial file for appending (default ``_open_append``; the fault
    suite swaps in a writer that fails part-way).
    """
    open_part = open_part or _open_append
    part.parent.mkdir(parents=True, exist_ok=True)
    total = m.size or 0
    if part.is_file() and total and part.stat().st_size > total:
        part.unlink()  # longer than the file can be: start again
    hasher, done = _sync(part, hashlib.sha256(), 0, cancel)  # the meter already counts these bytes
    attempt = 0
    while True:
        hasher, new_done = _sync(part, hasher, done, cancel)  # resume from what is on disk
        meter.update(label, new_done, total, new_done - done)
        done = new_done
        if total and done >= total:
            break
        try:
            with open_part(part) as fh:
                for block in _stream(m.url, done, headers):
                    if block is _RESTART:  # the server ignored Range: start again from byte 0
                        meter.update(label, 0, total, -done)
                        fh.truncate(0)
                        hasher, done = hashlib.sha256(), 0
                        continue
                    assert isinstance(block, memoryview)
                    _write_all(fh, block)
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
            if isinstance(e, OSError):
                on_disk = part.stat().st_size if part.is_file() else 0
                full = disk_full(label, e, part.parent, max(0, total - on_disk), on_disk)
                if full is not None:
                    raise full from None
                if isinstance(e, (PermissionError, IsADirectoryError, NotADirectoryError)):
                    raise errors.DownloadError(f"{label}: cannot write {part}: {e.strerror or e}.") from None
            attempt += 1
            if attempt >= RETRIES:
                raise errors.NetworkError(
                    f"{label}: the connection keeps failing ({type(e).__name__}); {done / 1e6:.0f} of "
                    f"{total / 1e6:.0f} MB are saved and the next pull resumes from there."
                ) from None
            time.sleep(min(0.2 * 2**attempt, 5.0))
    hasher, done = _sync(part, hasher, done, cancel)  # what is on disk, not what passed through
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
