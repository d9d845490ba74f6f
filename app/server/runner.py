"""Run the API with uvicorn: in the foreground for ``r1desk serve``, on a thread in the window.
The only module that imports uvicorn.

The socket is bound here, before uvicorn starts, so a port in use is a clear error at once and
port 0 (tests) gives a known free port.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from app.server.config import ServerConfig, ServerConfigError
from app.server.routes import create_app
from app.server.service import ApiService

GRACE_S = 2  # how long open streams may take to finish when the server stops


def bind(config: ServerConfig) -> socket.socket:
    """A listening socket for the configuration; a port in use is a ServerConfigError."""
    config.check()
    host = config.host.strip("[]")
    try:
        family = socket.getaddrinfo(host, config.port, type=socket.SOCK_STREAM)[0][0]
        sock = socket.create_server((host, config.port), family=family, reuse_port=False)
    except OSError as e:
        raise ServerConfigError(
            f"Cannot listen on {config.host}:{config.port} ({e.strerror or e}); choose another port."
        ) from None
    return sock


class _AnswersHalfClosed(H11Protocol):
    """HTTP over h11, answering an HTTP/1.0 client that closes its sending side once the request
    is out (``nc``, shell scripts): uvicorn closed the whole connection at that end of input and
    dropped the answer, so those clients got an empty reply. Only HTTP/1.0: a 1.1 client that
    hangs up mid-stream ends its input the same way, and must still free the model at once."""

    _input_ended = False

    def eof_received(self) -> bool | None:  # type: ignore[override]  # asyncio's signature; uvicorn says None
        cycle = self.cycle
        old_http = cycle is not None and cycle.scope.get("http_version") == "1.0"
        if cycle is not None and old_http and not cycle.more_body and not cycle.response_complete:
            self._input_ended = True
            return True  # keep the connection open to write the answer
        return None  # close, as uvicorn does

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self._input_ended and not self.transport.is_closing():
            self.transport.close()  # nothing more can come


class Server:
    """One running server.

    Attributes:
        port: the port it listens on (the real one when the configuration asked for 0).
        url: the base URL clients use (``http://127.0.0.1:PORT/v1``).
    """

    def __init__(self, service: ApiService, config: ServerConfig) -> None:
        self.service = service
        self.config = config
        self.sock = bind(config)
        self.port: int = self.sock.getsockname()[1]
        self.url = config.url(self.port)
        uv_config = uvicorn.Config(
            create_app(service, config),
            log_level="warning",
            access_log=False,
            lifespan="off",
            timeout_graceful_shutdown=GRACE_S,
            server_header=False,
            http=_AnswersHalfClosed,
        )
        self._server = uvicorn.Server(uv_config)
        self._thread: threading.Thread | None = None

    def serve_forever(self) -> None:
        """Serve in this thread until Ctrl+C (uvicorn's own signal handling) or :meth:`stop`."""
        try:
            self._server.run(sockets=[self.sock])
        finally:
            self.service.gate.cancel_all("api")
            with contextlib.suppress(OSError):
                self.sock.close()

    def start(self, on_stopped: Callable[[], None] | None = None) -> None:
        """Serve on a background thread; returns once the server accepts connections."""

        def run() -> None:
            try:
                self.serve_forever()
            finally:
                if on_stopped is not None:
                    on_stopped()

        self._thread = threading.Thread(target=run, name="r1desk-api-server", daemon=True)
        self._thread.start()
        while not self._server.started and self._thread.is_alive():
            self._thread.join(0.01)

    def stop(self, timeout: float = GRACE_S + 3) -> None:
        """Stop accepting, cancel what runs and wait for the thread. Idempotent."""
        self._server.should_exit = True
        self.service.gate.cancel_all("api")
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)
