"""The remote engine: R1 answers from an OpenAI-compatible server (the second ``Engine``).

vLLM across GPUs or nodes, llama-server on a GPU box, Ollama, another R1 Desk, or the DeepSeek
API: the window, the CLI and the server use it exactly like the local engine. The one module
that imports the ``openai`` client (the official, well-kept client: HTTP, SSE parsing, typed
chunks, unknown fields such as ``reasoning_content`` kept in ``model_extra``), and only when a
remote model is first used: the import takes ~0.7 s, which the window's cold start never pays.

Each request is read on its own thread (:class:`_Call`) and handed over through a queue, so
Stop never waits on the network: it wakes the consumer at once and shuts the socket down, which
the server sees as the client leaving. Every failure becomes one ``RemoteError`` sentence; what
arrived before it has already been streamed, so the chat keeps it.
"""

from __future__ import annotations

import contextlib
import math
import queue
import socket
import threading
import time
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import Any

from app.core import errors
from app.core.config.endpoints import Endpoint
from app.core.config.server_kinds import guess_kind, kind_of
from app.core.inference.coalesce import coalesce
from app.core.inference.engine import ProgressCallback
from app.core.inference.events import (
    AnsweredEarly,
    BackendInfo,
    ChatMessage,
    ChatOptions,
    Event,
    LoadParams,
    ModelFacts,
    RenderedPrompt,
    Tick,
    TokenCount,
)
from app.core.inference.gate import GATE_FIELD, WINDOW_GATES
from app.core.inference.remote_errors import explain, retry_after
from app.core.inference.remote_stream import StreamState, build_request, looks_like_r1
from app.core.r1.reasoning import CLOSE_REASONING
from app.core.r1.sampling import Sampling

STALL_S = 60.0  # no byte for this long mid-answer: the stream has stalled
FIRST_CHUNK_S = 300.0  # no part of the answer this long after the request (keep-alive pings do not count)
CONNECT_S = 10.0
RETRY_AFTER_MAX_S = 60.0  # a 429 asking to wait longer than this is reported instead
_END, _WAKE = object(), object()
CHARS_PER_TOKEN = 3.5  # English prose and code average 3.5-4 characters a token in BPE vocabularies
MESSAGE_OVERHEAD = 4  # a chat template's role markers around each message, roughly


def estimate_tokens(text: str) -> int:
    """Tokens in ``text`` judged from its length (the server's tokenizer is out of reach)."""
    return math.ceil(len(text) / CHARS_PER_TOKEN) if text else 0


@dataclass(frozen=True)
class RemoteModel:
    """A model a server offers. ``context`` is 0 when the server does not say."""

    id: str
    owned_by: str = ""
    context: int = 0


@dataclass(frozen=True)
class Probe:
    """What "Test connection" found: the models, the round trip, the kind of server it looks like."""

    models: list[RemoteModel]
    latency_s: float
    kind: str


def _client(endpoint: Endpoint, key: str | None, stall_s: float, connect_s: float) -> Any:
    import openai

    # HTTPS is verified against the system trust store (SSL_CERT_FILE names a private CA); no
    # option here turns verification off. Retries are ours (one, for 429), not the client's.
    return openai.OpenAI(
        base_url=endpoint.base_url,
        api_key=key or "no-key",  # servers without keys ignore it; the client insists on one
        max_retries=0,
        timeout=openai.Timeout(stall_s, connect=connect_s),
    )


def _context_of(model: Any) -> int:
    extra = getattr(model, "model_extra", None) or {}
    value = extra.get("max_model_len") or extra.get("context_length") or 0  # vLLM; LM Studio and others
    return int(value) if isinstance(value, int) else 0


def probe(endpoint: Endpoint, key: str | None, timeout_s: float = CONNECT_S) -> Probe:
    """List the server's models and time the round trip (the Endpoints tab's "Test connection")."""
    client = _client(endpoint, key, timeout_s, timeout_s)
    t0 = time.perf_counter()
    try:
        data = list(client.models.list().data)
    except Exception as e:
        raise explain(e, endpoint, "", key) from None
    finally:
        client.close()
    latency = time.perf_counter() - t0
    if any((getattr(m, "model_extra", None) or {}).get(GATE_FIELD) in WINDOW_GATES for m in data):
        raise errors.RemoteServerError(
            f"{endpoint.host} is this R1 Desk's own local API server: as a remote it would wait for this "
            "window's own answer. Load the model here directly, or point the endpoint at another server."
        )
    models = [RemoteModel(m.id, str(getattr(m, "owned_by", "") or ""), _context_of(m)) for m in data]
    return Probe(models, latency, guess_kind([m.owned_by for m in models], endpoint.base_url))


def _shutdown(stream: Any) -> None:
    """Close the stream's socket now, even while another thread is blocked reading it."""
    ns = getattr(getattr(stream, "response", None), "extensions", {}).get("network_stream")
    sock = ns.get_extra_info("socket") if ns is not None else None
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


