r"""Hostile TeX and Markdown: the time each case costs, here and (``--checkout DIR``) in another
checkout, e.g. an unpacked ``git archive main``; and the longest GUI-thread slice while a large
formula is drawn.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.bench_math_hostile [--checkout DIR] [--cap 60]

Each case runs in a fresh process (capped at ``--cap`` seconds: the old typesetter ran for hours
on some): "typeset" is ``Typesetter.typeset`` for one formula (the helper process started
beforehand), "render" the Markdown step for a whole answer (formulas not waited for), "feed" a
stored answer shown 1,000 characters at a time (as the answer view does), "exit" the time from
a formula's start to the process's end when it exits at once (before: it waited for the
typesetting thread). Printed: seconds (or "> cap"), and what came back.
Then the budget's values, and the large-formula drawing: at once (as before) against the
longest slice of the drawing in pieces.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[2]

CASES: dict[str, tuple[str, str]] = {
    # name: (mode, Python expression for the input)
    "\\left( 100 deep": ("typeset", r"'\\left(' * 100 + 'x' + '\\right)' * 100"),
    "\\left( 24 deep": ("typeset", r"'\\left(' * 24 + 'x' + '\\right)' * 24"),
    "\\left( 8 deep": ("typeset", r"'\\left(' * 8 + 'x' + '\\right)' * 8"),
    "20 KB \\boxed{}": ("typeset", r"'\\boxed{' + 'x+' * 10_000 + '1}'"),
    "1 MB formula": ("typeset", r"'x+' * 500_000"),
    "5,000-term sum": ("typeset", r"' + '.join(f'a_{{{i}}}' for i in range(5000))"),
    "400-term flat formula": ("typeset", r"'x+' * 400 + '1'"),
    "MATH-500 formula": ("typeset", r"'x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}'"),
    "20,000 lines of \\[": ("render", r"'\\[x\n' * 20_000"),
    "1 MB $$…$$": ("render", r"'$$' + 'x+' * 500_000 + '$$'"),
    "1 MB \\[…\\]": ("render", r"'\\[' + 'x+' * 500_000 + '\\]'"),
    "'$' × 100,000": ("render", r"'$' * 100_000"),
    "20,000 lines of \\[ (fed)": ("feed", r"'\\[x\n' * 20_000"),
    "1 MB $$…$$ (fed)": ("feed", r"'$$' + 'x+' * 500_000 + '$$'"),
    "1 MB \\[…\\] (fed)": ("feed", r"'\\[' + 'x+' * 500_000 + '\\]'"),
    "\\left( 24 deep (exit)": ("exit", r"'\\left(' * 24 + 'x' + '\\right)' * 24"),
    "'$' × 100,000 (exit)": ("exit", r"'$' * 100_000"),
}

_CHILD = textwrap.dedent(
    """
    import sys, time
    from app.ui.render.markdown import MarkdownRenderer
    from app.ui.render.incremental import IncrementalMarkdown
    mode, text = sys.argv[1], eval(sys.argv[2])
    r = MarkdownRenderer()
    if mode == "typeset":
        r.typesetter.typeset("x", True)  # the helper (or ziamath) ready first
    t0 = time.perf_counter()
    if mode == "typeset":
        got = r.typesetter.typeset(text, True)
        svg = getattr(got, "svg", None)
        what = f"image, {len(svg) / 1e6:.2f} MB of SVG" if svg else getattr(got, "reason", "not typeset")
    elif mode == "render":
        what = f"{len(r.render(text, wait=False).html) / 1e6:.2f} MB of HTML"
    elif mode == "feed":
        inc = IncrementalMarkdown(r)
        for i in range(0, len(text), 1000):
            inc.append(text[i : i + 1000], render_tail=i + 1000 >= len(text))
        what = "shown"
    else:  # exit: start typesetting the answer's formulas, then leave at once
        r.render("$$" + text + "$$" if not text.startswith("$") else text, wait=False)
        try:
            from app.ui.render import typeset_worker
            typeset_worker.shutdown()
        except ImportError:
            pass
        what = "exited"
    print(f"{time.perf_counter() - t0:.3f} {what}", flush=True)
    """
)


def run_case(checkout: Path, mode: str, expr: str, cap: float) -> str:
    env = dict(os.environ, PYTHONPATH=str(checkout))
    t0 = time.perf_counter()
    try:
        r = subprocess.run(
            [sys.executable, "-c", _CHILD, mode, expr],
            capture_output=True,
            text=True,
            env=env,
            timeout=cap,
            cwd=checkout,  # "-c" puts the working directory first on the path
        )
    except subprocess.TimeoutExpired:
        return f"> {cap:.0f} s"
    if r.returncode != 0:
        return "failed: " + (r.stderr.strip().splitlines() or ["?"])[-1][:60]
    took, what = r.stdout.split(" ", 1)
    if mode == "exit":  # from the formula's start to the process's end
        return f"{time.perf_counter() - t0:.2f} s to exit"
    return f"{float(took):.2f} s ({what.strip()})"


def drawing() -> None:
    """A tall aligned derivation (as R1 writes, longer): drawn at once against in pieces."""
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QApplication

    from app.ui.chat import math_images
    from app.ui.render.math import Formula, Typesetter

    app = QApplication.instance() or QApplication([])
    rows = " \\\\ ".join(f"x_{{{i}}} &= \\frac{{{i}a + b}}{{c - {i}}} + \\sqrt{{{i}}}" for i in range(40))
    f = Typesetter("#000000").typeset(f"\\begin{{aligned}} {rows} \\end{{aligned}}", True)
    if not isinstance(f, Formula):
        print(f"  the large formula was not typeset: {f}")
        return
    t0 = time.perf_counter()
    math_images.image_of(f, 1.0)
    whole = time.perf_counter() - t0
    math_images._IMAGES.clear()
    slices: list[float] = []
    painter = math_images._the_painter()
    work = painter._work

    def timed() -> None:
        t = time.perf_counter()
        work()
        slices.append(time.perf_counter() - t)

    painter._work = timed  # type: ignore[method-assign]
    painter._timer.timeout.disconnect()
    painter._timer.timeout.connect(timed)
    math_images.register(QTextDocument(), [f], 1.0, {})
    while math_images.drawing():
        app.processEvents()
    print(f"  a 40-row aligned derivation ({len(f.svg) / 1e6:.2f} MB of SVG, {f.width:.0f}×{f.height:.0f} px):")
    print(f"    drawn at once (before): {whole * 1000:.0f} ms of GUI thread in one call")
    print(f"    drawn in pieces: {len(slices)} slices, the longest {max(slices) * 1000:.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--checkout", type=Path, help="another checkout to compare (e.g. git archive main)")
    ap.add_argument("--cap", type=float, default=60.0, help="seconds before a case is given up")
    args = ap.parse_args()
    from app.ui.render import tex_budget as b

    print(
        f"budget: at most {b.MAX_CHARS:,} characters and {b.MAX_DEPTH} levels of nesting before typesetting;"
        f" {b.BUDGET_S:g} s per formula in the helper process;\n        an image of at most"
        f" {b.MAX_SVG_BYTES / 1e6:g} MB of SVG, {b.MAX_WIDTH_PX:,} px wide and {b.MAX_AREA_PX / 1e6:g} M px"
    )
    checkouts = [("this checkout", ROOT)] + ([("--checkout", args.checkout)] if args.checkout else [])
    print(f"{'case':28s}" + "".join(f"{name:>40s}" for name, _ in checkouts))
    for case, (mode, expr) in CASES.items():
        cells = [run_case(path, mode, expr, args.cap) for _, path in checkouts]
        print(f"{case:28s}" + "".join(f"{c:>40s}" for c in cells), flush=True)
    drawing()


if __name__ == "__main__":
    main()
