"""Which model a check measured: the file's sha256, its quantization and the load configuration
(context, KV-cache type, flash attention), plus the protocol's own settings (max new tokens,
sampling). Results are stored under a key made from these, so a Q4_K_M and a Q8_0 of one model,
or one file loaded with a q4_0 KV cache, never mix, and the same file found in another folder
finds its results again.

Hashing a 5 GB file takes seconds to a minute, so the hash is remembered by path, size and
modification time (``checks/hashes.json``). A download in the Hugging Face cache needs no hashing:
its blob's name is the file's sha256. A remote model is known by its server's URL and name.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app.core.config.paths import data_dir
from app.core.errors import CatalogError
from app.core.inference.engine import Engine
from app.core.models.catalog import CatalogModel, load_catalog, quant_of

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
CHUNK = 1 << 20


def checks_dir() -> Path:
    return data_dir() / "checks"


@dataclass(frozen=True)
class ModelIdentity:
    """What a stored result was measured on.

    Attributes:
        file_sha256: the model file's sha256 (the first part of a split model); "" for a remote model.
        quant: Q4_K_M, ... ("" when unknown).
        name: what the app calls the model.
        path: the file (or "model @ URL" for a remote one), as it was when checked.
        catalog_id: the catalog's id for the distill (r1-qwen-7b), "" when it is not one of them.
        load: the load configuration that can change the answers (context, KV-cache type, flash attention).
        protocol: the check's own settings that can change them (preset, sampling, max new tokens).
    """

    file_sha256: str
    quant: str
    name: str
    path: str
    catalog_id: str = ""
    load: dict[str, Any] = field(default_factory=dict)
    protocol: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """The results file's name: the same model, load and protocol give the same key."""
        what = {
            "model": self.file_sha256 or self.path,
            "quant": self.quant,
            "load": self.load,
            "protocol": self.protocol,
        }
        return hashlib.sha256(json.dumps(what, sort_keys=True).encode()).hexdigest()[:20]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ModelIdentity:
        return cls(
            str(d.get("file_sha256", "")),
            str(d.get("quant", "")),
            str(d.get("name", "")),
            str(d.get("path", "")),
            str(d.get("catalog_id", "")),
            dict(d.get("load") or {}),
            dict(d.get("protocol") or {}),
        )


def _hash_cache() -> Path:
    return checks_dir() / "hashes.json"


def file_sha256(path: str | Path) -> str:
    """The file's sha256: from the Hugging Face cache's blob name, a remembered hash, or read."""
    p = Path(path)
    real = p.resolve()
    if real.parent.name == "blobs" and _HEX64.match(real.name):
        return real.name
    st = real.stat()
    stamp = f"{real}|{st.st_size}|{st.st_mtime_ns}"
    cache: dict[str, str] = {}
    with contextlib.suppress(OSError, ValueError):
        cache = dict(json.loads(_hash_cache().read_text(encoding="utf-8")))
    if stamp in cache:
        return cache[stamp]
    h = hashlib.sha256()
    with open(real, "rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    cache[stamp] = h.hexdigest()
    with contextlib.suppress(OSError):
        _hash_cache().parent.mkdir(parents=True, exist_ok=True)
        tmp = _hash_cache().with_suffix(".tmp")
        tmp.write_text(json.dumps(cache, indent=1), encoding="utf-8")
        tmp.replace(_hash_cache())
    return cache[stamp]


def catalog_model_for(name: str, catalog: tuple[CatalogModel, ...] | None = None) -> CatalogModel | None:
    """The catalog distill a file name or model name stands for (bartowski's
    ``DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf``, ``deepseek-ai/DeepSeek-R1-Distill-Qwen-7B``)."""
    try:
        models = catalog or load_catalog()
    except CatalogError:
        return None
    base = name.replace("\\", "/").rsplit("/", 1)[-1].lower()
    best = None
    for m in models:
        stem = m.stem.lower()
        fits = base == stem or base.startswith((stem + "-", stem + ".", stem + "_"))
        if fits and (best is None or len(m.stem) > len(best.stem)):  # the longest name that fits
            best = m
    return best


def identify(engine: Engine, protocol: dict[str, Any]) -> ModelIdentity:
    """The identity of the model ``engine`` has loaded (hashing the file when it must)."""
    facts = engine.facts
    if facts is None:
        from app.core.errors import EngineError

        raise EngineError("No model is loaded to check.")
    remote = facts.backend.startswith("remote")
    params = getattr(engine, "params", None)
    load: dict[str, Any] = {"n_ctx": facts.n_ctx}
    if params is not None and not remote:
        # what the model was loaded with: "auto" flash attention is keyed by what llama.cpp chose
        flash = facts.flash_attn if params.flash_attn == "auto" else params.flash_attn == "on"
        load.update(type_k=params.type_k, type_v=params.type_v, flash_attn=bool(flash))
    quant = facts.quantization or ("" if remote else quant_of(Path(facts.path).name).replace("?", ""))
    named = facts.name if remote else Path(facts.path).name
    model = catalog_model_for(named) or catalog_model_for(facts.name)
    return ModelIdentity(
        file_sha256="" if remote else file_sha256(facts.path),
        quant=quant,
        name=facts.name,
        path=facts.path,
        catalog_id=model.id if model else "",
        load=load,
        protocol=protocol,
    )
