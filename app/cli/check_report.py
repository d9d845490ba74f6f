"""What ``r1desk check`` prints: the progress line on stderr, the result line beside the paper's
figure, and the JSON document."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, TextIO

from app.core.checks.estimate import estimate
from app.core.checks.identity import ModelIdentity
from app.core.checks.runner import CheckEnded, Plan
from app.core.checks.scores import Summary, summarize
from app.core.checks.store import ResultFile, SampleRecord
from app.core.checks.suites import Problem, suite_label


def duration(seconds: float) -> str:
    """1 h 05 min, 12 min, 40 s."""
    s = round(seconds)
    if s >= 3600:
        return f"{s // 3600} h {s % 3600 // 60:02d} min"
    if s >= 60:
        return f"{round(s / 60)} min"
    return f"{s} s"


def percent(x: float) -> str:
    return f"{100 * x:.0f} %"


def result_line(summary: Summary, suite: str, paper: tuple[str, float] | None) -> str:
    """ "MATH-500-50 pass@1 88 % ± 5 (k = 4) · cons@4 90 % · paper 92.8 % (full model)"."""
    if summary.pass_at_1 is None:
        return f"{suite_label(suite)}: no sample finished yet."
    line = f"{suite_label(suite)} pass@1 {percent(summary.pass_at_1)}"
    if summary.half_width is not None:
        line += f" ± {100 * summary.half_width:.0f}"
    line += f" (k = {summary.k}"
    if summary.started < summary.problems:
        line += f", {summary.started} of {summary.problems} problems"
    line += ")"
    if summary.cons_at_k is not None and summary.k > 1:
        line += f" · cons@{summary.k} {percent(summary.cons_at_k)}"
    if paper is not None:
        line += f" · paper {paper[1]:g} % ({paper[0]}, full model)"
    return line


def paper_figure(catalog_id: str) -> tuple[str, float] | None:
    """The paper's MATH-500 pass@1 for the distill (its name, the figure), from the catalog."""
    if not catalog_id:
        return None
    from app.core.errors import CatalogError
    from app.core.models.catalog import load_catalog

    try:
        m = next((m for m in load_catalog() if m.id == catalog_id), None)
    except CatalogError:
        return None
    if m is None or "math500" not in m.benchmarks:
        return None
    return m.name, m.benchmarks["math500"]


class Progress:
    """The progress line: rewritten in place on a terminal, one line per sample otherwise."""

    def __init__(
        self, err: TextIO, problems: list[Problem], plan: Plan, results: ResultFile, probe: float | None
    ) -> None:
        self.err = err
        self.tty = err.isatty()
        self.problems = problems
        self.plan = plan
        self.results = results
        self.probe = probe
        self.t0 = time.monotonic()
        self.index = 0
        self.level = 0
        self.live_tokens = 0
        self.summary = summarize(problems, results.samples, plan.k)
        self.left: float | None = None
        self.left_at = self.t0
        self._update_estimate()

    def _update_estimate(self) -> None:
        est = estimate(self.problems, self.plan.k, self.results.samples, self.plan.max_tokens, self.probe)
        self.left = est.seconds if est else None
        self.left_at = time.monotonic()

    def started(self, index: int, level: int) -> None:
        self.index, self.level, self.live_tokens = index, level, 0
        self._show()

    def tokens(self, n: int) -> None:
        self.live_tokens = n
        if self.tty:
            self._show()

    def done(self, rec: SampleRecord, summary: Summary) -> None:
        self.summary = summary
        self.live_tokens = 0
        self._update_estimate()
        mark = "right" if rec.correct else "wrong"
        self._show(final=not self.tty, last=f" · last: {rec.extracted or '(no boxed answer)'} ({mark})")

    def _show(self, final: bool = False, last: str = "") -> None:
        if not (self.tty or final):
            return
        s = self.summary
        now = time.monotonic()
        left = "" if self.left is None else f" · ~{duration(max(0.0, self.left - (now - self.left_at)))} left"
        p1 = "" if s.pass_at_1 is None else f" · pass@1 {percent(s.pass_at_1)}"
        if s.half_width is not None:
            p1 += f" ± {100 * s.half_width:.0f}"
        line = (
            f"[{s.done}/{s.problems} problems · {s.samples}/{s.problems * self.plan.k} samples] "
            f"problem {self.index + 1} (level {self.level}) · {s.tokens + self.live_tokens:,} tokens · "
            f"{duration(now - self.t0)} elapsed{left}{p1}"
        )
        self.err.write(f"\r{line}\x1b[K" if self.tty else line + last + "\n")
        self.err.flush()

    def close(self) -> None:
        if self.tty:
            self.err.write("\n")
            self.err.flush()


def as_json(
    identity: ModelIdentity,
    plan: Plan,
    problems: list[Problem],
    results: ResultFile,
    summary: Summary,
    paper: tuple[str, float] | None,
    ended: CheckEnded | None,
    stored_before: int,
    path: Path,
) -> dict[str, Any]:
    """The whole check as one document: the model, the protocol, each problem's samples, the figures."""
    per_problem = []
    for p in problems:
        recs = [results.samples[(p.unique_id, j)] for j in range(plan.k) if results.has(p.unique_id, j)]
        per_problem.append(
            {
                "unique_id": p.unique_id,
                "level": p.level,
                "subject": p.subject,
                "reference": p.answer,
                "pass_at_1": sum(r.correct for r in recs) / len(recs) if recs else None,
                "samples": [{k: v for k, v in r.to_dict().items() if k != "kind"} for r in recs],
            }
        )
    return {
        "model": identity.to_dict(),
        "suite": plan.suite,
        "k": plan.k,
        "seed": plan.seed,
        "results_file": str(path),
        "resumed_samples": stored_before,
        "stopped": bool(ended and ended.stopped),
        "error": ended.error if ended else "",
        "summary": {
            "pass_at_1": summary.pass_at_1,
            "ci95_half_width": summary.half_width,
            "cons_at_k": summary.cons_at_k,
            "problems": summary.problems,
            "problems_done": summary.done,
            "samples": summary.samples,
            "tokens": summary.tokens,
            "seconds": round(summary.seconds, 3),
            "by_level": {str(lv): {"problems": n, "pass_at_1": v} for lv, (n, v) in summary.by_level.items()},
        },
        "paper": {"model": paper[0], "math500_pass_at_1": paper[1]} if paper else None,
        "problems": per_problem,
    }
