"""Model downloads from Hugging Face: the only module that imports huggingface_hub.

Files land in the standard Hugging Face cache layout (``models--org--name/blobs/<sha256>``
with ``snapshots/<commit>/<file>`` linking to it), so other tools share them and
``hf_hub_download(..., local_files_only=True)`` finds them. huggingface_hub supplies the endpoint,
token, URLs, metadata and error types, but the transfer itself is ours because
``hf_hub_download`` neither resumes across calls (its partial file dies with a cancel) nor checks
the sha256. Here a partial download stays in ``blobs/<sha256>.incomplete``; the next pull asks for
the rest with ``Range``; the bytes are hashed as they arrive and checked against the Hub's LFS
sha256; only a verified file is linked into the snapshot, which is what "installed" means.
(hf_xet is not used: the resolve URLs serve every file, Xet-backed or not, over plain HTTP with
``Range``, which is what resuming needs.)

``HF_ENDPOINT``, ``HF_HOME``/``HF_HUB_CACHE``, ``HF_TOKEN`` and ``HF_HUB_OFFLINE`` are read at call
time, so they behave as in every HF tool even when they change after import. huggingface_hub
itself (≈0.5 s to import) is imported only by the functions that talk to the Hub, so listing
and resolving what is on disk (the window does it at start) costs nothing.
"""

from __future__ import annotations

import functools
import hashlib
import http.client
import os
import re
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
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_REPO = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
DEFAULT_ENDPOINT = "https://huggingface.co"


class Flag(Protocol):
    def is_set(self) -> bool: ...


@dataclass(frozen=True)
class RemoteFile:
    """A file in a Hub repository, as its listing or its metadata describes it."""

    repo: str
    path: str
    size: int | None
    sha256: str | None


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


@dataclass(frozen=True)
class InstalledFile:
    repo: str
    path: str
    local_path: Path
    size: int


# ---- settings read at call time ----------------------------------------------------------------


