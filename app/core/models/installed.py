"""The user's models: catalog variants in the HF cache, imported local files, and resolving a
``--model`` argument (a path, a catalog id, or ``repo/file.gguf``) to a file on disk. Offline."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from app.core.config.paths import data_dir
from app.core.errors import CatalogError, ModelFileError
from app.core.models import hf_cache
from app.core.models.catalog import Variant, find, is_first_part
from app.core.models.gguf_header import read_gguf


def installed_path(v: Variant) -> Path | None:
    """The first part of an installed variant, from any of its repositories. Offline."""
    for repo in v.model.repos:
        files = v.files(repo)
        paths = [hf_cache.local_file(repo.id, f) for f in files]
        if all(paths):
            return paths[0]
    return None


def remove_variant(v: Variant) -> bool:
    """Delete a catalog variant from every repository it was downloaded from."""
    removed = False
    for repo in v.model.repos:
        for f in v.files(repo):
            removed |= hf_cache.remove(repo.id, f)
    return removed


# ---- imported local files ----------------------------------------------------------------------


@dataclass(frozen=True)
class LocalModel:
    """A model file on this computer.

    Attributes:
        kind: "downloaded" (in the Hugging Face cache: removing deletes it) or "opened"
            (a file the user opened or imported: removing only forgets it; a copy in the app's
            own models folder is deleted).
        repo: the Hugging Face repository of a downloaded file.
    """

    path: Path
    size: int
    kind: str
    repo: str = ""


def local_models() -> list[LocalModel]:
    """Every loadable model on this computer: downloads (first parts of split files) and the
    files opened or imported, newest list entries last. Offline; missing files are left out."""
    out = [
        LocalModel(f.local_path, f.size, "downloaded", f.repo)
        for f in hf_cache.installed_files()
        if is_first_part(f.path)
    ]
    seen = {m.path.resolve() for m in out}
    for p in imported_models():
        if p.is_file() and p.resolve() not in seen:
            seen.add(p.resolve())
            out.append(LocalModel(p, p.stat().st_size, "opened"))
    return out


def remember_opened(path: str | Path) -> None:
    """Add a file the user opened (File ▸ Open) to "On this computer", unless it is a download."""
    p = Path(path).expanduser().resolve()
    cache = hf_cache.hub_cache_dir().resolve()
    if cache in p.parents or p in imported_models():
        return
    _write_imports(imported_models() + [p])


def forget(path: str | Path) -> None:
    """Remove an opened file from the list; a copy in the app's models folder is deleted too."""
    p = Path(path).expanduser().resolve()
    _write_imports([m for m in imported_models() if m.resolve() != p])
    if (data_dir() / "models").resolve() in p.parents:
        p.unlink(missing_ok=True)


def _write_imports(models: list[Path]) -> None:
    _imports_path().parent.mkdir(parents=True, exist_ok=True)
    _imports_path().write_text(json.dumps([str(p) for p in models], indent=1), encoding="utf-8")


def _imports_path() -> Path:
    return data_dir() / "local_models.json"


def imported_models() -> list[Path]:
    try:
        paths = json.loads(_imports_path().read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return []
    return [Path(p) for p in paths if isinstance(p, str)] if isinstance(paths, list) else []


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
    _write_imports([p for p in imported_models() if p != target] + [target])
    return target


# ---- --model ------------------------------------------------------------------------------------


def resolve_model(spec: str) -> Path:
    """A path, a catalog id (``r1-qwen-7b`` or ``r1-qwen-7b:Q8_0``) or ``org/repo/file.gguf``."""
    p = Path(spec).expanduser()
    # A relative path whose first folder exists here is a path, not org/repo/file.
    looks_local = p.is_absolute() or spec.startswith((".", "~")) or "/" not in spec or Path(p.parts[0]).is_dir()
    if p.exists() or (spec.endswith(".gguf") and looks_local):
        return p  # a missing path is reported by the engine's file check
    if spec.endswith(".gguf") and spec.count("/") >= 2:
        org, name, file = spec.split("/", 2)
        local = hf_cache.local_file(f"{org}/{name}", file)
        if local is None:
            raise ModelFileError(
                f"Model file not found: {spec} is not a file here, and read as a Hugging Face file ({file} from "
                f"{org}/{name}) it is not downloaded. To get it: r1desk pull {org}/{name} --file {file}"
            )
        return local
    try:
        variant = find(spec)
    except CatalogError:
        raise ModelFileError(
            f"Model file not found: {spec} (not a file, and not a catalog id; see `r1desk models`)."
        ) from None
    path = installed_path(variant)
    if path is None:
        raise ModelFileError(
            f"{variant.model.name} {variant.quant} is not downloaded yet. Run: r1desk pull {variant.key}"
        )
    return path
