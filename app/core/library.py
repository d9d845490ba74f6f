"""The user's models: catalog variants in the HF cache, imported local files, and resolving a
``--model`` argument (a path, a catalog id, or ``repo/file.gguf``) to a file on disk.

Hub sizes and checksums fetched online are cached (``hub_sizes.json`` in the cache folder) so
that offline listings show them too; without them the catalog's approximate sizes are used and
marked as estimates.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.core import downloads
from app.core.catalog import Variant, find, load_catalog
from app.core.errors import CatalogError, DownloadError, ModelFileError
from app.core.gguf_info import read_gguf
from app.core.paths import cache_dir, data_dir


@dataclass(frozen=True)
class HubSize:
    size: int
    sha256: str | None


def _sizes_path() -> Path:
    return cache_dir() / "hub_sizes.json"


def cached_hub_sizes() -> dict[str, HubSize]:
    """``repo/path`` -> size and sha256 as last seen on the Hub (empty when never online)."""
    try:
        raw = json.loads(_sizes_path().read_text(encoding="utf-8"))
        return {k: HubSize(int(v["size"]), v.get("sha256")) for k, v in raw.items()}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def refresh_hub_sizes(on_error: Callable[[str], None] | None = None) -> dict[str, HubSize]:
    """Ask the Hub for every catalog repository's file list and cache sizes and checksums."""
    sizes = cached_hub_sizes()
    for m in load_catalog():
        repo = m.repos[0].id
        try:
            files = downloads.list_repo_files(repo)
        except DownloadError as e:
            if on_error:
                on_error(str(e))
            continue
        for f in files:
            if f.size is not None:
                sizes[f"{repo}/{f.path}"] = HubSize(f.size, f.sha256)
    path = _sizes_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({k: {"size": v.size, "sha256": v.sha256} for k, v in sizes.items()}), encoding="utf-8")
    return sizes


def variant_size(v: Variant, hub: dict[str, HubSize]) -> tuple[int, bool]:
    """(bytes, exact): the Hub's figure when known, else the catalog's estimate."""
    repo = v.model.repos[0]
    known = [hub.get(f"{repo.id}/{f}") for f in v.files(repo)]
    if all(known):
        return sum(k.size for k in known if k), True
    return v.size, False


def installed_path(v: Variant) -> Path | None:
    """The first part of an installed variant, from any of its repositories. Offline."""
    for repo in v.model.repos:
        files = v.files(repo)
        paths = [downloads.local_file(repo.id, f) for f in files]
        if all(paths):
            return paths[0]
    return None


def remove_variant(v: Variant) -> bool:
    """Delete a catalog variant from every repository it was downloaded from."""
    removed = False
    for repo in v.model.repos:
        for f in v.files(repo):
            removed |= downloads.remove(repo.id, f)
    return removed


# ---- imported local files ----------------------------------------------------------------------


def _imports_path() -> Path:
    return data_dir() / "local_models.json"


def imported_models() -> list[Path]:
    try:
        return [Path(p) for p in json.loads(_imports_path().read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError):
        return []


def import_gguf(path: str | Path, *, copy: bool = False) -> Path:
    """Add a local GGUF after checking it; ``copy`` puts a copy in the app's models folder."""
    src = Path(path).expanduser().resolve()
    read_gguf(src)  # raises ModelFileError with a clear message
    target = src
    if copy:
        folder = data_dir() / "models"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / src.name
        if target.exists():
            raise ModelFileError(f"{target} already exists.")
        free = shutil.disk_usage(folder).free
        if src.stat().st_size > free:
            raise ModelFileError(f"Copying needs {src.stat().st_size / 1e9:.1f} GB; {free / 1e9:.1f} GB is free.")
        tmp = target.with_suffix(".gguf.copying")
        shutil.copyfile(src, tmp)
        tmp.replace(target)
    models = [p for p in imported_models() if p != target] + [target]
    _imports_path().parent.mkdir(parents=True, exist_ok=True)
    _imports_path().write_text(json.dumps([str(p) for p in models], indent=1), encoding="utf-8")
    return target


# ---- --model ------------------------------------------------------------------------------------


def resolve_model(spec: str) -> Path:
    """A path, a catalog id (``r1-qwen-7b`` or ``r1-qwen-7b:Q8_0``) or ``org/repo/file.gguf``."""
    p = Path(spec).expanduser()
    looks_local = p.is_absolute() or spec.startswith((".", "~")) or "/" not in spec
    if p.exists() or (spec.endswith(".gguf") and looks_local):
        return p  # a missing path is reported by the engine's file check
    if spec.endswith(".gguf") and spec.count("/") >= 2:
        org, name, file = spec.split("/", 2)
        local = downloads.local_file(f"{org}/{name}", file)
        if local is None:
            raise ModelFileError(f"{file} from {org}/{name} is not downloaded. Run: r1desk pull {org}/{name} --file {file}")
        return local
    try:
        variant = find(spec)
    except CatalogError:
        raise ModelFileError(f"Model file not found: {spec} (not a file, and not a catalog id; see `r1desk models`).") from None
    path = installed_path(variant)
    if path is None:
        raise ModelFileError(f"{variant.model.name} {variant.quant} is not downloaded yet. Run: r1desk pull {variant.key}")
    return path
