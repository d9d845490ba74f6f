"""What the API does for a request, without HTTP: find the model, wait for a turn at the engine
gate, load the model when the request names another one, stream, and report.

Each generation runs on its own thread (the engine's calls block); its output crosses to the
server's event loop through an ``asyncio.Queue``, one item per coalesced delta (at most 20 a
second), so the loop never waits on the engine. A client that goes away cancels its ticket:
waiting, it leaves the queue; running, the stream is closed, which cancels the generation
within one token and frees the engine for the next request.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from app.core import errors
from app.core.inference.engine import Engine
from app.core.inference.events import Delta, LoadParams, RenderedPrompt, Stats, ToolCallDelta
from app.core.inference.gate import Abandoned, EngineGate, Ticket
from app.core.inference.load_policy import LoadRequest, load_model
from app.core.models.hardware import Hardware
from app.core.r1.reasoning import prompt_opens_reasoning
from app.server.chat_request import Call
from app.server.errors import ApiError, from_core
from app.server.models import ModelEntry, find_model, installed_models
from app.server.text import Piece, Shaper

_END = object()
MODELS_TTL_S = 2.0  # how long the list of installed models is reused between requests


@dataclass(frozen=True)
class Finished:
    """The end of a generation.

    Attributes:
        finish_reason: "stop", "length" or "tool_calls", as OpenAI clients expect.
        stop_reason: why it stopped when that was not the model's own end: "stop_string",
            "loop_guard" (the answer repeated itself) or "cancelled".
        tool_error: why tool calls the model wrote cannot be used ("" when all can).
    """

    stats: Stats | None
    finish_reason: Literal["stop", "length", "tool_calls"]
    stop_reason: str | None
    model: str
    tool_error: str = ""


@dataclass(frozen=True)
class RequestLog:
    """One line of ``r1desk serve``'s log."""

    method: str
    path: str
    status: int
    model: str = ""
    tokens: int = 0
    tokens_per_s: float = 0.0
    seconds: float = 0.0
    note: str = ""

    def line(self) -> str:
        speed = f" · {self.tokens} tokens · {self.tokens_per_s:.1f} tok/s" if self.tokens else ""
        model = f" · {self.model}" if self.model else ""
        note = f" · {self.note}" if self.note else ""
        return f"{self.method} {self.path} {self.status}{model}{speed} · {self.seconds:.2f} s{note}"