def endpoint() -> str:
    return (os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/")


def is_offline() -> bool:
    value = os.environ.get("HF_HUB_OFFLINE", "")
    return value.strip().upper() in {"1", "ON", "YES", "TRUE"}


def hub_cache_dir() -> Path:
    """The Hugging Face cache (``HF_HUB_CACHE``, else ``HF_HOME``/hub, else ~/.cache/huggingface/hub)."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]).expanduser() / "hub"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "huggingface" / "hub"


def parse_repo_id(text: str) -> str:
    """``org/name`` from an id or a huggingface.co URL (``.../org/name/blob/main/x.gguf`` too)."""
    t = text.strip()
    t = re.sub(r"^(https?://)?(www\.)?(huggingface\.co|hf\.co)/", "", t)
    t = t.split("?")[0].strip("/")
    parts = t.split("/")
    if len(parts) >= 2:
        t = "/".join(parts[:2])
    if not _REPO.match(t):
        raise errors.NotFoundError(f"'{text}' is not a Hugging Face repository id (expected org/name or a URL).")
    return t


# ---- the Hub's answers -------------------------------------------------------------------------


def _friendly(e: BaseException, what: str) -> errors.DownloadError:
    """Map huggingface_hub / transport errors to a message with the next step."""
    if isinstance(e, errors.DownloadError):
        return e
    import httpx2
    from huggingface_hub import errors as hf_errors
    if isinstance(e, hf_errors.GatedRepoError) or (
        isinstance(e, hf_errors.HfHubHTTPError) and getattr(e.response, "status_code", 0) in (401, 403)
        and not isinstance(e, hf_errors.RepositoryNotFoundError)
    ):
        return errors.AccessDenied(
            f"{what}: the repository is gated or private. Accept its terms on huggingface.co, then set "
            "HF_TOKEN (or run `hf auth login`) and try again."
        )
    if isinstance(e, hf_errors.RepositoryNotFoundError):
        return errors.NotFoundError(f"{what}: no such repository (or it is private). Check the name.")
    if isinstance(e, (hf_errors.RemoteEntryNotFoundError, hf_errors.EntryNotFoundError)):
        return errors.NotFoundError(f"{what}: the repository has no such file.")
    if isinstance(e, hf_errors.RevisionNotFoundError):
        return errors.NotFoundError(f"{what}: no such revision.")
    if isinstance(e, hf_errors.OfflineModeIsEnabled):
        return errors.OfflineError(f"{what}: offline mode is on (HF_HUB_OFFLINE).")
    if isinstance(e, hf_errors.HfHubHTTPError):
        code = getattr(e.response, "status_code", 0)
        if code >= 500:
            return errors.NetworkError(f"{what}: Hugging Face answered with an error (HTTP {code}). Try again later.")
        return errors.NetworkError(f"{what}: HTTP {code}.")
    if isinstance(e, (httpx2.TransportError, OSError)):
        return errors.NetworkError(
            f"{what}: cannot reach {endpoint()} ({type(e).__name__}). Check your connection; a later pull "
            "resumes where this one stopped."
        )
    return errors.DownloadError(f"{what}: {type(e).__name__}: {e}")


def _require_online(what: str) -> None:
    from huggingface_hub import constants

    # huggingface_hub reads HF_HUB_OFFLINE once, at import; follow the environment as it is now.
    constants.HF_HUB_OFFLINE = is_offline()
    if is_offline():
        raise errors.OfflineError(f"{what}: R1 Desk is offline (HF_HUB_OFFLINE is set). Models already "
                                  "downloaded still work.")


def list_repo_files(repo: str, *, revision: str | None = None) -> list[RemoteFile]:
    """Every file of a repository with its size and (for LFS files) sha256."""
    repo = parse_repo_id(repo)
    _require_online(f"Listing {repo}")
    from huggingface_hub import HfApi

    try:
        info = HfApi(endpoint=endpoint()).model_info(repo, revision=revision, files_metadata=True)
    except Exception as e:
        raise _friendly(e, f"Listing {repo}") from None
    out = []
    for s in info.siblings or []:
        lfs = getattr(s, "lfs", None)
        sha = getattr(lfs, "sha256", None) if lfs is not None else None
        size = getattr(lfs, "size", None) if lfs is not None else None
        out.append(RemoteFile(repo, s.rfilename, size if size is not None else s.size, sha))
    return out


def list_gguf_files(repo: str, *, revision: str | None = None) -> list[RemoteFile]:
    """The repository's ``.gguf`` files; a repository with none is a clear error."""
    files = [f for f in list_repo_files(repo, revision=revision) if f.path.lower().endswith(".gguf")]
    if not files:
        raise errors.NotFoundError(f"{parse_repo_id(repo)} has no GGUF files. R1 Desk runs GGUF models; look "
                                   "for a repository whose name ends in -GGUF.")
    return files


@dataclass(frozen=True)
class _Meta:
    url: str
    commit: str
    sha256: str | None
    size: int | None
    etag: str


def _metadata(repo: str, filename: str, revision: str) -> _Meta:
    from huggingface_hub import get_hf_file_metadata, hf_hub_url

    try:
        url = hf_hub_url(repo, filename, revision=revision, endpoint=endpoint())
        m = get_hf_file_metadata(url, endpoint=endpoint())
    except Exception as e:
        raise _friendly(e, f"{repo}/{filename}") from None
    if not m.commit_hash or not m.etag:
        raise errors.DownloadError(f"{repo}/{filename}: the server's answer lacks the commit or checksum headers.")
    sha = m.etag if _SHA256.match(m.etag) else None
    return _Meta(url=m.location or url, commit=m.commit_hash, sha256=sha, size=m.size, etag=m.etag)


# ---- the cache layout --------------------------------------------------------------------------


def repo_folder(repo: str, cache: Path | None = None) -> Path:
    return (cache or hub_cache_dir()) / f"models--{repo.replace('/', '--')}"


def local_file(repo: str, filename: str, cache: Path | None = None, revision: str = "main") -> Path | None:
    """The verified local copy of a file, or None. Never touches the network."""
    folder = repo_folder(repo, cache)
    ref = folder / "refs" / revision
    commits = [ref.read_text().strip()] if ref.is_file() else []
    snaps = folder / "snapshots"
    if snaps.is_dir():
        commits += [p.name for p in sorted(snaps.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)]
    for commit in commits:
        p = snaps / commit / filename
        if p.exists():  # a link to a missing blob does not count
            return p
    return None


def installed_files(cache: Path | None = None) -> list[InstalledFile]:
    """Every verified ``.gguf`` in the cache. Offline, no network."""
    root = cache or hub_cache_dir()
    out: dict[tuple[str, str], InstalledFile] = {}
    if not root.is_dir():
        return []
    for folder in root.glob("models--*"):
        repo = folder.name[len("models--"):].replace("--", "/", 1)
        for snap in (folder / "snapshots").glob("*"):
            for p in snap.rglob("*.gguf"):
                if p.exists():
                    rel = p.relative_to(snap).as_posix()
                    out.setdefault((repo, rel), InstalledFile(repo, rel, p, p.stat().st_size))
    return sorted(out.values(), key=lambda f: (f.repo, f.path))


def partial_bytes(repo: str, filename: str, cache: Path | None = None) -> int:
    """Bytes already on disk from an unfinished pull of this file (0 when none). Offline."""
    folder = repo_folder(repo, cache)
    marker = folder / "partials" / filename
    if not marker.is_file():
        return 0
    blob = folder / "blobs" / f"{marker.read_text().strip()}.incomplete"
    return blob.stat().st_size if blob.is_file() else 0


def remove(repo: str, filename: str, cache: Path | None = None) -> bool:
    """Delete a downloaded file (its links and, when nothing else uses it, its blob)."""
    folder = repo_folder(repo, cache)
    removed = False
    blobs: set[Path] = set()
    for link in (folder / "snapshots").glob(f"*/{filename}"):
        target = link.resolve()
        link.unlink()
        blobs.add(target)
        removed = True
    marker = folder / "partials" / filename
    if marker.is_file():
        (folder / "blobs" / f"{marker.read_text().strip()}.incomplete").unlink(missing_ok=True)
        marker.unlink()
        removed = True
    still_used = {p.resolve() for p in (folder / "snapshots").rglob("*") if p.is_symlink() or p.is_file()}
    for b in blobs - still_used:
        b.unlink(missing_ok=True)
    return removed


def _link(blob: Path, link: Path) -> None:
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.exists() or link.is_symlink():
        link.unlink()
    try:
        link.symlink_to(os.path.relpath(blob, link.parent))
    except OSError:  # no symlinks (Windows without developer mode): huggingface_hub copies too
        shutil.copyfile(blob, link)


# ---- pulling -----------------------------------------------------------------------------------


class _Meter:
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


def pull(
    repo: str,
    filenames: list[str],
    *,
    revision: str = "main",
    cache: Path | None = None,
    progress: Callable[[DownloadProgress], None] | None = None,
    cancel: Flag | None = None,
) -> list[Path]:
    """Download (or resume) files of one repository; return their verified local paths.

    Raises a DownloadError subclass; on cancel or a dropped connection the partial data stays
    for the next pull.
    """
    repo = parse_repo_id(repo)
    cache = cache or hub_cache_dir()
    have = {f: local_file(repo, f, cache, revision) for f in filenames}
    if all(have.values()):
        return [p for p in have.values() if p is not None]
    _require_online(f"Downloading {repo}")
    metas = {f: _metadata(repo, f, revision) for f in filenames if not have[f]}
    folder = repo_folder(repo, cache)
    blobs = folder / "blobs"

    def partial(m: _Meta) -> Path:
        return blobs / f"{m.sha256 or m.etag}.incomplete"

    sizes = {f: m.size or 0 for f, m in metas.items()}
    already = {f: min(partial(m).stat().st_size, sizes[f]) if partial(m).is_file() else 0 for f, m in metas.items()}
    need = sum(sizes.values()) - sum(already.values())
    _check_space(cache, need)

    meter = _Meter(total=sum(sizes.values()), done=sum(already.values()), callback=progress)
    for f, m in metas.items():
        (folder / "partials" / f).parent.mkdir(parents=True, exist_ok=True)
        (folder / "partials" / f).write_text(m.sha256 or m.etag)
        blob = _fetch(repo, f, m, partial(m), meter, cancel)
        (folder / "partials" / f).unlink(missing_ok=True)
        _link(blob, folder / "snapshots" / m.commit / f)
        if revision != m.commit:
            (folder / "refs").mkdir(parents=True, exist_ok=True)
            (folder / "refs" / revision).write_text(m.commit)
        have[f] = folder / "snapshots" / m.commit / f
    return [p for p in have.values() if p is not None]


def _check_space(cache: Path, need: int) -> None:
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


def _fetch(repo: str, filename: str, m: _Meta, part: Path, meter: _Meter, cancel: Flag | None) -> Path:
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
                for block in _stream(m.url, done):
                    if block is _RESTART:  # the server ignored Range: start again from byte 0
                        meter.update(filename, 0, total, -done)
                        fh.truncate(0)
                        hasher, done = hashlib.sha256(), 0
                        continue
                    assert isinstance(block, memoryview)
                    fh.write(block)
                    hasher.update(block)
                    done += len(block)
                    meter.update(filename, done, total, len(block))
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
                    f"{repo}/{filename}: the connection keeps failing ({type(e).__name__}); {done / 1e6:.0f} of "
                    f"{total / 1e6:.0f} MB are saved and the next pull resumes from there."
                ) from None
            time.sleep(min(0.2 * 2**attempt, 5.0))
    meter.update(filename, done, total, 0, force=True)
    digest = hasher.hexdigest()
    if (total and done != total) or (m.sha256 is not None and digest != m.sha256):
        part.unlink(missing_ok=True)
        raise errors.ChecksumMismatch(
            f"{repo}/{filename} failed its checksum (sha256 {digest[:12]}…, expected "
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


def _stream(url: str, start: int) -> Iterator[memoryview | object]:
    """The file's bytes from ``start``; yields ``_RESTART`` first when the server ignores Range.

    The transfer uses the standard library's HTTP client: on this project's reference machine
    it reads loopback at ~570 MB/s where huggingface_hub's httpx session manages ~230 MB/s, and
    the transfer is the one place where that matters. The token is sent as an unredirected
    header, so it never follows a redirect to a CDN.
    """
    from huggingface_hub.utils import build_hf_headers

    headers = build_hf_headers()
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
        return errors.AccessDenied(f"{url}: access denied (HTTP {code}). The repository is gated or private: accept its "
                                   "terms on huggingface.co and set HF_TOKEN.")
    if code == 404:
        return errors.NotFoundError(f"{url}: not found (HTTP 404).")
    if code >= 500:
        return _ServerError(f"{url}: Hugging Face answered with an error (HTTP {code}). Try again later.")
    return errors.NetworkError(f"{url}: HTTP {code}.")


class _ServerError(errors.NetworkError):
    """A 5xx answer: worth a retry."""
