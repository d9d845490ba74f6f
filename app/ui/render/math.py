r"""TeX formulas typeset as SVG images for the answer view, in pure Python (ziamath).

Why ziamath (measured with ``tests/benchmarks/bench_math.py`` on 30 MATH-500-style formulas,
three runs on a shared 2-core machine): it installs 3.7 MB (with ziafont and latex2mathml)
against 167 MB for matplotlib and its dependencies; it typeset all 30, matplotlib's mathtext 21
(no ``aligned``, ``cases``, ``pmatrix``/``bmatrix``, ``\boxed``, ``\dfrac``, ``\pmod`` or
``\left(``), and its median per formula was 11–16 ms against 24–38 ms for mathtext on the
easier 21.

A formula costs 3–40 ms, too much to do on the GUI thread while an answer streams, so
:meth:`Typesetter.lookup` never waits: a formula not yet typeset is queued on one background
thread and reported as :data:`PENDING` (the caller shows its source meanwhile and asks again
later). That thread is pure Python and holds the GIL: while it has work, the interpreter's
switch interval drops from 5 ms to 1 ms so the GUI thread gets the GIL back sooner (in the
chat-view benchmark's math-heavy stream the longest GUI stall went from 71 to 35 ms). :meth:`Typesetter.typeset` waits, for whole answers rendered at once. Results, failures
included, are cached. A formula ziamath cannot typeset (a parse error, or a command it does not
know, which it would otherwise draw as its name) comes back as None and is shown as source.
"""

from __future__ import annotations

import hashlib
import re
import sys
import threading
import warnings
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Final

CACHE_SIZE = 1024
BUSY_SWITCH_INTERVAL_S = 0.001
_VIEWBOX = re.compile(r'<svg([^>]*?) width="([\d.]+)" height="([\d.]+)" viewBox="([-\d. ]+)"')
_UNKNOWN_COMMAND = re.compile(r">\\[A-Za-z]+<")  # latex2mathml keeps an unknown \command as text


class _Pending:
    def __repr__(self) -> str:
        return "PENDING"


PENDING: Final = _Pending()


@dataclass(frozen=True)
class Formula:
    """One typeset formula.

    Attributes:
        tex: its TeX source, as written between the delimiters.
        display: a display formula (its own line) rather than inline.
        url: the name the answer view registers the image under ("math:<hash>").
        svg: the image; an inline one is padded so that its baseline meets the text's.
        width / height: its size in logical pixels.
        align: the CSS vertical-align that puts an inline formula's baseline on the line's.
    """

    tex: str
    display: bool
    url: str
    svg: bytes
    width: float
    height: float
    align: str = ""


def _align_baseline(svg: str, text_descent: float) -> tuple[str, float, float, str]:
    """Pad an inline formula's SVG (baseline at y=0) so Qt puts its baseline on the line's.

    Qt places an inline image either with its bottom at the font's descent below the baseline
    ("baseline") or with its middle on the baseline ("middle"). A formula that reaches no lower
    than the text gets its bottom padded to the font's descent; a deeper one (a fraction) is
    padded above or below until the baseline is its middle. Returns (svg, width, height, align).
    """
    m = _VIEWBOX.search(svg)
    if m is None:
        raise ValueError("unexpected SVG header")
    x, y, w, h = (float(v) for v in m.group(4).split())
    ascent, descent = -y, h + y
    if descent <= text_descent:
        top, height, align = y, ascent + text_descent, "baseline"
    else:
        half = max(ascent, descent)
        top, height, align = -half, 2 * half, "middle"
    head = f'<svg{m.group(1)} width="{w:.3f}" height="{height:.3f}" viewBox="{x:.3f} {top:.3f} {w:.3f} {height:.3f}"'
    return svg[: m.start()] + head + svg[m.end() :], w, height, align


def _size_of(svg: str) -> tuple[float, float]:
    m = _VIEWBOX.search(svg)
    if m is None:
        raise ValueError("unexpected SVG header")
    return float(m.group(2)), float(m.group(3))


