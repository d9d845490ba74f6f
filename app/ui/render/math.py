r"""TeX formulas typeset as SVG images for the answer view, in pure Python (ziamath).

Why ziamath (measured with ``tests/benchmarks/bench_math.py`` on 30 MATH-500-style formulas,
three runs on a shared 2-core machine): it installs 3.7 MB (with ziafont and latex2mathml)
against 167 MB for matplotlib and its dependencies; it typeset all 30, matplotlib's mathtext 21
(no ``aligned``, ``cases``, ``pmatrix``/``bmatrix``, ``\boxed``, ``\dfrac``, ``\pmod`` or
``\left(``), and its median per formula was 11–16 ms against 24–38 ms for mathtext on the
easier 21.

A formula costs 3–40 ms, and a hostile one minutes, so nothing here typesets on the caller's
thread: a formula over the length or nesting budget is refused at once (``tex_budget.py``), the
rest go to a helper process with a time budget (``typeset_worker.py``). :meth:`Typesetter.lookup`
never waits: a formula not yet typeset is reported as :data:`PENDING` (the caller shows its
source meanwhile and asks again later); :meth:`Typesetter.typeset` waits, for whole answers
rendered at once. Results, refusals included, are cached. A formula that is not typeset comes
back as a :class:`~app.ui.render.tex_budget.Refused` that says why, and is shown as source.
"""

from __future__ import annotations

import hashlib
import re
import threading
import warnings
from collections import OrderedDict
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, Final

from app.ui.render import typeset_worker
from app.ui.render.tex_budget import (
    CLOSED,
    LARGE,
    MAX_SVG_BYTES,
    SLOW,
    UNKNOWN,
    UNSUPPORTED,
    Refused,
    oversized,
    precheck,
)

CACHE_SIZE = 1024
CACHE_BYTES = 64_000_000  # the SVGs the cache keeps, at most
_VIEWBOX = re.compile(r'<svg([^>]*?) width="([\d.]+)" height="([\d.]+)" viewBox="([-\d. ]+)"')
_UNKNOWN_COMMAND = re.compile(r">(\\[A-Za-z]+)<")  # latex2mathml keeps an unknown \command as text


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
        self._cache: OrderedDict[tuple[str, bool], Formula | Refused] = OrderedDict()
        self._cache_bytes = 0
        self._jobs: dict[tuple[str, bool], Future[Formula | Refused]] = {}
        self._lock = threading.Lock()  # the cache and the job table

    # ---- asking for formulas -----------------------------------------------------------------

    def lookup(self, tex: str, display: bool) -> Formula | Refused | _Pending:
        """The formula if it is ready (a Refused: it is not typeset, and why), else PENDING; never waits."""
        job = self._job((tex, display))
        return job.result() if job.done() else PENDING

    def typeset(self, tex: str, display: bool) -> Formula | Refused:
        """The formula, typeset now if need be (waits for the helper, at most its budget)."""
        return self._job((tex, display)).result()

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
        """Start the helper process now (≈0.5 s), not on the first formula of an answer."""
        self.lookup(r"\frac{1}{2}", False)

    # ---- work ---------------------------------------------------------------------------------

    def _job(self, key: tuple[str, bool]) -> Future[Formula | Refused]:
        """The formula's job: done at once for one over the budget or cached, else the helper's."""
        tex, display = key
        done: Future[Formula | Refused] = Future()
        refused = precheck(tex)  # cheap, and not cached: a refused formula may be a megabyte long
        if refused is not None:
            done.set_result(refused)
            return done
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                done.set_result(self._cache[key])
                return done
            job = self._jobs.get(key)
            if job is not None:
                return job
            job = self._jobs[key] = Future()
        reply = typeset_worker.worker().submit(tex, self.size * (1.1 if display else 1.0), self.colour, not display)
        reply.add_done_callback(lambda r: self._finish(key, job, self._formula(tex, display, r.result())))
        return job

    def _finish(self, key: tuple[str, bool], job: Future[Formula | Refused], result: Formula | Refused) -> None:
        with self._lock:
            if not (isinstance(result, Refused) and result.reason == CLOSED):  # quitting: nothing to keep
                self._cache[key] = result
                self._cache.move_to_end(key)
                self._cache_bytes += len(result.svg) if isinstance(result, Formula) else 0
                while len(self._cache) > CACHE_SIZE or (self._cache_bytes > CACHE_BYTES and len(self._cache) > 1):
                    _, old = self._cache.popitem(last=False)
                    self._cache_bytes -= len(old.svg) if isinstance(old, Formula) else 0
            self._jobs.pop(key, None)
        job.set_result(result)

    def _formula(self, tex: str, display: bool, reply: typeset_worker.Reply) -> Formula | Refused:
        kind, value = reply
        if kind == "slow":
            return Refused(tex, SLOW, limit=round(value))
        if kind == "unknown":
            return Refused(tex, UNKNOWN, detail=str(value))
        if kind == "large":
            return Refused(tex, LARGE)
        if kind != "ok":
            return Refused(tex, CLOSED if kind == "closed" else UNSUPPORTED, detail=str(value))
        svg = str(value)
        try:
            if display:
                align = ""
                w, h = _size_of(svg)
            else:
                svg, w, h, align = _align_baseline(svg, self.text_descent)
        except ValueError:
            return Refused(tex, UNSUPPORTED)
        too_big = oversized(tex, len(svg), w, h)
        if too_big is not None:
            return too_big
        digest = hashlib.sha1(f"{tex}\0{display}\0{self.colour}\0{self.size}".encode()).hexdigest()[:16]
        return Formula(tex, display, f"math:{digest}", svg.encode("utf-8"), w, h, align)


