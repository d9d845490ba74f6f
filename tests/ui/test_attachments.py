"""Attachments and the context budget in the window, as a user meets them: chips with counts,
what was skipped, drag and drop, the message as sent, regenerate and edit, the meter, and the
warning before a message that will not fit, with each way out doing what it says."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from app.core.chats.store import Message, Store
from app.core.code.attach import attach, block, compose, files_of
from app.core.inference.events import Reading
from app.core.settings import Settings
from app.ui.chat.message_widgets import AssistantMessageWidget, UserMessageWidget
from app.ui.render.markdown import LIGHT
from app.ui.window.main_window import MainWindow
from app.ui.workers.generation import GenerationWorker
from tests.support.code_fixture import ATTACHED, make_project
from tests.support.fake_engine import FakeEngine, fake_tokens, script
from tests.support.tiny_model import write_tiny_model


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


@pytest.fixture()
def make_window(qtbot, tmp_path: Path, tiny_model: Path) -> Iterator:
    made: list[MainWindow] = []

    def make(engine: object, settings: Settings | None = None, model: Path | None = None) -> MainWindow:
        store = Store(tmp_path / f"chats{len(made)}.sqlite3")
        w = MainWindow(store, settings or Settings(), LIGHT, GenerationWorker(engine))  # type: ignore[arg-type]
        qtbot.addWidget(w)
        w.resize(1100, 760)
        w.show()
        made.append(w)
        w.load_model(str(model or tiny_model))
        qtbot.waitUntil(lambda: w.controller.model_ready, timeout=60_000)
        return w

    yield make
    for w in made:
        w.close()


def attach_and_wait(qtbot, w: MainWindow, *paths: Path) -> None:
    before = len(w.attach.attachments)
    w.attach.add_paths(list(paths))
    qtbot.waitUntil(lambda: len(w.attach.attachments) == before + len(paths), timeout=60_000)
    qtbot.waitUntil(lambda: "counting" not in w.composer.attachments.summary.text(), timeout=60_000)


def send_and_wait(qtbot, w: MainWindow, text: str) -> None:
    n = len(w.controller.messages)
    w.composer.set_text(text)
    qtbot.keyClick(w.composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(w.controller.messages) > n and not w.controller.generating, timeout=60_000)


def test_chips_show_each_attachment_with_file_and_token_counts_and_what_was_skipped(
    qtbot, make_window, project: Path
) -> None:
    engine = FakeEngine()
    w = make_window(engine)
    attach_and_wait(qtbot, w, project, project / "app.py")
    bar = w.composer.attachments
    assert bar.isVisible() and len(bar.chips) == 2
    files = files_of(w.attach.attachments)
    tokens = [fake_tokens(block(f)) for f in files]
    assert "project/" in bar.chips[0].text.text() and f"5 files · {sum(tokens):,} tokens" in bar.chips[0].text.text()
    # The same file attached twice goes in once (and counts once).
    assert [f.rel for f in files] == [rel.removeprefix("project/") for rel in ATTACHED]  # from the repository root
    assert "app.py" in bar.chips[1].text.text()
    assert bar.summary.text() == f"5 files · {sum(tokens):,} tokens"
    assert bar.skipped.text().startswith("Skipped 6: .git/ (version-control data); build/ (ignored by .gitignore)")
    assert "logo.png: binary (it contains NUL bytes)" in bar.skipped.toolTip()
    assert "huge.txt: too large (300 KB; the limit is 256 KB)" in bar.skipped.toolTip()
    assert bar.chips[0].remove.accessibleName() == "Remove project/"
    qtbot.mouseClick(bar.chips[1].remove, Qt.MouseButton.LeftButton)  # removable one by one
    assert len(w.attach.attachments) == 1 and len(bar.chips) == 1


def test_the_message_carries_the_files_is_stored_and_regenerate_sends_the_same(qtbot, make_window, project) -> None:
    engine = FakeEngine()
    w = make_window(engine)
    attach_and_wait(qtbot, w, project / "util")
    send_and_wait(qtbot, w, "Why does greet fail?")
    sent = engine.requests[-1][-1]["content"]
    assert sent == compose("Why does greet fail?", files_of([attach(project / "util")]))
    assert w.store.messages(w.controller.conversation_id)[0].content == sent
    assert not w.composer.attachments.isVisible() and not w.attach.attachments  # chips go with the message
    bubble = next(t for t in w.chat.turns() if isinstance(t, UserMessageWidget))
    assert bubble.text() == "Why does greet fail?"
    assert bubble.files.text() == "Attached 2 files: util/helpers.py, util/nested/deep.py"
    card = [t for t in w.chat.turns() if isinstance(t, AssistantMessageWidget)][-1]
    card.regenerate.click()
    qtbot.waitUntil(lambda: len(engine.requests) == 2 and not w.controller.generating, timeout=60_000)
    assert engine.requests[1] == engine.requests[0]
    # Editing gives the words back to the prompt and the files back as chips; sending sends the same.
    bubble = next(t for t in w.chat.turns() if isinstance(t, UserMessageWidget))
    bubble.edit.click()
    assert w.composer.edit.toPlainText() == "Why does greet fail?"
    assert [a.label for a in w.attach.attachments] == ["util/helpers.py", "util/nested/deep.py"]
    w.composer.set_text("Why does greet fail?")
    qtbot.keyClick(w.composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(engine.requests) == 3 and not w.controller.generating, timeout=60_000)
    assert engine.requests[-1][-1]["content"] == sent


def test_files_dropped_on_the_window_or_the_prompt_are_attached(qtbot, make_window, project) -> None:
    w = make_window(FakeEngine())
    for target in (w, w.composer.edit.viewport()):
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(project / "app.py"))])
        how = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        enter = QDragEnterEvent(QPoint(5, 5), *how)  # a real drag enters first, then drops
        QApplication.sendEvent(target, enter)
        drop = QDropEvent(QPointF(5, 5), *how)
        QApplication.sendEvent(target, drop)
        assert enter.isAccepted() and drop.isAccepted()
    qtbot.waitUntil(lambda: len(w.attach.attachments) == 1, timeout=60_000)  # the same file, once
    assert w.composer.edit.toPlainText() == ""  # the path was not typed into the prompt


def test_the_meter_shows_the_budget_with_numbers_on_hover(qtbot, make_window, project) -> None:
    w = make_window(FakeEngine())
    w.composer.set_text("Explain the app.")
    attach_and_wait(qtbot, w, project / "app.py")
    meter = w.composer.meter
    qtbot.waitUntil(lambda: meter.isVisible() and "…" not in meter.label.text(), timeout=60_000)
    b = meter.budget
    assert b is not None and b.n_ctx == 4096 and b.fits and b.files == 1
    assert meter.label.text() == f"{100 * b.prompt / 4096:.0f} %"  # the share at a glance; numbers on hover
    tip = meter.toolTip()
    assert f"Prompt: {b.prompt:,} tokens of the 4,096-token context" in tip
    assert f"attachments {b.attachments:,} (1 file)" in tip and "Reasoning reserve:" in tip
    assert meter.used.property("level") in ("ok", "tight")


def _long_chat(store: Store, turns: int = 6) -> int:
    cid = store.create_conversation("Long", "tiny")
    for i in range(turns):
        store.add_message(cid, Message("user", f"Question {i}: " + "tell me more about the tiny app. " * 20))
        store.add_message(cid, Message("assistant", "It prints a greeting. " * 40))
    return cid


@pytest.fixture()
def overflowing(qtbot, make_window, tmp_path: Path, project: Path):
    """A 2K context (the model could take 8K) and a chat too long for one more question."""
    model = write_tiny_model(tmp_path / "tiny8k.gguf", context_length=8192)
    engine = FakeEngine()
    w = make_window(engine, Settings(context_length=2048), model)
    cid = _long_chat(w.store)
    w.controller.open_conversation(cid)
    attach_and_wait(qtbot, w, project / "app.py")
    w.composer.set_text("And now?")
    qtbot.keyClick(w.composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.composer.overflow.isVisible(), timeout=60_000)
    return w, engine


def test_a_message_that_will_not_fit_is_stopped_before_sending_with_the_ways_out(overflowing) -> None:
    w, engine = overflowing
    assert not engine.requests and not w.controller.generating
    text = w.composer.overflow.text.text()
    b = w.attach.measurement.budget
    assert text.startswith(f"This message does not fit: the prompt is {b.prompt:,} tokens")
    assert "the model's context" in text and "2,048" in text
    assert "A 8,192-token context needs" in text  # the memory estimate's figures
    labels = [btn.text() for btn in w.composer.overflow.buttons.values()]
    n = w.attach.measurement.remedies.drop_turns
    assert labels[0] == f"Leave out the oldest {n} turns and send"
    assert "Remove the attachments" in labels  # 41 tokens: not enough alone, so it does not promise to send
    assert "Reload with a 8,192-token context" in labels
    assert labels[-1] == "Cancel"
    assert w.composer.meter.used.property("level") == "over"


def test_leaving_out_the_oldest_turns_sends_without_them(qtbot, overflowing) -> None:
    w, engine = overflowing
    n = w.attach.measurement.remedies.drop_turns
    w.composer.overflow.buttons[f"drop:{n}"].click()
    qtbot.waitUntil(lambda: len(engine.requests) == 1 and not w.controller.generating, timeout=60_000)
    sent = engine.requests[0]
    assert len(sent) == 2 * (6 - n) + 1 and sent[0]["content"].startswith(f"Question {n}:")
    assert sent[-1]["content"].startswith("File: app.py\n") and sent[-1]["content"].endswith("And now?")
    assert len(w.store.messages(w.controller.conversation_id)) == 14  # nothing was deleted


def test_sending_without_the_attachments(qtbot, make_window, project) -> None:
    engine = FakeEngine()
    w = make_window(engine, Settings(attachment_max_kb=400))
    attach_and_wait(qtbot, w, project / "huge.txt")  # 300 KB: far more than the context
    w.composer.set_text("Summarise it.")
    qtbot.keyClick(w.composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.composer.overflow.isVisible(), timeout=60_000)
    assert "more than the model's context of 4,096" in w.composer.overflow.text.text()
    w.composer.overflow.buttons["strip"].click()
    qtbot.waitUntil(lambda: len(engine.requests) == 1 and not w.controller.generating, timeout=60_000)
    assert engine.requests[0] == [{"role": "user", "content": "Summarise it."}]
    assert not w.attach.attachments


def test_reloading_with_a_longer_context_keeps_the_message(qtbot, overflowing) -> None:
    w, engine = overflowing
    w.composer.overflow.buttons["reload:8192"].click()
    qtbot.waitUntil(lambda: w.controller.model_ready and w.facts is not None and w.facts.n_ctx == 8192, timeout=60_000)
    assert w.composer.edit.toPlainText() == "And now?" and len(w.attach.attachments) == 1
    qtbot.waitUntil(
        lambda: w.composer.meter.budget is not None and w.composer.meter.budget.n_ctx == 8192, timeout=60_000
    )
    send_and_wait(qtbot, w, "And now?")
    assert len(engine.requests[0]) == 13 and not w.composer.overflow.isVisible()


def test_cancel_keeps_everything(qtbot, overflowing) -> None:
    w, engine = overflowing
    w.composer.overflow.buttons[""].click()
    assert not w.composer.overflow.isVisible() and not engine.requests
    assert w.composer.edit.toPlainText() == "And now?" and len(w.attach.attachments) == 1


def test_status_bar_shows_live_context_use_while_streaming(qtbot, make_window) -> None:
    engine = FakeEngine(hold_at=5)  # mid-answer until released
    w = make_window(engine)
    w.composer.set_text("hello")
    qtbot.waitUntil(lambda: w.attach.measurement is not None, timeout=60_000)
    prompt = w.attach.measurement.budget.prompt
    qtbot.keyClick(w.composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: engine.holding, timeout=60_000)
    w.worker.tick.emit(32, 10.0)  # as the engine would, mid-answer
    assert w.status_bar.context.text() == f"context {prompt + 32:,} / 4,096"
    engine.release()
    qtbot.waitUntil(lambda: not w.controller.generating, timeout=60_000)


def test_code_blocks_save_as_and_insert_into_the_composer(qtbot, make_window, tmp_path, monkeypatch) -> None:
    answer = "Here is the new `util/helpers.py`:\n\n```python\ndef greet(name):\n    return name\n```\n"
    engine = FakeEngine(streams=[script("Hmm.", answer)])
    w = make_window(engine)
    send_and_wait(qtbot, w, "Fix it")
    card = [t for t in w.chat.turns() if isinstance(t, AssistantMessageWidget)][-1]
    offered: list[str] = []

    def fake_save(parent, title, suggested, *a):
        offered.append(suggested)
        return str(tmp_path / "helpers.py"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    card.answer._on_anchor(QUrl("save:0"))
    assert Path(offered[0]).name == "helpers.py"
    assert (tmp_path / "helpers.py").read_text() == "def greet(name):\n    return name\n"
    card.answer._on_anchor(QUrl("insert:0"))
    assert w.composer.edit.toPlainText() == "```python\ndef greet(name):\n    return name\n```\n"
    assert 'href="save:0"' in card.answer.toHtml() or "Save as…" in card.answer.toPlainText()


def test_the_code_preset_is_described_in_the_menu(qtbot, make_window) -> None:
    w = make_window(FakeEngine())
    i = w.composer.preset.findText("Code")
    tip = w.composer.preset.itemData(i, Qt.ItemDataRole.AccessibleDescriptionRole)
    assert tip.startswith("For code: the paper's sampling and no system prompt") and "\n" not in tip
    assert w.composer.preset.itemData(i, Qt.ItemDataRole.ToolTipRole) == f"<qt>{html.escape(tip)}</qt>"  # it wraps
    w.composer.preset.setCurrentIndex(i)
    assert w.composer.preset.toolTip() == f"<qt>Sampling preset: {html.escape(tip)}</qt>"
    assert w.composer.preset.accessibleDescription() == tip


def test_a_real_tokenizer_counts_the_chips(qtbot, make_window, project) -> None:
    w = make_window(None)  # the real engine and the tiny model
    attach_and_wait(qtbot, w, project / "util")
    import llama_cpp

    llm = llama_cpp.Llama(str(w.facts.path), vocab_only=True, verbose=False)  # type: ignore[union-attr]
    want = sum(len(llm.tokenize(block(f).encode(), add_bos=False, special=True)) for f in w.attach.files())
    assert w.composer.attachments.summary.text() == f"2 files · {want:,} tokens"


def test_a_thinking_budget_that_does_not_fit_can_be_sent_anyway(qtbot, make_window) -> None:
    engine = FakeEngine()
    w = make_window(engine)  # a 4,096-token context
    w.composer.budget.setValue(4000)
    w.composer.set_text("A question that leaves too little room to think. " * 8)
    qtbot.keyClick(w.composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.composer.overflow.isVisible(), timeout=60_000)
    assert "the thinking budget needs at least 4,000 more" in w.composer.overflow.text.text()
    assert "Reasoning reserve: 4,000 tokens (the thinking budget)" in w.composer.meter.toolTip()
    w.composer.overflow.buttons["anyway"].click()
    qtbot.waitUntil(lambda: len(engine.requests) == 1 and not w.controller.generating, timeout=60_000)
    assert engine.options[0].think_budget == 4000


def test_prompt_reading_progress_shows_and_stop_works_during_it(qtbot, make_window) -> None:
    engine = FakeEngine(hold_at=10)  # held while the prompt is read (at 4,608 of 12,345 tokens)
    steps = [Reading(i * 512, 12_345) for i in range(25)]  # as the engine reports a long prompt
    engine.streams.append(steps + script())
    w = make_window(engine)
    w.composer.set_text("Review it.")
    qtbot.keyClick(w.composer.edit, Qt.Key.Key_Return)
    bar = w.status_bar.progress
    qtbot.waitUntil(lambda: engine.holding and bar.isVisible() and bar.value() >= 20, timeout=60_000)
    assert bar.text().startswith("Reading 12,345 tokens… ") and bar.text().endswith(" %")
    assert w.status_bar.context.text().startswith("context 12,345 / 4,096")
    card = [t for t in w.chat.turns() if isinstance(t, AssistantMessageWidget)][-1]
    qtbot.waitUntil(lambda: card.stats.text().startswith("Reading 12,345 tokens… "), timeout=60_000)
    qtbot.keyClick(w, Qt.Key.Key_Escape)  # Stop while the prompt is being read
    qtbot.waitUntil(lambda: not w.controller.generating, timeout=60_000)
    assert not bar.isVisible()
    assert w.store.messages(w.controller.conversation_id)[-1].state == "stopped"
    assert len(engine.requests) == 1


@pytest.mark.parametrize("bad", ["\\", "[z-a]", "!"])
def test_a_gitignore_line_pathspec_refuses_still_gives_chips_and_a_note(qtbot, make_window, project, bad) -> None:
    (project / ".gitignore").write_text(f"*.log\n{bad}\nbuild/\n")
    w = make_window(FakeEngine())
    attach_and_wait(qtbot, w, project)
    bar = w.composer.attachments
    assert bar.isVisible() and len(bar.chips) == 1 and "5 files" in bar.chips[0].text.text()
    note = ".gitignore: line 2 is not a pattern git can read (that rule is not used)"
    assert note in bar.skipped.toolTip()
    assert "build/ (ignored by .gitignore)" in bar.skipped.text()  # the other lines still apply
    assert "line 2 is not a pattern git can read" in w.statusBar().currentMessage()
    assert not w.attach.reader._timer.isActive()  # nothing left polling


def test_an_attach_that_fails_unexpectedly_says_so_and_stops_polling(qtbot, make_window, project, monkeypatch) -> None:
    import app.ui.workers.files as files_mod

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("walk broke")

    monkeypatch.setattr(files_mod, "attach", broken)
    w = make_window(FakeEngine())
    w.attach.add_paths([project])
    qtbot.waitUntil(lambda: "walk broke" in w.statusBar().currentMessage(), timeout=10_000)
    assert f"Cannot attach {project}: RuntimeError: walk broke." == w.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not w.attach.reader._timer.isActive(), timeout=10_000)
    assert not w.attach.attachments
