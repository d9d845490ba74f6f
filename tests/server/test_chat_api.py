"""The official openai client against the server, with a tiny R1 model whose output a grammar
makes exact: the DeepSeek reasoning split, raw reasoning, usage, Deep Thinking off, models."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.models.installed import import_gguf
from tests.server.conftest import Running, get, post
from tests.support.tiny_model import gbnf_literal, write_tiny_model

FORCED = "Six times seven.\n</think>\n\nThe answer is **42**."
ASK = [{"role": "user", "content": "What is 6 * 7?"}]


def forced(text: str = FORCED) -> dict[str, object]:
    return {"grammar": gbnf_literal(text)}


def test_whole_answer_splits_reasoning_from_content(tiny_server: Running) -> None:
    r = tiny_server.client().chat.completions.create(model="", messages=ASK, extra_body=forced())
    choice = r.choices[0]
    assert choice.message.content == "The answer is **42**."
    assert choice.message.model_extra["reasoning_content"] == "Six times seven."
    assert "<think>" not in choice.message.content and "</think>" not in choice.message.content
    assert choice.finish_reason == "stop"
    assert r.model == "tiny-r1.gguf"
    u = r.usage
    assert u is not None and u.prompt_tokens > 0
    assert 0 < u.completion_tokens_details.reasoning_tokens < u.completion_tokens
    assert u.total_tokens == u.prompt_tokens + u.completion_tokens


def test_streamed_answer_joins_to_the_whole_one(tiny_server: Running) -> None:
    stream = tiny_server.client().chat.completions.create(model="", messages=ASK, stream=True, extra_body=forced())
    chunks = list(stream)
    assert chunks[0].choices[0].delta.role == "assistant"
    reasoning = "".join((c.choices[0].delta.model_extra or {}).get("reasoning_content") or "" for c in chunks)
    content = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert reasoning == "Six times seven."
    assert content == "The answer is **42**."
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert all(c.usage is None for c in chunks), "no usage unless stream_options asks for it"
    # reasoning arrives before the answer
    kinds = ["r" if (c.choices[0].delta.model_extra or {}).get("reasoning_content") else "a" for c in chunks[1:-1]]
    kinds = [k for k, c in zip(kinds, chunks[1:-1]) if k == "r" or c.choices[0].delta.content]
    assert kinds == sorted(kinds, key=lambda k: k == "a")


def test_include_usage_adds_a_last_chunk_with_the_counts(tiny_server: Running) -> None:
    stream = tiny_server.client().chat.completions.create(
        model="", messages=ASK, stream=True, stream_options={"include_usage": True}, extra_body=forced()
    )
    chunks = list(stream)
    last = chunks[-1]
    assert last.choices == []
    assert last.usage is not None and last.usage.completion_tokens > 0
    assert 0 < last.usage.completion_tokens_details.reasoning_tokens < last.usage.completion_tokens
    assert chunks[-2].choices[0].finish_reason == "stop"


def test_reasoning_format_none_keeps_the_think_block_in_content(tiny_server: Running) -> None:
    for stream in (False, True):
        r = tiny_server.client().chat.completions.create(
            model="", messages=ASK, stream=stream, extra_body={**forced(), "reasoning_format": "none"}
        )
        if stream:
            content = "".join(c.choices[0].delta.content or "" for c in r if c.choices)
        else:
            content = r.choices[0].message.content
            assert "reasoning_content" not in (r.choices[0].message.model_extra or {})
        assert content == "<think>\n" + FORCED


def test_length_limit_is_finish_reason_length(tiny_server: Running) -> None:
    r = tiny_server.client().chat.completions.create(model="", messages=ASK, max_tokens=4, extra_body=forced())
    assert r.choices[0].finish_reason == "length"
    assert r.usage is not None and r.usage.completion_tokens == 4
    assert r.choices[0].message.content == ""  # still thinking when the limit came


@pytest.mark.parametrize(
    "switch",
    [{"reasoning_effort": "none"}, {"chat_template_kwargs": {"enable_thinking": False}}, {"think": False}],
    ids=["reasoning_effort", "enable_thinking", "think"],
)
def test_deep_thinking_off(tiny_server: Running, switch: dict[str, object]) -> None:
    base = tiny_server.url.removesuffix("/v1")
    status, _, rendered = post(f"{base}/apply-template", {"messages": ASK, **switch})
    assert status == 200
    assert rendered["prompt"].endswith("<｜Assistant｜><think>\n\n</think>\n\n")
    r = tiny_server.client().chat.completions.create(
        model="", messages=ASK, extra_body={**forced("The answer is 42."), **switch}
    )
    assert r.choices[0].message.content == "The answer is 42."
    assert not (r.choices[0].message.model_extra or {}).get("reasoning_content")
    assert r.usage is not None and r.usage.completion_tokens_details.reasoning_tokens == 0


def test_r1_protocol_system_merged_and_old_reasoning_dropped(tiny_server: Running) -> None:
    base = tiny_server.url.removesuffix("/v1")
    messages = [
        {"role": "system", "content": "You are terse."},
        {"role": "user", "content": "What is 6 * 7?"},
        {"role": "assistant", "content": "<think>Six sevens.</think>42.", "reasoning_content": "Six sevens."},
        {"role": "user", "content": [{"type": "text", "text": "And 6 * 8?"}]},
    ]
    status, headers, rendered = post(f"{base}/apply-template", {"messages": messages})
    assert status == 200
    assert headers.get("x-r1desk-system-merged") == "first-user-turn"
    assert rendered["prompt"] == (
        "<｜begin▁of▁sentence｜><｜User｜>You are terse.\n\nWhat is 6 * 7?<｜Assistant｜>42.<｜end▁of▁sentence｜>"
        "<｜User｜>And 6 * 8?<｜Assistant｜><think>\n"
    )
    raw = tiny_server.client().chat.completions.with_raw_response.create(
        model="", messages=messages, extra_body=forced()
    )
    assert raw.headers.get("x-r1desk-system-merged") == "first-user-turn"


def test_stop_strings_end_the_answer(tiny_server: Running) -> None:
    r = tiny_server.client().chat.completions.create(model="", messages=ASK, stop=["**4"], extra_body=forced())
    assert r.choices[0].message.content == "The answer is"
    assert r.choices[0].finish_reason == "stop"
    assert r.choices[0].model_extra["stop_reason"] == "stop_string"


def test_raw_completion(tiny_server: Running) -> None:
    prompt = "<｜begin▁of▁sentence｜><｜User｜>Hi<｜Assistant｜><think>\n"
    r = tiny_server.client().completions.create(model="", prompt=prompt, extra_body=forced())
    assert r.choices[0].text == FORCED
    assert r.object == "text_completion"


def test_models_lists_installed_models_with_the_loaded_one_first(tiny_server: Running, tmp_path: Path) -> None:
    other = import_gguf(write_tiny_model(tmp_path / "other-r1.gguf", seed=1))
    models = tiny_server.client().models.list().data
    assert [m.id for m in models] == ["tiny-r1.gguf", "other-r1.gguf"]
    assert models[0].model_extra["loaded"] and not models[1].model_extra["loaded"]
    assert models[1].model_extra["path"] == str(other)


def test_a_request_naming_another_model_loads_it(tiny_server: Running, tmp_path: Path, tiny_model: Path) -> None:
    import_gguf(write_tiny_model(tmp_path / "other-r1.gguf", seed=1))
    client = tiny_server.client()
    r = client.chat.completions.create(model="other-r1", messages=ASK, extra_body=forced())
    assert r.model == "other-r1.gguf"
    assert r.choices[0].message.content == "The answer is **42**."
    assert tiny_server.gate.state().model.endswith("other-r1.gguf")
    assert client.models.list().data[0].id == "other-r1.gguf"
    # and back, by its path
    r = client.chat.completions.create(model=str(tiny_model), messages=ASK, extra_body=forced())
    assert r.model == "tiny-r1.gguf"
    assert get(tiny_server.url.removesuffix("/v1") + "/health")[1]["model"] == str(tiny_model)


def test_each_request_is_logged(tiny_server: Running) -> None:
    tiny_server.client().chat.completions.create(model="", messages=ASK, extra_body=forced())
    line = tiny_server.logs[-1].line()
    assert line.startswith("POST /v1/chat/completions 200 · tiny-r1.gguf · ")
    assert "tokens" in line and "tok/s" in line
