"""The remote engine: R1 answers from an OpenAI-compatible server (the second ``Engine``).

vLLM across GPUs or nodes, llama-server on a GPU box, Ollama, another R1 Desk, or the DeepSeek
API: the window, the CLI and the server use it exactly like the local engine. The one module
that imports the ``openai`` client (the official, well-kept client: HTTP, SSE parsing, typed
chunks, unknown fields such as ``reasoning_content`` kept in ``model_extra``), and only when a
remote model is first used: the import takes ~0.7 s, which the window's cold start never pays.

Each request is read on its own thread (``remote_call.py``) and handed over through a queue, so
Stop never waits on the network: it wakes the consumer at once and shuts the socket down, which
the server sees as the client leaving. Every failure becomes one ``RemoteError`` sentence; what
arrived before it has already been streamed, so the chat keeps it.
"""

from __future__ import annotations

import math
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
from app.core.inference.remote_call import END as _END
from app.core.inference.remote_call import LATE
from app.core.inference.remote_call import WAKE as _WAKE
from app.core.inference.remote_call import Call as _Call
from app.core.inference.remote_chunks import Malformed, read_chunk, read_model
from app.core.inference.remote_errors import explain, late, own_server, retry_after
from app.core.inference.remote_stream import CHARS_PER_TOKEN, StreamState, build_request, looks_like_r1
from app.core.r1.reasoning import CLOSE_REASONING
from app.core.r1.sampling import Sampling

STALL_S = 60.0  # no byte for this long mid-answer: the stream has stalled
FIRST_CHUNK_S = 300.0  # no part of the answer this long after the request (keep-alive pings do not count)
CONNECT_S = 10.0
RETRY_AFTER_MAX_S = 60.0  # a 429 asking to wait longer than this is reported instead
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


def probe(endpoint: Endpoint, key: str | None, timeout_s: float = CONNECT_S, hints: str = "window") -> Probe:
    """List the server's models and time the round trip (the Endpoints tab's "Test connection").
    ``hints``: where failures' advice points ("window" or "cli")."""
    client = _client(endpoint, key, timeout_s, timeout_s)
    t0 = time.perf_counter()
    try:
        data = client.models.list().data
        if not isinstance(data, list):
            raise TypeError(type(data).__name__)
    except (TypeError, AttributeError, ValueError, KeyError):  # the client could not make models of it
        raise errors.RemoteServerError(
            f"{endpoint.host} answered the list of models in a shape R1 Desk cannot read."
        ) from None
    except Exception as e:
        raise explain(e, endpoint, "", key, hints=hints) from None
    finally:
        client.close()
    latency = time.perf_counter() - t0
    if any((getattr(m, "model_extra", None) or {}).get(GATE_FIELD) in WINDOW_GATES for m in data):
        raise own_server(endpoint)  # it would queue behind the window's own answer, which waits for it
    models = [RemoteModel(*m) for m in map(read_model, data) if m is not None]
    return Probe(models, latency, guess_kind([m.owned_by for m in models], endpoint.base_url))


