"""Answers as HTML: safe, highlighted, boxed answers marked, and rendered incrementally."""

from __future__ import annotations

from app.ui.render.incremental import IncrementalMarkdown, finished_prefix
from app.ui.render.markdown import DARK, MarkdownRenderer


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

    def spy(text: str, code_offset: int = 0, **kw: object):
        calls.append(text)
        return real(text, code_offset, **kw)  # type: ignore[arg-type]

    renderer.render = spy  # type: ignore[method-assign]
    inc = IncrementalMarkdown(renderer)
    answer = "First paragraph.\n\n```python\nprint('hi')\n```\n\nSecond paragraph, growing"
    tails: list[str] = []
    blocks: list[str] = []
    for ch in answer:  # one character per delta: the worst case for tags split across deltas
        block, tail = inc.append(ch)
        blocks.append(block)
        tails.append(tail or "")
    finished = [c for c in calls if c.endswith("\n\n")]
    assert finished == ["First paragraph.\n\n", "```python\nprint('hi')\n```\n\n"]
    assert "Second paragraph, growing" in tails[-1]
    assert inc.code_block(0) == "print('hi')\n"
    whole = "".join(blocks) + tails[-1]
    assert whole == real(answer).html


def test_images_from_model_output_are_inert_text_or_a_web_link() -> None:
    r = MarkdownRenderer()
    local = r.render("![zero](/dev/zero) ![fifo](./pipe) ![r][ref]\n\n[ref]: /etc/passwd").html
    assert "<img" not in local and "[image: zero]" in local and "[image: fifo]" in local and "/dev/zero" not in local
    web = r.render("![a chart](https://example.org/c.png)").html
    assert "<img" not in web and '<a href="https://example.org/c.png">[image: a chart]</a>' in web


def test_the_answer_view_never_loads_a_resource(qtbot, tmp_path) -> None:
    import os
    import threading

    from app.ui.chat.answer_view import AnswerView

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    opened, had_to_unblock = threading.Event(), threading.Event()

    def unblock() -> None:  # a reader blocked on the FIFO would hang the test: free it after a while
        if not opened.wait(5):
            had_to_unblock.set()
            with open(fifo, "wb"):
                pass

    t = threading.Thread(target=unblock, daemon=True)
    t.start()
    view = AnswerView(MarkdownRenderer())
    qtbot.addWidget(view)
    view.show()
    # Even HTML that reaches the view with an <img> (it never should) reads nothing.
    view.textCursor().insertHtml(f'<img src="{fifo}"><img src="/dev/zero"><img src="file:///etc/passwd">')
    view.repaint()
    opened.set()
    assert not had_to_unblock.is_set(), "the view opened the FIFO"
    assert view.loadResource(2, str(fifo)).size() == 0  # type: ignore[attr-defined]


def test_a_long_block_is_cut_while_streaming_and_reads_the_same() -> None:
    from app.ui.render.stream_split import SOFT_LIMIT

    renderer = MarkdownRenderer()
    rendered: list[int] = []
    real = renderer.render

    def spy(text: str, code_offset: int = 0, **kw: object):
        rendered.append(len(text))
        return real(text, code_offset, **kw)  # type: ignore[arg-type]

    renderer.render = spy  # type: ignore[method-assign]
    code = "".join(f"value_{i} = compute({i})\n" for i in range(2000))
    rows = "".join(f"| {i} | item {i} |\n" for i in range(1500))
    answer = f"Intro.\n\n```python\n{code}```\n\n| n | name |\n|---|---|\n{rows}\nEnd."
    inc = IncrementalMarkdown(renderer)
    blocks, tail = [], ""
    for i in range(0, len(answer), 500):
        block, tail = inc.append(answer[i : i + 500])
        blocks.append(block)
    assert max(rendered) < SOFT_LIMIT + 600, "no render of more than a piece, however long the block"
    html = "".join(blocks) + tail
    assert html.count("copy:0") == 1 and "copy:1" not in html  # one code block, one Copy link
    assert inc.code_block(0) == code, "Copy copies the whole block, across its pieces"
    assert html.count("<thead>") == 1  # the table's header is drawn once
    assert html.count("value_1999") == 1 and html.count("item 1499") == 1


def test_code_blocks_offer_save_as_with_the_path_mentioned_before_them() -> None:
    inc = IncrementalMarkdown(MarkdownRenderer())
    answer = (
        "Here is the fixed `util/helpers.py`:\n\n```python\ndef greet(): ...\n```\n\nAnd a script:\n```\necho hi\n```\n"
    )
    html = "".join(inc.append(answer))
    assert 'href="save:0"' in html and 'href="insert:1"' in html and 'href="copy:1"' in html
    first, second = inc.block(0), inc.block(1)
    assert first is not None and (first.name, first.language) == ("util/helpers.py", "python")
    assert second is not None and second.name.startswith("code.")


def test_a_fence_whose_opener_is_longer_than_a_cut_never_hangs_the_stream() -> None:
    """A hard cut inside a code block reopens its fence line: when that line was longer than the
    cut, the tail never got shorter and the window froze (found by a second reader)."""
    import faulthandler

    answers = [
        "```" + "[" * 200 + "\nx = 1\n" + "y = 2\n" * 10,  # brackets in the opener
        "```" + "a" * 3100 + "\nmore\n",  # an opener longer than a hard cut
        "```py\n" + "x = 1\n" * 20 + "```\n" + "word " * 800,  # a closed block, then a long line
    ]
    faulthandler.dump_traceback_later(30, exit=True)  # a regression hangs: end it with a traceback
    try:
        for answer in answers:
            inc = IncrementalMarkdown(MarkdownRenderer())
            shown = ""
            for i in range(0, len(answer), 700):
                block, tail = inc.append(answer[i : i + 700])
                shown = shown + block
            assert len(inc._tail) <= len(answer)
            if answer.startswith("```py"):
                assert (shown + (tail or "")).count("<pre") == 1, "the prose after the block is not code"
    finally:
        faulthandler.cancel_dump_traceback_later()
