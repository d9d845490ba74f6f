"""Tools through a remote engine: the request carries them and the tool turns as the OpenAI API
takes them; the server's calls come back as calls, and one whose arguments are not JSON is
reported in the statistics."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from app.core.config.endpoints import Endpoint
from app.core.inference.events import ChatOptions, Delta, LoadParams, Stats, ToolCallDelta, ToolSpec
from app.core.inference.remote_engine import RemoteEngine
from app.core.r1.sampling import Sampling
from tests.support.scripted_server import Script, ScriptedServer

WEATHER = {"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}
HISTORY = [
    {"role": "user", "content": "Weather in Paris and Rome?"},
    {
        "role": "assistant",
        "content": "",
        "tool_calls": [{"id": "c0", "type": "function", "function": {"name": "get_weather", "arguments": "{}"}}],
    },
    {"role": "tool", "tool_call_id": "c0", "name": "get_weather", "content": "18 C"},
]


@pytest.fixture(scope="module")
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer(models=("r1",), owned_by="vllm") as s:
        yield s


def test_tools_go_out_and_calls_come_back(server: ScriptedServer) -> None:
    server.script = Script(
        answer=["Checking."],
        tool_calls=[("get_weather", ['{"city"', ': "Paris"}']), ("get_weather", ['{"city": Rome}'])],
    )
    with RemoteEngine(Endpoint("gpu", server.url, ("r1",), "vllm")) as e:
        e.load(LoadParams("r1"))
        spec = ToolSpec((WEATHER,), required=True, parallel=False)
        events = list(e.stream_chat(HISTORY, Sampling(max_tokens=100), ChatOptions(tools=spec)))
    body = server.requests[-1]
    assert body["tools"] == [WEATHER] and body["tool_choice"] == "required" and body["parallel_tool_calls"] is False
    assert body["messages"][1]["tool_calls"][0]["function"]["name"] == "get_weather"
    assert body["messages"][2] == {"role": "tool", "content": "18 C", "tool_call_id": "c0"}
    calls: dict[int, list[str]] = {}
    for ev in events:
        if isinstance(ev, ToolCallDelta):
            c = calls.setdefault(ev.index, ["", "", ""])
            c[0], c[1], c[2] = c[0] + ev.id, c[1] + ev.name, c[2] + ev.arguments
    assert calls[0] == ["call_0", "get_weather", '{"city": "Paris"}'] and json.loads(calls[0][2])
    assert "".join(ev.text for ev in events if isinstance(ev, Delta) and ev.kind == "answer") == "Checking."
    stats = events[-1]
    assert isinstance(stats, Stats) and stats.tool_calls == 2 and stats.bad_tool_calls == (1,)
    assert "the call to get_weather (#2): its arguments are not valid JSON" in stats.tool_problem
    assert Stats.from_dict(json.loads(json.dumps(stats.to_dict()))) == stats, "stored in a chat, read back the same"
