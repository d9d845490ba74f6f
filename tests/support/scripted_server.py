"""A scripted OpenAI-compatible server on 127.0.0.1 for the remote engine's tests.

It replays DeepSeek-API-shaped streams (``reasoning_content`` chunks, then ``content`` chunks,
usage at the end) or inline ``<think>`` text, and each fault a real server can show: 401/403,
404 model, 429 with Retry-After, 5xx, an error event mid-stream, a dropped stream and a stalled
one. Starlette + uvicorn + sse-starlette (the stack llama-cpp-python's own server uses) so the
bytes on the wire are what real servers send; runs in a thread, port chosen by the OS.

A test that acts mid-stream (Stop, Answer now) holds the stream instead of racing it:
``Script(hold_at=N)`` sends N chunks, then waits until the client hangs up or the test calls
``release()``; ``holding`` says it waits now.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import threading
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import uvicorn
from sse_starlette.sse import EventSourceResponse
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

HOLD_LIMIT_S = 60.0  # a hold nobody ends gives up after this long
REASONING = ["The user asks ", "for 6 × 7. ", "Six sevens ", "make 42."]
ANSWER = ["The answer ", "is **42**."]


@dataclass
class Script:
    """What the next chat requests get.

    Attributes:
        fault: "" (a normal answer), "401", "403", "404", "429" (once, then normal), "429-always",
            "500", "400", "error-event", "drop" (the connection dies after ``after`` chunks),
            "stall" (silence after ``after`` chunks), "no-finish" (ends cleanly without a finish reason).
        field: where reasoning goes: "reasoning_content" (DeepSeek, vLLM, llama-server),
            "reasoning" (newer vLLM, Ollama) or "" (inline ``<think>`` text in content).
        delay: seconds between chunks (pacing only: no test's outcome may depend on it).
        hold_at: after this many chunks the stream waits until the client hangs up or the test
            calls ``ScriptedServer.release()`` (a minute at most).
        retry_after: the Retry-After header of a 429.
        message: the error text of a 400/403/500 or an error event, when not the usual one (a
            server that echoes the key in it, for the redaction tests).
        endless: a field ("content", "reasoning_content") to stream ``endless_text`` in without end,
            ignoring ``max_tokens`` (a hostile or broken server).
        raw: chunks sent as they are (each merged into the chunk's envelope), then the usage:
            for shapes a real server should never send.
        usage_value: the ``usage`` object sent at the end (instead of well-formed counts).
        tool_calls: calls streamed after the answer, as OpenAI streams them: (name, pieces of
            the arguments); the finish reason is then "tool_calls".
    """

    reasoning: list[str] = field(default_factory=lambda: list(REASONING))
    answer: list[str] = field(default_factory=lambda: list(ANSWER))
    fault: str = ""
    field: str = "reasoning_content"
    delay: float = 0.0
    hold_at: int | None = None
    after: int = 3
    usage: bool = True
    retry_after: str = "0.2"
    message: str = ""
    endless: str = ""
    endless_text: str = "word "
    raw: list[dict[str, Any]] | None = None
    usage_value: Any = None
    tool_calls: list[tuple[str, list[str]]] = dataclasses.field(default_factory=list)  # ``field`` is taken


class ScriptedServer:
    """Attributes:
    url: the base URL (``http://127.0.0.1:PORT/v1``).
    script: what chat requests get (change it between requests).
    requests: the JSON bodies received; headers: their Authorization headers.
    disconnects: when (perf_counter) a client left a stream before its end.
    sent_endless: how many chunks an endless stream sent before the client left.
    models_body: set to answer /models with this instead of the model list.
    holding: a stream waits at ``Script.hold_at`` now; held: how many streams reached it.
    """

    def __init__(
        self,
        models: tuple[str, ...] = ("deepseek-reasoner",),
        owned_by: str = "deepseek",
        key: str | None = None,
        tls: tuple[Path, Path] | None = None,
    ) -> None:
        self.models, self.owned_by, self.key = models, owned_by, key
        self.script = Script()
        self.requests: list[dict[str, Any]] = []
        self.headers: list[str] = []
        self.disconnects: list[float] = []
        self.sent_endless = 0  # chunks of an endless stream sent so far
        self.models_body: Any = None  # what /models answers instead of the list (for hostile shapes)
        self.held = 0
        self.holding = False
        self._go = threading.Event()
        self._tls = tls
        self._429_sent = False
        app = Starlette(
            routes=[
                Route("/v1/models", self._models, methods=["GET"]),
                Route("/v1/chat/completions", self._chat, methods=["POST"]),
            ]
        )
        cfg = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="critical", lifespan="off")
        if tls is not None:
            cfg.ssl_certfile, cfg.ssl_keyfile = str(tls[0]), str(tls[1])
            cfg.load()
        self._server = uvicorn.Server(cfg)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self.url = ""

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the scripted server did not start")
            time.sleep(0.01)
        port = self._server.servers[0].sockets[0].getsockname()[1]
        self.url = f"{'https' if self._tls else 'http'}://127.0.0.1:{port}/v1"
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)

    def release(self) -> None:
        """Let a stream waiting at its hold go on (or the next one to reach it pass)."""
        self._go.set()

    async def _hold(self) -> None:
        """Wait until released (a client that hangs up cancels this with CancelledError)."""
        self.held += 1
        self.holding = True
        deadline = time.monotonic() + HOLD_LIMIT_S
        try:
            while not self._go.is_set() and time.monotonic() < deadline:
                await asyncio.sleep(0.005)
        finally:
            self._go.clear()
            self.holding = False

    # ---- routes ---------------------------------------------------------------------------

    def _denied(self, request: Request) -> Response | None:
        auth = request.headers.get("authorization", "")
        self.headers.append(auth)
        if self.key is not None and auth != f"Bearer {self.key}":
            return _error(401, "Incorrect API key provided.")
        return None

    async def _models(self, request: Request) -> Response:
        denied = self._denied(request)
        if denied is not None:
            return denied
        if self.models_body is not None:
            return JSONResponse(self.models_body)
        data = [{"id": m, "object": "model", "owned_by": self.owned_by, "max_model_len": 32768} for m in self.models]
        return JSONResponse({"object": "list", "data": data})

    async def _chat(self, request: Request) -> Response:
        denied = self._denied(request)
        body = await request.json()
        self.requests.append(body)
        if denied is not None:
            return denied
        s = self.script
        if s.fault in ("403", "400", "500"):
            usual = {"403": "Forbidden.", "400": "Bad request.", "500": "Internal error."}[s.fault]
            return _error(int(s.fault), s.message or usual)
        if s.fault == "404" or body.get("model") not in self.models:
            return _error(404, f"The model `{body.get('model')}` does not exist.")
        if s.fault == "429-always" or (s.fault == "429" and not self._429_sent):
            self._429_sent = True
            return _error(429, "Rate limit reached.", {"Retry-After": s.retry_after})
        return EventSourceResponse(self._stream(s, body), ping=3600)

    async def _stream(self, s: Script, body: dict[str, Any]) -> AsyncIterator[dict[str, str]]:
        base = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 0, "model": body["model"]}
        prefill = body["messages"][-1]["role"] == "assistant"
        pieces: list[tuple[str, str]] = []
        if s.field:
            pieces += [(s.field, r) for r in ([] if prefill else s.reasoning)]
            pieces += [("content", a) for a in s.answer]
        else:
            inline = [] if prefill else s.reasoning + ["</think>\n\n"]
            pieces += [("content", t) for t in inline + s.answer]
        sent = 0
        try:
            yield {
                "data": json.dumps({**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}}]})
            }
            while s.endless:  # until the client goes away
                yield {"data": json.dumps({**base, "choices": [{"index": 0, "delta": {s.endless: s.endless_text}}]})}
                self.sent_endless += 1
                await asyncio.sleep(0)
            if s.raw is not None:
                pieces = []
                for raw in s.raw:
                    yield {"data": json.dumps({**base, **raw})}
            for key, text in pieces:
                if s.fault in ("drop", "stall", "error-event") and sent == s.after:
                    if s.fault == "drop":
                        raise ConnectionAbortedError("scripted drop")
                    if s.fault == "error-event":
                        said = s.message or "The model crashed."
                        yield {"data": json.dumps({"error": {"message": said, "code": 500}})}
                        return
                    await asyncio.sleep(3600)
                if s.hold_at is not None and sent == s.hold_at:
                    await self._hold()
                if s.delay:
                    await asyncio.sleep(s.delay)
                yield {"data": json.dumps({**base, "choices": [{"index": 0, "delta": {key: text}}]})}
                sent += 1
            for i, (name, args) in enumerate(s.tool_calls):
                first = {"index": i, "id": f"call_{i}", "type": "function", "function": {"name": name, "arguments": ""}}
                for delta in [first] + [{"index": i, "function": {"arguments": a}} for a in args]:
                    yield {"data": json.dumps({**base, "choices": [{"index": 0, "delta": {"tool_calls": [delta]}}]})}
            if s.fault != "no-finish":
                finish = "tool_calls" if s.tool_calls else "stop"
                yield {"data": json.dumps({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": finish}]})}
            if s.usage_value is not None:
                yield {"data": json.dumps({**base, "choices": [], "usage": s.usage_value})}
            elif s.usage:
                n = len(pieces)
                usage = {
                    "prompt_tokens": 12,
                    "completion_tokens": n,
                    "total_tokens": 12 + n,
                    "completion_tokens_details": {"reasoning_tokens": len(s.reasoning) if not prefill else 0},
                }
                yield {"data": json.dumps({**base, "choices": [], "usage": usage})}
            yield {"data": "[DONE]"}
        except asyncio.CancelledError:
            self.disconnects.append(time.perf_counter())
            raise


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"message": message, "type": "error", "code": status}}, status, headers=headers)


def self_signed_cert(folder: Path) -> tuple[Path, Path]:
    """A throwaway certificate for 127.0.0.1 that no trust store knows (for the TLS-failure test)."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path
