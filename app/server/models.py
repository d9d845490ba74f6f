"""The models ``/v1/models`` lists and a request may name: installed catalog variants, imported
files, and whatever is loaded now. Offline (the Hugging Face cache and the imports list).

A model answers to its id (a catalog key such as ``r1-qwen-7b:Q4_K_M``, or the file name), the
catalog id without the quantization, the file name, the file name without ``.gguf``, and its path.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.errors import R1DeskError
from app.core.inference.gate import GATE_FIELD


@dataclass(frozen=True)
class ModelEntry:
    """One model a request may name.

    Attributes:
        id: what ``/v1/models`` calls it.
        path: the GGUF file (its first part).
        aliases: other names that select it.
    """

    id: str
    path: str
    aliases: tuple[str, ...] = field(default=())

    def names(self) -> tuple[str, ...]:
        p = Path(self.path)
        return (self.id, *self.aliases, p.name, p.name.removesuffix(".gguf"), self.path)

    def to_json(self, loaded: bool, created: int, gate: str = "") -> dict[str, Any]:
        return {
            "id": self.id,
            "object": "model",
            "created": created,
            "owned_by": "r1desk",
            "path": self.path,
            "aliases": sorted({n for n in self.names() if n != self.id}),
            "loaded": loaded,
            GATE_FIELD: gate,  # a window can tell its own server from another R1 Desk's
        }


def _resolved(path: str) -> Path:
    try:
        return Path(path).resolve()
    except OSError:
        return Path(path)


def _same(a: str, b: str) -> bool:
    return _resolved(a) == _resolved(b)


def installed_models(loaded: str = "", seen: tuple[str, ...] = ()) -> list[ModelEntry]:
    """Installed models, the loaded one first; ``seen`` (models loaded earlier in this session,
    such as the one ``serve --model`` named) are added when neither downloaded nor imported."""
    from app.core.models.catalog import load_catalog
    from app.core.models.installed import imported_models, installed_path

    entries: list[ModelEntry] = []
    known: set[Path] = set()  # each entry's resolved path, resolved once (a check per pair took 0.3 s for 84 files)

    def add(entry: ModelEntry, first: bool = False) -> None:
        known.add(_resolved(entry.path))
        entries.insert(0, entry) if first else entries.append(entry)

    try:
        catalog = load_catalog()
    except R1DeskError:
        catalog = ()
    for m in catalog:
        for v in m.variants:
            path = installed_path(v)
            if path is not None:
                aliases = (m.id,) if v is m.variant() else ()
                add(ModelEntry(v.key, str(path), aliases))
    for p in imported_models():
        if p.is_file() and _resolved(str(p)) not in known:
            add(ModelEntry(p.name, str(p)))
    for earlier in seen:
        if earlier != loaded and Path(earlier).is_file() and _resolved(earlier) not in known:
            add(ModelEntry(Path(earlier).name, earlier))
    if loaded:
        here = _resolved(loaded)
        match = [e for e in entries if _resolved(e.path) == here]
        if match:
            entries.remove(match[0])
            entries.insert(0, match[0])
        else:
            add(ModelEntry(Path(loaded).name, loaded), first=True)
    return entries


def find_model(name: str, entries: list[ModelEntry]) -> ModelEntry | None:
    """The entry a request's ``model`` names (case-insensitive), or None."""
    wanted = name.strip().casefold()
    for e in entries:
        if wanted in (n.casefold() for n in e.names()):
            return e
    return None


def models_list(entries: list[ModelEntry], loaded: str, gate: str = "") -> dict[str, Any]:
    """The ``/v1/models`` answer; ``gate``: the id of the engine gate the server answers through."""
    now = int(time.time())
    return {
        "object": "list",
        "data": [e.to_json(bool(loaded) and _same(e.path, loaded), now, gate) for e in entries],
    }