class ApiService:
    """The server's side of the engine gate.

    Attributes:
        gate: the engine, shared with the window when the server runs inside it.
        load_request: how to load a model a request names (context, GPU layers, ...).
        on_log: called with each finished request's ``RequestLog``.
        on_notice: called with a sentence the server's user should see (a CPU fallback, a load).
        draft: whether to draft (speculative decoding): the settings' switch, ``serve --no-draft``.
    """

    def __init__(
        self,
        gate: EngineGate,
        load_request: Callable[[], LoadRequest] = LoadRequest,
        *,
        on_log: Callable[[RequestLog], None] | None = None,
        on_notice: Callable[[str], None] | None = None,
        draft: Callable[[], bool] = lambda: True,
    ) -> None:
        self.gate = gate
        self.draft = draft
        self.load_request = load_request
        self.on_log = on_log
        self.on_notice = on_notice
        self._last_model = ""
        self._seen: list[str] = []  # models loaded in this session, nameable even if not installed
        self.jobs: dict[str, Job] = {}  # the answers under way, by response id (for Answer now)
        self._models: tuple[float, tuple[str, tuple[str, ...]], list[ModelEntry]] | None = None

    # ---- models -----------------------------------------------------------------------------

    @property
    def loaded_path(self) -> str:
        facts = self.gate.engine.facts
        return facts.path if facts is not None else ""

    def models(self, *, fresh: bool = True) -> list[ModelEntry]:
        """Installed models, the loaded one first. Every request names a model, so for requests
        (``fresh=False``) the list, a look through the model folders, is reused for
        ``MODELS_TTL_S``; a name it lacks looks again before the answer is 404."""
        loaded = self.loaded_path or self._last_model
        if loaded and loaded not in self._seen:
            self._seen.append(loaded)
        key = (loaded, tuple(self._seen))
        now = time.monotonic()
        cached = self._models
        if fresh or cached is None or cached[1] != key or now - cached[0] > MODELS_TTL_S:
            cached = self._models = (now, key, installed_models(loaded, key[1]))
        return list(cached[2])

    def resolve(self, name: str) -> ModelEntry:
        """The model a request names, or the loaded one when it names none (or the loaded one).

        Raises ApiError: 404 with the list for an unknown name; 503 when nothing is loaded.
        """
        entries = self.models(fresh=False)
        loaded = self.loaded_path or self._last_model
        if not name:
            if not loaded:
                raise ApiError(
                    503,
                    "No model is loaded. Load one in R1 Desk, or name an installed model in 'model' "
                    f"({_names(entries)}).",
                    type="server_error",
                    code="no_model_loaded",
                )
            return entries[0]
        entry = find_model(name, entries)
        if entry is None:  # downloaded or imported a moment ago?
            entries = self.models()
            entry = find_model(name, entries)
        if entry is None:
            raise ApiError(
                404,
                f"The model '{name}' is not installed. Installed models: {_names(entries)}.",
                code="model_not_found",
                param="model",
            )
        return entry

    def serves_remote(self, entry: ModelEntry) -> bool:
        """Whether ``entry`` is the window's remote model, which the engine serves as it is."""
        engine = self.gate.engine
        facts = engine.facts
        return facts is not None and engine.loaded and facts.path == entry.path and not Path(facts.path).is_file()

    def _ensure_model(self, engine: Engine, entry: ModelEntry, ticket: Ticket) -> str:
        """Load ``entry`` unless it is loaded already; the name responses report."""
        facts = engine.facts
        if facts is not None and engine.loaded and not Path(facts.path).is_file():
            if facts.path == entry.path:
                return entry.id  # the window's remote model, served as it is
            raise ApiError(
                409,
                f"R1 Desk is using the remote model {facts.path}; choose a local model in the window "
                f"to serve {entry.id}.",
                code="remote_model_in_use",
                param="model",
            )
        if facts is None or not engine.loaded or not _same_file(facts.path, entry.path):
            self.gate.relabel(ticket, f"loading {Path(entry.path).name}")
            if self.on_notice is not None:
                self.on_notice(f"Loading {entry.id} for an API request…")
            hardware = self._hardware_of(engine)
            load_model(engine, entry.path, self.load_request(), hardware=hardware, notice=self.on_notice)
            self.gate.relabel(ticket, "answering")
        self._last_model = entry.path
        return entry.id

    def _reload(self, engine: Engine, params: LoadParams, ticket: Ticket) -> None:
        """The model process died under an API request: load again what was loaded before it
        (the window's model), still in the request's turn, so the window's next message finds it.
        The client has its error by now and may hang up: that no longer cancels the turn."""
        if engine.loaded and engine.facts is not None and _same_file(engine.facts.path, params.model):
            return  # a failed load put it back already (load_model)
        name = Path(params.model).name
        ticket.cancellable = False
        self.gate.relabel(ticket, f"loading {name} again")
        try:
            engine.load(params)
        except errors.EngineError as e:
            self._notice(f"The model process crashed during an API request, and {name} could not be loaded again: {e}")
            return
        self._notice(f"The model process crashed during an API request; {name} was loaded again.")

    def _notice(self, text: str) -> None:
        if self.on_notice is not None:
            self.on_notice(text)

    def _hardware_of(self, engine: Engine) -> Hardware:
        """This machine at the moment of the load: its free memory decides the GPU layers."""
        from app.core.inference.load_policy import probe

        return probe(engine)

    # ---- requests ---------------------------------------------------------------------------

    def start(self, call: Call, entry: ModelEntry) -> Job:
        """Queue a generation (raises ApiError 429 when the queue is full) and start it."""

        def loaded() -> bool:  # then it may run beside other answers (a model with slots)
            engine = self.gate.engine
            return engine.facts is not None and engine.loaded and _same_file(engine.facts.path, entry.path)

        try:
            ticket = self.gate.enqueue("api", "answering", shared=loaded)
        except errors.EngineBusy as e:
            raise from_core(e) from None
        if not self.draft():
            call = replace(call, options=replace(call.options, draft=False))
        job = Job(self, call, entry, ticket, asyncio.get_running_loop())
        threading.Thread(target=job.run, name="r1desk-api-request", daemon=True).start()
        return job

    async def render(self, call: Call, entry: ModelEntry) -> RenderedPrompt:
        """The exact prompt a request would evaluate (``/apply-template``), without generating."""
        try:
            ticket = self.gate.enqueue("api", "rendering")
        except errors.EngineBusy as e:
            raise from_core(e) from None

        def work() -> RenderedPrompt:
            try:
                if not self.gate.wait(ticket):
                    raise Abandoned("cancelled")
                engine = self.gate.engine
                self._ensure_model(engine, entry, ticket)
                return engine.render_prompt(call.messages, call.options)
            finally:
                self.gate.release(ticket)

        try:
            return await asyncio.to_thread(work)
        except Exception as e:
            raise from_core(e) from None
        finally:
            ticket.cancel()

    def forwards_to(self) -> str:
        """The host the loaded model runs on when it is a remote one ("": it runs here). The API
        then forwards what clients send there, and says so (``/health``, each log line)."""
        facts = self.gate.engine.facts
        backend = facts.backend if facts is not None else ""
        return backend.removeprefix("remote: ") if backend.startswith("remote: ") else ""

    def log(self, entry: RequestLog) -> None:
        host = self.forwards_to()
        if host and entry.model:
            forwarded = f"forwarded to {host}"
            entry = replace(entry, note=f"{entry.note} · {forwarded}" if entry.note else forwarded)
        if self.on_log is not None:
            self.on_log(entry)


