"""The model process's main loop: load, render, stream, answering the app over a pipe.

One request at a time. Every failure is sent back as a ``Failed`` reply naming an ``errors``
class; only a native fault (which kills this process) goes unreported, and the app notices that
through the process sentinel.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from app.core import errors
from app.core.inference import coalesce
from app.core.inference.llama_runner import LlamaRunner, backend_info, devices
from app.core.inference.multi_serve import serve_many
from app.core.inference.parallel import Parallel
from app.core.inference.template_sandbox import TemplateSandbox
from app.core.inference.wire import (
    Close,
    Counted,
    CountTokens,
    Devices,
    Failed,
    Generate,
    GenerateMany,
    Hello,
    ListDevices,
    Load,
    Loaded,
    Log,
    Progress,
    Render,
    Rendered,
    StopStream,
    TokenCount,
    Unload,
    Unloaded,
)


def _failed(e: BaseException) -> Failed:
    if isinstance(e, errors.EngineError):
        return Failed(type(e).__name__, str(e))
    if isinstance(e, ValueError):  # a bad request (messages, grammar), not a broken engine
        return Failed("EngineError", str(e))
    return Failed("EngineError", f"{type(e).__name__}: {e}")


STOP_IN_LOAD = "R1DESK_TEST_STOP_IN_LOAD"


def _progress(send: Callable[[Any], None], cancel: Any) -> Callable[[float], bool]:
    """llama.cpp's load progress, sent to the app; False asks llama.cpp to give up the load.

    A seam for the kill tests: while the file that ``R1DESK_TEST_STOP_IN_LOAD`` names exists,
    this process stops itself (SIGSTOP) in the middle of each load, so a kill lands inside the
    load on any machine, however fast the load would otherwise be over."""
    marker = os.environ.get(STOP_IN_LOAD)

    def progress(fraction: float) -> bool:
        send(Progress(fraction))
        if marker and 0.0 < fraction < 1.0 and os.path.exists(marker) and hasattr(signal, "SIGSTOP"):
            os.kill(os.getpid(), signal.SIGSTOP)
        return not cancel.is_set()

    return progress


def serve(conn: Connection, cancel: Any, answer_now: Any) -> None:
    """Answer requests until ``Close`` arrives or the pipe breaks."""
    runner: LlamaRunner | None = None
    templates = TemplateSandbox()  # one helper for the models this process loads, one after another
    send = conn.send
    send(Hello(backend_info()))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            break
        if isinstance(msg, Close):
            break
        try:
            match msg:
                case ListDevices():
                    send(Devices(devices()))
                case Load(params):
                    if runner is not None:
                        runner.close()
                        runner = None
                    runner = LlamaRunner(
                        params,
                        on_progress=_progress(send, cancel),
                        on_log=lambda line: send(Log(line)),
                        templates=templates,
                    )
                    send(Loaded(runner.facts()))
                case _ if runner is None:
                    send(Failed("EngineError", "No model is loaded."))
                case Render(request):
                    send(Rendered(runner.render(request)[0]))
                case CountTokens(texts, request):
                    prompt = runner.render(request)[0].n_tokens if request is not None else None
                    send(Counted(TokenCount([runner.count_tokens(t) for t in texts], prompt)))
                case Generate(request):
                    events = runner.stream(request, cancel, answer_now)
                    for ev in coalesce.coalesce(events, coalesce.FLUSH_S, flush_at=request.options.hold_at):
                        send(ev)
                case GenerateMany():
                    if not serve_many(conn, Parallel(runner), msg, cancel, answer_now, _failed):
                        break
                case StopStream():
                    pass  # for answers that have ended meanwhile
                case Unload():
                    runner.close()
                    runner = None
                    send(Unloaded())
                case _:
                    send(Failed("EngineError", f"Unknown request {type(msg).__name__}."))
        except Exception as e:  # reported to the app, which raises it there
            send(_failed(e))
    if runner is not None:
        runner.close()
    templates.close()
    conn.close()
    sys.exit(0)
