"""The HTTP side of the API: Starlette routes, server-sent events (sse-starlette), the key check,
the body limit and CORS. The only module that imports Starlette and sse-starlette.

Endpoints: ``GET /v1/models``, ``POST /v1/chat/completions`` (streamed or whole),
``POST /v1/completions`` (a raw prompt), ``POST /apply-template`` (the prompt a chat request
would evaluate, as llama-server has it), ``POST /v1/r1desk/answer_now`` (``{"id": ...}``: the
answer with that response id stops thinking and answers, as the window's Answer now; another R1
Desk's remote engine uses it) and ``GET /health``. Every error is in the OpenAI shape.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import time
from collections.abc import AsyncIterator
from typing import Any

from sse_starlette.sse import EventSourceResponse
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from app.core.inference.events import ToolCallDelta
from app.core.inference.gate import GATE_FIELD
from app.server.body_text import lone_surrogate
from app.server.chat_request import Call, parse_chat, parse_completion
from app.server.config import ServerConfig
from app.server.errors import ApiError, bad_request
from app.server.service import ApiService, Finished, Job, RequestLog
from app.server.shapes import ChatShapes
from app.server.text import Piece
from app.server.tool_use import HEADER as TOOLS_HEADER
from app.server.tool_use import tool_use

SYSTEM_MERGED_HEADER = "X-R1Desk-System-Merged"
PING_S = 15  # keeps a queued or long-thinking stream's connection alive


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _error(e: ApiError) -> JSONResponse:
    headers = dict(e.headers)
    if e.status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse(e.body(), status_code=e.status, headers=headers)


class _Api:
    """The route handlers, bound to one service and one configuration."""

    def __init__(self, service: ApiService, config: ServerConfig) -> None:
        self.service = service
        self.config = config
        self._key = config.api_key.encode()

    # ---- guards -----------------------------------------------------------------------------

    def guard(self, request: Request) -> None:
        """Browser pages from other origins are refused (CORS alone would still let a page's
        simple POST run the model); then the key, compared in constant time."""
        origin = request.headers.get("origin")
        if origin is not None and origin not in self.config.cors:
            raise ApiError(
                403,
                "Web pages may not use this server. Start it with --cors ORIGIN to allow one.",
                code="origin_not_allowed",
            )
        if not self._key:
            return
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), self._key):
            raise ApiError(
                401,
                "Incorrect or missing API key: send it as 'Authorization: Bearer KEY'.",
                code="invalid_api_key",
            )

    async def body(self, request: Request) -> Any:
        """The JSON body, refused over the size limit (413), when it is not JSON or holds a string
        that is not text (400)."""
        limit = self.config.max_body_bytes
        too_big = ApiError(
            413, f"The request body is larger than {limit // (1024 * 1024)} MB.", code="request_too_large"
        )
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > 2 * limit:
            raise too_big  # absurd: not worth reading (the client sees the connection close)
        chunks: list[bytes] = []
        size = 0
        try:
            async for chunk in request.stream():
                size += len(chunk)
                if size > 2 * limit:
                    break
                if size <= limit:
                    chunks.append(chunk)
        except ClientDisconnect:  # it hung up before its body was whole: nobody reads an answer
            raise ApiError(499, "The client went away while sending the request.", code="client_disconnected") from None
        # A body a little over the limit is read to its end and dropped, so the client reads
        # the 413 instead of a connection reset.
        if size > limit:
            raise too_big
        try:
            body = json.loads(b"".join(chunks))
        except (ValueError, RecursionError) as e:
            raise bad_request(f"The request body is not valid JSON ({e}).") from None
        found = lone_surrogate(body)
        if found is not None:
            field, where, char = found
            raise bad_request(
                f"'{where}' holds a lone surrogate ({char}), which is not text; a character above U+FFFF "
                "is sent as a pair of them.",
                field,
            )
        return body

    def log(self, request: Request, status: int, t0: float, finish: Finished | None = None, note: str = "") -> None:
        s = finish.stats if finish is not None else None
        self.service.log(
            RequestLog(
                request.method,
                request.url.path,
                status,
                model=finish.model if finish is not None else "",
                tokens=s.generated_tokens if s is not None else 0,
                tokens_per_s=s.tokens_per_s if s is not None else 0.0,
                seconds=time.perf_counter() - t0,
                note=note,
            )
        )

    # ---- endpoints --------------------------------------------------------------------------

    async def health(self, request: Request) -> Response:
        """Whether the server is up, for anyone; what it runs only for those who may use it."""
        try:
            self.guard(request)
        except ApiError:
            return JSONResponse({"status": "ok"})
        state = self.service.gate.state()
        return JSONResponse(
            {
                "status": "ok",
                "model": state.model or None,
                "busy": state.describe() or None,
                "forwards_to": self.service.forwards_to() or None,  # a remote model: requests leave this machine
                GATE_FIELD: self.service.gate.id,
            }
        )

    async def models(self, request: Request) -> Response:
        t0 = time.perf_counter()
        try:
            self.guard(request)
            entries = await asyncio.to_thread(self.service.models)
        except ApiError as e:
            self.log(request, e.status, t0, note=e.message)
            return _error(e)
        from app.server.models import models_list

        self.log(request, 200, t0)
        return JSONResponse(models_list(entries, self.service.loaded_path, self.service.gate.id))

    async def chat(self, request: Request) -> Response:
        return await self._generate(request, text_completion=False)

    async def completions(self, request: Request) -> Response:
        return await self._generate(request, text_completion=True)

    async def answer_now(self, request: Request) -> Response:
        t0 = time.perf_counter()
        try:
            self.guard(request)
            body = await self.body(request)
            rid = body.get("id") if isinstance(body, dict) else None
            if not isinstance(rid, str):
                raise bad_request('Send the id of the answer: {"id": "chatcmpl-..."}.', "id")
            job = self.service.jobs.get(rid)
            if job is None:
                raise ApiError(404, f"No answer {rid} is under way here.", code="answer_not_found", param="id")
            if not job.answer_now():
                raise ApiError(409, f"The answer {rid} is still waiting for its turn.", code="answer_not_started")
        except ApiError as e:
            self.log(request, e.status, t0, note=e.message)
            return _error(e)
        self.log(request, 200, t0)
        return JSONResponse({"id": rid, "object": "r1desk.answer_now", "status": "answering"})

    async def apply_template(self, request: Request) -> Response:
        t0 = time.perf_counter()
        try:
            self.guard(request)
            call = parse_chat(await self.body(request))
            entry = self.service.resolve(call.model)
            call, _ = tool_use(call, entry, self.service.serves_remote(entry))
            rendered = await self.service.render(call, entry)
        except ApiError as e:
            self.log(request, e.status, t0, note=e.message)
            return _error(e)
        self.log(request, 200, t0)
        headers = {SYSTEM_MERGED_HEADER: "first-user-turn"} if call.system_merged else None
        return JSONResponse({"prompt": rendered.text, "n_tokens": rendered.n_tokens}, headers=headers)

    async def _generate(self, request: Request, *, text_completion: bool) -> Response:
        t0 = time.perf_counter()
        try:
            self.guard(request)
            body = await self.body(request)
            call = parse_completion(body) if text_completion else parse_chat(body)
            entry = self.service.resolve(call.model)
            call, tools = tool_use(call, entry, self.service.serves_remote(entry))
            job = self.service.start(call, entry)
        except ApiError as e:
            self.log(request, e.status, t0, note=e.message)
            return _error(e)
        shapes = ChatShapes(entry.id, include_usage=call.include_usage, text_completion=text_completion)
        self.service.jobs[shapes.id] = job
        headers = {SYSTEM_MERGED_HEADER: "first-user-turn"} if call.system_merged else {}
        if tools:
            headers[TOOLS_HEADER] = tools
        note = f"tools {tools}" if tools else ""
        if call.stream:
            return EventSourceResponse(
                self._events(request, job, call, shapes, t0, note), headers=headers, ping=PING_S, sep="\n"
            )
        return await self._whole(request, job, shapes, headers, t0, note)

    async def _whole(
        self, request: Request, job: Job, shapes: ChatShapes, headers: dict[str, str], t0: float, note: str
    ) -> Response:
        reasoning: list[str] = []
        content: list[str] = []
        calls: list[ToolCallDelta] = []
        finish: Finished | None = None
        watcher = asyncio.create_task(_cancel_on_disconnect(request, job))
        try:
            async for item in job:
                if isinstance(item, Piece):
                    reasoning.append(item.reasoning)
                    content.append(item.content)
                    calls.extend(item.tool_calls)
                else:
                    finish = item
        except ApiError as e:
            self.log(request, e.status, t0, note=e.message)
            return _error(e)
        finally:
            watcher.cancel()
            job.cancel()
            self.service.jobs.pop(shapes.id, None)
        if finish is None:  # the client went away: logged with what was generated once the job ends
            job.when_done(lambda f: self.log(request, 499, t0, f, "client disconnected"))
            return Response(status_code=499)
        self.log(request, 200, t0, finish, _note(note, finish))
        shapes.model = finish.model
        body = shapes.whole("".join(reasoning), "".join(content), finish, calls)
        return JSONResponse(body, headers=headers)

    async def _events(
        self, request: Request, job: Job, call: Call, shapes: ChatShapes, t0: float, tools_note: str
    ) -> AsyncIterator[dict[str, str]]:
        finish: Finished | None = None
        status, note = 499, "client disconnected"
        try:
            if not shapes.text_completion:
                yield {"data": _dumps(shapes.first())}
            async for item in job:
                if isinstance(item, Piece):
                    yield {"data": _dumps(shapes.piece(item))}
                else:
                    finish = item
                    yield {"data": _dumps(shapes.last(item))}
                    if call.include_usage:
                        yield {"data": _dumps(shapes.usage_chunk(item))}
            status, note = 200, _note(tools_note, finish)
            yield {"data": "[DONE]"}
        except ApiError as e:
            status, note = e.status, e.message
            yield {"data": _dumps(e.body())}
        finally:
            job.cancel()  # a no-op when the generation ended; else it stops within a token
            self.service.jobs.pop(shapes.id, None)
            if status == 499:  # logged with what was generated once the job has read its end
                job.when_done(lambda f: self.log(request, status, t0, f, note))
            else:
                self.log(request, status, t0, finish, note)


class _HostCheck:
    """Refuses, before anything else runs, a request addressed to a name that is not this
    computer's while no key is set (DNS rebinding: see ``config.py``)."""

    def __init__(self, app: ASGIApp, api: _Api) -> None:
        self.app = app
        self.api = api

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            request = Request(scope)
            host = request.headers.get("host")
            if not self.api.config.host_allowed(host):
                e = ApiError(
                    403,
                    f"This server answers requests addressed to localhost or 127.0.0.1, not to {host!r} (a web "
                    "page may be trying to reach it). To serve other names, start it with an API key.",
                    code="host_not_allowed",
                )
                self.api.log(request, e.status, time.perf_counter(), note=e.message)
                await _error(e)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _note(tools: str, finish: Finished | None) -> str:
    """The log line's note about tools: used or ignored, and calls that cannot be used."""
    error = finish.tool_error if finish is not None else ""
    return "; ".join(n for n in (tools, f"unusable tool call: {error}" if error else "") if n)


