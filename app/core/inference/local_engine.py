"""The local engine: a model running in a child process (the first ``Engine`` implementation).

llama.cpp aborts the whole process on some failures (out of memory while loading, backend
asserts, GPU driver faults). The model therefore lives in a spawned child (``model_server``)
that streams replies back over a pipe (``wire``); a dead child becomes an ``EngineCrashed``
error and the next ``load`` starts a fresh one. Files are checked (``gguf_header``) before
llama.cpp ever sees them.

Cancel and "answer now" are ``multiprocessing.Event`` flags that any thread may set; the child's
token loop checks them on every token, so a stop takes effect within one token.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import re
import signal
import sys
import tempfile
import threading
from collections.abc import Generator, Iterator
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, NoReturn

from app.core import errors
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
)
from app.core.inference.gguf_header import GGUFInfo, read_gguf
from app.core.inference.grammar_check import check_grammar
from app.core.inference.kv_cache import KV_TYPES
from app.core.inference.wire import (
    ChatRequest,
    Close,
    Counted,
    CountTokens,
    Failed,
    Generate,
    Hello,
    Load,
    Loaded,
    Log,
    Render,
    Rendered,
    Reply,
    Request,
    Unload,
)
from app.core.r1.sampling import Sampling

_START_TIMEOUT_S = 120.0
_POLL_S = 0.5
_PR_SET_PDEATHSIG = 1
_BUILD_PATH = re.compile(r"\S*/(?=[\w.+-]+:\d+:)")  # the build folder in "…/ggml/src/ggml.c:3354: GGML_ASSERT"


def _child_main(conn: Connection, cancel: Any, answer_now: Any, log_path: str | None = None) -> None:
    # Ctrl+C in a terminal reaches the whole process group; the app decides what it means and
    # tells the child through the cancel flag. (SIGINT was blocked from the start, see
    # _sigint_blocked; a Ctrl+C that came meanwhile is dropped here, not raised mid-import.)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _follow_parent()
    # The app starts this process as a daemon (it must never keep the app from exiting), and
    # multiprocessing forbids daemons children; this one has one, the template helper, which
    # dies with it (template_sandbox.py), so the rule's reason (orphans) does not apply.
    mp.current_process().daemon = False
    if log_path:
        _stderr_to(log_path)
    # ggml answers a failed assertion by attaching gdb for a backtrace (seconds, and pages of it
    # in the user's terminal); what it asserted is enough, and the app reports it.
    os.environ.setdefault("GGML_NO_BACKTRACE", "1")
    # Imported here, in the child, so the app process never loads llama.cpp. Nothing imported
    # before this point loads numpy: with a CUDA build, numpy loaded before llama.cpp's libraries
    # made every model load segfault (seen on an H200 with numpy 2.5.2); llama_runner imports
    # llama_cpp before anything that could import numpy.
    from app.core.inference.model_server import serve

    with contextlib.suppress(BrokenPipeError, ConnectionError, EOFError, SystemExit):
        serve(conn, cancel, answer_now)  # a broken pipe: the app is gone; leave quietly, no traceback
    os._exit(0)  # nothing left to flush, and no interpreter teardown under llama.cpp's threads


def _follow_parent() -> None:
    """Exit when the app dies, even if it was killed (SIGKILL leaves no chance to say goodbye).

    A thread waits on the parent's sentinel (the end of a pipe only the parent holds, which any
    death closes) and ends this process at once: busy in llama.cpp or in a template, the model
    process never lingers at 100 % CPU under PID 1. On Linux the kernel's parent-death signal
    comes first; it is sent when the *thread* that started us ends too (the window starts the
    model process from its worker thread), so the handler checks that the parent is really gone.
    """
    parent = mp.parent_process()
    if parent is None:
        return
    ppid = os.getppid()

    def watch() -> None:
        parent.join()
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    if sys.platform.startswith("linux"):

        def on_parent_death(*_: object) -> None:
            if os.getppid() != ppid:
                os._exit(0)

        with contextlib.suppress(Exception):
            signal.signal(signal.SIGUSR2, on_parent_death)
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGUSR2)
            if os.getppid() != ppid:  # died before prctl took effect
                os._exit(0)


def _stderr_to(path: str) -> None:
    """Send this process's stderr (llama.cpp's own messages, a native assertion) to ``path``, where
    the app reads its last lines if the process crashes."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        os.dup2(fd, 2)
        os.close(fd)
        sys.stderr = open(2, "w", encoding="utf-8", errors="replace", buffering=1, closefd=False)  # noqa: SIM115


