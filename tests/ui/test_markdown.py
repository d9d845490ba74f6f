"""Answers as HTML: safe, highlighted, boxed answers marked, and rendered incrementally."""

from __future__ import annotations

from app.ui.render.markdown import DARK, IncrementalMarkdown, MarkdownRenderer, finished_prefix


def test_raw_html_is_shown_as_text_never_run() -> None:
    out = MarkdownRenderer().render('Hi <script>alert(1)</script> <img src=x onerror="y">').html
    assert "<script>" not in out and "&lt;script&gt;" in out and "<img" not in out


def test_unsafe_links_are_neutralized() -> None:
    out = MarkdownRenderer().render("[a](javascript:alert(1)) [b](https://example.org) [c](file:///etc/passwd)").html
    assert 'href="https://example.org"' in out
    assert 'href="javascript' not in out and 'href="file' not in out


def test_code_is_highlighted_with_language_and_copy_link() -> None:
    r = MarkdownRenderer().render("Look:\n\n```python\ndef f(x):\n    return x + 1\n```\n")
    assert "python" in r.html and 'href="copy:0"' in r.html
    assert "<span style=" in r.html  # Pygments colours, inline
    assert r.code == ["def f(x):\n    return x + 1\n"]
    dark = MarkdownRenderer(DARK).render("```python\nx = 1\n```\n").html
    assert DARK.code_background in dark


def test_boxed_answer_is_marked_and_math_is_typeset() -> None:
    r = MarkdownRenderer().render("So\n\n$$\\boxed{\\frac{1}{2}}$$\n\nand inline $x^2$ or $\\boxed{7}$.")
    out = r.html
    assert "Final answer" in out and 'title="\\frac{1}{2}"' in out  # the framed box, the source kept
    assert 'title="x^2"' in out and 'title="\\boxed{7}"' in out and "$" not in out
    assert [f.tex for f in r.formulas] == ["\\frac{1}{2}", "x^2", "\\boxed{7}"]
    assert all(f'src="{f.url}"' in out for f in r.formulas)


def test_tables_and_lists() -> None:
    out = MarkdownRenderer().render("| a | b |\n|---|---|\n| 1 | 2 |\n\n1. one\n2. two\n").html
    assert '<table border="1"' in out and "<ol>" in out


def test_finished_prefix_respects_fences_and_math() -> None:
    text = "Para one.\n\n```py\na = 1\n\nb = 2\n"
    assert finished_prefix(text) == len("Para one.\n\n")  # the fence is still open
    text += "```\n\nNext"
    assert finished_prefix(text) == len(text) - len("Next")
    assert finished_prefix("$$\nx\n\ny\n") == 0
    assert finished_prefix("no blank line yet\nstill going") == 0


def test_incremental_renders_each_finished_block_once() -> None:
    renderer = MarkdownRenderer()
    calls: list[str] = []
    real = renderer.render

    def spy(text: str, code_offset: int = 0, wait: bool = True):
        calls.append(text)
        return real(text, code_offset, wait=wait)

    renderer.render = spy  # type: ignore[method-assign]
    inc = IncrementalMarkdown(renderer)
    answer = "First paragraph.\n\n```python\nprint('hi')\n```\n\nSecond paragraph, growing"
    tails, blocks = [], []
    for ch in answer:  # one character per delta: the worst case for tags split across deltas
        block, tail = inc.append(ch)
        blocks.append(block)
        tails.append(tail)
    finished = [c for c in calls if c.endswith("\n\n")]
    assert finished == ["First paragraph.\n\n", "```python\nprint('hi')\n```\n\n"]
    assert "Second paragraph, growing" in tails[-1]
    assert inc.code_block(0) == "print('hi')\n"
    whole = "".join(blocks) + tails[-1]
    assert whole == real(answer).html
