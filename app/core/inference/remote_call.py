"""One streaming request to a remote server, read on its own thread.

The consumer (``RemoteEngine``) waits on a queue, so Stop never waits on the network: ``close``
wakes it at once and shuts the socket down, which the server sees as the client leaving.
"""

from __future__ import annotations

import contextlib
import queue
import socket
import threading
import time
from typing import Any

END, WAKE, LATE = object(), object(), object()


def _shutdown(stream: Any) -> None:
    """Close the stream's socket now, even while another thread is blocked reading it."""
    ns = getattr(getattr(stream, "response", None), "extensions", {}).get("network_stream")
    sock = ns.get_extra_info("socket") if ns is not None else None
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


class Call:
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
                self.items.put(END)
        except BaseException as e:  # handed to the consumer, which decides what it means
            self.items.put(e)
        finally:
            if self._stream is not None:
                self._stream.close()

    def next(self, deadline: float | None = None) -> Any:
        """The next item; LATE when none came by ``deadline`` (a ``time.monotonic()``; None: wait)."""
        if deadline is None:
            return self.items.get()
        try:
            return self.items.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            return LATE

    def close(self) -> None:
        """Wake the consumer and drop the connection; safe from any thread, more than once."""
        with self._lock:
            self._closed, stream = True, self._stream
        self.items.put(WAKE)
        if stream is not None:
            _shutdown(stream)
