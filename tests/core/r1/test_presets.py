"""Presets: the paper's values exactly, validation, the user's own, system-prompt merging."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.r1.presets import (
    Preset,
    PresetError,
    all_presets,
    apply_preset,
    builtin_presets,
    delete_user_preset,
    get_preset,
    save_user_preset,
    user_presets_path,
)
from app.core.r1.sampling import Sampling

MATH = "Please reason step by step, and put your final answer within \\boxed{}."


def test_default_preset_is_the_papers() -> None:
    p = get_preset("R1 (paper)")
    s = p.sampling
    assert (s.temperature, s.top_p, s.top_k, s.min_p, s.repeat_penalty, s.max_tokens) == (0.6, 0.95, 0, 0.0, 1.0, 32768)
    assert p.instruction == "" and p.builtin
    assert Sampling() == s.with_()  # the code's defaults are the same values


def test_math_preset_appends_the_model_card_directive() -> None:
    msgs = apply_preset([{"role": "user", "content": "What is 2+2?"}], get_preset("math"))
    assert msgs == [{"role": "user", "content": "What is 2+2?\n" + MATH}]


def test_builtin_range_presets() -> None:
    temps = {p.name: p.sampling.temperature for p in builtin_presets()}
    assert temps["Precise (0.5)"] == 0.5 and temps["Exploratory (0.7)"] == 0.7
    assert "Code" in temps


def test_system_prompt_goes_into_the_first_user_turn() -> None:
    msgs = [
        {"role": "user", "content": "Hi"},
        {"role": "assistant", "content": "Hello"},
        {"role": "user", "content": "Sum 1..10"},
    ]
    out = apply_preset(msgs, get_preset("Math"), system="You are terse.")
    assert out[0]["content"] == "You are terse.\n\nHi"
    assert out[2]["content"].endswith(MATH) and MATH not in out[0]["content"]
    assert not any(m["role"] == "system" for m in out)
    assert msgs[0]["content"] == "Hi"  # the caller's list is untouched


def test_user_presets_round_trip() -> None:
    save_user_preset(Preset("Mine", Sampling(temperature=0.55, max_tokens=4096), "Answer in French."))
    p = get_preset("mine")
    assert p.sampling.temperature == 0.55 and p.instruction == "Answer in French." and not p.builtin
    assert [q.name for q in all_presets()][-1] == "Mine"
    delete_user_preset("Mine")
    with pytest.raises(PresetError, match="No preset"):
        get_preset("Mine")


def test_builtin_names_cannot_be_overwritten() -> None:
    with pytest.raises(PresetError, match="built-in"):
        save_user_preset(Preset("Math", Sampling(temperature=1.0)))


@pytest.mark.parametrize(
    "bad",
    [
        {"temperature": 5},
        {"top_p": -1},
        {"max_tokens": 0},
        {"top_k": 1.5},
        {"banana": 1},
        {"temperature": "hot"},
    ],
)
def test_invalid_sampling_is_rejected(bad: dict) -> None:
    with pytest.raises((ValueError, TypeError)):
        Sampling.from_dict(bad)


def test_corrupt_user_file_is_set_aside(tmp_path: Path) -> None:
    path = user_presets_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": 1, "presets": [{"name": "x", "sampling": {"temperature": 9}}]}))
    names = [p.name for p in all_presets()]
    assert names == [p.name for p in builtin_presets()]
    assert not path.exists()
    assert list(path.parent.glob("presets.json.bad-*"))
