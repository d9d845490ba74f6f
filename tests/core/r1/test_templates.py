"""The history a chat template sees: earlier reasoning dropped, roles and text checked."""

from __future__ import annotations

import pytest

from app.core.r1.templates import answer_part, fallback_template, history_for_template


def test_earlier_assistant_turns_lose_their_reasoning() -> None:
    history = history_for_template(
        [
            {"role": "user", "content": "Q"},
            {"role": "assistant", "content": "<think>\nlong thought\n</think>\n\nThe answer."},
            {"role": "user", "content": "And <think> in a question stays?"},
        ]
    )
    assert history[1]["content"] == "\n\nThe answer."
    assert history[2]["content"] == "And <think> in a question stays?"


def test_answer_part_without_reasoning_is_the_whole_text() -> None:
    assert answer_part("Just the answer.") == "Just the answer."


@pytest.mark.parametrize(
    "bad", [{"role": "robot", "content": "x"}, {"role": "user", "content": None}, {"role": "tool"}, {"role": "user"}]
)
def test_unknown_roles_and_missing_text_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        history_for_template([bad])  # type: ignore[list-item]


def test_tool_turns_keep_their_calls_and_ids() -> None:
    call = {"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{}"}}
    history = history_for_template(
        [
            {"role": "user", "content": "Q"},
            {"role": "assistant", "content": None, "tool_calls": [call]},
            {"role": "tool", "content": "42", "tool_call_id": "c1", "name": "f"},
        ]
    )
    assert history[1] == {"role": "assistant", "content": "", "tool_calls": [call]}
    assert history[2] == {"role": "tool", "content": "42", "tool_call_id": "c1", "name": "f"}


def test_the_fallback_template_is_the_r1_format() -> None:
    t = fallback_template()
    assert "<｜User｜>" in t and "<｜Assistant｜>" in t and "<think>" in t