class Typesetter:
    """TeX to SVG for one colour and size; thread-safe; cached.

    Attributes:
        colour: the formulas' colour (the theme's text colour).
        size: the font size in pixels.
        text_descent: how far the surrounding text's font reaches below its baseline, in pixels.
    """

    def __init__(self, colour: str, size: float = 17.0, text_descent: float = 4.0) -> None:
        self.colour = colour
        self.size = size
        self.text_descent = text_descent
        self._cache: OrderedDict[tuple[str, bool], Formula | None] = OrderedDict()
        self._jobs: dict[tuple[str, bool], Future[Formula | None]] = {}
        self._lock = threading.Lock()  # the cache and the job table
        self._zm_lock = threading.Lock()  # ziamath keeps global state: one formula at a time
        self._executor: ThreadPoolExecutor | None = None
        self._idle_switch_interval: float | None = None  # the interval to restore when idle

    # ---- asking for formulas -----------------------------------------------------------------

    def lookup(self, tex: str, display: bool) -> Formula | _Pending | None:
        """The formula if it is ready (None: it cannot be typeset), else PENDING; never waits."""
        key = (tex, display)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            if key not in self._jobs:
                if self._executor is None:
                    self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="typeset")
                if not self._jobs and self._idle_switch_interval is None:
                    self._idle_switch_interval = sys.getswitchinterval()
                    sys.setswitchinterval(min(self._idle_switch_interval, BUSY_SWITCH_INTERVAL_S))
                self._jobs[key] = self._executor.submit(self._job, key)
        return PENDING

    def typeset(self, tex: str, display: bool) -> Formula | None:
        """The formula, typeset now if need be (None when it cannot be)."""
        key = (tex, display)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            job = self._jobs.get(key)
        if job is not None:
            return job.result()
        result = self._make(tex, display)
        self._store(key, result)
        return result

    @property
    def busy(self) -> bool:
        """Whether formulas are still being typeset in the background."""
        with self._lock:
            return bool(self._jobs)

    def wait(self, timeout: float | None = None) -> None:
        """Wait for the background formulas (tests and the benchmark use this)."""
        with self._lock:
            jobs = list(self._jobs.values())
        for j in jobs:
            j.result(timeout)

    def warm_up(self) -> None:
        """Import ziamath and load its font now (≈0.3 s), not on the first formula of an answer."""
        self.lookup(r"\frac{1}{2}", False)

    # ---- work ---------------------------------------------------------------------------------

    def _job(self, key: tuple[str, bool]) -> Formula | None:
        result = self._make(*key)
        self._store(key, result)
        return result

    def _store(self, key: tuple[str, bool], result: Formula | None) -> None:
        with self._lock:
            self._cache[key] = result
            self._cache.move_to_end(key)
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
            self._jobs.pop(key, None)
            if not self._jobs and self._idle_switch_interval is not None:
                sys.setswitchinterval(self._idle_switch_interval)
                self._idle_switch_interval = None

    def _make(self, tex: str, display: bool) -> Formula | None:
        try:
            with self._zm_lock:
                svg = _ziamath_svg(tex, self.size * (1.1 if display else 1.0), self.colour, inline=not display)
        except Exception:  # any parse or layout failure: the formula is shown as its source
            return None
        if svg is None:
            return None
        try:
            if display:
                align = ""
                w, h = _size_of(svg)
            else:
                svg, w, h, align = _align_baseline(svg, self.text_descent)
        except ValueError:
            return None
        digest = hashlib.sha1(f"{tex}\0{display}\0{self.colour}\0{self.size}".encode()).hexdigest()[:16]
        return Formula(tex, display, f"math:{digest}", svg.encode("utf-8"), w, h, align)


_zm: Any = None


def _ziamath_svg(tex: str, size: float, colour: str, *, inline: bool) -> str | None:
    """ziamath's SVG for ``tex``, or None when the formula uses a command it does not know."""
    global _zm
    if _zm is None:  # imported on first use: 0.25 s the window's start does not pay
        with warnings.catch_warnings():  # it loads its font at import with a deprecated importlib API
            warnings.simplefilter("ignore", DeprecationWarning)
            import ziafont
            import ziamath

        ziafont.config.svg2 = False  # plain paths: Qt's SVG renderer (SVG Tiny) has no <symbol>
        _zm = ziamath
    latex = _zm.Latex(tex, size=size, color=colour, inline=inline)
    if _UNKNOWN_COMMAND.search(latex.mathmlstr()):
        return None
    return str(latex.svg())
