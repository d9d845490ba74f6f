"""The catalog of R1 distills (``assets/catalog.json``), validated on load.

A catalog model is published as GGUF files in several Hub repositories; a *variant* is one
quantization of it, which may be split into parts (``-00001-of-0000N.gguf``) that download as
one and load from the first part. Sizes in the catalog are approximations for offline use;
online the Hub's listing is authoritative (``downloads.list_repo_files``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from app.core.config.datafile import versioned_items
from app.core.config.paths import asset
from app.core.errors import CatalogError

DEFAULT_QUANT = "Q4_K_M"
QUANT_ORDER = [
    "IQ2_XS",
    "Q2_K",
    "IQ3_XS",
    "Q3_K_S",
    "Q3_K_M",
    "Q3_K_L",
    "IQ4_XS",
    "Q4_0",
    "Q4_K_S",
    "Q4_K_M",
    "Q5_K_S",
    "Q5_K_M",
    "Q6_K",
    "Q8_0",
    "F16",
    "BF16",
]
_QUANT_IN_NAME = re.compile(
    r"(?i)(?:^|[-._])((?:IQ|Q)\d_[A-Z0-9_]+?|Q\d_\d|F16|BF16|F32)(?=[-.](?:\d{5}-of-\d{5}\.)?gguf$|\.gguf$|-\d{5}-of)"
)


@dataclass(frozen=True)
class Shape:
    layers: int
    heads: int
    kv_heads: int
    head_dim: int
    embedding: int
    vocab: int


TEMPLATE_KINDS = ("old", "current", "unknown")


@dataclass(frozen=True)
class Repo:
    """A Hub repository of a model's GGUF files.

    Attributes:
        split: "subfolder" (bartowski, unsloth) or "root" (lmstudio-community): where split parts go.
        template: whether its files' chat template opens the reasoning ("current"), does not
            ("old": the app forces ``<think>\\n``, see ``ChatOptions.force_think``), or "unknown".
    """

    id: str
    split: str
    template: str = "unknown"

    @property
    def old_template(self) -> bool:
        return self.template == "old"


@dataclass(frozen=True)
class Variant:
    """One quantization of a catalog model."""

    model: CatalogModel
    quant: str
    size: int
    parts: int = 1

    @property
    def key(self) -> str:
        return f"{self.model.id}:{self.quant}"

    def files(self, repo: Repo | None = None) -> list[str]:
        """File paths in ``repo`` (the first repo by default), the first part first."""
        repo = repo or self.model.repos[0]
        stem = f"{self.model.stem}-{self.quant}"
        if self.parts == 1:
            return [f"{stem}.gguf"]
        names = [f"{stem}-{i:05d}-of-{self.parts:05d}.gguf" for i in range(1, self.parts + 1)]
        return [f"{stem}/{n}" for n in names] if repo.split == "subfolder" else names


@dataclass(frozen=True)
class CatalogModel:
    id: str
    name: str
    base_model: str
    architecture: str
    params: float
    shape: Shape
    context_length: int
    max_new_tokens: int
    licence: str
    benchmarks: dict[str, float]
    good_for: str
    repos: tuple[Repo, ...]
    stem: str
    variants: tuple[Variant, ...] = field(default=(), compare=False, repr=False)
    benchmarks_note: str = ""
    # catalog models that can draft for this one (the same vocabulary, checked again at the load)
    drafts: tuple[str, ...] = ()

    def variant(self, quant: str | None = None) -> Variant:
        q = (quant or DEFAULT_QUANT).upper()
        for v in self.variants:
            if v.quant.upper() == q:
                return v
        raise CatalogError(
            f"{self.name} has no {q} file in the catalog; it has {', '.join(v.quant for v in self.variants)}."
        )

    @property
    def params_label(self) -> str:
        return f"{self.params / 1e9:.1f}B" if self.params < 10e9 else f"{self.params / 1e9:.0f}B"


def _req(d: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in d:
        raise CatalogError(f"{where}: missing '{key}'")
    v = d[key]
    if not isinstance(v, kind) or isinstance(v, bool):
        raise CatalogError(f"{where}: '{key}' has the wrong type")
    return v


def parse_catalog(data: Any, source: str = "catalog") -> list[CatalogModel]:
    models: list[CatalogModel] = []
    for i, d in enumerate(versioned_items(data, "models", source, CatalogError)):
        where = f"{source}, model {i + 1}"
        if not isinstance(d, dict):
            raise CatalogError(f"{where}: not an object")
        shape_d = _req(d, "shape", dict, where)
        shape = Shape(
            **{
                k: int(_req(shape_d, k, int, f"{where} shape"))
                for k in ("layers", "heads", "kv_heads", "head_dim", "embedding", "vocab")
            }
        )
        if min(shape.layers, shape.heads, shape.kv_heads, shape.head_dim) <= 0:
            raise CatalogError(f"{where}: shape values must be positive")
        repos = tuple(
            Repo(_req(r, "id", str, where), r.get("split", "root"), r.get("template", "unknown"))
            for r in _req(d, "repos", list, where)
        )
        if not repos or any(r.split not in ("subfolder", "root") or "/" not in r.id for r in repos):
            raise CatalogError(f"{where}: repos must be org/name ids with split 'subfolder' or 'root'")
        if any(r.template not in TEMPLATE_KINDS for r in repos):
            raise CatalogError(f"{where}: a repo's template must be one of {', '.join(TEMPLATE_KINDS)}")
        bench = _req(d, "benchmarks", dict, where)
        if not all(isinstance(v, (int, float)) for v in bench.values()):
            raise CatalogError(f"{where}: benchmark figures must be numbers")
        model = CatalogModel(
            id=_req(d, "id", str, where),
            name=_req(d, "name", str, where),
            base_model=_req(d, "base_model", str, where),
            architecture=_req(d, "architecture", str, where),
            params=float(_req(d, "params", (int, float), where)),
            shape=shape,
            context_length=_req(d, "context_length", int, where),
            max_new_tokens=_req(d, "max_new_tokens", int, where),
            licence=_req(d, "licence", str, where),
            benchmarks={k: float(v) for k, v in bench.items()},
            good_for=_req(d, "good_for", str, where),
            repos=repos,
            stem=_req(d, "stem", str, where),
            benchmarks_note=d.get("benchmarks_note", ""),
            drafts=tuple(d.get("drafts", ())),
        )
        variants = []
        for quant, f in _req(d, "files", dict, where).items():
            size = _req(f, "size", int, f"{where} {quant}")
            parts = f.get("parts", 1)
            if size <= 0 or not isinstance(parts, int) or parts < 1:
                raise CatalogError(f"{where} {quant}: size and parts must be positive")
            variants.append(Variant(model, quant, size, parts))
        if not variants:
            raise CatalogError(f"{where}: no files")
        variants.sort(key=lambda v: QUANT_ORDER.index(v.quant) if v.quant in QUANT_ORDER else len(QUANT_ORDER))
        object.__setattr__(model, "variants", tuple(variants))
        models.append(model)
    ids = [m.id for m in models]
    if len(set(ids)) != len(ids):
        raise CatalogError(f"{source}: model ids must be unique")
    for m in models:
        if any(not isinstance(x, str) or x not in ids or x == m.id for x in m.drafts):
            raise CatalogError(f"{source}, {m.id}: 'drafts' must name other catalog models")
    return models


@cache
def load_catalog(path: Path | None = None) -> tuple[CatalogModel, ...]:
    p = path or asset("catalog.json")
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise CatalogError(f"Cannot read the model catalog {p}: {e}") from None
    return tuple(parse_catalog(data, str(p)))


def find(spec: str, catalog: tuple[CatalogModel, ...] | None = None) -> Variant:
    """Resolve ``id`` or ``id:QUANT`` (case-insensitive) to a catalog variant."""
    model_id, _, quant = spec.strip().partition(":")
    for m in catalog or load_catalog():
        if m.id.lower() == model_id.lower():
            return m.variant(quant or None)
    ids = ", ".join(m.id for m in catalog or load_catalog())
    raise CatalogError(f"'{model_id}' is not in the catalog. Known models: {ids}.")


def quant_of(filename: str) -> str:
    """The quantization named in a GGUF file name (``…-Q4_K_M.gguf``), or "?"."""
    name = filename.rsplit("/", 1)[-1]
    m = _QUANT_IN_NAME.search(name)
    return m.group(1).upper() if m else "?"


def is_first_part(filename: str) -> bool:
    """Whether a file is loadable on its own: not split, or the first of its parts."""
    m = re.search(r"-(\d{5})-of-(\d{5})\.gguf$", filename)
    return m is None or m.group(1) == "00001"


def group_parts(filenames: list[str]) -> list[list[str]]:
    """Group split files into downloads: each group is one model, the first part first."""
    groups: dict[str, list[str]] = {}
    for f in sorted(filenames):
        key = re.sub(r"-\d{5}-of-\d{5}\.gguf$", "", f)
        groups.setdefault(key, []).append(f)
    return list(groups.values())
