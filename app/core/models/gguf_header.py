"""Read a GGUF file's header and check that the file is whole, without loading any weights.

llama.cpp aborts the whole process on some malformed files, so every file is checked here
first: the magic, the version, sane counts, that every tensor's data lies inside the file
(which is what a truncated download breaks), and that the tensors fit the model's settings
(``gguf_shapes.py``). The same pass collects the facts the app shows and
the memory estimate needs. Large arrays (the vocabulary) are skipped, not decoded, so this takes
milliseconds even for a 150k-token vocabulary.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from app.core.errors import ModelFileError
from app.core.models.gguf_shapes import check_model

GGUF_MAGIC = b"GGUF"
SUPPORTED_VERSIONS = (2, 3)
DEFAULT_ALIGNMENT = 32

# Far above any real model; a header claiming more is corrupt, and believing it would make us
# (or llama.cpp) allocate absurd amounts of memory.
MAX_TENSORS = 1_000_000
MAX_KV = 100_000
MAX_STRING = 64 * 1024 * 1024
MAX_ARRAY = 50_000_000
MAX_DIMS = 8
MAX_NESTING = 8  # arrays of arrays: real files use one level; a deep stack is an attack on the parser

# GGUF metadata value types.
_SCALARS: dict[int, str] = {
    0: "<B",
    1: "<b",
    2: "<H",
    3: "<h",
    4: "<I",
    5: "<i",
    6: "<f",
    7: "<?",
    10: "<Q",
    11: "<q",
    12: "<d",
}
_STRING, _ARRAY = 8, 9
# Arrays longer than this are skipped: only their length is kept.
_KEEP_ARRAY = 64


@dataclass(frozen=True)
class GGUFInfo:
    """What the header says about a model.

    Attributes:
        path: the file (the first part, for a split model).
        file_size: bytes on disk of this file.
        version: GGUF version.
        architecture: ``general.architecture`` (llama, qwen2, ...).
        name: ``general.name`` or the file stem.
        n_params: parameters counted from the tensor shapes (all parts for a split model only
            when the other parts are read; otherwise this file's share).
        quantization: llama.cpp file type name (Q4_K_M, ...) or the dominant tensor type.
        context_length: native context length, 0 when unknown.
        n_layers, n_heads, n_kv_heads, head_dim, embedding_length: shapes for memory estimates.
        chat_template: ``tokenizer.chat_template`` or None.
        n_vocab: vocabulary size.
        split_count: number of parts of a split model (1 when not split).
        metadata: every scalar and short-array metadata value.
    """

    path: Path
    file_size: int
    version: int
    architecture: str
    name: str
    n_params: int
    quantization: str
    context_length: int
    n_layers: int
    n_heads: int
    n_kv_heads: int
    head_dim: int
    embedding_length: int
    chat_template: str | None
    n_vocab: int
    split_count: int = 1
    metadata: dict[str, Any] = field(default_factory=dict, repr=False)


class _Reader:
    """Bounds-checked little-endian reads that turn every short read into a clear error."""

    def __init__(self, f: BinaryIO, size: int, path: Path) -> None:
        self.f = f
        self.size = size
        self.path = path
        self.whole = False  # read the next array whole, however long (a vocabulary asked for)

    def _fail(self, what: str) -> ModelFileError:
        return ModelFileError(f"{self.path.name} is damaged or incomplete: {what}.")

    def read(self, n: int) -> bytes:
        data = self.f.read(n)
        if len(data) != n:
            raise self._fail("the header ends early (the file is truncated)")
        return data

    def unpack(self, fmt: str) -> Any:
        return struct.unpack(fmt, self.read(struct.calcsize(fmt)))[0]

    def skip(self, n: int) -> None:
        pos = self.f.tell() + n
        if pos > self.size:
            raise self._fail("the header ends early (the file is truncated)")
        self.f.seek(pos)

    def string(self) -> str:
        n = self.unpack("<Q")
        if n > MAX_STRING:
            raise self._fail(f"a text field claims {n:,} bytes")
        return self.read(n).decode("utf-8", errors="replace")

    def value(self, vtype: int, depth: int = 0) -> Any:
        if vtype in _SCALARS:
            return self.unpack(_SCALARS[vtype])
        if vtype == _STRING:
            return self.string()
        if vtype == _ARRAY:
            if depth >= MAX_NESTING:
                raise self._fail(f"its metadata has arrays nested more than {MAX_NESTING} deep")
            etype = self.unpack("<I")
            count = self.unpack("<Q")
            if count > MAX_ARRAY:
                raise self._fail(f"an array claims {count:,} items")
            if count > _KEEP_ARRAY and not self.whole:
                self._skip_array(etype, count, depth)
                return _SkippedArray(count)
            return [self.value(etype, depth + 1) for _ in range(count)]
        raise self._fail(f"unknown metadata type {vtype}")

    def _skip_array(self, etype: int, count: int, depth: int) -> None:
        if etype in _SCALARS:
            self.skip(struct.calcsize(_SCALARS[etype]) * count)
        elif etype == _STRING:
            for _ in range(count):
                n = self.unpack("<Q")
                if n > MAX_STRING:
                    raise self._fail(f"a text field claims {n:,} bytes")
                self.skip(n)
        else:
            for _ in range(count):
                self.value(etype, depth + 1)


@dataclass(frozen=True)
class _SkippedArray:
    """Stands in for a long array (a vocabulary) that was skipped, not decoded."""

    count: int

    def __len__(self) -> int:
        return self.count


def _type_sizes() -> dict[int, tuple[int, int]]:
    """ggml tensor type -> (block size, bytes per block), from the gguf package's table."""
    from gguf.constants import GGML_QUANT_SIZES

    return {int(t): sizes for t, sizes in GGML_QUANT_SIZES.items()}


def _type_name(ggml_type: int) -> str:
    from gguf.constants import GGMLQuantizationType

    try:
        return GGMLQuantizationType(ggml_type).name
    except ValueError:
        return f"type {ggml_type}"


def _file_type_name(file_type: int) -> str | None:
    from gguf.constants import LlamaFileType

    try:
        name = LlamaFileType(file_type).name
    except ValueError:
        return None
    return name.removeprefix("MOSTLY_")


def read_gguf(path: str | os.PathLike[str], keep: tuple[str, ...] = ()) -> GGUFInfo:
    """Read and check a GGUF file's header (``keep``: metadata arrays to read whole, e.g. the
    vocabulary's ``tokenizer.ggml.tokens``, into ``metadata``).

    Raises ModelFileError for a missing, unreadable, truncated or malformed file.
    """
    p = Path(path)
    if not p.exists():
        raise ModelFileError(f"Model file not found: {p}")
    if p.is_dir():
        raise ModelFileError(f"{p} is a folder, not a model file.")
    try:
        size = p.stat().st_size
        with p.open("rb") as f:
            return _parse(_Reader(f, size, p), keep)
    except PermissionError as e:
        raise ModelFileError(f"Cannot read {p}: permission denied.") from e
    except OSError as e:
        raise ModelFileError(f"Cannot read {p}: {e.strerror or e}.") from e


def _parse(r: _Reader, keep: tuple[str, ...] = ()) -> GGUFInfo:
    p = r.path
    if r.size < 24:
        raise ModelFileError(f"{p.name} is not a GGUF model file (it is only {r.size} bytes).")
    magic = r.read(4)
    if magic != GGUF_MAGIC:
        hint = " (it looks like a web page: the download may have failed)" if magic[:1] == b"<" else ""
        raise ModelFileError(f"{p.name} is not a GGUF model file{hint}.")
    version = r.unpack("<I")
    if version not in SUPPORTED_VERSIONS:
        raise ModelFileError(
            f"{p.name} uses GGUF version {version}; this app reads versions 2 and 3. "
            "Download a newer conversion of the model."
        )
    n_tensors = r.unpack("<Q")
    n_kv = r.unpack("<Q")
    if n_tensors > MAX_TENSORS or n_kv > MAX_KV:
        raise r._fail(f"the header claims {n_tensors:,} tensors and {n_kv:,} metadata entries")

    meta: dict[str, Any] = {}
    for _ in range(n_kv):
        key = r.string()
        r.whole = key in keep
        meta[key] = r.value(r.unpack("<I"))
        r.whole = False

    sizes = _type_sizes()
    tensors: list[tuple[str, int, int, int]] = []  # name, type, offset, n_elements
    shapes: dict[str, tuple[int, ...]] = {}
    for _ in range(n_tensors):
        name = r.string()
        n_dims = r.unpack("<I")
        if n_dims > MAX_DIMS:
            raise r._fail(f"tensor {name!r} claims {n_dims} dimensions")
        dims = tuple(r.unpack("<Q") for _ in range(n_dims))
        n_el = 1
        for d in dims:
            n_el *= d
        ttype = r.unpack("<I")
        offset = r.unpack("<Q")
        tensors.append((name, ttype, offset, n_el))
        shapes[name] = dims

    alignment = meta.get("general.alignment", DEFAULT_ALIGNMENT)
    if not isinstance(alignment, int) or alignment <= 0 or alignment & (alignment - 1):
        raise r._fail(f"invalid alignment {alignment!r}")
    pos = r.f.tell()
    data_start = pos + (-pos % alignment)

    n_params = 0
    bytes_by_type: dict[int, int] = {}
    for name, ttype, offset, n_el in tensors:
        if ttype not in sizes:
            raise ModelFileError(
                f"{p.name} uses tensor type {ttype} (in {name!r}), which this version of the app "
                "does not know. Update R1 Desk, or use another quantization of the model."
            )
        block, type_size = sizes[ttype]
        if n_el % block:
            raise r._fail(f"tensor {name!r} has a shape that does not fit its type")
        nbytes = n_el // block * type_size
        if data_start + offset + nbytes > r.size:
            missing = data_start + offset + nbytes - r.size
            raise ModelFileError(
                f"{p.name} is incomplete: its tensor data ends {_human(missing)} past the end of "
                f"the file ({_human(r.size)} on disk). The download was probably interrupted; "
                "download it again."
            )
        n_params += n_el
        bytes_by_type[ttype] = bytes_by_type.get(ttype, 0) + nbytes

    split = meta.get("split.count", 1)
    check_model(p, meta, shapes, split if isinstance(split, int) and split > 0 else 1)
    return _facts(p, r.size, version, meta, n_params, bytes_by_type)


def _facts(
    p: Path, size: int, version: int, meta: dict[str, Any], n_params: int, bytes_by_type: dict[int, int]
) -> GGUFInfo:
    arch = str(meta.get("general.architecture", "")) or "unknown"

    def num(key: str) -> int:
        v = meta.get(f"{arch}.{key}", 0)
        if isinstance(v, list):  # per-layer values (some architectures): take the largest
            v = max((x for x in v if isinstance(x, int)), default=0)
        return int(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else 0

    n_heads = num("attention.head_count")
    n_kv = num("attention.head_count_kv") or n_heads
    emb = num("embedding_length")
    head_dim = num("attention.key_length") or (emb // n_heads if n_heads else 0)

    quant = None
    if isinstance(meta.get("general.file_type"), int):
        quant = _file_type_name(meta["general.file_type"])
    if quant is None and bytes_by_type:
        quant = _type_name(max(bytes_by_type, key=lambda t: bytes_by_type[t]))
    tokens = meta.get("tokenizer.ggml.tokens")
    template = meta.get("tokenizer.chat_template")
    split = meta.get("split.count", 1)
    return GGUFInfo(
        path=p,
        file_size=size,
        version=version,
        architecture=arch,
        name=str(meta.get("general.name") or p.stem),
        n_params=n_params,
        quantization=quant or "unknown",
        context_length=num("context_length"),
        n_layers=num("block_count"),
        n_heads=n_heads,
        n_kv_heads=n_kv,
        head_dim=head_dim,
        embedding_length=emb,
        chat_template=template if isinstance(template, str) else None,
        n_vocab=len(tokens) if tokens is not None else 0,
        split_count=int(split) if isinstance(split, int) and split > 0 else 1,
        metadata={k: v for k, v in meta.items() if not isinstance(v, _SkippedArray)},
    )


def _human(n: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} GB"
