"""Both engines speak the one interface, and every message across the process boundary is typed."""

from __future__ import annotations

import pickle

from app.core.inference import wire
from app.core.inference.engine import Engine
from app.core.inference.events import BackendInfo, Delta, LoadParams, Stats, Tick, TokenCount
from app.core.inference.local_engine import LocalEngine
from tests.support.fake_engine import FakeEngine


def test_the_local_engine_and_the_test_fake_are_engines() -> None:
    assert isinstance(LocalEngine(), Engine)
    assert isinstance(FakeEngine(), Engine)


def test_every_wire_message_pickles_to_itself() -> None:
    request = wire.ChatRequest([{"role": "user", "content": "hi"}])
    messages = [
        wire.Load(LoadParams("m.gguf")),
        wire.Render(request),
        wire.CountTokens(["a", "b"], request),
        wire.Counted(TokenCount([1, 2], 9)),
        wire.Generate(request),
        wire.Unload(),
        wire.Close(),
        wire.Hello(BackendInfo("CPU", False, "", "0")),
        wire.Unloaded(),
        wire.Log("warn"),
        wire.Failed("EngineError", "no"),
        Delta("answer", "x"),
        Tick(16, 4.0),
        Stats.from_dict({}),
    ]
    for m in messages:
        assert pickle.loads(pickle.dumps(m)) == m
