"""The two pure-Python math typesetters on 30 MATH-500-style formulas: size installed, speed, coverage.

    .venv/bin/python -m tests.benchmarks.bench_math
    # matplotlib is not a dependency; to measure it too, run the script in a venv that has it:
    python3 -m venv /tmp/mpl && /tmp/mpl/bin/pip install matplotlib ziamath && /tmp/mpl/bin/python -m tests.benchmarks.bench_math

Speed is the median of 3 runs per formula after a first (cold) run; the figure printed is the
median over the formulas that typeset. Size is what each package and its dependencies install
(bytes of the files pip recorded), not counting what both need (nothing here).
"""

from __future__ import annotations

import importlib.metadata as md
import io
import statistics
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from tests.support.math_formulas import FORMULAS

DEPENDENCIES = {
    "ziamath": ["ziamath", "ziafont", "latex2mathml"],
    "matplotlib": ["matplotlib", "numpy", "pillow", "fonttools", "contourpy", "kiwisolver", "cycler", "pyparsing"],
}


def installed_mb(names: list[str]) -> float | None:
    total = 0
    for name in names:
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            return None
        for f in dist.files or []:
            path = Path(str(dist.locate_file(f)))
            total += path.stat().st_size if path.is_file() else 0
    return total / 1e6


def ziamath_typeset() -> Callable[[str], object]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import ziafont
        import ziamath

    ziafont.config.svg2 = False
    return lambda tex: ziamath.Latex(tex, size=17).svg()


def mathtext_typeset() -> Callable[[str], object]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.mathtext import math_to_image

    def run(tex: str) -> object:
        buf = io.BytesIO()
        math_to_image(f"${tex}$", buf, dpi=100, format="svg")
        return buf.getvalue()

    return run


def measure(name: str, make: Callable[[], Callable[[str], object]]) -> None:
    size = installed_mb(DEPENDENCIES[name])
    if size is None:
        print(f"{name:10s} not installed here")
        return
    t0 = time.perf_counter()
    typeset = make()
    imported = time.perf_counter() - t0
    times: list[float] = []
    failed: list[str] = []
    for tex in FORMULAS:
        try:
            typeset(tex)
        except Exception:
            failed.append(tex)
            continue
        runs = []
        for _ in range(3):
            t = time.perf_counter()
            typeset(tex)
            runs.append(time.perf_counter() - t)
        times.append(statistics.median(runs))
    med = statistics.median(times) * 1000 if times else float("nan")
    worst = max(times) * 1000 if times else float("nan")
    print(
        f"{name:10s} {size:7.1f} MB installed   import {imported:5.2f} s   typeset {len(times):2d}/{len(FORMULAS)}   "
        f"median {med:5.1f} ms   slowest {worst:5.1f} ms"
    )
    for tex in failed:
        print(f"{'':10s} cannot typeset: {tex}")


def main() -> None:
    measure("ziamath", ziamath_typeset)
    measure("matplotlib", mathtext_typeset)


if __name__ == "__main__":
    main()
