r"""What a formula may cost before it is typeset, and the reasons one is shown as source instead.

ziamath's time grows with a formula's length and doubles with every level of nesting: measured on
a shared 2-core machine (tests/benchmarks/bench_math_hostile.py), ``{{{{x}}}}`` eight deep took
0.1 s and nine deep 0.2 s, ``\frac`` eight deep 0.35 s, ``\left(`` eight deep 0.56 s and twelve
deep 9.6 s (a hundred deep would run for ages); a flat formula costs about 0.6 ms and 1 KB of SVG
per character (2,000 characters: 1.2 s and 1.9 MB). So a formula longer than ``MAX_CHARS`` or
nested deeper than ``MAX_DEPTH`` is never handed to ziamath (both are counted in one linear
pass); the rest is typeset in a helper process that gets ``BUDGET_S`` per formula
(``typeset_worker.py``), and an image too large to draw quickly is refused as well.

Pure Python, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_CHARS = 2_000  # a long aligned derivation is ~600; a 5,000-term sum (55 KB) took 38 s
MAX_DEPTH = 8  # braces, \left … \right and \begin … \end, counted together
BUDGET_S = 4.0  # seconds per formula in the helper process (typical formulas: 3-40 ms)
MAX_SVG_BYTES = 2_000_000  # the image's SVG (a 5,000-term sum made 25 MB)
MAX_AREA_PX = 4_000_000  # logical pixels, ...
MAX_WIDTH_PX = 8_000  # ... and width (a 1,000-term sum was 35,000 px wide; the column shows 860)

# Why a formula is shown as its source (with "math_", the keys of the renderer's labels: LABELS).
LONG, DEEP, SLOW, LARGE = "long", "deep", "slow", "large"
UNKNOWN, UNSUPPORTED, CLOSED = "unknown", "unsupported", "closed"


@dataclass(frozen=True)
class Refused:
    """A formula shown as its source, and why (said when the pointer rests on it).

    Attributes:
        tex: the formula's source.
        reason: LONG, DEEP, SLOW, LARGE, UNKNOWN (a command ziamath does not know), UNSUPPORTED
            (ziamath failed) or CLOSED (the app is quitting).
        value: what was measured (characters, levels).
        limit: the budget it went over (characters, levels, seconds).
        detail: the unknown command.
    """

    tex: str
    reason: str
    value: int = 0
    limit: int = 0
    detail: str = ""


def nesting_depth(tex: str) -> int:
    r"""How deep ``tex`` nests groups: ``{``, ``\left`` and ``\begin`` each open one level.

    One pass over the text; an escaped brace (``\{``) is no group. Unbalanced closers do not go
    below zero."""
    depth = deepest = 0
    i, n = 0, len(tex)
    while i < n:
        c = tex[i]
        if c == "\\":
            j = i + 1
            while j < n and tex[j].isalpha():
                j += 1
            word = tex[i + 1 : j]
            if word in ("left", "begin"):
                depth += 1
                deepest = max(deepest, depth)
            elif word in ("right", "end"):
                depth = max(0, depth - 1)
            i = j if j > i + 1 else i + 2  # a command, or an escaped character
            continue
        if c == "{":
            depth += 1
            deepest = max(deepest, depth)
        elif c == "}":
            depth = max(0, depth - 1)
        i += 1
    return deepest


def precheck(tex: str) -> Refused | None:
    """A refusal when ``tex`` is over the length or nesting budget (never typeset), else None."""
    if len(tex) > MAX_CHARS:
        return Refused(tex, LONG, len(tex), MAX_CHARS)
    depth = nesting_depth(tex)
    if depth > MAX_DEPTH:
        return Refused(tex, DEEP, depth, MAX_DEPTH)
    return None


def oversized(tex: str, svg_bytes: int, width: float, height: float) -> Refused | None:
    """A refusal when the typeset image is too large to draw without a stall, else None."""
    if svg_bytes > MAX_SVG_BYTES or width * height > MAX_AREA_PX or width > MAX_WIDTH_PX:
        return Refused(tex, LARGE)
    return None
