"""Tool calls through the official openai client, for each format R1 models write: the tool
grammar makes a tiny model's call well-formed, streamed and whole; a call cut short is reported;
a call, its result and the answer make a two-step loop; a model that cannot call tools answers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.inference.events import LoadParams
from app.core.inference.local_engine import LocalEngine
from tests.server.conftest import Running, post, start, wait_for
from tests.support.tiny_model import TOOL_TOKENS, gbnf_literal, write_tiny_model
from tests.support.tool_templates import HERMES_TEMPLATE, official_template

CITIES = ["Paris", "Berlin", "Rome"]
WEATHER = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "The weather in a city now.",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string", "enum": CITIES}},
            "required": ["city"],
        },
    },
}
TIME = {"type": "function", "function": {"name": "get_time", "parameters": {"type": "object", "properties": {}}}}
SEARCH = {  # a free string: the model may write any character, JSON must still hold it
    "type": "function",
    "function": {
        "name": "search",
        "parameters": {"type": "object", "properties": {"query": {"type": "string", "maxLength": 60}}},
    },
}
NOTE = {  # arguments of 300 characters at least: a call that 200 tokens cut short
    "type": "function",
    "function": {
        "name": "write_note",
        "parameters": {
            "type": "object",
            "properties": {"text": {"type": "string", "minLength": 300}},
            "required": ["text"],
        },
    },
}
ENOUGH = 3000  # parallel calls end when the (random) model ends them: a bound far above what they take
ASK = [{"role": "user", "content": "What is the weather in Paris?"}]
OPENERS = {"deepseek": "<｜tool▁calls▁begin｜>", "hermes": "<tool_call>"}
TEMPLATES = {"deepseek": official_template("Qwen-32B"), "hermes": HERMES_TEMPLATE}


@pytest.fixture(scope="module", params=["deepseek", "hermes"])
def family(
    request: pytest.FixtureRequest, engine: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Running]]:
    fmt = request.param
    path = tmp_path_factory.mktemp("tools") / f"tiny-{fmt}.gguf"
    write_tiny_model(path, template=TEMPLATES[fmt], extra_tokens=TOOL_TOKENS)
    engine.load(LoadParams(str(path), n_ctx=8192))
    running = start(engine)
    yield fmt, running
    running.server.stop()


def forced(text: str) -> dict[str, Any]:
    return {"grammar": gbnf_literal(text)}


def joined(chunks: list[Any]) -> tuple[str, str, dict[int, dict[str, str]], list[Any]]:
    """Reasoning, content and the calls a stream's deltas add up to, and the tool-call pieces."""
    reasoning = content = ""
    calls: dict[int, dict[str, str]] = {}
    pieces = []
    for c in chunks:
        if not c.choices:
            continue
        d = c.choices[0].delta
        reasoning += (d.model_extra or {}).get("reasoning_content") or ""
        content += d.content or ""
        for t in d.tool_calls or []:
            pieces.append(t)
            call = calls.setdefault(t.index, {"id": "", "name": "", "arguments": ""})
            call["id"] += t.id or ""
            call["name"] += (t.function.name if t.function else None) or ""
            call["arguments"] += (t.function.arguments if t.function else None) or ""
    return reasoning, content, calls, pieces


