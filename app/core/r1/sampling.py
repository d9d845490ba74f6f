"""The R1 numbers in one place, and sampling settings with the paper's values as the defaults.

llama-cpp-python's own defaults (top-k 40, min-p 0.05, temperature 0.2 or 0.8) differ from the
paper's pure temperature + top-p sampling; every request passes all of these explicitly so none
of them leaks in.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

R1_MAX_TOKENS = 32_768  # the paper's generation length
DEFAULT_CONTEXT = R1_MAX_TOKENS  # R1 thinks long: a context that holds one whole answer
R1_TEMPERATURE = 0.6  # the model cards' range is 0.5-0.7
R1_TOP_P = 0.95


@dataclass(frozen=True)
class Sampling:
    """How tokens are drawn. ``top_k=0`` and ``min_p=0`` switch those filters off."""

    temperature: float = R1_TEMPERATURE
    top_p: float = R1_TOP_P
    top_k: int = 0
    min_p: float = 0.0
    repeat_penalty: float = 1.0
    max_tokens: int = R1_MAX_TOKENS
    seed: int | None = None

    def __post_init__(self) -> None:
        problems = validate_sampling(asdict(self))
        if problems:
            raise ValueError("; ".join(problems))

    def with_(self, **changes: Any) -> Sampling:
        """A copy with the given fields changed; ``None`` values are ignored."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Sampling:
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown sampling setting(s): {', '.join(sorted(unknown))}")
        return cls(**data)


def _shown(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


def validate_sampling(d: dict[str, Any]) -> list[str]:
    """Human-readable problems with a sampling dict (empty when it is fine)."""
    out: list[str] = []

    def num(name: str, lo: float, hi: float, integer: bool = False) -> None:
        v = d.get(name)
        ok_type = isinstance(v, int) if integer else isinstance(v, (int, float))
        if isinstance(v, bool) or not ok_type or v is None:
            out.append(f"{name} must be a{'n integer' if integer else ' number'}, not {v!r}")
        elif not lo <= v <= hi:
            out.append(f"{name} must be between {_shown(lo)} and {_shown(hi)}, not {v}")

    num("temperature", 0.0, 2.0)
    num("top_p", 0.0, 1.0)
    num("top_k", 0, 1000, integer=True)
    num("min_p", 0.0, 1.0)
    num("repeat_penalty", 0.5, 2.0)
    num("max_tokens", 1, 1_000_000, integer=True)
    seed = d.get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
        out.append(f"seed must be a non-negative integer, not {seed!r}")
    return out