class _Call:
    """One streaming request, read on its own thread; ``items`` gets chunks, then END or an error."""

    def __init__(self, client: Any, request: dict[str, Any]) -> None:
        self.items: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._client, self._request = client, request
        self._stream: Any = None
        self._closed = False
        self._lock = threading.Lock()
        threading.Thread(target=self._run, name="r1desk-remote", daemon=True).start()

    def _run(self) -> None:
        try:
            stream = self._client.chat.completions.create(**self._request)
            with self._lock:
                self._stream, closed = stream, self._closed
            if not closed:
                for chunk in stream:
                    self.items.put(chunk)
                self.items.put(_END)
        except BaseException as e:  # handed to the consumer, which decides what it means
            self.items.put(e)
        finally:
            if self._stream is not None:
                self._stream.close()

    def close(self) -> None:
        """Wake the consumer and drop the connection; safe from any thread, more than once."""
        with self._lock:
            self._closed, stream = True, self._stream
        self.items.put(_WAKE)
        if stream is not None:
            _shutdown(stream)


class RemoteEngine:
    """Streams R1 answers from one endpoint's model.

    Attributes:
        endpoint: the server; model: the model's name there (set by ``load``).
        facts: what ``load`` found (None before).
        stall_s: seconds without a byte after which a stream counts as stalled.
        first_chunk_s: seconds after the request within which a part of the answer must come: a
            server that queues the request and keeps the connection alive with pings (another R1
            Desk, busy) would otherwise hold the window's answer forever.
    """

    def __init__(
        self,
        endpoint: Endpoint,
        api_key: str | None = None,
        *,
        stall_s: float = STALL_S,
        first_chunk_s: float = FIRST_CHUNK_S,
    ) -> None:
        self.endpoint = endpoint
        self.kind = kind_of(endpoint.kind)
        self.stall_s = stall_s
        self.first_chunk_s = first_chunk_s
        self.model = ""
        self.facts: ModelFacts | None = None
        self._key = api_key
        self._client: Any = None
        self._cancel = threading.Event()
        self._answer_now = threading.Event()
        self._call: _Call | None = None
        self._busy = False

    @property
    def loaded(self) -> bool:
        return self.facts is not None

    @property
    def can_answer_now(self) -> bool:
        """Whether "answer now" continues with an answer (else it stops the reasoning)."""
        return bool(self.kind.prefill)

    @property
    def can_skip_thinking(self) -> bool:
        """Whether Deep Thinking off reaches the server (else the server decides)."""
        return bool(self.kind.think_off)

    def backend_info(self) -> BackendInfo:
        return BackendInfo(
            name=f"remote: {self.endpoint.host}",
            gpu_offload=False,
            system_info=f"{self.kind.label} at {self.endpoint.base_url}",
            llama_cpp_python="",
        )

    def load(self, params: LoadParams, progress: ProgressCallback | None = None) -> ModelFacts:
        """Check that the server answers and offers the model; nothing is loaded on this machine."""
        t0 = time.perf_counter()
        found = probe(self.endpoint, self._key)
        names = [m.id for m in found.models]
        if self.kind.routes_by_name and names and params.model not in names:
            raise errors.RemoteModelMissing(
                f"{self.endpoint.host} has no model named {params.model!r}; it offers {', '.join(names[:8])}."
            )
        if progress is not None:
            progress(1.0)
        info = next((m for m in found.models if m.id == params.model), None)
        self.model = params.model
        self.facts = ModelFacts(
            path=f"{params.model} @ {self.endpoint.base_url}",
            n_ctx=info.context if info else 0,
            n_ctx_train=info.context if info else 0,
            n_vocab=0,
            n_params=0,
            size_bytes=0,
            description=self.kind.label,
            backend=f"remote: {self.endpoint.host}",
            gpu_offload=False,
            n_gpu_layers=0,
            n_threads=0,
            has_template=True,
            load_seconds=time.perf_counter() - t0,
            name=params.model,
        )
        return self.facts

    def unload(self) -> None:
        self.facts = None

    def render_prompt(self, messages: list[ChatMessage], options: ChatOptions | None = None) -> RenderedPrompt:
        raise errors.EngineError(
            f"{self.endpoint.host} renders the prompt itself, so it cannot be shown here; use a local model for that."
        )

    def count_tokens(
        self, texts: list[str], messages: list[ChatMessage] | None = None, options: ChatOptions | None = None
    ) -> TokenCount:
        """An estimate from the texts' length, marked as one: OpenAI-compatible servers have no
        tokenize endpoint in common (vLLM's and llama-server's differ; the DeepSeek API has none)."""
        prompt = None
        if messages is not None:
            prompt = sum(estimate_tokens(m.get("content", "")) + MESSAGE_OVERHEAD for m in messages) + MESSAGE_OVERHEAD
        return TokenCount([estimate_tokens(t) for t in texts], prompt, estimated=True)

    def stream_chat(
        self, messages: list[ChatMessage], sampling: Sampling | None = None, options: ChatOptions | None = None
    ) -> Generator[Event, None, None]:
        if self.facts is None:
            raise errors.EngineError("No model is loaded.")
        if self._busy:
            raise errors.EngineBusy("The remote model is busy answering; stop it first.")
        self._busy = True
        self._cancel.clear()
        self._answer_now.clear()
        failure: list[errors.RemoteError] = []
        events = self._events(list(messages), sampling or Sampling(), options or ChatOptions(), failure)
        try:
            yield from coalesce(events)  # the one throttle, as for the local engine
        finally:
            events.close()
            self._busy = False
        if failure:
            raise failure[0]

    def _open(self, request: dict[str, Any]) -> _Call:
        if self._client is None:
            self._client = _client(self.endpoint, self._key, self.stall_s, CONNECT_S)
        self._call = _Call(self._client, request)
        return self._call

    def _events(
        self, messages: list[ChatMessage], sampling: Sampling, options: ChatOptions, failure: list[errors.RemoteError]
    ) -> Generator[Event, None, None]:
        st = StreamState(inline_forced_open=options.think and looks_like_r1(self.model))
        request = build_request(self.model, messages, sampling, options, self.kind)
        call = self._open(request)
        retried = cancelled = False
        deadline = time.monotonic() + self.first_chunk_s
        try:
            while True:
                item = self._next(call, None if st.chunks else deadline)
                if self._cancel.is_set():
                    cancelled = True
                    break
                if item is _END:
                    break
                if isinstance(item, BaseException):
                    wait = retry_after(item) if getattr(item, "status_code", 0) == 429 else None
                    if wait is not None and wait <= RETRY_AFTER_MAX_S and not retried and not st.chunks:
                        retried = True  # honour Retry-After once
                        if self._cancel.wait(wait):
                            cancelled = True
                            break
                        call = self._open(request)
                        continue
                    raise explain(item, self.endpoint, self.model, self._key, streaming=bool(st.chunks))
                if item is not _WAKE:
                    yield from self._take(st, item)
                why = self._early(st, options)
                if why:
                    if not self.kind.prefill:
                        cancelled = True  # this server cannot continue the message: stop here
                        break
                    call.close()
                    yield from st.close_reasoning()
                    st.early, st.forced_answer = why, True
                    self._answer_now.clear()
                    prefill = st.reasoning_so_far() + CLOSE_REASONING
                    call = self._open(
                        build_request(self.model, messages, sampling, options, self.kind, prefill=prefill)
                    )
        except errors.RemoteError as e:
            failure.append(e)
        finally:
            call.close()
        yield from st.end()
        if not failure and not cancelled and not st.finish:
            failure.append(
                errors.RemoteStreamBroken(f"The answer from {self.endpoint.host} ended early; what arrived is kept.")
            )
        if not failure:
            yield st.stats(cancelled)

    def _next(self, call: _Call, deadline: float | None) -> Any:
        """The next item of the call; before the first part of the answer, only until ``deadline``."""
        if deadline is None:
            return call.items.get()
        try:
            return call.items.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise errors.RemoteUnreachable(
                f"{self.endpoint.host} sent no part of the answer within {self.first_chunk_s:g} s of the "
                "request: it may be busy with other requests, or stuck. The request was stopped."
            ) from None

    def _take(self, st: StreamState, chunk: Any) -> Iterator[Event]:
        for choice in chunk.choices or ():
            delta = choice.delta
            extra = (getattr(delta, "model_extra", None) or {}) if delta is not None else {}
            reasoning = extra.get("reasoning_content") or extra.get("reasoning")
            yield from st.feed(
                reasoning if isinstance(reasoning, str) else None, delta.content if delta is not None else None
            )
            if choice.finish_reason:
                st.finish = choice.finish_reason
            break  # one answer per request (n=1)
        if getattr(chunk, "usage", None) is not None:
            st.usage = chunk.usage.model_dump()
        if st.chunks:  # one per chunk: the throttle keeps the latest and sends it with the next flush
            now = time.perf_counter()
            yield Tick(st.chunks, (st.chunks - 1) / (now - st.t_first) if now > st.t_first else 0.0)

    def _early(self, st: StreamState, options: ChatOptions) -> AnsweredEarly:
        if not st.in_reasoning or st.forced_answer:
            return ""
        if self._answer_now.is_set():
            return "answer_now"
        if options.think_budget is not None and st.reasoning_chunks >= options.think_budget:
            return "budget"
        return ""

    def cancel(self) -> None:
        self._cancel.set()
        call = self._call
        if call is not None:
            call.close()

    def answer_now(self) -> None:
        if not self.kind.prefill:
            self.cancel()
            return
        self._answer_now.set()
        call = self._call
        if call is not None:
            call.items.put(_WAKE)

    def close(self) -> None:
        self.cancel()
        if self._client is not None:
            self._client.close()
            self._client = None
        self.facts = None

    def __enter__(self) -> RemoteEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
