"""The local API over the real DeepSeek-R1-Distill-Qwen-7B tokenizer and template (the r1_model
fixture): ``reasoning_content`` apart from ``content``, whole and streamed, when the model writes
``</think>`` as its one token; usage counted in that vocabulary; the prompt the old template gets."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from app.core.inference.events import LoadParams
from app.core.inference.local_engine import LocalEngine
from tests.server.conftest import Running, post, start
from tests.support.engine_state import ensure_loaded
from tests.support.r1_model import END_THINK_ID, R1Model, official_render
from tests.support.tiny_model import gbnf_literal

ASK = [{"role": "user", "content": "1+1?"}]
FORCED = "Hmm, 1+1 is 2.\n</think>\n\nThe answer is **2**."
PROMPT_TOKENS = 9  # BOS <｜User｜> 1 + 1 ? <｜Assistant｜> <think> "\n"


@pytest.fixture(scope="module")
def r1_server(engine: LocalEngine, r1_model: R1Model) -> Iterator[Running]:
    ensure_loaded(engine, LoadParams(str(r1_model.path), n_ctx=2048))
    running = start(engine)
    yield running
    running.server.stop()


def forced(text: str = FORCED) -> dict[str, object]:
    return {"grammar": gbnf_literal(text)}


def expected_usage(r1_model: R1Model) -> tuple[int, int]:
    """(completion tokens, reasoning tokens) for FORCED: the model writes </think> as one token."""
    written = r1_model.spelling(FORCED)
    assert END_THINK_ID in written
    return len(written), written.index(END_THINK_ID) + 1


def extra(obj: Any) -> dict[str, Any]:
    return obj.model_extra or {}


def test_whole_answer_has_reasoning_content_apart(r1_server: Running, r1_model: R1Model) -> None:
    r = r1_server.client().chat.completions.create(model="", messages=ASK, extra_body=forced())
    message = r.choices[0].message
    assert message.content == "The answer is **2**."
    assert extra(message)["reasoning_content"] == "Hmm, 1+1 is 2."
    assert r.choices[0].finish_reason == "stop" and r.model == r1_model.path.name
    completion, reasoning = expected_usage(r1_model)
    u = r.usage
    assert u is not None and (u.prompt_tokens, u.completion_tokens) == (PROMPT_TOKENS, completion)
    assert u.completion_tokens_details is not None and u.completion_tokens_details.reasoning_tokens == reasoning
    assert u.total_tokens == PROMPT_TOKENS + completion


def test_streamed_answer_has_reasoning_content_apart(r1_server: Running, r1_model: R1Model) -> None:
    stream = r1_server.client().chat.completions.create(
        model="", messages=ASK, stream=True, stream_options={"include_usage": True}, extra_body=forced()
    )
    chunks = list(stream)
    deltas = [c.choices[0].delta for c in chunks if c.choices]
    reasoning = "".join(extra(d).get("reasoning_content") or "" for d in deltas)
    content = "".join(d.content or "" for d in deltas)
    assert (reasoning, content) == ("Hmm, 1+1 is 2.", "The answer is **2**.")
    assert not any("think>" in (extra(d).get("reasoning_content") or "") + (d.content or "") for d in deltas)
    last = chunks[-1]
    completion, n_reasoning = expected_usage(r1_model)
    assert last.choices == [] and last.usage is not None
    assert (last.usage.prompt_tokens, last.usage.completion_tokens) == (PROMPT_TOKENS, completion)
    assert last.usage.completion_tokens_details is not None
    assert last.usage.completion_tokens_details.reasoning_tokens == n_reasoning


def test_raw_reasoning_format_shows_the_forced_think(r1_server: Running) -> None:
    r = r1_server.client().chat.completions.create(
        model="", messages=ASK, extra_body={**forced(), "reasoning_format": "none"}
    )
    assert r.choices[0].message.content == "<think>\n" + FORCED  # the app opened it for the old template


def test_apply_template_is_the_official_rendering_plus_forced_think(r1_server: Running, r1_model: R1Model) -> None:
    messages = [
        {"role": "user", "content": "What is 2+2?"},
        {"role": "assistant", "content": "<think>\nTwo and two.\n</think>\n\nIt is **4**."},
        {"role": "user", "content": "And 3+3?"},
    ]
    official = official_render(r1_model.template, messages)
    status, _, rendered = post(r1_server.url.removesuffix("/v1") + "/apply-template", {"messages": messages})
    assert status == 200
    assert rendered["prompt"] == official + "<think>\n"
    assert "Two and two" not in rendered["prompt"]
    r = r1_server.client().chat.completions.create(model="", messages=messages, extra_body=forced())
    assert r.usage is not None and r.usage.prompt_tokens == rendered["n_tokens"]