def test_required_call_is_well_formed_whole_and_streamed(family: tuple[str, Running]) -> None:
    fmt, server = family
    client = server.client()
    think = forced("Paris, so get_weather.\n</think>\n\n")  # the reasoning stays free until </think>
    r = client.chat.completions.create(
        model="",
        messages=ASK,
        tools=[WEATHER, TIME],
        tool_choice="required",
        extra_body=think,
        seed=1,
        max_tokens=ENOUGH,
    )
    choice = r.choices[0]
    assert choice.finish_reason == "tool_calls"
    assert choice.message.model_extra["reasoning_content"] == "Paris, so get_weather."
    calls = choice.message.tool_calls
    assert calls and all(c.id.startswith("call_") and c.type == "function" for c in calls)
    for c in calls:
        args = json.loads(c.function.arguments)
        assert c.function.name in ("get_weather", "get_time")
        if c.function.name == "get_weather":
            assert args["city"] in CITIES, "the grammar holds the arguments to the schema"

    for seed in (5, 6, 7):  # free strings, whatever characters the (random) model picks, are JSON
        r = client.chat.completions.create(
            model="",
            messages=ASK,
            tools=[SEARCH],
            tool_choice="required",
            parallel_tool_calls=False,
            extra_body=think,
            seed=seed,
        )
        assert r.choices[0].finish_reason == "tool_calls", r.choices[0].model_extra
        assert isinstance(json.loads(r.choices[0].message.tool_calls[0].function.arguments), dict)

    stream = client.chat.completions.create(
        model="",
        messages=ASK,
        tools=[WEATHER],
        tool_choice={"type": "function", "function": {"name": "get_weather"}},
        parallel_tool_calls=False,
        stream=True,
        extra_body=think,
        seed=2,
    )
    chunks = list(stream)
    reasoning, content, streamed, pieces = joined(chunks)
    assert reasoning == "Paris, so get_weather." and content == ""
    assert list(streamed) == [0] and streamed[0]["name"] == "get_weather"
    assert json.loads(streamed[0]["arguments"])["city"] in CITIES
    first, rest = pieces[0], pieces[1:]
    assert first.id.startswith("call_") and first.type == "function" and first.function.name == "get_weather"
    assert rest and all(p.id is None and p.function.name is None and p.index == 0 for p in rest)
    assert chunks[-1].choices[0].finish_reason == "tool_calls"


def test_a_call_the_model_begins_gets_the_grammar_after_its_marker(family: tuple[str, Running]) -> None:
    fmt, server = family
    text = f"Look it up.\n</think>\n\nLet me check.{OPENERS[fmt]}"  # the model opens a call by itself
    r = server.client().chat.completions.create(
        model="", messages=ASK, tools=[WEATHER], extra_body=forced(text), seed=3, max_tokens=ENOUGH
    )
    m = r.choices[0].message
    assert m.content == "Let me check." and m.model_extra["reasoning_content"] == "Look it up."
    assert m.tool_calls and m.tool_calls[0].function.name == "get_weather"
    assert json.loads(m.tool_calls[0].function.arguments)["city"] in CITIES
    assert r.choices[0].finish_reason == "tool_calls"


def test_a_call_cut_short_is_reported_not_crashed_on(family: tuple[str, Running]) -> None:
    fmt, server = family
    client = server.client()
    think = forced("Go.\n</think>\n\n")
    kw: dict[str, Any] = {"model": "", "messages": ASK, "tools": [NOTE], "tool_choice": "required", "max_tokens": 200}
    r = client.chat.completions.create(**kw, extra_body=think)
    choice = r.choices[0]
    assert choice.finish_reason == "length"
    assert not choice.message.tool_calls, "a call it cannot use is not handed to the client"
    error = choice.model_extra["tool_call_error"]
    assert "write_note" in error and "ended in the middle" in error and "it wrote: write_note {" in error
    chunks = list(client.chat.completions.create(**kw, extra_body=think, stream=True))
    last = chunks[-1].choices[0]
    assert last.finish_reason == "length" and "ended in the middle" in last.model_extra["tool_call_error"]
    wait_for(lambda: "unusable tool call: the call to write_note" in server.logs[-1].note)


def test_call_result_answer_loop_through_the_client(family: tuple[str, Running]) -> None:
    fmt, server = family
    client = server.client()
    messages: list[Any] = list(ASK)
    r = client.chat.completions.create(
        model="", messages=messages, tools=[WEATHER], tool_choice="required", extra_body=forced("Ask.\n</think>\n\n")
    )
    call = r.choices[0].message.tool_calls[0]
    city = json.loads(call.function.arguments)["city"]
    messages.append(r.choices[0].message.model_dump(exclude_none=True))  # reasoning_content goes back too
    messages.append({"role": "tool", "tool_call_id": call.id, "content": f"{city}: 18 °C, sunny"})
    answer = f"It is 18 °C and sunny in {city}."
    r2 = client.chat.completions.create(
        model="", messages=messages, tools=[WEATHER], extra_body=forced(f"Got it.\n</think>\n\n{answer}")
    )
    assert r2.choices[0].message.content == answer and r2.choices[0].finish_reason == "stop"
    assert not r2.choices[0].message.tool_calls
    status, _, rendered = post(
        server.url.removesuffix("/v1") + "/apply-template", {"messages": messages, "tools": [WEATHER]}
    )
    prompt = rendered["prompt"]
    assert status == 200 and f"{city}: 18 °C, sunny" in prompt and call.function.arguments in prompt
    assert "Ask." not in prompt, "earlier reasoning is never sent back"
    assert "get_weather" in prompt.split(ASK[0]["content"])[0], "the tools are in the prompt"


