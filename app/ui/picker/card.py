"""What the picker's card says about a catalog file, and a running download's progress line."""

from __future__ import annotations

from html import escape

from app.core.models.catalog import Variant
from app.core.models.file_fit import FileFit
from app.core.models.fit import Fit
from app.core.models.hardware import Hardware
from app.ui.text.core_text import say
from app.ui.text.data_text import catalog_text
from app.ui.text.i18n import QT_TRANSLATE_NOOP, gb, number, params, translate
from app.ui.workers.downloads import DownloadState

BENCH_NAMES = {
    "aime24": "AIME 2024",
    "math500": "MATH-500",
    "livecodebench": "LiveCodeBench",
    "gpqa_diamond": "GPQA Diamond",
}


def _field(name: str, value: str) -> str:
    return f"<b>{name}</b> {value}"


def catalog_card(v: Variant) -> tuple[str, str]:
    """The card's title and text: what the model is good for, its facts and benchmarks."""
    m = v.model
    bench = " · ".join(
        f"{BENCH_NAMES[k]} {number(val, _decimals(val))}" for k, val in m.benchmarks.items() if k in BENCH_NAMES
    )
    note = f"<br><i>{catalog_text(m.benchmarks_note)}</i>" if m.benchmarks_note else ""
    source = m.repos[0].id
    if v.parts > 1:
        source += " " + translate("Picker", "({n} parts)").format(n=v.parts)
    facts = " · ".join(
        (
            _field(translate("Picker", "Base model"), m.base_model),
            _field(translate("Picker", "Parameters"), params(m.params)),
            _field(translate("Picker", "Licence"), catalog_text(m.licence)),
        )
    )
    benchmarks = _field(translate("Picker", "Benchmarks"), bench)
    return f"{m.name} · {v.quant}", (
        f"{catalog_text(m.good_for)}<br><br>{facts}<br>{benchmarks}{note}<br>"
        + _field(translate("Picker", "From"), source)
    )


def check_html(path: object, catalog_id: str = "") -> str:
    """The card's "Checked here" lines: this file's MATH-500 checks beside the paper's figure,
    then the other quantizations of the same distill already checked ("" when none)."""
    from app.ui.check.text import check_lines

    lines = check_lines(str(path) if path else None, catalog_id)
    if not lines:
        return ""
    return "<br><br>" + _field(translate("Picker", "Checked here"), "<br>".join(escape(line) for line in lines))


def _decimals(value: float) -> int:
    """As many decimals as the figure has (53.1 -> 1, 72.6 -> 1, 50 -> 0)."""
    text = f"{value:g}"
    return len(text.partition(".")[2])


def fit_line(fit: Fit) -> str:
    label = say(fit.label)
    line = translate("Picker", "{verdict}: {detail}.").format(
        verdict=label[:1].upper() + label[1:], detail=say(fit.detail)
    )
    if fit.tokens_per_s:
        line += " " + translate("Picker", "About {speed} tokens/s (estimate).").format(speed=number(fit.tokens_per_s))
    return line


FLASH_TEXT = {
    "auto": QT_TRANSLATE_NOOP("Picker", "automatic"),
    "on": QT_TRANSLATE_NOOP("Picker", "on"),
    "off": QT_TRANSLATE_NOOP("Picker", "off"),
}


def load_line(ff: FileFit) -> str:
    """How the estimate loads the file, and, after a load, the estimate beside llama.cpp's allocation."""
    line = translate("Picker", "Estimated for {n} tokens of context, KV cache {kv}, flash attention {flash}.").format(
        n=number(ff.n_ctx), kv=ff.config.kv_text, flash=translate("Picker", FLASH_TEXT[ff.config.flash_attn])
    )
    if ff.own:
        line += " " + translate("Picker", "These are this file's own load settings (Settings ▸ Inference resets them).")
    r = ff.remembered
    if r is not None and r.used:
        line += " " + memory_used_text(r.estimate, r.used)
    return line


def memory_used_text(estimate: int, used: int) -> str:
    """ "Last load: estimated 5.9 GB, used 5.7 GB" (llama.cpp's own allocation)."""
    return translate("Picker", "Last load: estimated {estimate}, used {used}.").format(
        estimate=gb(estimate), used=gb(used)
    )


def memory_marks(hw: Hardware) -> list[tuple[str, int]]:
    """The memory bar's marks for the GPUs: each one's free memory, and their sum when several pool."""
    pool = hw.usable_gpu
    if pool is None or pool.unified:
        return []
    own = [g for g in hw.gpus if not g.unified]
    marks = [(g.device or g.name, g.free_bytes) for g in own]
    if pool.count > 1:
        marks.append((translate("Picker", "all GPUs"), pool.free_bytes))
    return marks


def progress_text(st: DownloadState) -> str:
    text = translate("Picker", "{done} of {total} · {speed} MB/s").format(
        done=gb(st.done, 2), total=gb(st.total, 2), speed=number(st.speed_bps / 1e6, 1)
    )
    if st.eta_s and st.eta_s > 90:
        text += ", " + translate("Picker", "{minutes} min left").format(minutes=number(st.eta_s / 60))
    elif st.eta_s:
        text += ", " + translate("Picker", "{seconds} s left").format(seconds=number(st.eta_s))
    return text
