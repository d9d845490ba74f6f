"""Settings: checked field by field against the schema; a bad field is reset, never fatal."""

from __future__ import annotations

import json

import pytest

from app.core.settings import SCHEMA, Settings, load_settings, save_settings, settings_path


def write(raw: object) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(raw if isinstance(raw, str) else json.dumps(raw), encoding="utf-8")


def test_no_file_gives_the_defaults_quietly() -> None:
    assert load_settings() == (Settings(), None)


def test_saved_settings_load_back() -> None:
    s = Settings(context_length=8192, theme="dark", gpu_layers=12, flash_attn="on", kv_cache_type="q8_0", language="de")
    save_settings(s)
    assert load_settings() == (s, None)


@pytest.mark.parametrize(
    "raw",
    [
        {"last_model": 5},
        {"models_folder": 5},
        {"context_length": "big"},
        {"context_length": -5},
        {"gpu_layers": True},
        {"theme": "purple"},
        {"language": "fr"},
        {"thinking_pane": None},
        {"threads": 0},
        {"server_slots": 9},
        {"speculative": "yes"},
    ],
)
def test_a_wrong_field_is_reset_and_the_file_backed_up(raw: dict[str, object]) -> None:
    write({**raw, "font_size": 14})
    s, note = load_settings()
    [name] = raw
    assert getattr(s, name) == getattr(Settings(), name)
    assert s.font_size == 14, "the good fields are kept"
    assert note and name.replace("_", " ") in note
    assert list(settings_path().parent.glob("settings.json.before-reset-*"))


@pytest.mark.parametrize("raw", ["{not json", "[1, 2]", "[" * 100_000 + "]" * 100_000, "\xff\xfe"])
def test_an_unreadable_file_is_moved_aside(raw: str) -> None:
    write(raw)
    s, note = load_settings()
    assert s == Settings() and note and "moved" in note
    assert list(settings_path().parent.glob("settings.json.bad-*"))
    assert not settings_path().exists()


def test_the_servers_slots_make_room_in_the_load_only_while_it_is_on() -> None:
    assert Settings().slots is None, "no server: the window answers one at a time"
    assert Settings(server_enabled=True).slots == 4, "as many as fit, up to 4"
    assert Settings(server_enabled=True, server_slots=2).slots == 2
    assert Settings(server_enabled=False, server_slots=2).slots is None


def test_unknown_fields_are_ignored() -> None:
    write({"recent_models": ["a"], "theme": "dark"})
    assert load_settings() == (Settings(theme="dark"), None)


def test_a_quantized_kv_cache_needs_flash_attention() -> None:
    assert "flash attention" in " ".join(Settings(kv_cache_type="q8_0", flash_attn="off").validate())
    assert Settings(kv_cache_type="q8_0").validate() == []  # "auto" turns it on for a quantized cache
    with pytest.raises(ValueError):
        save_settings(Settings(kv_cache_type="q4_0", flash_attn="off"))
    write({"kv_cache_type": "q8_0", "flash_attn": "off"})
    s, note = load_settings()
    assert s.kv_cache_type == "f16" and note


@pytest.mark.parametrize(("old", "new"), [(True, "on"), (False, "off")])
def test_an_older_file_s_flash_attention_checkbox_is_kept(old: bool, new: str) -> None:
    write({"flash_attn": old, "kv_cache_type": "q8_0" if old else "f16"})
    s, note = load_settings()
    assert (s.flash_attn, note) == (new, None)
    assert s.load_config().flash_attn == new and s.load_config().type_v == s.kv_cache_type


def test_every_setting_has_a_rule() -> None:
    assert set(SCHEMA) == set(Settings.__dataclass_fields__)
