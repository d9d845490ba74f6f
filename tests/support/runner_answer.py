"""A whole answer from a ``LlamaRunner`` in this process: its text and Stats (greedy unless the
caller's sampling says otherwise). The speculative-decoding and draft-model tests compare these."""

from __future__ import annotations

import threading

from app.core.inference.events import ChatOptions, Delta, Stats
from app.core.inference.llama_runner import LlamaRunner
from app.core.inference.wire import ChatRequest
from app.core.r1.sampling import Sampling


def greedy_answer(runner: LlamaRunner, prompt: str, options: ChatOptions, max_tokens: int) -> tuple[str, Stats]:
    request = ChatRequest(
        [{"role": "user", "content": prompt}], Sampling(temperature=0.0, max_tokens=max_tokens), options
    )
    text, stats = [], None
    for ev in runner.stream(request, threading.Event(), threading.Event()):
        if isinstance(ev, Delta):
            text.append(ev.text)
        elif isinstance(ev, Stats):
            stats = ev
    assert stats is not None
    return "".join(text), stats
