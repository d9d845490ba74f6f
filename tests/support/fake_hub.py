"""A loopback HTTP server that speaks the parts of the Hugging Face Hub protocol we use.

- ``GET /api/models/{repo}`` and ``/api/models/{repo}/revision/{rev}``: ``siblings`` with LFS
  metadata (sha256, size), as ``HfApi.model_info(files_metadata=True)`` reads them;
- ``HEAD``/``GET /{repo}/resolve/{rev}/{file}``: ``X-Repo-Commit``, ``ETag``, ``X-Linked-Etag``
  (the sha256), ``X-Linked-Size``, ``Content-Length``, ``Accept-Ranges``, ``Range`` requests, and
  ``X-Error-Code`` on 404s.

Faults, set per test: drop the connection after N bytes of a file (once), serve wrong bytes,
advertise a wrong sha256, answer slowly, answer 401/403/404/500 for a repo. ``bytes_served``
counts body bytes per file, which is how tests prove nothing is fetched twice.

A test that acts mid-download (cancel, look at the progress) holds the file instead of racing
it: ``faults.hold_at[file] = [offsets]`` makes the file's first response wait at each offset
until the client hangs up or the test calls ``release()``; ``holding`` says one waits now.
"""

from __future__ import annotations

import hashlib
import json
import re
import select
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

COMMIT = "0123456789abcdef0123456789abcdef01234567"
HOLD_LIMIT_S = 60.0  # a hold nobody ends gives up after this long


@dataclass
class FakeFile:
    data: bytes
    lfs: bool = True
    sha256: str = ""

    def __post_init__(self) -> None:
        self.sha256 = hashlib.sha256(self.data).hexdigest()  # once: files can be hundreds of MB


@dataclass
class Faults:
    drop_after: dict[str, int] = field(default_factory=dict)  # file -> bytes sent before the drop (once)
    wrong_bytes: set[str] = field(default_factory=set)  # files whose body is corrupted
    wrong_sha: set[str] = field(default_factory=set)  # files whose advertised sha256 is wrong
    status: dict[str, int] = field(default_factory=dict)  # repo -> HTTP status for everything
    delay_per_chunk: float = 0.0  # pacing only: no test's outcome may depend on it (hold instead)
    hold_at: dict[str, list[int]] = field(default_factory=dict)  # file -> offsets its first response waits at
    rate_bps: float = 0.0  # pace each response at this many bytes/s (0: as fast as possible)
    chunk: int = 64 * 1024
    ignore_range: bool = False  # answer 200 with the whole file even when a Range was asked for
    fail_gets: list[int] = field(default_factory=list)  # statuses for the next GETs of files, in order


