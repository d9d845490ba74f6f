"""What the composer says about a message's size (issue 24, items 8 and 9): a new chat has no
"earlier turns", only the chat template's markers; a message that does not fit lists its largest
files with their tokens, each a way out, and says what fits."""

from __future__ import annotations

from pathlib import Path

from app.core.settings import Settings
from tests.support.fake_engine import FakeEngine
from tests.ui.test_attachments import attach_and_wait, make_window  # noqa: F401  (a fixture)


def files(tmp_path: Path) -> list[Path]:
    out = []
    for name, size in (("big.txt", 4400), ("medium.txt", 2000), ("small.txt", 100)):
        p = tmp_path / name
        p.write_text(("word " * size)[:size])
        out.append(p)
    return out


def test_a_new_chat_names_the_template_not_earlier_turns(qtbot, make_window, tmp_path: Path) -> None:  # noqa: F811
    w = make_window(FakeEngine())
    w.composer.set_text("Explain these.")
    attach_and_wait(qtbot, w, *files(tmp_path)[2:])
    meter = w.composer.meter
    qtbot.waitUntil(lambda: meter.isVisible() and "…" not in meter.label.text(), timeout=60_000)
    b = meter.budget
    assert b is not None and b.earlier == 0 and b.template > 0
    assert "earlier turns" not in meter.toolTip()
    assert f"chat template {b.template:,}" in meter.toolTip()


def test_the_largest_files_are_offered_as_ways_out_and_what_fits_is_said(
    qtbot,
    make_window,  # noqa: F811
    tmp_path: Path,
) -> None:
    engine = FakeEngine()
    w = make_window(engine, Settings(context_length=2048))
    big, medium, small = files(tmp_path)
    attach_and_wait(qtbot, w, big, medium, small)
    w.composer.set_text("Summarise.")
    w.composer.send.click()
    banner = w.composer.overflow
    qtbot.waitUntil(banner.isVisible, timeout=60_000)
    counts = dict(zip([f.rel for f in w.attach.files()], w.attach.measurement.file_tokens, strict=True))
    labels = [b.text() for b in banner.buttons.values()]
    assert labels[:3] == [
        f"Leave out big.txt ({counts['big.txt']:,} tokens)",
        f"Leave out medium.txt ({counts['medium.txt']:,} tokens)",
        f"Leave out small.txt ({counts['small.txt']:,} tokens)",
    ], labels
    b = w.attach.measurement.budget
    assert counts["small.txt"] < b.needed - b.left < counts["medium.txt"], "set up: the small one is not enough"
    assert "Leaving out big.txt makes it fit." in banner.text.text()
    assert banner.buttons[f"file:{big}"].toolTip() == "Then it fits."
    assert banner.buttons[f"file:{small}"].toolTip() == "Alone, that is not enough."
    banner.buttons[f"file:{big}"].click()  # leave that one out: the rest fits and is sent
    qtbot.waitUntil(lambda: bool(engine.requests) and not w.controller.generating, timeout=60_000)
    sent = engine.requests[-1][-1]["content"]
    assert "medium.txt" in sent and "small.txt" in sent and "big.txt" not in sent
