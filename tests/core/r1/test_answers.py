r"""\boxed{} extraction and majority voting."""

from __future__ import annotations

import pytest

from app.core.r1.answers import extract_boxed, majority_vote


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r"So the answer is \boxed{42}.", "42"),
        (r"\boxed{1} wait, no: \boxed{2}", "2"),
        (r"$\boxed{\frac{1}{2}}$", r"\frac{1}{2}"),
        (r"\boxed{ {a, b} \cup \{c\} }", r"{a, b} \cup \{c\}"),
        (r"no box here", None),
        (r"\boxed{unclosed", None),
        (r"\boxed{3} then \boxed{unclosed", "3"),
    ],
)
def test_extract_boxed(text: str, expected: str | None) -> None:
    assert extract_boxed(text) == expected


def test_majority_vote_normalizes_and_counts() -> None:
    v = majority_vote([r"\dfrac{1}{2}", "7", r"\frac{1}{2}", None, "7 ", r"\frac {1}{2}"])
    assert v.answer == r"\dfrac{1}{2}" and v.votes == 3 and v.samples == 6


def test_majority_vote_without_answers() -> None:
    assert majority_vote([None, None]).answer is None
