"""What the window says about checks, in the window's language: the result beside the paper's
figure ("MATH-500-50 pass@1 88 % ± 5 (k = 4) · paper 92.8 % (full model)"), the time estimate
with its assumption, and the lines the picker's card shows for a model file and its other
quantizations. Plain functions over the core's figures; no widgets."""

from __future__ import annotations

from pathlib import Path

from app.core.checks.estimate import Estimate
from app.core.checks.scores import Summary, headline
from app.core.checks.setup import CheckSetup
from app.core.checks.store import ResultFile, stored_results
from app.core.checks.suites import suite_label
from app.core.errors import CatalogError
from app.core.models.catalog import CatalogModel, load_catalog
from app.ui.text.i18n import number, translate


def percent(x: float) -> str:
    return translate("Check", "{n} %").format(n=number(100 * x))


def duration(seconds: float) -> str:
    s = round(seconds)
    if s >= 3600:
        return translate("Check", "{h} h {m} min").format(h=s // 3600, m=f"{s % 3600 // 60:02d}")
    if s >= 60:
        return translate("Check", "{m} min").format(m=round(s / 60))
    return translate("Check", "{s} s").format(s=s)


def paper_figure(catalog_id: str) -> float | None:
    """The paper's MATH-500 pass@1 for the distill, from the catalog."""
    m = catalog_model(catalog_id)
    return m.benchmarks.get("math500") if m is not None else None


def catalog_model(catalog_id: str) -> CatalogModel | None:
    if not catalog_id:
        return None
    try:
        return next((m for m in load_catalog() if m.id == catalog_id), None)
    except CatalogError:
        return None


def result_line(summary: Summary, suite: str, paper: float | None) -> str:
    """The result as the card, the details and the check window show it."""
    if summary.pass_at_1 is None:
        return translate("Check", "{suite}: no sample finished yet.").format(suite=suite_label(suite))
    line = translate("Check", "{suite} pass@1 {pass1}").format(
        suite=suite_label(suite), pass1=percent(summary.pass_at_1)
    )
    if summary.half_width is not None:
        line += " ± " + number(100 * summary.half_width)
    if summary.started < summary.problems:
        line += " " + translate("Check", "(k = {k}, {n} of {total} problems)").format(
            k=summary.k, n=summary.started, total=summary.problems
        )
    else:
        line += " " + translate("Check", "(k = {k})").format(k=summary.k)
    if paper is not None:
        line += " · " + translate("Check", "paper {figure} % (full model)").format(figure=number(paper, 1))
    return line


def estimate_text(setup: CheckSetup) -> str:
    """The time estimate and what it rests on, said plainly."""
    est: Estimate | None = setup.estimate
    if setup.complete:
        return translate("Check", "This check is complete for this model and load.")
    if est is None:
        return translate("Check", "The speed could not be measured, so there is no estimate.")
    text = translate("Check", "About {time} on this machine: {samples} answers at {speed} tokens/s").format(
        time=duration(est.seconds), samples=number(est.samples), speed=number(est.tokens_per_s, 1)
    )
    if est.measured_speed:
        text += " " + translate("Check", "(measured on this model's answers so far)")
    else:
        text += " " + translate("Check", "(measured just now on a short answer)")
    if est.measured_lengths:
        text += ", " + translate("Check", "with this model's own answer lengths so far.")
    else:
        text += ", " + translate(
            "Check",
            "assuming about {tokens} tokens per answer: roughly what R1 distills write on MATH-500, not measured "
            "here. Long answers run a little slower than the measurement, so take it as the least it will take.",
        ).format(tokens=number(setup.assumed_tokens))
    if setup.stored:
        text += " " + translate("Check", "{n} of {total} answers are already stored from an earlier run.").format(
            n=number(setup.stored), total=number(setup.total)
        )
    return text


def _line_for(rf: ResultFile) -> str | None:
    found = headline(rf.samples)
    if found is None:
        return None
    suite, summary = found
    return result_line(summary, suite, paper_figure(rf.identity.catalog_id))


def check_lines(path: Path | str | None, catalog_id: str = "", *, own: bool = True) -> list[str]:
    """The card's lines: this file's stored checks (unless ``own`` is False), then the other
    quantizations of the same distill ("Q8_0: MATH-500-50 pass@1 …"). Empty when nothing was checked."""
    where = str(Path(path).resolve()) if path else ""
    lines = [(rf.identity, line) for rf in stored_results() if (line := _line_for(rf)) is not None]
    mine = [line for ident, line in lines if where and str(Path(ident.path).resolve()) == where]
    catalog_id = catalog_id or next(
        (i.catalog_id for i, _ in lines if where and str(Path(i.path).resolve()) == where and i.catalog_id), ""
    )
    others = sorted(
        translate("Check", "{quant}: {result}").format(quant=ident.quant or "?", result=line)
        for ident, line in lines
        if catalog_id and ident.catalog_id == catalog_id and not (where and str(Path(ident.path).resolve()) == where)
    )
    return (mine if own else []) + others
