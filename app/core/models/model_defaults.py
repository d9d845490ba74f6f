"""Per-model load defaults: what each model file was last loaded with successfully, and how its
memory estimate compared with what llama.cpp allocated.

Kept in ``model_defaults.json`` in the config folder, one entry per file (its resolved path).
Every load path (``r1desk ask``, ``r1desk serve`` and the API, the window) goes through
``load_policy.load_model``, which reads an entry before it plans a load and writes one after a
load that worked; the settings dialog shows them and resets them.

An entry keeps, for each remembered field (context, GPU layers, KV-cache types, flash
attention), the value and the general setting it was chosen against (``base``). The value
applies while that setting is still the same; once the user changes the general setting, the
newer choice wins until this model is loaded again. A value given for one load (a CLI flag)
always wins.

The estimate is corrected for the next load of a file when llama.cpp allocated more than 10 %
beyond it (``Remembered.correction``).
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.config.paths import config_dir
from app.core.models.load_config import LoadConfig

REMEMBERED = ("n_ctx", "n_gpu_layers", "type_k", "type_v", "flash_attn")
LOW_BY = 0.10  # an estimate this much below the allocation is corrected next time


@dataclass(frozen=True)
class Remembered:
    """Attributes:
    config: how the file was last loaded (threads are not remembered; None GPU layers: the estimate's).
    base: the general settings that load was chosen against.
    estimate, used: bytes the estimate expected and llama.cpp allocated (0: unknown).
    """

    config: LoadConfig
    base: LoadConfig
    estimate: int = 0
    used: int = 0

    @property
    def correction(self) -> float:
        """The factor for this file's next estimate: used / estimated when it was low by over 10 %."""
        if self.estimate > 0 and self.used > self.estimate * (1 + LOW_BY):
            return self.used / self.estimate
        return 1.0

    def own_fields(self) -> dict[str, Any]:
        """The remembered values that differ from the general settings they were chosen against."""
        return {f: getattr(self.config, f) for f in REMEMBERED if getattr(self.config, f) != getattr(self.base, f)}

    def to_json(self) -> dict[str, Any]:
        return {
            "config": self.config.to_json(),
            "base": self.base.to_json(),
            "estimate": self.estimate,
            "used": self.used,
        }

    @classmethod
    def from_json(cls, data: object) -> Remembered | None:
        if not isinstance(data, dict):
            return None
        config, base = LoadConfig.from_json(data.get("config")), LoadConfig.from_json(data.get("base"))
        estimate, used = data.get("estimate", 0), data.get("used", 0)
        if config is None or base is None or not isinstance(estimate, int) or not isinstance(used, int):
            return None
        return cls(config, base, max(0, estimate), max(0, used))


def defaults_path() -> Path:
    return config_dir() / "model_defaults.json"


def key_of(path: str | Path) -> str:
    """One file, however it was named (a relative path, a symlink)."""
    try:
        return str(Path(path).resolve())
    except OSError:
        return str(path)


def load_all() -> dict[str, Remembered]:
    """Every remembered model, by file; a damaged file (or entry) reads as none remembered."""
    try:
        raw = json.loads(defaults_path().read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(raw, dict):
        return {}
    return {k: r for k, v in raw.items() if isinstance(k, str) and (r := Remembered.from_json(v)) is not None}


def remembered(path: str | Path) -> Remembered | None:
    return load_all().get(key_of(path))


def _save(entries: dict[str, Remembered]) -> None:
    path = defaults_path()
    with contextlib.suppress(OSError):  # remembering is a convenience: a read-only disk loses only that
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({k: r.to_json() for k, r in entries.items()}, indent=2), encoding="utf-8")
        tmp.replace(path)


def remember(path: str | Path, entry: Remembered) -> None:
    entries = load_all()
    entries[key_of(path)] = entry
    _save(entries)


def forget(path: str | Path | None = None) -> None:
    """Forget one model's defaults (``None``: every model's)."""
    if path is None:
        _save({})
        return
    entries = load_all()
    if entries.pop(key_of(path), None) is not None:
        _save(entries)


def apply(base: LoadConfig, chosen: dict[str, Any], entry: Remembered | None) -> LoadConfig:
    """The configuration for one load: ``chosen`` values (given for this load) first, then the
    file's remembered ones while the general setting they were chosen against stands, then ``base``."""
    values: dict[str, Any] = {}
    for f in LoadConfig.__dataclass_fields__:
        if chosen.get(f) is not None:
            values[f] = chosen[f]
        elif entry is not None and f in REMEMBERED and getattr(entry.base, f) == getattr(base, f):
            values[f] = getattr(entry.config, f)
        else:
            values[f] = getattr(base, f)
    return LoadConfig(**values)