def test_tool_choice_none_answers_as_text_and_says_so(family: tuple[str, Running]) -> None:
    _, server = family
    status, headers, body = post(
        server.url + "/chat/completions",
        {
            "messages": ASK,
            "tools": [WEATHER],
            "tool_choice": "none",
            "grammar": gbnf_literal("Hm.\n</think>\n\nSunny."),
        },
    )
    assert status == 200 and body["choices"][0]["message"]["content"] == "Sunny."
    assert headers.get("x-r1desk-tools") == "ignored (tool_choice is none)"
    assert "tool_calls" not in body["choices"][0]["message"]


def test_a_model_without_tool_turns_answers_as_text(tmp_path: Path) -> None:
    path = write_tiny_model(tmp_path / "no-tools.gguf", template="{% for m in messages %}{{ m.content }}{% endfor %}")
    with LocalEngine() as engine:
        engine.load(LoadParams(str(path), n_ctx=2048))
        server = start(engine)
        _ask_without_tool_turns(server)
        server.server.stop()


def _ask_without_tool_turns(server: Running) -> None:
    history = [
        *ASK,
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "c1",
                    "type": "function",
                    "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'},
                }
            ],
        },
        {"role": "tool", "tool_call_id": "c1", "content": "18 C"},
    ]
    body = {"messages": history, "tools": [WEATHER], "tool_choice": "required", "grammar": gbnf_literal("18 C.")}
    status, headers, reply = post(server.url + "/chat/completions", body)
    assert status == 200 and reply["choices"][0]["message"]["content"] == "18 C."
    assert headers.get("x-r1desk-tools") == "ignored (no-tools.gguf's chat template has no tool-call turns; 1 tool)"
    assert "tools ignored" in server.logs[-1].note
    _, _, rendered = post(server.url.removesuffix("/v1") + "/apply-template", body)
    assert "[result of get_weather]\n18 C" in rendered["prompt"], "tool turns reach it as text"


@pytest.mark.parametrize(
    ("field", "value", "param"),
    [
        ("tools", "get_weather", "tools"),
        ("tools", [{"type": "function", "function": {"description": "no name"}}], "tools"),
        ("tool_choice", {"type": "function", "function": {"name": "nope"}}, "tool_choice"),
        ("tool_choice", "sometimes", "tool_choice"),
    ],
)
def test_malformed_tools_are_a_400_naming_the_field(
    family: tuple[str, Running], field: str, value: Any, param: str
) -> None:
    body = {"messages": ASK, "tools": [WEATHER], field: value}
    status, _, reply = post(family[1].url + "/chat/completions", body)
    assert status == 400 and reply["error"]["param"] == param


def test_a_tool_call_in_one_of_two_slots(tmp_path: Path) -> None:
    """With slots each answer runs on a sequence of its own (``parallel.py``): the tool grammar
    and the markers shown as text are that answer's, while another answer streams beside it."""
    path = tmp_path / "tiny-deepseek.gguf"
    write_tiny_model(path, template=TEMPLATES["deepseek"], extra_tokens=TOOL_TOKENS)
    with LocalEngine() as engine:
        engine.load(LoadParams(str(path), n_ctx=4096, n_seq=2))
        server = start(engine)
        try:
            client = server.client()
            beside = client.chat.completions.create(
                model="", messages=ASK, stream=True, max_tokens=400, extra_body=forced("Hm. " * 100)
            )
            next(iter(beside))  # it runs
            text = f"Look it up.\n</think>\n\nLet me check.{OPENERS['deepseek']}"
            r = client.chat.completions.create(
                model="", messages=ASK, tools=[WEATHER], extra_body=forced(text), seed=3, max_tokens=ENOUGH
            )
            m = r.choices[0].message
            assert m.content == "Let me check." and r.choices[0].finish_reason == "tool_calls"
            assert m.tool_calls and json.loads(m.tool_calls[0].function.arguments)["city"] in CITIES
            reasoning, content, calls, _ = joined(list(beside))
            assert not calls and "<｜tool" not in reasoning + content
            assert (reasoning + content).count("Hm.") in (99, 100), "the other answer, whole"
        finally:
            server.server.stop()
