"""Issue 16: the window speaks the language the settings ask for; numbers follow its locale; the
core's English sentences are shown translated; switching says it applies at the next start."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from app.core.chats.thinking import Thinking, ThinkingState
from app.core.settings import Settings, load_settings
from app.ui.text import i18n
from app.ui.text.core_text import say
from app.ui.window.actions import hint
from tests.support.fake_engine import FakeEngine, script
from tests.ui.conftest import send


@pytest.fixture()
def german(qapp: QApplication) -> Iterator[None]:
    i18n.install(qapp, "de")
    yield
    i18n.install(qapp, "en")


def test_the_setting_picks_the_language(monkeypatch, qapp) -> None:
    monkeypatch.delenv("R1DESK_LANGUAGE", raising=False)
    assert i18n.resolve("de") == "de" and i18n.resolve("en") == "en"
    assert i18n.resolve("system") in i18n.NATIVE_NAMES  # the OS's, or English
    monkeypatch.setenv("R1DESK_LANGUAGE", "de")
    assert i18n.resolve("en") == "de"  # scripts and screenshots can force one
    try:
        assert i18n.install(qapp, "en") == "de" and i18n.language() == "de"
    finally:
        monkeypatch.delenv("R1DESK_LANGUAGE")
        i18n.install(qapp, "en")
    assert i18n.language() == "en"


def test_numbers_follow_the_language(german) -> None:
    assert i18n.number(32768) == "32.768" and i18n.number(1.5, 1) == "1,5"
    assert i18n.gb(4.68e9) == "4,7 GB"


def test_the_window_in_german(qtbot, german, open_window) -> None:
    engine = FakeEngine()
    engine.streams.append(script("Ich überlege. " * 4, "Zweiundvierzig.", piece=5))
    w = open_window(engine)
    assert [a.text() for a in w.menuBar().actions()] == ["&Datei", "&Bearbeiten", "&Ansicht", "&Modell", "&Hilfe"]
    assert hint("open_file") == "Datei ▸ GGUF-Datei öffnen … (Strg+O)"
    assert w.composer.send.text() == "Senden" and w.sidebar.new.text().endswith("Neuer Chat")
    send(qtbot, w, "Was ist 6 × 7?")
    card = w.chat.turns()[-1]
    assert "s nachgedacht · " in card.thinking.header.text() and card.thinking.header.text().endswith(" Token")
    assert card.copy.text() == "Kopieren" and "Token" in card.stats.text()
    assert w.status_bar.context.text().startswith("Kontext ")


def test_the_cores_sentences_are_translated_with_their_parts(german) -> None:
    nested = "x.gguf is damaged or incomplete: the header ends early (the file is truncated)."
    assert (
        say(nested)
        == "x.gguf ist beschädigt oder unvollständig: der Header endet zu früh (die Datei ist abgeschnitten)."
    )
    fit = "needs 12.3 GB (weights 8.0 GB + KV cache 3.4 GB + buffers 0.9 GB) of the 15.2 GB of RAM a model can use here"
    assert say(fit) == (
        "braucht 12,3 GB (Gewichte 8,0 GB + KV-Cache 3,4 GB + Puffer 0,9 GB) der 15,2 GB RAM, die ein Modell hier nutzen kann"
    )
    crash = (
        "The model process crashed while generating (signal 9). This is usually too little memory or a GPU "
        "driver fault; try a smaller model, a shorter context or fewer GPU layers. You can load a model again."
    )
    assert say(crash).startswith("Der Modellprozess ist abgestürzt (beim Erzeugen, Signal 9).")
    assert say("The context length must be between 256 and 1,048,576 tokens.").endswith("1.048.576 Token liegen.")
    assert say("Something the core never wrote.") == "Something the core never wrote."  # shown as it came


def test_english_is_the_source_with_plurals(open_window) -> None:
    pane_text = open_window(load=False).chat  # a window makes sure the translators are installed
    assert pane_text is not None
    from app.ui.chat.thinking_pane import ThinkingPane
    from app.ui.render.markdown import LIGHT, MarkdownRenderer

    pane = ThinkingPane(MarkdownRenderer(LIGHT))
    assert pane.header_text(Thinking(ThinkingState.DONE, 12.4, 1)) == "Thought for 12 s · 1 token"
    assert pane.header_text(Thinking(ThinkingState.DONE, 3, 1234)) == "Thought for 3 s · 1,234 tokens"
    pane.deleteLater()


def test_choosing_a_language_says_it_applies_at_the_next_start(open_window) -> None:
    w = open_window(load=False)
    w.actions_["language_de"].trigger()
    assert load_settings()[0].language == "de" and w.actions_["language_de"].isChecked()
    note = w.statusBar().currentMessage()
    assert "The language changes when R1 Desk starts again." in note
    assert "Die Sprache wechselt beim nächsten Start von R1 Desk." in note  # in the chosen language too
    assert w.menuBar().actions()[0].text() == "&File"  # this run stays English


def test_the_settings_dialog_offers_the_languages_by_their_own_names(open_window) -> None:
    from app.ui.settings.dialog import SettingsDialog

    w = open_window(load=False)
    d = SettingsDialog(Settings(language="de"), w)
    names = [d.language.itemText(i) for i in range(d.language.count())]
    assert names[1:] == ["English", "Deutsch"] and names[0].startswith("System (")
    assert d.language.currentData() == "de"
    d.language.setCurrentIndex(d.language.findData("en"))
    assert d.collect().language == "en"
    d.deleteLater()


def test_locale_is_restored_for_other_tests() -> None:
    assert QLocale().name().startswith("en")
