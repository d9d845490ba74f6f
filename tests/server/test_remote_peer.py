"""R1 Desk as the remote engine of another R1 Desk: the window on one machine, ``r1desk serve``
on the machine with the GPU. The reasoning travels as ``reasoning_content`` and lands in the
Thinking pane's events again; Stop reaches the serving side."""

from __future__ import annotations

from app.core.config.endpoints import Endpoint
from app.core.inference.events import Delta, LoadParams, Stats
from app.core.inference.remote_engine import RemoteEngine, probe
from app.core.r1.sampling import Sampling
from tests.server.conftest import Running, wait_for


def test_another_r1_desk_serves_reasoning_and_answer_and_stops(tiny_server: Running) -> None:
    ep = Endpoint("the GPU box", tiny_server.url)
    found = probe(ep, None)
    assert [m.id for m in found.models][:1] == ["tiny-r1.gguf"]
    with RemoteEngine(ep) as e:
        e.load(LoadParams(found.models[0].id))
        events = list(e.stream_chat([{"role": "user", "content": "Hello"}], Sampling(max_tokens=24, seed=1)))
        stats = events[-1]
        assert isinstance(stats, Stats) and stats.generated_tokens > 0
        assert stats.thought, "the R1 template opens the reasoning: it arrives as reasoning"
        reasoning = "".join(ev.text for ev in events if isinstance(ev, Delta) and ev.kind == "reasoning")
        assert reasoning.strip() and "<think>" not in reasoning
        stream = e.stream_chat([{"role": "user", "content": "Count"}], Sampling(max_tokens=4000, seed=2))
        first = next(stream)
        e.cancel()
        rest = list(stream)
        assert isinstance(first, Delta) and isinstance(rest[-1], Stats) and rest[-1].finish_reason == "cancelled"
    wait_for(lambda: tiny_server.gate.state().running is None, timeout=60)  # the serving side let go
