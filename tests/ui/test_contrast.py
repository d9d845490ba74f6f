"""Every text/background pair of both themes reads at WCAG AA (4.5:1), focus rings at 3:1
(issue 17, item 11). Also a script that prints the whole table:

    .venv/bin/python -m tests.ui.test_contrast
"""

from __future__ import annotations

import re

import pytest
from pygments.styles import get_style_by_name

from app.core.config.paths import asset
from app.ui.style.palette import MARK_PAIRS, PALETTES, TEXT_PAIRS

TEXT_AA = 4.5
MARK_AA = 3.0


def luminance(colour: str) -> float:
    h = colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    r, g, b = (int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def ratio(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def table() -> list[tuple[str, str, str, float, float]]:
    """(theme, foreground, background, ratio, required) for every declared pair."""
    rows = []
    for theme, c in PALETTES.items():
        rows += [(theme, fg, bg, ratio(c[fg], c[bg]), TEXT_AA) for fg, bg in TEXT_PAIRS]
        rows += [(theme, fg, bg, ratio(c[fg], c[bg]), MARK_AA) for fg, bg in MARK_PAIRS]
    return rows


def test_the_white_on_indigo_of_the_issue_fails_the_check() -> None:
    """The check catches what the issue found: white on #818CF8 is 2.98:1."""
    assert round(ratio("#ffffff", "#818cf8"), 2) == 2.98


@pytest.mark.parametrize("theme", list(PALETTES))
def test_every_text_and_background_pair_reads(theme: str) -> None:
    low = [(fg, bg, round(r, 2)) for t, fg, bg, r, need in table() if t == theme and r < need]
    assert low == []


def _sheet_pairs() -> set[tuple[str, str]]:
    """(text, background) pairs the style sheet sets in one rule."""
    pairs = set()
    for rule in re.findall(r"\{([^}]*)\}", asset("style.qss").read_text(encoding="utf-8")):
        fg = re.search(r"(?<![-\w])color:\s*@(\w+)", rule)
        bg = re.search(r"background:\s*@(\w+)", rule)
        if fg and bg:
            pairs.add((fg.group(1), bg.group(1)))
    return pairs


def test_the_style_sheet_uses_only_checked_pairs_and_no_fixed_colours() -> None:
    sheet = asset("style.qss").read_text(encoding="utf-8")
    checked = set(TEXT_PAIRS)
    unchecked = {p for p in _sheet_pairs() if p not in checked and p[0] != "muted"}  # muted: disabled (exempt)
    assert unchecked == set()
    body = re.sub(r"/\*.*?\*/", "", sheet, flags=re.DOTALL)
    assert not re.search(r"color:\s*(white|black|#[0-9a-f]{3,6})", body, flags=re.IGNORECASE)


@pytest.mark.parametrize("background", ["code_background", "diff_add", "diff_del"])
@pytest.mark.parametrize("theme", list(PALETTES))
def test_code_highlighting_reads_on_the_code_background(theme: str, background: str) -> None:
    """Code, and the lines a diff adds and removes (highlighted the same way)."""
    c = PALETTES[theme]
    style = get_style_by_name(c["pygments"])
    low = []
    for token, s in style:
        kind = str(token)
        if s["color"] and not any(x in kind for x in ("Error", "Generic", "Whitespace")):
            r = ratio("#" + s["color"], c[background])
            if r < TEXT_AA:
                low.append((kind, s["color"], round(r, 2)))
    assert low == []


def main() -> None:
    for theme, fg, bg, r, need in table():
        mark = "ok " if r >= need else "LOW"
        print(f"{mark} {theme:5s} {fg:16s} on {bg:18s} {r:5.2f}:1 (needs {need}:1)")


if __name__ == "__main__":
    main()
