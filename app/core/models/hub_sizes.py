"""The Hub's exact sizes and checksums of the catalog's files, cached for offline listings.

Fetched with ``r1desk models --online`` (or the picker when online) and kept in
``hub_sizes.json`` in the cache folder; without them the catalog's approximate sizes are used
and marked as estimates.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.core.config.paths import cache_dir
from app.core.errors import DownloadError
from app.core.models.catalog import Variant, load_catalog


@dataclass(frozen=True)
class HubSize:
    size: int
    sha256: str | None


def _sizes_path() -> Path:
    return cache_dir() / "hub_sizes.json"


def cached_hub_sizes(on_error: Callable[[str], None] | None = None) -> dict[str, HubSize]:
    """``repo/path`` -> size and sha256 as last seen on the Hub (empty when never online).

    A damaged cache (it is only a cache) counts as empty; ``on_error`` hears which file it was.
    """
    path = _sizes_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return {str(k): HubSize(int(v["size"]), v.get("sha256")) for k, v in raw.items()}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as e:
        if on_error is not None:
            why = "nested too deeply" if isinstance(e, RecursionError) else "not a sizes cache"
            on_error(f"{path} could not be read ({why}); the catalog's estimated sizes are used.")
        return {}


def refresh_hub_sizes(on_error: Callable[[str], None] | None = None) -> dict[str, HubSize]:
    """Ask the Hub for every catalog repository's file list and cache sizes and checksums."""
    from app.core.models import hub

    sizes = cached_hub_sizes()
    for m in load_catalog():
        repo = m.repos[0].id
        try:
            files = hub.list_repo_files(repo)
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


def variant_size(v: Variant, hub_sizes: dict[str, HubSize]) -> tuple[int, bool]:
    """(bytes, exact): the Hub's figure when known, else the catalog's estimate."""
    repo = v.model.repos[0]
    known = [hub_sizes.get(f"{repo.id}/{f}") for f in v.files(repo)]
    if all(known):
        return sum(k.size for k in known if k), True
    return v.size, False