async def _cancel_on_disconnect(request: Request, job: Job) -> None:
    """Cancel a non-streamed generation when its client hangs up (the body is read already, so
    the next ASGI message is the disconnect)."""
    with contextlib.suppress(Exception):
        while True:
            message = await request.receive()
            if message["type"] == "http.disconnect":
                job.cancel()
                return


def create_app(service: ApiService, config: ServerConfig) -> Starlette:
    """The ASGI application."""
    api = _Api(service, config)

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        messages = {404: f"No such endpoint: {request.url.path}.", 405: f"{request.method} is not allowed here."}
        return _error(ApiError(status, messages.get(status, str(exc)), code="not_found" if status == 404 else None))

    async def server_error(request: Request, exc: Exception) -> Response:
        return _error(ApiError(500, f"Internal error: {type(exc).__name__}: {exc}", type="server_error"))

    middleware = [Middleware(_HostCheck, api=api)]
    if config.cors:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(config.cors),
                allow_methods=["GET", "POST"],
                allow_headers=["Authorization", "Content-Type"],
            )
        )
    return Starlette(
        routes=[
            Route("/health", api.health, methods=["GET"]),
            Route("/v1/models", api.models, methods=["GET"]),
            Route("/v1/chat/completions", api.chat, methods=["POST"]),
            Route("/v1/completions", api.completions, methods=["POST"]),
            Route("/apply-template", api.apply_template, methods=["POST"]),
            Route("/v1/r1desk/answer_now", api.answer_now, methods=["POST"]),
        ],
        middleware=middleware,
        exception_handlers={HTTPException: http_error, Exception: server_error},
    )