class RemoteEngine:
    """Streams R1 answers from one endpoint's model.

    Attributes:
        endpoint: the server; model: the model's name there (set by ``load``).
        facts: what ``load`` found (None before).
        stall_s: seconds without a byte after which a stream counts as stalled.
        first_chunk_s: the first part of an answer must come this soon (pings do not count).
    """

    first_chunk_s = FIRST_CHUNK_S

    def __init__(
        self, endpoint: Endpoint, api_key: str | None = None, *, stall_s: float = STALL_S, hints: str = "window"
    ) -> None:
        self.endpoint = endpoint
        self.hints = hints
        self.kind = kind_of(endpoint.kind)
        self.stall_s = stall_s
        self.model = ""
        self.facts: ModelFacts | None = None
        self._key = api_key
        self._client: Any = None
        self._cancel = threading.Event()
        self._answer_now = threading.Event()
        self._call: _Call | None = None
        self._busy = False
        self._writes_think: bool | None = None  # the model's vocabulary has </think> (None: unknown)

    @property
    def loaded(self) -> bool:
        return self.facts is not None

    @property
    def can_answer_now(self) -> bool:
        """Whether "answer now" continues with an answer (else it stops the reasoning)."""
        return bool(self.kind.prefill or self.kind.answer_now_route)

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
        found = probe(self.endpoint, self._key, hints=self.hints)
        names = [m.id for m in found.models]
        offers = ", ".join(names[:8])
        if not params.model.strip():
            raise errors.RemoteModelMissing(f"Name one of the models {self.endpoint.host} offers: {offers or 'none'}.")
        if self.kind.routes_by_name and names and params.model not in names:
            raise errors.RemoteModelMissing(
                f"{self.endpoint.host} has no model named {params.model!r}; it offers {offers}."
            )
        if progress is not None:
            progress(1.0)
        info = next((m for m in found.models if m.id == params.model), None)
        self.model = params.model
        self._writes_think = self._vocabulary_thinks() if self.kind.tokenize else None
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

    def _vocabulary_thinks(self) -> bool | None:
        """Whether the served model writes ``</think>`` as one token of its own (an R1 model,
        whose template opens the reasoning), asked of the server's tokenizer; None if it cannot say."""
        if self._client is None:
            self._client = _client(self.endpoint, self._key, self.stall_s, CONNECT_S)
        client = self._client
        root = self.endpoint.base_url.rstrip("/").removesuffix("/v1")
        try:
            counts = [
                len(client.post(root + self.kind.tokenize, body={"input": t}, cast_to=object)["tokens"])
                for t in ("", "</think>")
            ]
        except Exception:  # an older server, another route: fall back on the model's name
            return None
        return counts[1] - counts[0] == 1

    def _opens_reasoning(self, options: ChatOptions) -> bool:
        """For a server that sends the reasoning inline: whether the output starts inside it.
        By what the model writes (its vocabulary's ``</think>``) where the server can tell, else
        by its name; Deep Thinking off counts only where the server can switch it off."""
        if not options.think and self.kind.think_off:
            return False
        return self._writes_think if self._writes_think is not None else looks_like_r1(self.model)

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
            prompt = (
                sum(estimate_tokens(m.get("content") or "") + MESSAGE_OVERHEAD for m in messages) + MESSAGE_OVERHEAD
            )
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
        st = StreamState(inline_forced_open=self._opens_reasoning(options))
        request = build_request(self.model, messages, sampling, options, self.kind)
        call = self._open(request)
        retried = cancelled = False
        deadline = time.monotonic() + self.first_chunk_s
        try:
            while True:
                item = call.next(None if st.chunks else deadline)
                if item is LATE:  # queued there behind others, kept alive with pings, or stuck
                    raise late(self.endpoint, self.first_chunk_s)
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
                    raise explain(item, self.endpoint, self.model, self._key, bool(st.chunks), self.hints)
                if item is not _WAKE:
                    yield from self._take(st, item)
                    if st.past(sampling.max_tokens):
                        raise errors.RemoteServerError(
                            f"{self.endpoint.host} went on past the {sampling.max_tokens:,} tokens asked for; "
                            "the answer was cut there (what arrived is kept)."
                        )
                why = self._early(st, options)
                if why and self.kind.answer_now_route:
                    self._answer_now.clear()  # R1 Desk closes the reasoning itself; the stream goes on
                    st.early = why if self._ask_answer_now(st) else ""
                elif why:
                    st.early = why
                    if not self.kind.prefill:
                        cancelled = True  # this server cannot continue the message: stop here
                        break
                    call.close()
                    yield from st.close_reasoning()
                    st.forced_answer = True
                    self._answer_now.clear()
                    prefill = st.reasoning_so_far() + CLOSE_REASONING
                    st.continue_after()  # the continuation gets what is left of max_tokens
                    rest = sampling.with_(max_tokens=max(1, sampling.max_tokens - st.spent_before))
                    call = self._open(build_request(self.model, messages, rest, options, self.kind, prefill=prefill))
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

    def _ask_answer_now(self, st: StreamState) -> bool:
        """R1 Desk's Answer-now route for this answer; False when it did not take (the answer
        ended, or its id never came)."""
        if not st.response_id or self._client is None:
            return False
        try:
            self._client.post(self.kind.answer_now_route, body={"id": st.response_id}, cast_to=object)
        except Exception:
            return False
        return True

    def _take(self, st: StreamState, chunk: Any) -> Iterator[Event]:
        try:
            parts = read_chunk(chunk)
        except Malformed as e:
            raise errors.RemoteServerError(
                f"{self.endpoint.host} sent an answer in a shape R1 Desk cannot read ({e}); what arrived is kept."
            ) from None
        st.response_id = st.response_id or parts.id
        yield from st.feed(parts.reasoning, parts.content)
        for index, call_id, name, arguments in parts.tool_calls:
            yield st.call(index, call_id, name, arguments)
        if parts.finish:
            st.finish = parts.finish
            if parts.answered_early:
                st.early = parts.answered_early  # another R1 Desk closed the reasoning and says why
        if parts.usage is not None:
            st.usage = parts.usage
        if st.chunks:  # one per chunk: the throttle keeps the latest and sends it with the next flush
            now = time.perf_counter()
            yield Tick(st.chunks, (st.chunks - 1) / (now - st.t_first) if now > st.t_first else 0.0)

    def _early(self, st: StreamState, options: ChatOptions) -> AnsweredEarly:
        if not st.in_reasoning or st.forced_answer or st.early:
            return ""
        if self._answer_now.is_set():
            return "answer_now"
        budget = options.think_budget
        if budget is not None and not self.kind.budget_key and st.reasoning_spent() >= budget:
            return "budget"  # counted in tokens, however many a chunk carries
        return ""

    def cancel(self) -> None:
        self._cancel.set()
        call = self._call
        if call is not None:
            call.close()

    def answer_now(self) -> None:
        if not self.can_answer_now:
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