class Job:
    """One generation on its own thread; its output is read with ``async for item in job``."""

    def __init__(self, service: ApiService, call: Call, entry: ModelEntry, ticket: Ticket, loop: Any) -> None:
        self.service = service
        self.call = call
        self.entry = entry
        self.ticket = ticket
        self.loop = loop
        self.queue: asyncio.Queue[Any] = asyncio.Queue()
        self.started = time.perf_counter()
        self._lock = threading.Lock()
        self._ended = False
        self._finished: Finished | None = None
        self._on_end: list[Callable[[Finished | None], None]] = []

    def when_done(self, fn: Callable[[Finished | None], None]) -> None:
        """Call ``fn`` with how the generation ended (None: it never ran, or failed) once it has
        ended, at once if it has: a client that hung up is logged with what it cost."""
        with self._lock:
            if not self._ended:
                self._on_end.append(fn)
                return
        fn(self._finished)

    def _end(self, finished: Finished | None) -> None:
        with self._lock:
            self._ended, self._finished = True, finished
            callbacks, self._on_end = self._on_end, []
        for fn in callbacks:
            fn(finished)

    def _put(self, item: object) -> None:
        with contextlib.suppress(RuntimeError):  # the loop is gone: the server is shutting down
            self.loop.call_soon_threadsafe(self.queue.put_nowait, item)

    def cancel(self) -> None:
        """The client went away: leave the queue, or stop the generation within a token."""
        self.ticket.cancel()

    def answer_now(self) -> bool:
        """Close the reasoning and go on with the answer, as the window's Answer now does;
        False while the request still waits for its turn."""
        if not self.ticket.running or self.ticket.done:
            return False
        self.service.gate.answer_now(self.ticket)  # its own answer, not every one in the slots
        return True

    def run(self) -> None:
        gate, ticket, call = self.service.gate, self.ticket, self.call
        engine: Engine | None = None
        before: LoadParams | None = None
        finished: Finished | None = None
        try:
            if not gate.wait(ticket):
                return
            engine = gate.engine
            before = _loaded_params(engine)
            model = self.service._ensure_model(engine, self.entry, ticket)
            open_tag = "<think>\n"
            if call.prompt is not None:
                open_tag = "" if prompt_opens_reasoning(call.prompt) else "<think>"
            shaper = Shaper(raw=call.raw, stops=call.stop, open_tag=open_tag)
            stats: Stats | None = None
            ticket.stream = stream = engine.stream_chat(call.messages, call.sampling, call.options)
            try:
                hung_up = False
                for ev in stream:
                    if ticket.cancelled and not hung_up:
                        hung_up = True  # the engine stops within a token (the ticket cancelled it):
                        gate.halt(ticket)  # read on to the Stats, so the log says what it cost
                    if type(ev) is Delta and not shaper.stopped and not hung_up:
                        piece = shaper.feed(ev)
                        if piece:
                            self._put(piece)
                        if shaper.stopped:  # a stop string: end within a token, keep reading to the Stats
                            gate.halt(ticket)
                    elif type(ev) is ToolCallDelta and not hung_up:
                        self._put(Piece(tool_calls=(ev,)))
                    elif isinstance(ev, Stats):
                        stats = ev
            finally:
                stream.close()
            tail = shaper.finish()
            if tail:
                self._put(tail)
            finished = _finished(stats, shaper.stopped, model)
            self._put(finished)
        except Exception as e:  # reported to the client in the OpenAI error shape
            self._put(e)
            if isinstance(e, errors.EngineCrashed) and engine is not None and before is not None:
                self.service._reload(engine, before, ticket)
        finally:
            gate.release(ticket)
            self._put(_END)
            self._end(finished)

    async def __aiter__(self) -> AsyncIterator[Piece | Finished]:
        while True:
            item = await self.queue.get()
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise from_core(item) if isinstance(item, Exception) else item
            yield item


def _finished(stats: Stats | None, stopped: bool, model: str) -> Finished:
    error = stats.tool_problem if stats is not None else ""
    if stopped:
        return Finished(stats, "stop", "stop_string", model, error)
    reason = stats.finish_reason if stats is not None else "cancelled"
    if reason == "length":
        return Finished(stats, "length", None, model, error)
    if reason == "loop":
        return Finished(stats, "stop", "loop_guard", model, error)
    if reason == "stop" and stats is not None and stats.tool_calls > len(stats.bad_tool_calls):
        return Finished(stats, "tool_calls", None, model, error)
    return Finished(stats, "stop", "cancelled" if reason == "cancelled" else None, model, error)


def _loaded_params(engine: Engine) -> LoadParams | None:
    """How the engine's model was loaded, when a local model is loaded (a remote one never crashes)."""
    params = getattr(engine, "params", None)
    return params if engine.loaded and isinstance(params, LoadParams) else None


def _same_file(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return a == b


def _names(entries: list[ModelEntry]) -> str:
    return ", ".join(e.id for e in entries) or "none (download one with `r1desk pull`)"
