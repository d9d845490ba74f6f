"""The model process's main loop: load, render, stream, answering the app over a pipe.

One request at a time. Every failure is sent back as a ``Failed`` event naming an
``errors`` class; only a native fault (which kills this process) goes unreported, and the app
notices that through the process sentinel.
"""

from __future__ import annotations

import sys
from multiprocessing.connection import Connection
from typing import Any

from app.core import errors
from app.core.llama_runner import LlamaRunner, backend_info
from app.core.protocol import ChatRequest, Failed, LoadParams, Progress


def _failed(e: BaseException) -> Failed:
    if isinstance(e, errors.EngineError):
        return Failed(type(e).__name__, str(e))
    if isinstance(e, ValueError):  # a bad request (messages, grammar), not a broken engine
        return Failed("EngineError", str(e))
    return Failed("EngineError", f"{type(e).__name__}: {e}")


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
                for event in runner.stream(msg[1], cancel, answer_now):
                    send(event)
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
