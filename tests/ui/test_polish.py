"""Small things users expect (issue 24, items 15-26), each as a user would notice it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from app.core.settings import Settings, load_settings
from app.ui.text import i18n
from app.ui.window.actions import key, key_text
from tests.support.fake_engine import FakeEngine, script, stats
from tests.ui.conftest import send


@pytest.fixture()
def german(qapp: QApplication) -> Iterator[None]:
    i18n.install(qapp, "de")
    yield
    i18n.install(qapp, "en")


def test_preset_tooltips_wrap(open_window) -> None:
    """16: a preset's description is rich text (it wraps), its plain words for screen readers."""
    w = open_window(load=False)
    tip = w.composer.preset.toolTip()
    assert tip.startswith("<qt>") and "\n" not in tip
    assert not w.composer.preset.accessibleDescription().startswith("<")


def test_the_server_port_can_be_typed_before_the_server_is_on(open_window) -> None:
    """18: the port was disabled until the box was ticked, and a typed port silently dropped."""
    from app.ui.settings.dialog import SettingsDialog

    w = open_window(load=False)
    d = SettingsDialog(Settings(), w)
    tab = d.server_tab
    assert not tab.enabled.isChecked() and tab.port.isEnabled()
    tab.port.setValue(9123)
    assert "9123" in tab.url.text()
    assert tab.collect(Settings()).server_port == 9123
    d.deleteLater()


def test_a_new_language_offers_restart_now(open_window, monkeypatch) -> None:
    """19: choosing a language says it applies at the next start, and offers to restart now."""
    w = open_window(load=False)
    w.actions_["language_de"].trigger()
    assert w.notices.isVisible() and w.notices.action_button.isVisible()
    assert w.notices.action_button.text() == "Restart now"
    w.notices.action_button.click()
    assert w.restart_requested and not w.isVisible()


def test_german_names_keys_and_presets_as_german_speakers_do(german, open_window) -> None:
    """20: "Strg+Umschalt+Eingabe" as the prompt's hint says "Eingabe"; the shipped presets' names."""
    assert key("answer_now") == "Strg+Umschalt+Eingabe"
    assert key_text("Ctrl+Return") == "Strg+Eingabe"
    w = open_window(load=False)
    names = [w.composer.preset.itemText(i) for i in range(w.composer.preset.count())]
    assert names == ["R1 (Paper)", "Mathe", "Code", "Präzise (0,5)", "Explorativ (0,7)"]
    w.composer.preset.setCurrentIndex(3)
    assert w.composer.preset_name() == "Precise (0.5)", "the preset itself keeps its (CLI) name"


def test_parameter_counts_read_like_the_sizes_beside_them(qapp, qtbot) -> None:
    """20: the picker said "1.8B" beside "1,1 GB" in German."""
    from app.core.models.catalog import load_catalog
    from app.ui.picker.card import catalog_card
    from app.ui.text.i18n import params

    assert (params(1_777_088_000), params(32_763_876_352)) == ("1.8B", "33B")
    i18n.install(qapp, "de")
    try:
        assert (params(1_777_088_000), params(32_763_876_352)) == ("1,8 Mrd.", "33 Mrd.")
        small = next(m for m in load_catalog() if m.params < 10e9)
        _, text = catalog_card(small.variants[0])
        assert params(small.params) in text and "Mrd." in text
    finally:
        i18n.install(qapp, "en")


def test_an_estimated_count_has_its_unit(open_window) -> None:
    """21: "≈ 36 tokens" on the meter of a remote model (which does not say its context), not "≈ 36"."""
    from app.core.code.budget import Budget

    w = open_window(load=False)
    w.composer.meter.set_budget(Budget(n_ctx=0, prompt=36, estimated=True))
    assert w.composer.meter.label.text() == "≈ 36 tokens"
    w.composer.meter.set_budget(Budget(n_ctx=0, prompt=1, estimated=True))
    assert w.composer.meter.label.text() == "≈ 1 token"


def test_the_composer_keeps_what_was_set_for_new_chats_and_the_next_start(qtbot, open_window) -> None:
    """24: one rule for Deep Thinking, the preset, the budget and Solve x k: they stay."""
    e = FakeEngine()
    e.streams.append(script("Hmm.", "Fine."))
    w = open_window(e)
    c = w.composer
    c.deep_thinking.setChecked(False)
    c.preset.setCurrentIndex(c.preset.findData("Math"))
    c.budget.setValue(2048)
    c.samples_box.setValue(2)
    assert c.samples_box.property("on") is True, "Solve x 2 shows as on"
    w.controller.new_chat()
    assert (c.think_enabled(), c.preset_name(), c.think_budget(), c.samples()) == (False, "Math", 2048, 2)
    saved = load_settings()[0]
    assert (saved.deep_thinking, saved.preset, saved.think_budget, saved.samples) == (False, "Math", 2048, 2)
    again = open_window(e, settings=saved, load=False)  # the next start
    c2 = again.composer
    assert (c2.think_enabled(), c2.preset_name(), c2.think_budget(), c2.samples()) == (False, "Math", 2048, 2)


