"""What the picker's card says about a catalog file, and a running download's progress line."""

from __future__ import annotations

from app.core.models.catalog import Variant
from app.core.models.fit import Fit
from app.ui.workers.downloads import DownloadState

BENCH_NAMES = {
    "aime24": "AIME 2024",
    "math500": "MATH-500",
    "livecodebench": "LiveCodeBench",
    "gpqa_diamond": "GPQA Diamond",
}


def catalog_card(v: Variant) -> tuple[str, str]:
    """The card's title and text: what the model is good for, its facts and benchmarks."""
    m = v.model
    bench = " · ".join(f"{BENCH_NAMES[k]} {val:g}" for k, val in m.benchmarks.items() if k in BENCH_NAMES)
    note = f"<br><i>{m.benchmarks_note}</i>" if m.benchmarks_note else ""
    return f"{m.name} · {v.quant}", (
        f"{m.good_for}<br><br><b>Base model</b> {m.base_model} · <b>Parameters</b> {m.params_label} · "
        f"<b>Licence</b> {m.licence}<br><b>Benchmarks</b> {bench}{note}<br>"
        f"<b>From</b> {m.repos[0].id}" + (f" ({v.parts} parts)" if v.parts > 1 else "")
    )


def fit_line(fit: Fit) -> str:
    speed = f" About {fit.tokens_per_s:.0f} tokens/s (estimate)." if fit.tokens_per_s else ""
    return f"{fit.label[0].upper()}{fit.label[1:]}: {fit.detail}.{speed}"


def progress_text(st: DownloadState) -> str:
    eta = (
        f", {st.eta_s / 60:.0f} min left"
        if st.eta_s and st.eta_s > 90
        else (f", {st.eta_s:.0f} s left" if st.eta_s else "")
    )
    return f"{st.done / 1e9:.2f} of {st.total / 1e9:.2f} GB · {st.speed_bps / 1e6:.1f} MB/s{eta}"
