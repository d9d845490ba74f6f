"""Counting the tries of a fault class, for the table the fault suite prints at the end.

Each test runs many generated inputs (kill points, failure offsets, hostile files) through one
``Tries``: every input is one try; a try that raises is recorded, the others run on, and the test
fails at the end naming the first few that failed. The soak scripts use the same class.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field

TABLE: dict[str, list[int]] = {}  # fault class -> [tries, passed], over the whole session


@dataclass
class Tries:
    """Attributes: klass (the row of the table), failures (what failed, as text)."""

    klass: str
    failures: list[str] = field(default_factory=list)

    @contextlib.contextmanager
    def __call__(self, what: str) -> Iterator[None]:
        row = TABLE.setdefault(self.klass, [0, 0])
        row[0] += 1
        try:
            yield
        except Exception as e:
            self.failures.append(f"{what}: {type(e).__name__}: {e}")
        else:
            row[1] += 1

    def check(self) -> None:
        assert not self.failures, f"{len(self.failures)} failed: " + " | ".join(self.failures[:3])


def table_lines() -> list[str]:
    width = max([len(k) for k in TABLE] + [len("fault class")])
    lines = [f"{'fault class':{width}s}  tries  passed"]
    for klass, (tries, passed) in sorted(TABLE.items()):
        lines.append(f"{klass:{width}s}  {tries:5d}  {passed:6d}")
    total = [sum(v[0] for v in TABLE.values()), sum(v[1] for v in TABLE.values())]
    lines.append(f"{'all':{width}s}  {total[0]:5d}  {total[1]:6d}")
    return lines
