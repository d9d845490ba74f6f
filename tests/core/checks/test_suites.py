"""The shipped MATH-500 is OpenAI's file byte for byte, and the slices are fixed and stratified."""

from __future__ import annotations

import hashlib
import json
from collections import Counter

import pytest

from app.core.checks.suites import DATA_SHA256, FULL, SuiteError, all_problems, suite, suite_names
from app.core.config.paths import asset


def test_the_shipped_file_is_openais_math500() -> None:
    data = asset("eval", "math500.jsonl").read_bytes()
    assert hashlib.sha256(data).hexdigest() == DATA_SHA256  # the LFS oid in openai/prm800k
    assert len(data) == 446_564
    rows = [json.loads(line) for line in data.decode().splitlines()]
    assert len(rows) == 500
    assert all(set(r) == {"problem", "solution", "answer", "subject", "level", "unique_id"} for r in rows)
    assert len({r["unique_id"] for r in rows}) == 500


def test_the_licence_and_source_ship_beside_it() -> None:
    assert "Copyright (c) 2023 OpenAI" in asset("eval", "LICENSE-prm800k.txt").read_text()
    note = asset("eval", "README.md").read_text()
    assert DATA_SHA256 in note and "openai/prm800k" in note and "AIME 2024" in note


def _shares(problems: list, key: str) -> Counter:
    return Counter(getattr(p, key) for p in problems)


@pytest.mark.parametrize("name", ["math500-20", "math500-50"])
def test_each_slice_has_every_level_and_subject_in_the_full_sets_proportions(name: str) -> None:
    full = list(all_problems())
    part = suite(name)
    n = int(name.split("-")[1])
    assert len(part) == n == len({p.unique_id for p in part})
    for key in ("level", "subject"):
        whole, got = _shares(full, key), _shares(part, key)
        assert set(got) == set(whole), f"{name} misses a {key}"
        for value, count in whole.items():
            assert abs(got[value] - n * count / len(full)) < 1, f"{name}: {key} {value} has {got[value]}"


def test_the_slices_are_the_same_problems_every_time_and_nested() -> None:
    small, large = suite("math500-20"), suite("math500-50")
    assert {p.unique_id for p in small} <= {p.unique_id for p in large}
    assert small[0].unique_id == "test/intermediate_algebra/1000.json"  # data, not drawn at run time
    assert suite_names() == ["math500-20", "math500-50", FULL]
    assert len(suite(FULL)) == 500


def test_an_unknown_suite_is_named_with_the_choices() -> None:
    with pytest.raises(SuiteError, match="math500-20, math500-50, math500"):
        suite("aime24")
