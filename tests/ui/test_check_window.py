"""Check this model… in the window: the estimate first, then a run with live progress that stops
at an exact answer and resumes, and the result beside the paper's figure on the picker's card,
with the other quantizations of the same distill."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import Qt

from app.core.checks.identity import ModelIdentity
from app.core.checks.runner import Plan
from app.core.checks.store import ResultFile, SampleRecord
from app.core.checks.suites import suite
from app.core.models.installed import remember_opened
from app.ui.picker.local_rows import LOCAL_ROLE
from tests.support.fake_engine import FakeEngine, script, stats

HOLD_AT_CALL = 6  # the 6th answer of the run waits until Stop (the 1st call is the speed probe)


class HoldingEngine(FakeEngine):
    """The fake engine, whose ``HOLD_AT_CALL``-th answer waits for Stop: the run stops at an exact
    answer however fast or slow the machine is."""

    calls = 0

    def stream_chat(self, messages, sampling=None, options=None) -> Iterator[object]:  # type: ignore[override]
        self.calls += 1
        if self.calls == HOLD_AT_CALL:
            self._cancel.clear()
            self.requests.append(list(messages))
            assert self._cancel.wait(60), "Stop never came"
            yield stats(0, finish="cancelled", finished=False)
            return
        yield from super().stream_chat(messages, sampling, options)


def _answers() -> list[list[object]]:
    problems = suite("math500-20")
    probe = script("Let me see", "")
    right_then_wrong = [
        script("Think.\n", f"So $\\boxed{{{p.answer if i % 2 == 0 else 'nope'}}}$.") for i, p in enumerate(problems)
    ]
    return [probe, *right_then_wrong]  # the held call takes none: the resumed run asks for that problem again


def test_check_estimates_runs_stops_at_an_exact_answer_resumes_and_scores(qtbot, open_window, tmp_path: Path) -> None:
    eng = HoldingEngine()
    eng.streams = _answers()
    w = open_window(eng)
    w.open_check()
    d = w.check_dialog
    qtbot.waitUntil(lambda: d.start_btn.isEnabled(), timeout=60_000)
    assert d.estimate.text().startswith("About ") and "42.0 tokens/s" in d.estimate.text()
    assert "assuming about 3,514 tokens per answer" in d.estimate.text()  # the assumption is said, with its figure
    d.suite.setCurrentIndex(0)  # math500-20
    d.k.setValue(1)
    qtbot.waitUntil(lambda: d.start_btn.isEnabled() and d.plan() == d.setup.plan, timeout=60_000)
    assert d.setup.plan == Plan("math500-20", 1) and eng.calls == 1  # the speed is not probed twice

    stopped_at: list[int] = []

    def stop_when_held(ev: object) -> None:
        if d.summary is not None and d.summary.samples == HOLD_AT_CALL - 2 and not stopped_at:
            stopped_at.append(d.summary.samples)
            d.stop_btn.click()

    w.checks.sample_done.connect(stop_when_held)
    qtbot.mouseClick(d.start_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Stopped." in d.now.text(), timeout=60_000)
    assert stopped_at == [4] and d.summary.samples == 4
    assert "Correct so far: 2 of 4 answers · pass@1 50 %" in d.score.text()
    qtbot.waitUntil(lambda: d.start_btn.isEnabled(), timeout=60_000)
    assert d.start_btn.text() == "Resume" and "4 of 20 answers are already stored" in d.estimate.text()

    qtbot.mouseClick(d.start_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: d.now.text() == "Done.", timeout=60_000)
    assert d.summary.samples == 20 and d.summary.pass_at_1 == 0.5
    assert "MATH-500-20 pass@1 50 % ± " in d.outcome.text() and "(k = 1)" in d.outcome.text()
    assert not d.start_btn.isEnabled() and not d.stop_btn.isEnabled()
    shots = os.environ.get("R1DESK_SHOTS")
    if shots:
        d.grab().save(str(Path(shots) / "check-dialog.png"))


def _store(path: Path, quant: str, right: int, n: int = 20) -> None:
    ident = ModelIdentity(
        f"{quant:0<64}"[:64],
        quant,
        "DeepSeek-R1-Distill-Qwen-1.5B",
        str(path),
        "r1-qwen-1.5b",
        {"n_ctx": 4096},
        Plan("math500-20", 1).protocol(),
    )
    rf = ResultFile(ident)
    for i, p in enumerate(suite("math500-20")[:n]):
        rf.append(
            SampleRecord(
                p.unique_id, 0, 0, p.level, p.subject, "1", p.answer, "1", i < right, 900, 800, 9.0, "stop", ""
            )
        )


def test_the_cards_show_the_result_beside_the_paper_and_other_quants(
    qtbot, open_window, tiny_model: Path, tmp_path: Path
) -> None:
    other = tmp_path / "DeepSeek-R1-Distill-Qwen-1.5B-Q8_0.gguf"
    other.write_bytes(b"GGUF")
    _store(tiny_model, "Q4_K_M", right=15)
    _store(other, "Q8_0", right=17)
    remember_opened(tiny_model)
    w = open_window(FakeEngine())
    w.open_picker()
    p = w.picker
    p._select(str(tiny_model), LOCAL_ROLE)
    text = p.card.text()
    assert "Checked here" in text
    assert "MATH-500-20 pass@1 75 % ± 19 (k = 1) · paper 83.9 % (full model)" in text
    assert "Q8_0: MATH-500-20 pass@1 85 %" in text
    assert p.check.isEnabled()
    opened: list[str] = []
    p.check_chosen.connect(opened.append)
    qtbot.mouseClick(p.check, Qt.MouseButton.LeftButton)
    assert opened == [str(tiny_model)]
    qtbot.waitUntil(lambda: w.check_dialog is not None and w.check_dialog.isVisible(), timeout=60_000)
    shots = os.environ.get("R1DESK_SHOTS")
    if shots:
        p.grab().save(str(Path(shots) / "picker-card.png"))
