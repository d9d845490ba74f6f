"""The window's R1-specific answer features: kept versions (‹ 2/2 ›), "solve k times", the
thinking pane's meter and remembered choice, no pane for an empty reasoning, forced <think>."""

from __future__ import annotations

from dataclasses import replace

from app.core.inference.events import Delta
from app.core.settings import Settings, load_settings
from tests.support.fake_engine import script, stats
from tests.ui.test_chat_window import engine, last_card, make_window, send  # noqa: F401 (fixtures)


def test_regenerate_keeps_the_first_answer_behind_the_version_switch(qtbot, make_window, engine) -> None:  # noqa: F811
    w = make_window(engine)
    send(qtbot, w, "one")
    engine.streams.append(script("Again.", "Second answer."))
    last_card(w).regenerate.click()
    qtbot.waitUntil(lambda: not w.controller.generating, timeout=60_000)
    card = last_card(w)
    assert not card.versions.isHidden() and card.versions.label.text() == "2/2"
    assert "Second answer." in card.answer.toPlainText()
    card.versions.prev.click()
    card = last_card(w)
    assert card.versions.label.text() == "1/2" and "The answer is 42." in card.answer.toPlainText()
    assert not card.versions.prev.isEnabled() and card.versions.next.isEnabled()
    send(qtbot, w, "next")
    assert engine.requests[-1][1]["content"].startswith("The answer is **42**.")  # the shown version goes back


def test_edit_and_resend_keeps_the_old_prompt(qtbot, make_window, engine) -> None:  # noqa: F811
    w = make_window(engine)
    send(qtbot, w, "one")
    w.controller.edit_message(w.controller.messages[0])
    engine.streams.append(script("Edited.", "Edited answer."))
    send(qtbot, w, "one, edited")
    user = w.chat.turns()[0]
    assert user.versions.label.text() == "2/2"  # type: ignore[attr-defined]
    user.versions.prev.click()  # type: ignore[attr-defined]
    assert [m.content for m in w.controller.messages] == ["one", w.controller.messages[1].content]
    assert "The answer is 42." in last_card(w).answer.toPlainText()


def test_solve_k_times_lists_each_sample_and_the_majority(qtbot, make_window, engine) -> None:  # noqa: F811
    for boxed in ("41", "42", "42"):
        engine.streams.append(script("Think.", f"So $\\boxed{{{boxed}}}$."))
    w = make_window(engine)
    w.composer.preset.setCurrentText("Math")
    w.composer.samples_box.setValue(3)
    send(qtbot, w, "What is 6 × 7?", wait=False)
    qtbot.waitUntil(lambda: len(engine.requests) == 3 and not w.controller.generating, timeout=60_000)
    assert engine.requests[0] == engine.requests[1] == engine.requests[2]  # the same prompt, k times
    card = last_card(w)
    assert not card.samples.isHidden()
    assert card.samples.majority.text() == "Majority: 42 (2 of 3 votes)"
    rows = card.samples.rows.text()
    assert "1. 41" in rows and "<b>2. 42" in rows and "<b>3. 42" in rows
    assert card.versions.label.text() == "2/3"  # the first sample of the majority is shown
    assert len(w.store.all_messages(w.controller.conversation_id)) == 4  # the prompt and every sample


def test_stop_ends_a_k_samples_run(qtbot, make_window, engine) -> None:  # noqa: F811
    engine.hold_at = 5  # each sample waits in its reasoning
    w = make_window(engine)
    w.composer.samples_box.setValue(4)
    send(qtbot, w, "q", wait=False)
    qtbot.waitUntil(lambda: engine.holding, timeout=60_000)
    engine.release()  # the first sample finishes
    qtbot.waitUntil(lambda: engine.held == 2 and engine.holding, timeout=60_000)
    w.controller.stop()  # while the second one thinks
    qtbot.waitUntil(lambda: not w.controller.generating, timeout=60_000)
    assert len(engine.requests) == 2 and w.controller.session.run is None
    assert len(w.store.all_messages(w.controller.conversation_id)) == 3
    # No third sample is on its way: the next request the engine gets is the next message.
    engine.hold_at = None
    w.composer.samples_box.setValue(1)
    send(qtbot, w, "next")
    assert len(engine.requests) == 3 and engine.requests[2][-1]["content"] == "next"


def test_no_pane_for_an_empty_reasoning(qtbot, make_window, engine) -> None:  # noqa: F811
    engine.streams.append([Delta("reasoning", "\n\n"), Delta("answer", "Just 42."), stats(2, 1)])
    w = make_window(engine)
    send(qtbot, w)
    assert last_card(w).thinking.isHidden()


def test_the_live_header_shows_tokens_against_the_budget(qtbot, make_window, engine) -> None:  # noqa: F811
    engine.hold_at = 5  # the stream waits in its reasoning
    w = make_window(engine)
    w.composer.budget.setValue(3000)  # within the tiny model's 4,096 tokens: a larger one is stopped before sending
    send(qtbot, w, wait=False)
    qtbot.waitUntil(lambda: engine.holding and last_card(w).thinking.isVisible(), timeout=60_000)
    w.controller.on_tick(1234, 20.0)
    pane = last_card(w).thinking
    assert pane.count.text() == "1,234 / 3,000 tokens" and not pane.meter.isHidden()
    assert pane.meter.value() == 1234 and pane.meter.maximum() == 3000
    engine.release()
    qtbot.waitUntil(lambda: not w.controller.generating, timeout=60_000)
    assert not pane.meter.isVisible()


def test_reasoning_is_rendered_as_markdown_with_math(qtbot, make_window, engine) -> None:  # noqa: F811
    engine.streams.append(script("We need **both** roots of $x^2 = 4$.\n\nSo $x = \\pm 2$.\n", "Done."))
    w = make_window(engine, Settings(thinking_pane="open"))
    send(qtbot, w)
    view = last_card(w).thinking.text
    qtbot.waitUntil(lambda: len(view._formulas) == 2, timeout=60_000)
    assert "both" in view.toPlainText() and "**" not in view.toPlainText()


def test_remember_mode_keeps_the_last_manual_choice(qtbot, make_window, engine) -> None:  # noqa: F811
    w = make_window(engine, Settings(thinking_pane="remember"))
    send(qtbot, w)
    card = last_card(w)
    assert not card.thinking.is_open  # like "collapse" until the user chooses
    card.thinking.header.click()  # the user opens it
    assert load_settings()[0].thinking_pane_open is True
    send(qtbot, w, "again")
    assert last_card(w).thinking.is_open  # the next answer's pane starts as the user left the last
    w.controller.apply_settings(replace(w.settings, thinking_pane="collapse"))
    w.controller.open_conversation(w.controller.conversation_id)
    assert last_card(w).thinking.is_open  # this chat's own clicks still hold


def test_forced_think_is_sent_and_shown(qtbot, make_window, engine) -> None:  # noqa: F811
    from app.core.inference.events import Stats

    forced = replace(stats(5, 3), think_forced=True)
    assert isinstance(forced, Stats)
    engine.streams.append([Delta("reasoning", "hm"), Delta("answer", "ok"), forced])
    w = make_window(engine)
    send(qtbot, w)
    assert engine.options[-1].force_think is True
    assert "<think> forced" in last_card(w).stats.text()
    w.apply_settings(w.settings.with_(force_think=False))
    send(qtbot, w, "again")
    assert engine.options[-1].force_think is False