class FakeHub:
    """Start with ``with FakeHub() as hub:``; ``hub.url`` is the endpoint."""

    def __init__(self) -> None:
        self.repos: dict[str, dict[str, FakeFile]] = {}
        self.faults = Faults()
        self.bytes_served: dict[str, int] = {}
        self.requests: list[tuple[str, str, str | None]] = []  # method, path, Range
        self.headers: list[dict[str, str]] = []  # each request's headers, in order
        self.responses: list[dict[str, object]] = []  # per GET of a file: name, range, bytes sent
        self._lock = threading.Lock()
        self.held = 0  # how many holds responses have reached
        self.holding = False  # a response waits at a hold now
        self._go = threading.Event()
        self._closing = threading.Event()
        hub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_HEAD(self) -> None:
                hub._handle(self, head=True)

            def do_GET(self) -> None:
                hub._handle(self, head=False)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._server.handle_error = lambda *_: None  # type: ignore[method-assign]  # clients that hang up
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def add(self, repo: str, files: dict[str, bytes], *, lfs: bool = True) -> None:
        self.repos.setdefault(repo, {}).update({k: FakeFile(v, lfs) for k, v in files.items()})

    def __enter__(self) -> FakeHub:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._closing.set()  # a response still held ends now
        self._server.shutdown()
        self._server.server_close()

    def release(self) -> None:
        """Let a response waiting at a hold go on (or the next one to reach a hold pass it)."""
        self._go.set()

    def _hold(self, h: BaseHTTPRequestHandler) -> bool:
        """Wait until released, the client hangs up (False) or the hub closes (a minute at most)."""
        with self._lock:
            self.held += 1
            self.holding = True
        deadline = time.monotonic() + HOLD_LIMIT_S
        try:
            while not (self._go.is_set() or self._closing.is_set()) and time.monotonic() < deadline:
                readable, _, _ = select.select([h.connection], [], [], 0.005)
                try:
                    if readable and not h.connection.recv(1, socket.MSG_PEEK):
                        return False
                except OSError:  # reset by the client
                    return False
        finally:
            self._go.clear()
            self.holding = False
        return True

    # ---- request handling ---------------------------------------------------------------------

    def _handle(self, h: BaseHTTPRequestHandler, *, head: bool) -> None:
        path = unquote(h.path.split("?", 1)[0])
        with self._lock:
            self.requests.append(("HEAD" if head else "GET", path, h.headers.get("Range")))
            self.headers.append(dict(h.headers.items()))
        m = re.fullmatch(r"/api/models/([^/]+/[^/]+)(?:/revision/([^/]+))?", path)
        if m:
            return self._model_info(h, m.group(1))
        m = re.fullmatch(r"/([^/]+/[^/]+)/resolve/([^/]+)/(.+)", path)
        if m:
            return self._resolve(h, m.group(1), m.group(3), head)
        self._error(h, 404, "EntryNotFound", "not found")

    def _error(self, h: BaseHTTPRequestHandler, status: int, code: str, message: str) -> None:
        body = json.dumps({"error": message}).encode()
        h.send_response(status)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(body)))
        if code:
            h.send_header("X-Error-Code", code)
            h.send_header("X-Error-Message", message)
        h.end_headers()
        if h.command != "HEAD":
            h.wfile.write(body)

    def _repo_status(self, h: BaseHTTPRequestHandler, repo: str) -> bool:
        status = self.faults.status.get(repo)
        if status == 401:
            self._error(h, 401, "GatedRepo", "Access to this repo is restricted; you must be authenticated.")
        elif status == 403:
            self._error(h, 403, "GatedRepo", "Access to this repo is restricted.")
        elif status:
            self._error(h, status, "", "Internal Error")
        elif repo not in self.repos:
            self._error(h, 404, "RepoNotFound", "Repository not found")
        else:
            return False
        return True

    def _model_info(self, h: BaseHTTPRequestHandler, repo: str) -> None:
        if self._repo_status(h, repo):
            return
        siblings = []
        for name, f in sorted(self.repos[repo].items()):
            entry: dict[str, object] = {"rfilename": name, "size": len(f.data), "blobId": f.sha256[:40]}
            if f.lfs:
                entry["lfs"] = {"sha256": self._advertised_sha(name, f), "size": len(f.data), "pointerSize": 134}
            siblings.append(entry)
        body = json.dumps(
            {
                "id": repo,
                "modelId": repo,
                "sha": COMMIT,
                "private": False,
                "gated": False,
                "siblings": siblings,
                "tags": ["gguf"],
                "downloads": 0,
                "likes": 0,
            }
        ).encode()
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    def _advertised_sha(self, name: str, f: FakeFile) -> str:
        return "0" * 64 if name in self.faults.wrong_sha else f.sha256

    def _resolve(self, h: BaseHTTPRequestHandler, repo: str, name: str, head: bool) -> None:
        if self._repo_status(h, repo):
            return
        f = self.repos[repo].get(name)
        if f is None:
            return self._error(h, 404, "EntryNotFound", f"{name} does not exist")
        if not head and self.faults.fail_gets:
            return self._error(h, self.faults.fail_gets.pop(0), "", "injected failure")
        data = f.data
        if name in self.faults.wrong_bytes:
            data = bytes(b ^ 0xFF for b in data[:16]) + data[16:]
        start, end = 0, len(data)
        rng = h.headers.get("Range")
        m = re.fullmatch(r"bytes=(\d+)-(\d*)", rng or "")
        status = 200
        if m and not self.faults.ignore_range:
            start = int(m.group(1))
            end = int(m.group(2)) + 1 if m.group(2) else len(data)
            if start >= len(data):
                return self._error(h, 416, "", "range not satisfiable")
            status = 206
        h.send_response(status)
        h.send_header("X-Repo-Commit", COMMIT)
        h.send_header("ETag", f'"{self._advertised_sha(name, f) if f.lfs else f.sha256[:40]}"')
        if f.lfs:
            h.send_header("X-Linked-Etag", f'"{self._advertised_sha(name, f)}"')
            h.send_header("X-Linked-Size", str(len(f.data)))
        h.send_header("Accept-Ranges", "bytes")
        h.send_header("Content-Length", str(end - start))
        if status == 206:
            h.send_header("Content-Range", f"bytes {start}-{end - 1}/{len(data)}")
        h.end_headers()
        if head:
            return
        pos = start
        drop = self.faults.drop_after.get(name)
        began = time.perf_counter()
        record: dict[str, object] = {"name": name, "range": rng, "sent": 0}
        with self._lock:
            self.responses.append(record)
            holds = sorted(self.faults.hold_at.pop(name, []))  # the first response only
        while pos < end:
            if holds and pos >= holds[0]:
                holds.pop(0)
                if not self._hold(h):
                    return  # the client hung up while it waited
                continue
            if self.faults.rate_bps:
                ahead = (pos - start) / self.faults.rate_bps - (time.perf_counter() - began)
                if ahead > 0:
                    time.sleep(ahead)
            n = min(self.faults.chunk, end - pos)
            if holds:
                n = min(n, holds[0] - pos)  # the bytes before a hold go out before it waits
            if drop is not None and pos + n > drop:
                n = max(0, drop - pos)
                self._count(name, n, record)
                h.wfile.write(data[pos : pos + n])
                h.wfile.flush()
                del self.faults.drop_after[name]
                h.close_connection = True
                h.connection.shutdown(2)  # the network drops mid-file
                return
            h.wfile.write(data[pos : pos + n])
            self._count(name, n, record)
            pos += n
            if self.faults.delay_per_chunk:
                time.sleep(self.faults.delay_per_chunk)

    def _count(self, name: str, n: int, record: dict[str, object]) -> None:
        with self._lock:
            self.bytes_served[name] = self.bytes_served.get(name, 0) + n
            record["sent"] = int(record["sent"]) + n  # type: ignore[call-overload]
