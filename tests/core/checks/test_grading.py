r"""Grading: the app's ``\boxed{}`` extraction, then math-verify against the reference."""

from __future__ import annotations

import threading

import pytest

from app.core.checks.grading import grade, grade_extracted

EQUIVALENT = [
    (r"\dfrac{1}{2}", r"\frac{1}{2}"),
    ("0.5", r"\frac12"),
    (r"90^\circ", "90"),
    ("[2,5)", "[2,5)"),
    (r"\begin{pmatrix} 1 \\ 2 \end{pmatrix}", r"\begin{pmatrix}1\\2\end{pmatrix}"),
    (r"\text{Evelyn}", r"\text{Evelyn}"),
    ("C", r"\text{(C)}"),
    (r"(3,\frac{\pi}{2})", r"\left( 3, \frac{\pi}{2} \right)"),
    ("x^2+2x+1", "(x+1)^2"),
    ("18.90", r"\$18.90"),
    (r"2\sqrt{2}", r"\sqrt{8}"),
    (r"\{1,2\}", r"\{2,1\}"),
]
DIFFERENT = [
    (r"\frac{1}{3}", r"\frac{1}{2}"),
    ("(2,5]", "[2,5)"),
    (r"\begin{pmatrix} 1 \\ 3 \end{pmatrix}", r"\begin{pmatrix}1\\2\end{pmatrix}"),
    (r"\text{Bob}", r"\text{Evelyn}"),
    ("(A)", r"\text{(C)}"),
    ("3", r"\left( 3, \frac{\pi}{2} \right)"),
    ("6", "5"),
    (r"91^\circ", "90"),
]


@pytest.mark.parametrize(("answer", "reference"), EQUIVALENT)
def test_equivalent_answers_count(answer: str, reference: str) -> None:
    g = grade(f"So the answer is $\\boxed{{{answer}}}$.", reference)
    assert g.correct, g
    assert g.extracted == answer and g.reference == reference and g.parsed


@pytest.mark.parametrize(("answer", "reference"), DIFFERENT)
def test_different_answers_do_not(answer: str, reference: str) -> None:
    assert not grade(f"\\boxed{{{answer}}}", reference).correct


def test_the_last_boxed_answer_is_the_one_graded() -> None:
    g = grade(r"First \boxed{4}, no wait: \boxed{5}", "5")
    assert g.correct and g.extracted == "5"


def test_an_answer_with_no_boxed_answer_is_wrong_and_says_so() -> None:
    g = grade("The answer is 5.", "5")
    assert not g.correct and g.extracted is None and g.reference == "5"


def test_hostile_tex_is_wrong_not_an_error() -> None:
    assert not grade_extracted(r"\frac{{{", "5").correct
    assert not grade_extracted("}" * 50 + r"\begin{pmatrix", r"\frac12").correct


def test_grading_works_off_the_main_thread() -> None:
    """The window grades on a worker thread, where math-verify's signal-based timeout cannot run."""
    out: list[bool] = []
    t = threading.Thread(target=lambda: out.append(grade(r"\boxed{\dfrac{1}{2}}", "0.5").correct))
    t.start()
    t.join(60)
    assert out == [True]
