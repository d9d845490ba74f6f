"""Tool turns in the prompt: the official R1 templates, mended, write exactly what the app's own
R1 template writes, for one round of calls and for several (where the official ones break)."""

from __future__ import annotations

import pytest

from app.core.inference.template_sandbox import render
from app.core.r1 import tool_prompt
from app.core.r1.reasoning import FORCED_THINK, needs_forced_think
from app.core.r1.templates import fallback_template, history_for_template
from app.core.r1.tool_calls import ToolSpec
from tests.support.tool_templates import official_template

BOS, EOS = "<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>"


def call(name: str, args: str = '{"city": "Paris"}', i: int = 0) -> dict[str, object]:
    return {"id": f"call_{name}{i}", "type": "function", "function": {"name": name, "arguments": args}}


def calls(*names: str) -> dict[str, object]:
    return {"role": "assistant", "content": "", "tool_calls": [call(n, i=i) for i, n in enumerate(names)]}


def result(text: str, call_id: str = "call_weather0") -> dict[str, object]:
    return {"role": "tool", "tool_call_id": call_id, "content": text}


USER = {"role": "user", "content": "Weather in Paris and Berlin?"}
CONVERSATIONS = {
    "one call": [USER, calls("weather"), result("18 C")],
    "two calls, an answer, a new question": [
        USER,
        calls("weather", "weather"),
        result("18 C"),
        result("12 C", "call_weather1"),
        {"role": "assistant", "content": "<think>hm</think>Paris 18, Berlin 12."},
        {"role": "user", "content": "And Rome?"},
    ],
    "two rounds": [USER, calls("weather"), result("18 C"), calls("forecast"), result("rain")],
    "two rounds of two calls": [
        USER,
        calls("weather", "time"),
        result("18 C"),
        result("noon"),
        calls("forecast", "time"),
        result("rain"),
        result("one"),
    ],
    "a result, then the user": [USER, calls("weather"), result("18 C"), {"role": "user", "content": "Thanks"}],
}


def official(which: str, messages: list[dict[str, object]]) -> str:
    history = tool_prompt.for_format(history_for_template(messages), "deepseek")
    text = tool_prompt.repair_deepseek(render(official_template(which), history, BOS, EOS))
    return text + FORCED_THINK if needs_forced_think(text) else text  # R1's rule, as for every prompt


@pytest.mark.parametrize("which", ["Qwen-32B", "Llama-8B"])
@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_official_template_mended_equals_the_apps_own(which: str, name: str) -> None:
    messages = CONVERSATIONS[name]
    ours = render(fallback_template(), tool_prompt.for_format(history_for_template(messages), "deepseek"), BOS, EOS)
    assert official(which, messages) == ours
    assert (
        ours.count("<｜tool▁calls▁begin｜>")
        == ours.count("<｜tool▁calls▁end｜>")
        == ours.count("<｜Assistant｜><｜tool")
    )
    assert ours.count("<｜tool▁outputs▁begin｜>") == ours.count("<｜tool▁outputs▁end｜>")
    assert ours.endswith("<｜Assistant｜><think>\n")


def test_one_round_reads_as_deepseek_writes_it() -> None:
    text = render(fallback_template(), history_for_template(CONVERSATIONS["one call"]), BOS, EOS)
    assert text == (
        f"{BOS}<｜User｜>Weather in Paris and Berlin?<｜Assistant｜><｜tool▁calls▁begin｜><｜tool▁call▁begin｜>"
        'function<｜tool▁sep｜>weather\n```json\n{"city": "Paris"}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜>'
        f"{EOS}<｜tool▁outputs▁begin｜><｜tool▁output▁begin｜>18 C<｜tool▁output▁end｜><｜tool▁outputs▁end｜>"
        f"{EOS}<｜Assistant｜><think>\n"
    )


def test_without_tool_turns_the_template_writes_what_it_always_did() -> None:
    messages = [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "<think>x</think>Hello"}]
    messages.append({"role": "user", "content": "Bye"})
    assert render(fallback_template(), history_for_template(messages), BOS, EOS) == (
        f"{BOS}<｜User｜>Hi<｜Assistant｜>Hello{EOS}<｜User｜>Bye<｜Assistant｜><think>\n"
    )


def test_tool_turns_become_text_for_a_template_without_them() -> None:
    flat = tool_prompt.flatten(history_for_template(CONVERSATIONS["two calls, an answer, a new question"]))
    assert [m["role"] for m in flat] == ["user", "assistant", "user", "assistant", "user"]
    assert '[called weather with {"city": "Paris"}]' in flat[1]["content"]
    assert flat[2]["content"] == "[result of weather]\n18 C\n\n[result of weather]\n12 C"


def test_instruction_lists_the_tools_and_shows_a_call() -> None:
    spec = ToolSpec(({"type": "function", "function": {"name": "weather", "parameters": {"type": "object"}}},))
    text = tool_prompt.instruction("deepseek", spec)
    assert '"name": "weather"' in text and "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function" in text
    forced = tool_prompt.instruction("hermes", ToolSpec(spec.tools, required=True, name="weather"))
    assert "<tool_call>" in forced and forced.endswith("Answer with a call to the function weather.")
