"""Talking to Hugging Face: the only module that imports huggingface_hub.

Listing a repository, a file's metadata (URL, commit, size, sha256), the error mapping, and
``pull``, which resumes and verifies through ``transfer.py`` and links the verified file into
the cache (``hf_cache.py``). huggingface_hub (≈0.5 s to import) is imported only inside the
functions that talk to the Hub, so listing what is on disk costs nothing at start-up.
(hf_xet is not used: the resolve URLs serve every file, Xet-backed or not, over plain HTTP with
``Range``, which is what resuming needs.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.core import errors
from app.core.models.hf_cache import (
    endpoint,
    hub_cache_dir,
    is_offline,
    link_blob,
    local_file,
    prune_empty,
    repo_folder,
)
from app.core.models.transfer import DownloadProgress, Flag, Meter, RemoteBlob, check_space, disk_full, fetch

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_REPO = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")

__all__ = ["DownloadProgress", "RemoteFile", "list_gguf_files", "list_repo_files", "parse_repo_id", "pull"]


@dataclass(frozen=True)
class RemoteFile:
    """A file in a Hub repository, as its listing or its metadata describes it."""

    repo: str
    path: str
    size: int | None
    sha256: str | None


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
        isinstance(e, hf_errors.HfHubHTTPError)
        and getattr(e.response, "status_code", 0) in (401, 403)
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
    if isinstance(e, (NotADirectoryError, IsADirectoryError, FileExistsError, PermissionError)):
        # A local file or folder, not the network (HF_HOME pointing at a file, a read-only cache).
        return errors.DownloadError(
            f"{what}: a file Hugging Face uses on this machine cannot be written ({type(e).__name__}: "
            f"{e.filename or e}). Check HF_HOME and HF_HUB_CACHE."
        )
    if isinstance(e, (httpx2.TransportError, OSError)):
        return errors.NetworkError(
            f"{what}: cannot reach {endpoint()} ({type(e).__name__}). Check your connection; a later pull "
            "resumes where this one stopped."
        )
    return errors.DownloadError(f"{what}: {type(e).__name__}: {e}")


def check_cache_folder(cache: Path) -> None:
    """Refuse a cache path that runs through a file (``HF_HOME`` pointing at a file, say)."""
    probe = cache
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if not probe.is_dir():
        raise errors.DownloadError(
            f"The models folder {cache} cannot be used: {probe} is a file, not a folder. Check HF_HOME and "
            "HF_HUB_CACHE (or the models folder in the settings)."
        )


def _require_online(what: str) -> None:
    from huggingface_hub import constants

    # huggingface_hub reads HF_HUB_OFFLINE once, at import; follow the environment as it is now.
    constants.HF_HUB_OFFLINE = is_offline()
    if is_offline():
        raise errors.OfflineError(
            f"{what}: R1 Desk is offline (HF_HUB_OFFLINE is set). Models already downloaded still work."
        )


def list_repo_files(repo: str, *, revision: str | None = None) -> list[RemoteFile]:
    """Every file of a repository with its size and (for LFS files) sha256."""
    repo = parse_repo_id(repo)
    _require_online(f"Listing {repo}")
    check_cache_folder(hub_cache_dir())
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
        raise errors.NotFoundError(
            f"{parse_repo_id(repo)} has no GGUF files. R1 Desk runs GGUF models; look "
            "for a repository whose name ends in -GGUF."
        )
    return files


def _metadata(repo: str, filename: str, revision: str) -> RemoteBlob:
    from huggingface_hub import get_hf_file_metadata, hf_hub_url

    try:
        url = hf_hub_url(repo, filename, revision=revision, endpoint=endpoint())
        m = get_hf_file_metadata(url, endpoint=endpoint())
    except Exception as e:
        raise _friendly(e, f"{repo}/{filename}") from None
    if not m.commit_hash or not m.etag:
        raise errors.DownloadError(f"{repo}/{filename}: the server's answer lacks the commit or checksum headers.")
    sha = m.etag if _SHA256.match(m.etag) else None
    return RemoteBlob(url=m.location or url, commit=m.commit_hash, sha256=sha, size=m.size, etag=m.etag)


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
    check_cache_folder(cache)
    _require_online(f"Downloading {repo}")
    metas = {f: _metadata(repo, f, revision) for f in filenames if not have[f]}
    folder = repo_folder(repo, cache)
    blobs = folder / "blobs"

    def partial(m: RemoteBlob) -> Path:
        return blobs / f"{m.key}.incomplete"

    sizes = {f: m.size or 0 for f, m in metas.items()}
    already = {f: min(partial(m).stat().st_size, sizes[f]) if partial(m).is_file() else 0 for f, m in metas.items()}
    need = sum(sizes.values()) - sum(already.values())
    check_space(cache, need)

    meter = Meter(total=sum(sizes.values()), done=sum(already.values()), callback=progress)
    for f, m in metas.items():
        label = f"{repo}/{f}"
        marker = folder / "partials" / f
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.write_text(m.key)
            blob = fetch(label, m, partial(m), meter, cancel, _headers())
            marker.unlink(missing_ok=True)
            link_blob(blob, folder / "snapshots" / m.commit / f)
            if revision != m.commit:
                (folder / "refs").mkdir(parents=True, exist_ok=True)
                (folder / "refs" / revision).write_text(m.commit)
        except OSError as e:
            raise _disk_error(label, e, folder, sizes[f]) from None
        finally:
            if not partial(m).is_file():  # nothing to resume: no marker, no empty folders left behind
                marker.unlink(missing_ok=True)
                prune_empty(folder)
        have[f] = folder / "snapshots" / m.commit / f
    return [p for p in have.values() if p is not None]


def _disk_error(label: str, e: OSError, folder: Path, size: int) -> errors.DownloadError:
    full = disk_full(label, e, folder if folder.is_dir() else folder.parent, size, 0)
    if full is not None:
        return full
    return errors.DownloadError(f"{label}: cannot write {e.filename or folder}: {e.strerror or e}.")


def _headers() -> dict[str, str]:
    """The Hub's request headers (user agent, ``HF_TOKEN``) for the transfer."""
    from huggingface_hub.utils import build_hf_headers

    return dict(build_hf_headers())
