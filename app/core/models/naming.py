"""What the app calls a model file: the catalog's name for a catalog file, else the GGUF's own
``general.name`` when it agrees with the file's name, else the file's name.

``general.name`` is often written by a conversion script from a training folder's name:
SmolLM2-135M-Instruct's file says "Smollm2 135M 8k Lc100K Mix1 Ep2", which names neither the
file the user chose nor the model they know. Such a name is kept only when it and the file's
name agree: the words of one contain the other's (bartowski's "DeepSeek R1 Distill Qwen 7B" for
``DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf``).
"""

from __future__ import annotations

import re
from pathlib import Path

from app.core.errors import CatalogError
from app.core.models.catalog import CatalogModel, load_catalog, quant_of
from app.core.models.gguf_header import GGUFInfo

_WORD = re.compile(r"[a-z0-9]+")
_PART = re.compile(r"-\d{5}-of-\d{5}$")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def file_stem(path: Path) -> str:
    """The file's name without ``.gguf``, the part number and the quantization."""
    stem = _PART.sub("", path.name.removesuffix(".gguf"))
    quant = quant_of(path.name)
    if quant != "?":
        stem = re.sub(rf"[-._]{re.escape(quant)}$", "", stem, flags=re.IGNORECASE)
    return stem or path.name


def catalog_name(path: Path, catalog: tuple[CatalogModel, ...] | None = None) -> str | None:
    """The catalog's name for a file it lists (any repository, any part), else None."""
    try:
        models = catalog or load_catalog()
    except CatalogError:
        return None
    name = path.name
    for m in models:
        for v in m.variants:
            for repo in m.repos:
                if name in {f.rsplit("/", 1)[-1] for f in v.files(repo)}:
                    return m.name
    return None


def display_name(info: GGUFInfo, catalog: tuple[CatalogModel, ...] | None = None) -> str:
    """The name the window, the CLI and the picker show for a model file."""
    named = catalog_name(info.path, catalog)
    if named:
        return named
    stem = file_stem(info.path)
    own = str(info.metadata.get("general.name") or "").strip()
    mine, theirs = set(_words(stem)), set(_words(own))
    if own and (theirs <= mine or mine <= theirs):
        return own
    return stem
