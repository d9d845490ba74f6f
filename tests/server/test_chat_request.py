"""Reading a request body: the R1 preset's defaults, the thinking switches and budgets, the
system merge, earlier reasoning dropped, content parts."""

from __future__ import annotations

import pytest

from app.server.chat_request import EFFORT_BUDGETS, parse_chat, parse_completion
from app.server.errors import ApiError

ASK = [{"role": "user", "content": "Hi"}]


def test_defaults_are_the_r1_preset() -> None:
    call = parse_chat({"messages": ASK})
    s = call.sampling
    assert (s.temperature, s.top_p, s.top_k, s.min_p, s.max_tokens) == (0.6, 0.95, 0, 0.0, 32_768)
    assert call.options.think and call.options.think_budget is None and not call.raw and not call.stream


def test_request_values_override_the_preset() -> None:
    call = parse_chat({"messages": ASK, "temperature": 0, "top_p": 1, "max_completion_tokens": 99, "seed": 7})
    assert (call.sampling.temperature, call.sampling.top_p, call.sampling.max_tokens, call.sampling.seed) == (
        0,
        1,
        99,
        7,
    )
    assert parse_chat({"messages": ASK, "max_tokens": 5}).sampling.max_tokens == 5
    assert parse_chat({"messages": ASK, "temperature": None}).sampling.temperature == 0.6


@pytest.mark.parametrize(("effort", "budget"), [("minimal", 256), ("low", 1024), ("medium", 4096), ("high", None)])
def test_reasoning_effort_maps_to_thinking_budgets(effort: str, budget: int | None) -> None:
    call = parse_chat({"messages": ASK, "reasoning_effort": effort})
    assert call.options.think and call.options.think_budget == budget == EFFORT_BUDGETS[effort]


def test_system_and_developer_messages_merge_into_the_first_user_turn() -> None:
    call = parse_chat(
        {
            "messages": [
                {"role": "system", "content": "Be terse."},
                {"role": "developer", "content": [{"type": "text", "text": "Use Python."}]},
                {"role": "user", "content": "Q1"},
                {"role": "assistant", "content": None, "reasoning_content": "hmm"},
                {"role": "user", "content": "Q2"},
            ]
        }
    )
    assert call.system_merged
    assert call.messages == [
        {"role": "user", "content": "Be terse.\n\nUse Python.\n\nQ1"},
        {"role": "assistant", "content": ""},
        {"role": "user", "content": "Q2"},
    ]


def test_earlier_reasoning_is_not_sent_back() -> None:
    call = parse_chat({"messages": [*ASK, {"role": "assistant", "content": "<think>x</think>\n\nA."}, *ASK]})
    assert call.messages[1] == {"role": "assistant", "content": "\n\nA."}


def test_raw_reasoning_and_stream_options() -> None:
    call = parse_chat(
        {
            "messages": ASK,
            "reasoning_format": "none",
            "stream": True,
            "stream_options": {"include_usage": True},
            "stop": "END",
        }
    )
    assert call.raw and call.stream and call.include_usage and call.stop == ("END",)


def test_completion_prompt_is_raw() -> None:
    call = parse_completion({"prompt": ["<｜User｜>x<｜Assistant｜>"], "max_tokens": 3})
    assert call.options.raw_prompt == "<｜User｜>x<｜Assistant｜>" and call.raw and call.sampling.max_tokens == 3
    with pytest.raises(ApiError, match="prompt"):
        parse_completion({"prompt": ["a", "b"]})


def test_wrong_types_name_the_field() -> None:
    with pytest.raises(ApiError) as e:
        parse_chat({"messages": ASK, "top_k": True})
    assert e.value.status == 400 and e.value.param == "top_k" and "integer" in e.value.message
    with pytest.raises(ApiError, match="between 0 and 2"):
        parse_chat({"messages": ASK, "temperature": 3})
    with pytest.raises(ApiError, match="enable_thinking"):
        parse_chat({"messages": ASK, "chat_template_kwargs": {"enable_thinking": "no"}})