@contextlib.contextmanager
def _sigint_blocked() -> Iterator[None]:
    """Start the model process with SIGINT blocked (a signal mask survives exec): a Ctrl+C during
    its start-up would otherwise print a KeyboardInterrupt traceback from Python's bootstrap."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


@contextlib.contextmanager
def _main_module_hidden() -> Iterator[None]:
    """Start the model process without re-running the caller's main module in it.

    ``spawn`` normally imports the parent's ``__main__`` in the child first. That costs start-up
    time, demands an ``if __name__ == "__main__"`` guard from every script, and can import numpy
    before llama_cpp (see ``_child_main``). The child needs nothing from it: the target lives here.
    """
    main = sys.modules.get("__main__")
    if main is None or getattr(sys, "frozen", False):
        yield
        return
    saved: dict[str, Any] = {k: main.__dict__[k] for k in ("__spec__", "__file__") if k in main.__dict__}
    main.__dict__.pop("__file__", None)
    main.__dict__["__spec__"] = None
    try:
        yield
    finally:
        main.__dict__.pop("__spec__", None)
        main.__dict__.update(saved)


def _raise(f: Failed) -> NoReturn:
    cls = getattr(errors, f.error, errors.EngineError)
    if not (isinstance(cls, type) and issubclass(cls, errors.EngineError)):
        cls = errors.EngineError
    raise cls(f.message)


class LocalEngine:
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
        self._cancel = self._ctx.Event()
        self._answer_now = self._ctx.Event()
        self._lock = threading.Lock()
        self._busy = False
        self._doing = ""
        self.info: GGUFInfo | None = None
        self.facts: ModelFacts | None = None
        self.params: LoadParams | None = None
        self.backend: BackendInfo | None = None
        self.log: list[str] = []
        self._stderr_log = ""  # the model process's stderr, read when it crashes

    # ---- process management ---------------------------------------------------------------

    def _ensure_process(self) -> Connection:
        if self._proc is not None and self._proc.is_alive() and self._conn is not None:
            return self._conn
        self._reap()
        parent, child = self._ctx.Pipe(duplex=True)
        fd, self._stderr_log = tempfile.mkstemp(prefix="r1desk-model-", suffix=".log")
        os.close(fd)
        proc = self._ctx.Process(
            target=_child_main,
            args=(child, self._cancel, self._answer_now, self._stderr_log),
            name="r1desk-model",
            daemon=True,
        )
        with _main_module_hidden(), _sigint_blocked():
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
        self._conn.send(request)

    def _recv(self, timeout: float | None = None) -> Reply:
        """The child's next reply; a dead child becomes EngineCrashed."""
        conn, proc = self._conn, self._proc
        assert conn is not None and proc is not None
        waited = 0.0
        while True:
            # Polling the pipe alone is the cheapest wait (this runs once per delta, beside
            # llama.cpp's threads). The child holds the only other end, so its death shows up
            # here as EOF; the liveness check covers a child that hangs instead.
            if not conn.poll(_POLL_S):
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
                _raise(msg)
            return msg

    def _crashed(self) -> NoReturn:
        proc = self._proc
        assert proc is not None
        proc.join(timeout=2)
        said = crash_lines(self.log, _tail(self._stderr_log))
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
        if params.kv_cache_type not in KV_TYPES:
            raise errors.EngineError(f"Unknown KV-cache type {params.kv_cache_type!r} (use f16, q8_0 or q4_0).")
        if not params.vocab_only and params.n_gpu_layers == 0:
            _check_memory(info, params)
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
        request = ChatRequest(list(messages), sampling or Sampling(), options or ChatOptions())
        if request.options.grammar:
            check_grammar(request.options.grammar)  # llama.cpp segfaults on one it cannot parse
        with self._lock:
            self._claim("answering")
            self._loaded_conn()
            self._cancel.clear()
            self._answer_now.clear()
            self._send(Generate(request))
            self._doing = "generating"
        finished = False
        try:
            while True:
                msg = self._recv()
                if type(msg) is Delta or type(msg) is Tick or type(msg) is Reading:
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
                self._send(Unload())
                self._recv(timeout=30)
            self.facts = self.info = None

    def close(self) -> None:
        """Stop the model process and wait for it. Idempotent."""
        self._cancel.set()
        if self._conn is not None:
            with contextlib.suppress(OSError, ValueError):
                self._conn.send(Close())
        if self._proc is not None:
            self._proc.join(timeout=5)
        self._reap()
        self.info = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- helpers --------------------------------------------------------------------------

    def _claim(self, what: str) -> None:
        if self._busy:
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


