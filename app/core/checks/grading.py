r"""Grading a sample: the app's own ``extract_boxed`` takes the last ``\boxed{}`` of the answer,
then Hugging Face's math-verify (the parser and verifier open-r1 uses for MATH-500) decides
whether it equals the reference: ``\dfrac`` and ``\frac``, ``0.5`` and ``\frac12``, ``90^\circ``
and ``90``, intervals, matrices, sets, ``\text{(C)}`` and ``C``.

The only module that imports ``math_verify`` (and, through it, sympy), and only when a sample is
graded: it takes about a second and a half to import.

math-verify bounds each parse and comparison with ``signal.alarm``, which works only on the main
thread; the window grades on a worker thread, where it runs without that bound (the CLI keeps it).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from app.core.r1.answers import extract_boxed

TIMEOUT_S = 5  # math-verify's own default, per parse and per comparison


@dataclass(frozen=True)
class Grade:
    """The verdict on one answer.

    Attributes:
        extracted: the last ``\boxed{}`` content of the answer (None: there was none).
        reference: the reference answer as the data file writes it.
        correct: math-verify found them equal.
        parsed: how math-verify read the extracted answer ("" when it could not), for the record.
    """

    extracted: str | None
    reference: str
    correct: bool
    parsed: str = ""


def _math_verify() -> Any:
    import math_verify

    # Its warning that the timeout is off (on a worker thread) would print once per run: the
    # module docstring says why it is off.
    logging.getLogger("math_verify").setLevel(logging.ERROR)
    return math_verify


def _timeout() -> int | None:
    return TIMEOUT_S if threading.current_thread() is threading.main_thread() else None


def _parse(mv: Any, tex: str) -> list[Any]:
    config = [mv.LatexExtractionConfig(boxed_match_priority=0)]
    try:
        return list(mv.parse("\\boxed{" + tex + "}", extraction_config=config, parsing_timeout=_timeout()))
    except Exception:  # math-verify raises its own and sympy's errors on hostile TeX: not equal
        return []


def grade(answer: str, reference: str) -> Grade:
    """Grade an answer's text (the part after the reasoning) against the reference answer."""
    extracted = extract_boxed(answer)
    if extracted is None or not extracted.strip():
        return Grade(extracted, reference, False)
    return grade_extracted(extracted, reference)


def grade_extracted(extracted: str, reference: str) -> Grade:
    """Grade an already extracted answer (TeX without ``\\boxed``) against the reference."""
    mv = _math_verify()
    gold = _parse(mv, reference)
    pred = _parse(mv, extracted)
    parsed = str(pred[0]) if pred else ""
    if not gold or not pred:
        return Grade(extracted, reference, False, parsed)
    try:
        correct = bool(mv.verify(gold, pred, timeout_seconds=_timeout()))
    except Exception:  # a comparison sympy cannot finish is not a match
        correct = False
    return Grade(extracted, reference, correct, parsed)
