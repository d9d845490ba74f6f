"""The shipped problem sets: MATH-500 (``assets/eval/math500.jsonl``, OpenAI's file byte for
byte) and its fixed stratified slices (``assets/eval/math500_slices.json``).

A suite is a name and a list of problems in the file's order. The slices are data so results
from different machines and days cover the same problems; ``math500-20`` lies inside
``math500-50``, so samples already stored for the smaller one count for the larger.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from app.core.config.paths import asset
from app.core.errors import SuiteError

DATA_FILE = ("eval", "math500.jsonl")
SLICES_FILE = ("eval", "math500_slices.json")
DATA_SHA256 = "35dc41080a3680858b27fa7e0533d2d547825316fc5dafe5d316f4ccc5a06132"  # openai/prm800k's LFS oid
DEFAULT_SUITE = "math500-50"
FULL = "math500"
LEVELS = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class Problem:
    """One MATH problem: its text, the reference answer (TeX), subject and level 1–5."""

    unique_id: str
    problem: str
    answer: str
    subject: str
    level: int


@cache
def all_problems() -> tuple[Problem, ...]:
    """The 500 problems, in the file's order."""
    path = asset(*DATA_FILE)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        out = tuple(
            Problem(str(d["unique_id"]), str(d["problem"]), str(d["answer"]), str(d["subject"]), int(d["level"]))
            for d in map(json.loads, lines)
        )
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise SuiteError(
            f"The problems shipped with R1 Desk ({path}) cannot be read: {e}. Reinstall R1 Desk."
        ) from None
    return out


@cache
def _slices() -> dict[str, tuple[str, ...]]:
    path = asset(*SLICES_FILE)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {str(k): tuple(str(i) for i in v) for k, v in data["slices"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise SuiteError(
            f"The problems shipped with R1 Desk ({path}) cannot be read: {e}. Reinstall R1 Desk."
        ) from None


def suite_names() -> list[str]:
    """Smallest first, the whole set last."""
    return sorted(_slices(), key=lambda n: len(_slices()[n])) + [FULL]


def suite(name: str) -> list[Problem]:
    """The problems of a suite, in the file's order."""
    if name == FULL:
        return list(all_problems())
    ids = _slices().get(name)
    if ids is None:
        raise SuiteError(f"No suite called '{name}'. Suites: {', '.join(suite_names())}.")
    wanted = set(ids)
    return [p for p in all_problems() if p.unique_id in wanted]


def suite_label(name: str) -> str:
    """How results name a suite: "MATH-500-50", "MATH-500"."""
    return name.replace("math500", "MATH-500")