# What an exit signal says about a crash, in words (POSIX numbers; Windows has exit codes only).
_SIGNALS: dict[int, str] = {
    4: "SIGILL, an illegal instruction: this build of llama.cpp uses CPU instructions this machine cannot run. "
    "Rebuild llama-cpp-python without the host's native flags (see the README, GPU builds)",
    6: "SIGABRT: llama.cpp stopped on a failed internal check",
    7: "SIGBUS: the model file changed or became unreadable while it was in use",
    8: "SIGFPE: an arithmetic fault in llama.cpp",
    9: "SIGKILL: it was killed from outside, most often by the system because memory ran out. Try a smaller "
    "model, a shorter context or fewer GPU layers",
    11: "SIGSEGV: a memory fault in llama.cpp or the GPU driver",
}


def crash_message(doing: str, code: int | None, said: list[str]) -> str:
    """One sentence about a dead model process: what it was doing, how it ended, what llama.cpp said."""
    if code is not None and code < 0:
        how = _SIGNALS.get(-code, f"signal {-code}")
    else:
        how = f"exit code {code}"
    last = f" llama.cpp's last words: {' / '.join(said).rstrip('.')}." if said else ""
    return f"The model process crashed while {doing} ({how}).{last} You can load a model again."


def crash_lines(log: list[str], stderr: list[str], keep: int = 3) -> list[str]:
    """llama.cpp's last telling lines: an assertion or error from stderr first, then its log."""
    lines = [ln for ln in stderr if ln.strip() and not ln.startswith(("Traceback", "  File", "    "))]
    telling = [ln for ln in lines if any(k in ln for k in ("GGML_ASSERT", "error", "Error", "failed", "abort"))]
    picked = (telling or lines)[-keep:] or log[-keep:]
    return [_BUILD_PATH.sub("", ln.strip())[:300] for ln in picked]


def _tail(path: str, size: int = 16_384) -> list[str]:
    if not path:
        return []
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - size))
            return f.read().decode("utf-8", "replace").splitlines()
    except OSError:
        return []


def _check_memory(info: GGUFInfo, params: LoadParams) -> None:
    """Refuse a CPU load that cannot fit in this machine's RAM, before llama.cpp tries.

    (A GPU's share is checked by llama.cpp itself, which fails politely.)
    """
    from app.core.models.fit import estimate, shape_of

    try:
        import psutil

        total = psutil.virtual_memory().total
    except Exception:
        return
    mem = estimate(shape_of(info), info.file_size, params.n_ctx, params.kv_cache_type, params.flash_attn)
    kv, need = mem.kv_cache, mem.weights + mem.kv_cache
    if need > total:
        raise errors.OutOfMemoryError(
            f"{info.path.name} with a context of {params.n_ctx:,} tokens needs about {need / 1e9:.1f} GB "
            f"(model {info.file_size / 1e9:.1f} GB + KV cache {kv / 1e9:.1f} GB), but this machine "
            f"has {total / 1e9:.1f} GB of memory. Choose a shorter context, the q8_0 KV cache, or "
            "a smaller model."
        )
