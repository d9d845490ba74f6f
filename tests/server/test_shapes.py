"""The OpenAI objects the local API sends, as a client reads them: ids a client can tell apart,
the streamed and whole shapes of chat and text completions, usage and llama-server's timings,
tool calls joined from their pieces, and the R1 Desk fields (stop_reason, answered_early,
tool_call_error). The API tests cover them end to end; a one-line mutation pass over
``server/shapes.py`` showed which lines only these catch."""

from __future__ import annotations

from dataclasses import replace

from app.core.r1.tool_calls import ToolCallDelta
from app.server.service import Finished
from app.server.shapes import ChatShapes, timings, usage
from app.server.text import Piece
from tests.support.fake_engine import stats


def _done(**kw: object) -> Finished:
    s = replace(stats(12, 5), cached_tokens=8, prompt_tokens=20)
    base = {"stats": s, "finish_reason": "stop", "stop_reason": None, "model": "m"}
    return Finished(**{**base, **kw})  # type: ignore[arg-type]


def test_each_completion_has_its_own_id_with_openais_prefix() -> None:
    a, b, t = ChatShapes("m"), ChatShapes("m"), ChatShapes("m", text_completion=True)
    assert a.id.startswith("chatcmpl-") and t.id.startswith("cmpl-") and a.id != b.id
    assert {c["id"] for c in (a.first(), a.piece(Piece(content="x")), a.last(_done()))} == {a.id}


def test_a_streamed_chat_completion_has_the_chunk_shape() -> None:
    sh = ChatShapes("r1", include_usage=True)
    first = sh.first()
    assert first["object"] == "chat.completion.chunk" and first["model"] == "r1"
    assert first["choices"] == [
        {"index": 0, "delta": {"role": "assistant", "content": ""}, "logprobs": None, "finish_reason": None}
    ]
    assert first["usage"] is None  # include_usage: every chunk says usage null but the last
    piece = sh.piece(Piece(reasoning="hm", content="42"))
    assert piece["choices"][0]["delta"] == {"reasoning_content": "hm", "content": "42"}
    last = sh.last(_done(stop_reason="stop_string"))
    assert last["choices"][0]["finish_reason"] == "stop" and last["choices"][0]["stop_reason"] == "stop_string"
    assert last["timings"] == {
        "prompt_n": 12,
        "cache_n": 8,
        "prompt_ms": 50.0,
        "predicted_n": 12,
        "predicted_per_second": 42.0,
    }
    tail = sh.usage_chunk(_done())
    assert tail["choices"] == [] and tail["object"] == "chat.completion.chunk"
    assert tail["usage"]["total_tokens"] == 32 and tail["usage"]["completion_tokens_details"] == {"reasoning_tokens": 5}


def test_a_streamed_text_completion_has_text_not_deltas() -> None:
    sh = ChatShapes("m", text_completion=True)
    c = sh.piece(Piece(content="abc"))
    assert c["object"] == "text_completion"
    assert c["choices"] == [{"index": 0, "text": "abc", "logprobs": None, "finish_reason": None}]
    assert sh.piece(Piece(reasoning="only thinking"))["choices"][0]["text"] == ""
    assert sh.usage_chunk(_done())["object"] == "text_completion"


def test_whole_completions_carry_message_usage_and_timings() -> None:
    out = ChatShapes("m").whole("thought", "answer", _done(finish_reason="length", stop_reason="loop_guard"))
    assert out["object"] == "chat.completion"
    assert out["choices"][0]["message"] == {"role": "assistant", "content": "answer", "reasoning_content": "thought"}
    assert out["choices"][0]["finish_reason"] == "length" and out["choices"][0]["stop_reason"] == "loop_guard"
    assert out["usage"]["prompt_tokens_details"] == {"cached_tokens": 8} and out["timings"]["prompt_n"] == 12
    text = ChatShapes("m", text_completion=True).whole("", "abc", _done())
    assert text["object"] == "text_completion" and text["choices"][0]["text"] == "abc"
    assert "message" not in text["choices"][0]


def test_without_statistics_usage_is_zero_and_there_are_no_timings() -> None:
    assert usage(None)["total_tokens"] == 0 and usage(None)["prompt_tokens_details"] == {"cached_tokens": 0}
    assert timings(None) is None
    out = ChatShapes("m").whole("", "x", _done(stats=None))
    assert out["usage"]["completion_tokens"] == 0 and out["timings"] is None


def test_tool_calls_stream_in_pieces_and_join_whole() -> None:
    sh = ChatShapes("m")
    calls = [
        ToolCallDelta(0, "call_a", "read", ""),
        ToolCallDelta(0, arguments='{"path": '),
        ToolCallDelta(0, arguments='"a.py"}'),
        ToolCallDelta(1, "call_b", "list", "{}"),
    ]
    pieces = [sh.piece(Piece(tool_calls=(c,)))["choices"][0]["delta"]["tool_calls"][0] for c in calls]
    assert pieces[0] == {"index": 0, "id": "call_a", "type": "function", "function": {"name": "read", "arguments": ""}}
    assert pieces[1] == {"index": 0, "function": {"arguments": '{"path": '}}
    out = ChatShapes("m").whole("", "", _done(finish_reason="tool_calls"), calls)
    message = out["choices"][0]["message"]
    assert message["content"] is None  # a turn that only calls, as OpenAI sends it
    assert message["tool_calls"] == [
        {"id": "call_a", "type": "function", "function": {"name": "read", "arguments": '{"path": "a.py"}'}},
        {"id": "call_b", "type": "function", "function": {"name": "list", "arguments": "{}"}},
    ]


def test_a_call_the_model_left_unfinished_is_an_error_not_a_call() -> None:
    bad = _done(stats=replace(stats(3), bad_tool_calls=(1,)), tool_error="The answer ended inside a tool call.")
    calls = [ToolCallDelta(0, "a", "read", "{}"), ToolCallDelta(1, "b", "list", '{"pa')]
    choice = ChatShapes("m").whole("", "", bad, calls)["choices"][0]
    assert [c["id"] for c in choice["message"]["tool_calls"]] == ["a"]
    assert choice["tool_call_error"] == 'The answer ended inside a tool call. (it wrote: list {"pa)'
    streamed = ChatShapes("m").last(bad)["choices"][0]
    assert streamed["tool_call_error"] == "The answer ended inside a tool call."
    no_calls = _done(tool_error="The tool calls were cut off.")  # an error with no call to show
    assert ChatShapes("m").whole("", "x", no_calls)["choices"][0]["tool_call_error"] == "The tool calls were cut off."


def test_a_reasoning_closed_early_says_why() -> None:
    early = _done(stats=replace(stats(3), answered_early="answer_now"))
    assert ChatShapes("m").last(early)["choices"][0]["answered_early"] == "answer_now"
    assert ChatShapes("m").whole("", "x", early)["choices"][0]["answered_early"] == "answer_now"
    assert "answered_early" not in ChatShapes("m").whole("", "x", _done())["choices"][0]
