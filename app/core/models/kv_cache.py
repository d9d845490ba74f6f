"""The KV-cache element types the app offers: one table for the settings, the memory estimate and
the llama.cpp load call."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

KVCacheType = Literal["f16", "q8_0", "q4_0"]


@dataclass(frozen=True)
class KVType:
    """Bytes per cached element (a q8_0 block is 34 bytes for 32 values), ggml's type id, and the
    block: a row of the cache (one head) must hold whole blocks."""

    bytes_per_element: float
    ggml_type: int
    needs_flash_attn: bool
    block: int = 1


KV_TYPES: dict[str, KVType] = {
    "f16": KVType(2.0, 1, needs_flash_attn=False),
    "q8_0": KVType(1.0625, 8, needs_flash_attn=True, block=32),
    "q4_0": KVType(0.5625, 2, needs_flash_attn=True, block=32),
}
KV_TYPE_NAMES: tuple[KVCacheType, ...] = ("f16", "q8_0", "q4_0")
assert KV_TYPE_NAMES == get_args(KVCacheType) == tuple(KV_TYPES)
