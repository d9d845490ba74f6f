"""The diff view's HTML (pure, no Qt): line numbers, the lines a diff adds and removes on their
backgrounds, each line highlighted from the whole file (a docstring's line stays a string), and
removed lines beside the added ones in the side-by-side view."""

from __future__ import annotations

from app.core.code.diffs import unified
from app.ui.render.diff_html import rows_of, side_by_side_html, unified_html
from app.ui.render.markdown import DARK, LIGHT
from app.ui.style.palette import PALETTES

OLD = 'def f():\n    """A docstring\n    on two lines."""\n    return 1\n'
NEW = 'def f():\n    """A docstring\n    on two lines."""\n    return 2\n'


def test_rows_carry_the_old_and_new_line_numbers() -> None:
    rows = rows_of(unified(OLD, NEW, "f.py"))
    assert [(r.kind, r.old, r.new) for r in rows] == [
        ("hunk", None, None),
        ("context", 1, 1),
        ("context", 2, 2),
        ("context", 3, 3),
        ("del", 4, None),
        ("add", None, 4),
    ]


def test_lines_are_highlighted_from_the_whole_file_on_the_diff_colours() -> None:
    page = unified_html(unified(OLD, NEW, "f.py"), OLD, NEW, "python", LIGHT)
    string = "#C41A16"  # xcode's colour for strings
    assert f'<span style="color:{string}">    on two lines.&quot;&quot;&quot;</span>' in page
    assert PALETTES["light"]["diff_add"] in page and PALETTES["light"]["diff_del"] in page
    dark = unified_html(unified(OLD, NEW, "f.py"), OLD, NEW, "python", DARK)
    assert PALETTES["dark"]["diff_add"] in dark and PALETTES["light"]["diff_add"] not in dark


def test_side_by_side_puts_the_removed_line_beside_the_added_one() -> None:
    page = side_by_side_html(unified(OLD, NEW, "f.py"), OLD, NEW, "python", LIGHT)
    row = next(r for r in page.split("<tr>") if ">1</span>" in r and ">2</span>" in r)
    assert row.index(">1</span>") < row.index(">2</span>")


def test_without_the_texts_the_diffs_own_lines_are_shown() -> None:
    page = unified_html(unified("a = 1\n", "a = 2\n", "a.py"), None, None, "python", LIGHT)
    assert "a = 1" in page and "a = 2" in page
