"""The local engine: a model running in a child process (the first ``Engine`` implementation).

llama.cpp aborts the whole process on some failures (out of memory while loading, backend
asserts, GPU driver faults). The model therefore lives in a spawned child (``model_server``)
that streams replies back over a pipe (``wire``); a dead child becomes an ``EngineCrashed``
error and the next ``load`` starts a fresh one. Files are checked (``gguf_header``) before
llama.cpp ever sees them.

Cancel and "answer now" are flags in shared memory that any thread may set; the child's token
loop checks them on every token, so a stop takes effect within one token.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import tempfile
import threading
from collections.abc import Generator
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, NoReturn

from app.core import errors
from app.core.inference.crash_report import crash_lines, crash_message, tail_lines
from app.core.inference.engine import ProgressCallback
from app.core.inference.events import (
    BackendInfo,
    ChatMessage,
    ChatOptions,
    Delta,
    Event,
    LoadParams,
    ModelFacts,
    Progress,
    Reading,
    RenderedPrompt,
    Stats,
    Tick,
    TokenCount,
    ToolCallDelta,
)
from app.core.inference.grammar_check import check_grammar
from app.core.inference.local_streams import ManyStreams, raise_failed
from app.core.inference.memory_check import check_memory
from app.core.inference.model_process import child_main, main_module_hidden, sigint_blocked, stop_resource_tracker
from app.core.inference.shared_flag import SharedFlag
from app.core.inference.wire import (
    ChatRequest,
    Close,
    Counted,
    CountTokens,
    Devices,
    Failed,
    Generate,
    Hello,
    ListDevices,
    Load,
    Loaded,
    Log,
    Render,
    Rendered,
    Reply,
    Request,
    Unload,
)
from app.core.models.draft_vocab import check_draft
from app.core.models.gguf_header import GGUFInfo, read_gguf
from app.core.models.hardware import Device
from app.core.models.kv_cache import KV_TYPES
from app.core.r1.sampling import Sampling

_START_TIMEOUT_S = 120.0
_POLL_S = 0.5


class LocalEngine(ManyStreams):
    """Loads one GGUF at a time in a child process and streams chat answers from it.

    Attributes:
        info: the GGUF header facts of the loaded model (None before a load).
        facts: what llama.cpp reported after loading (None before a load).
        params: how the loaded model was loaded.
        backend: this llama-cpp-python build's backends, known once the child has started.
        log: recent warnings and errors llama.cpp printed.
    """

    def __init__(self) -> None:
        self._ctx = mp.get_context("spawn")
        self._proc: Any = None
        self._conn: Connection | None = None
        self._cancel = SharedFlag(self._ctx)
        self._answer_now = SharedFlag(self._ctx)
        self._lock = threading.Lock()
        self._busy = False
        self._doing = ""
        self.info: GGUFInfo | None = None
        self.facts: ModelFacts | None = None
        self.params: LoadParams | None = None
        self.backend: BackendInfo | None = None
        self.log: list[str] = []
        self._stderr_log = ""  # the model process's stderr, read when it crashes
        self._sending = threading.Lock()  # answers side by side send from their own threads
        self._shared_init()

    # ---- process management ---------------------------------------------------------------

    def _ensure_process(self) -> Connection:
        if self._proc is not None and self._proc.is_alive() and self._conn is not None:
            return self._conn
        self._reap()
        parent, child = self._ctx.Pipe(duplex=True)
        fd, self._stderr_log = tempfile.mkstemp(prefix="r1desk-model-", suffix=".log")
        os.close(fd)
        proc = self._ctx.Process(
            target=child_main,
            args=(child, self._cancel, self._answer_now, self._stderr_log),
            name="r1desk-model",
            daemon=True,
        )
        with main_module_hidden(), sigint_blocked():
            proc.start()
        child.close()
        self._proc, self._conn = proc, parent
        self._doing = "starting"
        hello = self._recv(timeout=_START_TIMEOUT_S)
        if not isinstance(hello, Hello):
            raise errors.EngineCrashed(f"The model process did not start properly ({hello!r}).")
        self.backend = hello.backend
        return parent

    def _reap(self) -> None:
        if self._conn is not None:
            self._conn.close()
        if self._proc is not None:
            self._proc.join(timeout=0.1)
            if self._proc.is_alive():
                self._proc.kill()
                self._proc.join(timeout=5)
        self._proc = self._conn = None
        self.facts = None
        if self._stderr_log:
            with contextlib.suppress(OSError):
                os.unlink(self._stderr_log)
            self._stderr_log = ""

    def _send(self, request: Request) -> None:
        assert self._conn is not None
        try:
            with self._sending:
                self._conn.send(request)
        except OSError:  # a broken pipe: the process died since we last heard from it
            self._crashed()

    def _recv(self, timeout: float | None = None) -> Reply:
        """The child's next reply; a dead child becomes EngineCrashed."""
        conn, proc = self._conn, self._proc
        assert conn is not None and proc is not None
        waited = 0.0
        while True:
            # Polling the pipe alone is the cheapest wait (this runs once per delta, beside
            # llama.cpp's threads). The child holds the only other end, so its death shows up
            # here as EOF; the liveness check covers a child that hangs instead.
            try:
                ready = conn.poll(_POLL_S)
            except (OSError, ValueError):  # close() closed the pipe under this thread
                self._crashed()
            if not ready:
                waited += _POLL_S
                if not proc.is_alive():
                    self._crashed()
                if timeout is not None and waited >= timeout:
                    raise errors.EngineError(f"The model process stopped answering while {self._doing}.")
                continue
            try:
                msg: Reply = conn.recv()
            except (EOFError, OSError):
                self._crashed()
            if isinstance(msg, Log):
                self.log = (self.log + [msg.line])[-20:]
                continue
            if isinstance(msg, Failed):
                raise_failed(msg)
            return msg

    def _crashed(self) -> NoReturn:
        proc = self._proc
        if proc is None:  # close() ended it from another thread (the window quitting): not a crash
            raise errors.EngineError("The model was closed.")
        proc.join(timeout=2)
        said = crash_lines(self.log, tail_lines(self._stderr_log))
        doing = self._doing
        code = proc.exitcode
        self._reap()
        self.info = None
        raise errors.EngineCrashed(crash_message(doing, code, said))

    # ---- the Engine interface -------------------------------------------------------------

    @property
    def loaded(self) -> bool:
        return self.facts is not None and self._proc is not None and self._proc.is_alive()

    def backend_info(self) -> BackendInfo:
        """The backends this llama-cpp-python build has (starts the model process if needed)."""
        with self._lock:
            self._ensure_process()
        assert self.backend is not None
        return self.backend

    def load(self, params: LoadParams, progress: ProgressCallback | None = None) -> ModelFacts:
        """Check the file, then load it in the model process.

        Raises an EngineError subclass with a message for the user when it cannot.
        """
        info = read_gguf(params.model)
        if params.n_ctx < 16:
            raise errors.EngineError(f"A context of {params.n_ctx} tokens is too short to chat.")
        cpus = os.cpu_count() or 1
        if params.n_threads is not None and not 1 <= params.n_threads <= cpus:
            raise errors.EngineError(
                f"{params.n_threads} threads: this machine runs {cpus} at a time. More threads than that make "
                f"llama.cpp many times slower; use 1 to {cpus}, or leave it unset for the physical cores."
            )
        for kv in (params.type_k, params.type_v):
            if kv not in KV_TYPES:
                raise errors.EngineError(f"Unknown KV-cache type {kv!r} (use f16, q8_0 or q4_0).")
        if params.draft_model and not params.vocab_only:
            check_draft(params.model, params.draft_model)  # the same vocabulary, or a sentence why not
            params = replace(params, draft_model=str(Path(params.draft_model).resolve()))
        if not params.vocab_only and params.n_gpu_layers == 0:
            check_memory(info, params)
        params = replace(params, model=str(Path(params.model).resolve()))
        with self._lock:
            self._claim("loading the model")
            try:
                self._ensure_process()
                self._cancel.clear()
                self.facts = None
                self.log = []
                self._send(Load(params))
                self._doing = f"loading {info.path.name}"
                while True:
                    msg = self._recv()
                    if isinstance(msg, Progress):
                        if progress is not None:
                            progress(msg.fraction)
                    elif isinstance(msg, Loaded):
                        from app.core.models.naming import display_name

                        facts = replace(msg.facts, name=display_name(info), quantization=info.quantization)
                        self.info, self.facts, self.params = info, facts, params
                        return facts
            finally:
                self._busy = False

    def devices(self) -> tuple[Device, ...] | None:
        """llama.cpp's devices and their free memory now (None: this build cannot list them).

        Raises EngineBusy while the model is loading or answering (the caller keeps what it knew)."""
        if not self._lock.acquire(timeout=1.0):  # a load holds it for as long as it takes
            raise errors.EngineBusy(f"The model is busy ({self._doing}); stop it first.")
        try:
            self._claim("listing the devices")  # busy answering: EngineBusy, and its claim stands
            try:
                self._ensure_process()
                self._send(ListDevices())
                msg = self._recv(timeout=_START_TIMEOUT_S)
                if not isinstance(msg, Devices):
                    raise errors.EngineError(f"The model process answered {type(msg).__name__} to a device list.")
                return msg.devices
            finally:
                self._busy = False
        finally:
            self._lock.release()

    def render_prompt(self, messages: list[ChatMessage], options: ChatOptions | None = None) -> RenderedPrompt:
        with self._lock:
            self._claim("rendering the prompt")
            try:
                self._loaded_conn()
                self._send(Render(ChatRequest(list(messages), Sampling(), options or ChatOptions())))
                msg = self._recv()
                if not isinstance(msg, Rendered):
                    raise errors.EngineError(f"The model process answered {type(msg).__name__} to a render.")
                return msg.prompt
            finally:
                self._busy = False

    def count_tokens(
        self, texts: list[str], messages: list[ChatMessage] | None = None, options: ChatOptions | None = None
    ) -> TokenCount:
        """Counted with the model's tokenizer in the model process (a vocabulary-only load will do)."""
        with self._lock:
            self._claim("counting tokens")
            try:
                self._loaded_conn()
                request = (
                    None if messages is None else ChatRequest(list(messages), Sampling(), options or ChatOptions())
                )
                self._send(CountTokens(list(texts), request))
                msg = self._recv()
                if not isinstance(msg, Counted):
                    raise errors.EngineError(f"The model process answered {type(msg).__name__} to a token count.")
                return msg.count
            finally:
                self._busy = False

    def stream_chat(
        self, messages: list[ChatMessage], sampling: Sampling | None = None, options: ChatOptions | None = None
    ) -> Generator[Event, None, None]:
        """One answer; with several slots loaded, callers may stream side by side (``local_streams.py``)."""
        request = ChatRequest(list(messages), sampling or Sampling(), options or ChatOptions())
        if request.options.grammar:
            check_grammar(request.options.grammar)  # llama.cpp segfaults on one it cannot parse
        if self.slots > 1:
            return self._stream_shared(request)
        return self._stream_one(request)

    def _stream_one(self, request: ChatRequest) -> Generator[Event, None, None]:
        with self._lock:
            self._claim("answering")
            self._loaded_conn()
            self._cancel.clear()
            self._answer_now.clear()
            try:
                self._send(Generate(request))
            except errors.EngineError:  # it died since the last request
                self._busy = False
                raise
            self._doing = "generating"
        finished = False
        try:
            while True:
                msg = self._recv()
                if type(msg) is Delta or type(msg) is Tick or type(msg) is Reading or type(msg) is ToolCallDelta:
                    yield msg
                elif isinstance(msg, Stats):
                    finished = True
                    yield msg
                    return
        except errors.EngineError:
            finished = True
            raise
        finally:
            if not finished and self._proc is not None and self._proc.is_alive():
                self._cancel.set()  # the consumer left early: stop and drain to the Stats
                try:
                    while not isinstance(self._recv(timeout=30), Stats):
                        pass
                except errors.EngineError:
                    pass
            self._busy = False

    def cancel(self) -> None:
        self._cancel.set()

    def answer_now(self) -> None:
        self._answer_now.set()

    def unload(self) -> None:
        with self._lock:
            if self.loaded and self._conn is not None:
                with contextlib.suppress(errors.EngineCrashed):  # a dead process has nothing loaded
                    self._send(Unload())
                    self._recv(timeout=30)
            self.facts = self.info = None

    def close(self) -> None:
        """Stop the model process and wait for it, so none outlives the app. Idempotent."""
        self._cancel.set()
        if self._conn is not None:
            with contextlib.suppress(OSError, ValueError):
                self._conn.send(Close())
        if self._proc is not None:
            self._proc.join(timeout=5)
        self._reap()
        self.info = None
        stop_resource_tracker()

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- helpers --------------------------------------------------------------------------

    def _claim(self, what: str) -> None:
        if self._busy or self._streaming:
            raise errors.EngineBusy(f"The model is busy ({self._doing}); stop it first.")
        self._busy = True
        self._doing = what

    def _loaded_conn(self) -> Connection:
        if not self.loaded or self._conn is None:
            self._busy = False
            if self.facts is not None and self._proc is not None:  # it died between requests
                self._doing = "waiting for the next request"
                self._crashed()
            raise errors.EngineError("No model is loaded.")
        return self._conn
