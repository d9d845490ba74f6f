"""Writes assets/eval/math500_slices.json: the fixed stratified slices of MATH-500 (run once; the
file is data, and tests/core/checks/test_suites.py holds it to what this makes).

Each slice's count per level and per subject is the full set's share, rounded (largest
remainder); the cells (subject × level) are filled the same way within those margins, and each
cell takes its problems in a fixed pseudo-random order (sha256 of "r1desk-math500:" + unique_id),
so the smaller slice is the start of the larger one's cells: math500-20 ⊂ math500-50.

    python -m tests.tools.make_math500_slices
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "assets" / "eval" / "math500.jsonl"
OUT = ROOT / "assets" / "eval" / "math500_slices.json"
SIZES = (50, 20)  # largest first: each smaller slice is chosen inside the one before


def _largest_remainder(shares: dict[object, float], n: int) -> dict[object, int]:
    base = {k: int(v) for k, v in shares.items()}
    left = n - sum(base.values())
    for k in sorted(shares, key=lambda k: (-(shares[k] - base[k]), str(k)))[:left]:
        base[k] += 1
    return base


def _cells(
    rows: list[dict[str, object]], n: int, cap: Counter[tuple[object, object]]
) -> Counter[tuple[object, object]]:
    """Problems per (subject, level) cell: the margins by largest remainder, then cells filled by
    their remainders within the margins and within ``cap`` (the larger slice's cells)."""
    total = len(rows)
    cells = Counter((r["subject"], r["level"]) for r in rows)
    subj = _largest_remainder({s: n * c / total for s, c in Counter(r["subject"] for r in rows).items()}, n)
    level = _largest_remainder({lv: n * c / total for lv, c in Counter(r["level"] for r in rows).items()}, n)
    want = {k: n * c / total for k, c in cells.items()}
    got: Counter[tuple[object, object]] = Counter()
    for (s, lv), w in want.items():
        got[(s, lv)] = min(int(w), cap[(s, lv)])
    while sum(got.values()) < n:
        open_cells = [
            k
            for k in cells
            if got[k] < cap[k]
            and sum(v for (s, _), v in got.items() if s == k[0]) < subj[k[0]]
            and sum(v for (_, lv), v in got.items() if lv == k[1]) < level[k[1]]
        ]
        if not open_cells:
            raise SystemExit(f"cannot fill {n} problems within the margins")
        best = max(open_cells, key=lambda k: (want[k] - got[k], str(k)))
        got[best] += 1
    return got


def main() -> None:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]

    def order(r: dict[str, object]) -> str:
        return hashlib.sha256(f"r1desk-math500:{r['unique_id']}".encode()).hexdigest()

    by_cell: dict[tuple[object, object], list[dict[str, object]]] = {}
    for r in sorted(rows, key=order):
        by_cell.setdefault((r["subject"], r["level"]), []).append(r)
    cap: Counter[tuple[object, object]] = Counter({k: len(v) for k, v in by_cell.items()})
    slices = {}
    for n in SIZES:
        cap = _cells(rows, n, cap)
        chosen = {str(r["unique_id"]) for k, c in cap.items() for r in by_cell[k][:c]}
        slices[f"math500-{n}"] = [str(r["unique_id"]) for r in rows if str(r["unique_id"]) in chosen]
    OUT.write_text(
        json.dumps(
            {
                "version": 1,
                "note": "Fixed stratified slices of MATH-500 by unique_id, in the file's order; made by "
                "tests/tools/make_math500_slices.py. math500-20 is inside math500-50.",
                "slices": dict(sorted(slices.items(), key=lambda kv: int(kv[0].split("-")[1]))),
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    for name, ids in slices.items():
        picked = [r for r in rows if r["unique_id"] in set(ids)]
        print(
            name, len(ids), sorted(Counter(r["level"] for r in picked).items()), Counter(r["subject"] for r in picked)
        )


if __name__ == "__main__":
    main()