def test_the_paperclip_grows_with_the_font(open_window, styled) -> None:
    """25: the icon followed no font size."""
    from app.ui.style.theme import system_point_size

    small = open_window(load=False, colours=styled("light", system_point_size()))
    side = small.composer.attach.iconSize().height()
    big = open_window(load=False, colours=styled("light", 2 * system_point_size()))
    assert big.composer.attach.iconSize().height() >= 1.6 * side


def test_a_model_that_never_thinks_does_not_look_like_it_does(qtbot, open_window) -> None:
    """23: Deep Thinking stays on but says that this model answered without reasoning."""
    e = FakeEngine()
    e.streams.append(script("", "Hello there.", thought=False))
    w = open_window(e)
    send(qtbot, w, "hi")
    dt = w.composer.deep_thinking
    assert dt.property("idle") is True and "answered without reasoning" in dt.toolTip()
    e.streams.append(script("Let me see.", "Yes."))
    send(qtbot, w, "and now?")
    assert dt.property("idle") is False


def test_a_reasoning_without_an_answer_offers_its_last_line_as_the_answer(qtbot, open_window) -> None:
    """22: "ended while thinking: no answer" had no way on."""
    e = FakeEngine()
    e.streams.append([*script("Six sevens.\nSo the answer is 42.\n", "")[:-1], stats(8, 8)])
    w = open_window(e)
    send(qtbot, w, "6 x 7?")
    card = w.chat.turns()[-1]
    assert card.badge.text() == "ended while thinking: no answer"
    assert card.use_reasoning.isVisible()
    card.use_reasoning.click()
    assert w.controller.messages[-1].content == "So the answer is 42."
    card = w.chat.turns()[-1]
    assert "So the answer is 42." in card.answer.toPlainText() and not card.use_reasoning.isVisible()


def test_the_picker_marks_the_loaded_model_and_opens_on_it(open_window, tiny_model) -> None:
    """17: it opened on the recommended quantization with the model in use marked "opened" only;
    Load comes first among the card's buttons, so it is not the one that wraps away."""
    from app.ui.picker.local_rows import LOCAL_ROLE

    w = open_window()
    w.open_picker()
    p = w.picker
    row = p.tree.currentItem()
    assert row is not None and row.data(0, LOCAL_ROLE) == str(tiny_model)
    assert row.text(4) == "opened · loaded" and row.font(0).bold()
    assert p.use.isEnabled()
    flow = p.use.parentWidget().layout()
    assert flow.itemAt(0).widget() is p.use
    p.close()


def test_the_status_bar_shows_only_figures_that_are_true(qtbot, open_window, tiny_model) -> None:
    """10: no "first token 150.45 s" after a stop before any token; the last answer's figures go
    when another chat is shown or another model loads."""
    e = FakeEngine()
    e.streams.append(script("Hmm.", "Fine."))
    w = open_window(e)
    sb = w.status_bar
    sb.show_stats(stats(0, finish="cancelled", finished=False))
    assert "first token" not in sb.speed.text() and sb.speed.text().strip() == "No tokens were written."
    send(qtbot, w, "hello")
    assert "first token" in sb.speed.text()
    w.controller.new_chat()
    assert sb.speed.text() == "", "another chat: the figures were the other one's"
    sb.show_stats(stats(5))
    w.load_model(str(tiny_model))
    assert sb.speed.text() == "", "another model: the figures were the other one's"
    qtbot.waitUntil(lambda: w.controller.model_ready and not w.loader.loading, timeout=60_000)


def test_the_server_settings_are_not_cut_in_german_at_a_large_font(german, qapp, qtbot) -> None:
    """20: the API key's placeholder ('keiner: Jedes Programm auf die…') and the 'Requests at
    once' box ('e passen (bis zu 4)', held at 220 px) were cut in German at 16 pt."""
    from app.ui.settings.server_tab import ServerTab

    font = qapp.font()
    big = qapp.font()
    big.setPointSize(16)
    qapp.setFont(big)
    try:
        tab = ServerTab(Settings())
        qtbot.addWidget(tab)
        tab.resize(640, 420)
        tab.show()
        qtbot.waitUntil(lambda: tab.key.width() > 0)
        assert tab.key.fontMetrics().horizontalAdvance(tab.key.placeholderText()) < tab.key.width() - 16
        assert "jedes Programm" in tab.key.toolTip()  # the sentence, where it has room
        assert tab.slots.value() == 0 and tab.slots.width() >= tab.slots.sizeHint().width()
        assert tab.slots.text() == "so viele, wie passen (bis zu 4)"
    finally:
        qapp.setFont(font)
