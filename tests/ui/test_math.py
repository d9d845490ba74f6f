r"""Typeset math in answers: every delimiter R1 uses, sources kept, failures shown as source,
money left alone, formulas typeset off the GUI thread while streaming."""

from __future__ import annotations

import re

from app.ui.render.incremental import IncrementalMarkdown, finished_prefix
from app.ui.render.markdown import DARK, LIGHT, MarkdownRenderer, markdown_to_html
from app.ui.render.math import PENDING, Formula, Typesetter
from tests.support.math_formulas import FORMULAS


def titles(html: str) -> list[str]:
    return re.findall(r'<img src="math:[0-9a-f]+"[^>]* title="([^"]*)"', html)


def test_bracket_delimiters_are_typeset_and_keep_their_backslashes() -> None:
    out = markdown_to_html(
        "The area is \\(\\pi r^2\\), and\n\\[\nx = \\frac{-b \\pm \\sqrt{b^2-4ac}}{2a}\n\\]\nso done."
    )
    assert titles(out) == ["\\pi r^2", "x = \\frac{-b \\pm \\sqrt{b^2-4ac}}{2a}"]
    assert "[" not in out.replace("[0-9", "") and "\\(" not in out  # no bracket left over as text
    assert "so done." in out and "The area is" in out


def test_inline_display_brackets_and_bare_boxed() -> None:
    out = markdown_to_html("We get \\[ y = 2 \\] and finally \\boxed{42}.")
    assert titles(out) == ["y = 2", "\\boxed{42}"]


def test_dollar_amounts_in_prose_stay_text() -> None:
    out = markdown_to_html("It costs $5 and $10 a day, while $x$ is a variable; pay $3.50.")
    assert "$5 and $10 a day" in out and "pay $3.50." in out
    assert titles(out) == ["x"]


def test_environments_and_boxed_are_typeset() -> None:
    for tex in (
        "\\begin{aligned} 2x + 3 &= 11 \\\\ x &= 4 \\end{aligned}",
        "f(x) = \\begin{cases} x^2 & x \\ge 0 \\\\ -x & x < 0 \\end{cases}",
        "\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}",
        "\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}",
        "x = \\boxed{2}",
    ):
        r = MarkdownRenderer().render(f"$$\n{tex}\n$$\n")
        assert [f.tex for f in r.formulas] == [tex], tex
        assert b"<path" in r.formulas[0].svg


def test_display_boxed_answer_is_framed_with_a_label() -> None:
    out = markdown_to_html("**Final Answer**\n\\[\n\\boxed{\\dfrac{3}{4}}\n\\]")
    assert "Final answer" in out and titles(out) == ["\\dfrac{3}{4}"]


def test_every_math500_style_formula_is_typeset() -> None:
    t = Typesetter("#000000")
    failed = [f for f in FORMULAS if not isinstance(t.typeset(f, True), Formula)]
    assert failed == []


def test_a_formula_that_cannot_be_typeset_is_shown_as_source() -> None:
    out = markdown_to_html("Broken $\\frac{1}{$ and unknown $\\foo{x}$ and fine $y$.")
    assert "\\frac{1}{" in out and "\\foo{x}" in out  # shown, never dropped
    assert titles(out) == ["y"]


def test_an_unclosed_formula_stays_source_while_streaming() -> None:
    out = markdown_to_html("So \\[ x = \\frac{1}{2")
    assert "\\[ x = \\frac{1}{2" in out and titles(out) == []
    assert "\\(" in markdown_to_html("and \\(x")


def test_formula_colour_comes_from_the_theme() -> None:
    light = MarkdownRenderer(LIGHT).render("$x$").formulas[0]
    dark = MarkdownRenderer(DARK).render("$x$").formulas[0]
    assert LIGHT.text.encode() in light.svg and DARK.text.encode() in dark.svg
    assert light.url != dark.url


def test_formulas_are_cached() -> None:
    t = Typesetter("#000000")
    a = t.typeset("\\frac{1}{2}", False)
    assert isinstance(a, Formula) and t.typeset("\\frac{1}{2}", False) is a


def test_lookup_never_waits_and_finishes_in_the_background() -> None:
    t = Typesetter("#123456")
    assert t.lookup("\\sqrt{2}", True) is PENDING
    t.wait(30)
    assert isinstance(t.lookup("\\sqrt{2}", True), Formula) and not t.busy


def test_inline_formula_baseline_alignment() -> None:
    t = Typesetter("#000000", text_descent=4.0)
    flat, deep = t.typeset("x^2", False), t.typeset("\\frac{a}{b}", False)
    assert isinstance(flat, Formula) and flat.align == "baseline"
    assert isinstance(deep, Formula) and deep.align == "middle"


def test_finished_prefix_waits_for_a_bracket_display_to_close() -> None:
    text = "Para.\n\n\\[\n\\begin{aligned}\na &= 1\n\n"
    assert finished_prefix(text) == len("Para.\n\n")
    text += "\\end{aligned}\n\\]\n\nNext"
    assert finished_prefix(text) == len(text) - len("Next")


def test_a_finished_block_shows_source_until_typeset_then_renders_again() -> None:
    renderer = MarkdownRenderer(LIGHT, math_px=15.5)  # a fresh size: nothing cached
    inc = IncrementalMarkdown(renderer)
    text = "Since $a^2 + b^2 = c^2$ holds,\n\nwe conclude."
    finished, tail = inc.append(text)
    assert "a^2 + b^2 = c^2" in finished and titles(finished) == []  # source for now, never held back
    assert inc.provisional is not None and "we conclude." in tail
    renderer.typesetter.wait(30)
    again = inc.rerender(inc.provisional)
    assert again.pending == 0 and titles(again.html) == ["a^2 + b^2 = c^2"]
    assert again.html + tail == renderer.render(text).html
