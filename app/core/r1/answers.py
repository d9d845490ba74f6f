r"""Final answers: the last ``\boxed{...}`` of an answer, and the majority over several samples.

The R1 paper scores math by the boxed answer and reports majority voting over samples
("cons@64"); ``r1desk ask --samples K`` does the same on a user's question.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_BOXED = re.compile(r"\\(?:boxed|fbox)\s*\{")


def extract_boxed(text: str) -> str | None:
    r"""The content of the last ``\boxed{...}`` (nested braces allowed), or None."""
    starts = [m.end() for m in _BOXED.finditer(text)]
    for start in reversed(starts):
        depth = 1
        for i in range(start, len(text)):
            c = text[i]
            if c == "\\" and i + 1 < len(text) and text[i + 1] in "{}":
                continue
            if c == "{" and text[i - 1] != "\\":
                depth += 1
            elif c == "}" and text[i - 1] != "\\":
                depth -= 1
                if depth == 0:
                    return text[start:i].strip()
    return None


def normalize_answer(answer: str) -> str:
    """A form in which equal answers compare equal: no spaces, ``$``, ``\\left``/``\\right``,
    ``\\dfrac`` read as ``\\frac``, a trailing period dropped."""
    a = answer.strip().strip("$").strip()
    a = a.replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac").replace("\\left", "").replace("\\right", "")
    a = re.sub(r"\\text\{([^{}]*)\}", r"\1", a)
    a = re.sub(r"\s+", "", a).rstrip(".")
    return a


@dataclass(frozen=True)
class Vote:
    """The majority answer (as first written) and how many samples gave it."""

    answer: str | None
    votes: int
    samples: int


def majority_vote(answers: list[str | None]) -> Vote:
    """Most common answer among those that have one; ties go to the one seen first."""
    given = [a for a in answers if a]
    if not given:
        return Vote(None, 0, len(answers))
    counts = Counter(normalize_answer(a) for a in given)
    best = max(counts.values())
    for a in given:
        if counts[normalize_answer(a)] == best:
            return Vote(a, best, len(answers))
    raise AssertionError("unreachable")
