"""The Hugging Face cache on disk, and the HF environment variables, read at call time.

Files live in the standard layout (``models--org--name/blobs/<sha256>`` with
``snapshots/<commit>/<file>`` linking to it), so other tools share them and
``hf_hub_download(..., local_files_only=True)`` finds them. A file counts as installed only once
its snapshot link exists, which the transfer makes after the checksum passed. Nothing here
touches the network or imports huggingface_hub, so the window can list models at start for free.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

DEFAULT_ENDPOINT = "https://huggingface.co"


@dataclass(frozen=True)
class InstalledFile:
    repo: str
    path: str
    local_path: Path
    size: int


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
        repo = folder.name[len("models--") :].replace("--", "/", 1)
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
    """Delete a downloaded file (its links and, when nothing else uses it, its blob) or what an
    unfinished pull of it left. False when there was nothing of it on disk."""
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
        incomplete = folder / "blobs" / f"{marker.read_text().strip()}.incomplete"
        if incomplete.is_file():  # a marker alone (a refused pull's) is no download
            incomplete.unlink()
            removed = True
        marker.unlink()
    still_used = {p.resolve() for p in (folder / "snapshots").rglob("*") if p.is_symlink() or p.is_file()}
    for b in blobs - still_used:
        b.unlink(missing_ok=True)
    prune_empty(folder)
    return removed


def prune_empty(folder: Path) -> None:
    """Remove the empty folders under ``folder`` (and ``folder`` itself when it ends up empty)."""
    if not folder.is_dir():
        return
    for d in sorted((p for p in folder.rglob("*") if p.is_dir() and not p.is_symlink()), key=lambda p: -len(p.parts)):
        with contextlib.suppress(OSError):
            d.rmdir()  # only succeeds when empty
    with contextlib.suppress(OSError):
        folder.rmdir()


def link_blob(blob: Path, link: Path) -> None:
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.exists() or link.is_symlink():
        link.unlink()
    try:
        link.symlink_to(os.path.relpath(blob, link.parent))
    except OSError:  # no symlinks (Windows without developer mode): huggingface_hub copies too
        shutil.copyfile(blob, link)
