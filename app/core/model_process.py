"""The model process's main loop: load, render, stream, answering the app over a pipe.

One request at a time. Every failure is sent back as a ``Failed`` event naming an
``errors`` class; only a native fault (which kills this process) goes unreported, and the app
notices that through the process sentinel.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from typing import Any

from app.core import errors
from app.core.llama_runner import LlamaRunner, backend_info
from app.core.protocol import ChatRequest, Delta, Event, Failed, LoadParams, Progress, Tick

FLUSH_S = 0.05


def _failed(e: BaseException) -> Failed:
    if isinstance(e, errors.EngineError):
        return Failed(type(e).__name__, str(e))
    if isinstance(e, ValueError):  # a bad request (messages, grammar), not a broken engine
        return Failed("EngineError", str(e))
    return Failed("EngineError", f"{type(e).__name__}: {e}")


def _send_coalesced(events: Iterator[Event], send: Callable[[Any], None]) -> None:
    """Send deltas at most every FLUSH_S, merged, instead of one message per token.

    Every message wakes the app process, and on a machine whose cores all run llama.cpp's
    threads each wake-up stalls a token step (measured: one message per token cost 6-10% of
    the speed of SmolLM2 on 2 cores). A delta waits at most until the next token, and only
    when tokens come faster than FLUSH_S; the first one goes out at once.
    """
    kind: str | None = None
    parts: list[str] = []
    last = float("-inf")
    for ev in events:
        if type(ev) is Tick:
            if time.perf_counter() - last >= FLUSH_S:
                send(ev)  # only between flushes: a Tick must not wake the app more often than deltas
            continue
        if type(ev) is Delta:
            if parts and ev.kind != kind:
                send(Delta(kind, "".join(parts)))  # type: ignore[arg-type]
                parts.clear()
                last = time.perf_counter()
            kind = ev.kind
            parts.append(ev.text)
            now = time.perf_counter()
            if now - last >= FLUSH_S:
                send(Delta(kind, "".join(parts)))  # type: ignore[arg-type]
                parts.clear()
                last = now
        else:
            if parts:
                send(Delta(kind, "".join(parts)))  # type: ignore[arg-type]
                parts.clear()
            send(ev)


def serve(conn: Connection, cancel: Any, answer_now: Any) -> None:
    """Answer requests until ``("close",)`` arrives or the pipe breaks."""
    runner: LlamaRunner | None = None
    send = conn.send
    send(("hello", backend_info()))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            break
        op = msg[0]
        try:
            if op == "close":
                break
            if op == "load":
                params: LoadParams = msg[1]
                if runner is not None:
                    runner.close()
                    runner = None
                runner = LlamaRunner(
                    params,
                    on_progress=lambda f: send(Progress(f)) or not cancel.is_set(),
                    on_log=lambda line: send(("log", line)),
                )
                send(("loaded", runner.facts()))
            elif runner is None:
                send(Failed("EngineError", "No model is loaded."))
            elif op == "render":
                request: ChatRequest = msg[1]
                send(("rendered", runner.render(request)[0]))
            elif op == "chat":
                _send_coalesced(runner.stream(msg[1], cancel, answer_now), send)
            elif op == "unload":
                runner.close()
                runner = None
                send(("unloaded",))
        except Exception as e:  # reported to the app, which raises it there
            send(_failed(e))
    if runner is not None:
        runner.close()
    conn.close()
    sys.exit(0)