_zm: Any = None


def svg_reply(tex: str, size: float, colour: str, inline: bool) -> typeset_worker.Reply:
    """ziamath's SVG for ``tex`` as the helper process answers it (``typeset_worker.py``):
    ("ok", svg), ("unknown", the command it does not know), ("large", its size) or ("error", why)."""
    global _zm
    try:
        if _zm is None:
            with warnings.catch_warnings():  # it loads its font at import with a deprecated importlib API
                warnings.simplefilter("ignore", DeprecationWarning)
                import ziafont
                import ziamath

            ziafont.config.svg2 = False  # plain paths: Qt's SVG renderer (SVG Tiny) has no <symbol>
            _zm = ziamath
        latex = _zm.Latex(tex, size=size, color=colour, inline=inline)
        unknown = _UNKNOWN_COMMAND.search(latex.mathmlstr())
        if unknown:
            return ("unknown", unknown.group(1))
        svg = str(latex.svg())
    except MemoryError:
        return ("error", "out of memory")
    except Exception as e:  # any parse or layout failure: the formula is shown as its source
        return ("error", type(e).__name__)
    if len(svg) > MAX_SVG_BYTES:
        return ("large", len(svg))  # refused on the app's side; never sent whole
    return ("ok", svg)


_TAG = re.compile(rb"<(/?)([A-Za-z]+)[^>]*?(/?)>")


def svg_pieces(svg: bytes, size: int) -> list[bytes]:
    """``svg`` as several SVGs of about ``size`` bytes, each with the same header and a run of the
    top-level elements: drawn one over another into the same rectangle they make the whole image
    (a large formula is drawn a piece per turn of the event loop, see ``chat/math_images.py``)."""
    head_end = svg.find(b">") + 1
    close = svg.rfind(b"</svg>")
    if head_end <= 0 or close < head_end:
        return [svg]
    head, body, tail = svg[:head_end], svg[head_end:close], svg[close:]
    pieces: list[bytes] = []
    depth = start = 0
    for m in _TAG.finditer(body):
        if m.group(1):
            depth -= 1
        elif not m.group(3):
            depth += 1
        if depth == 0 and m.end() - start >= size:
            pieces.append(head + body[start : m.end()] + tail)
            start = m.end()
    if start < len(body) or not pieces:
        pieces.append(head + body[start:] + tail)
    return pieces
