"""The transfer of one file (resume, verify, install), against the fake Hub: the paths a user
meets when a server or a disk misbehaves. Found unguarded by the one-line mutation pass
(tests/tools/one_line_mutants.py); each test says what the user would otherwise get."""

from __future__ import annotations

import errno
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core import errors
from app.core.models import transfer
from tests.support.fake_hub import COMMIT, FakeHub

DATA = os.urandom(300_000 + 5)
SHA = hashlib.sha256(DATA).hexdigest()


@pytest.fixture()
def hub(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHub]:
    with FakeHub() as h:
        h.add("org/m-GGUF", {"m.gguf": DATA})
        h.faults.chunk = 40_000
        monkeypatch.setattr(transfer.time, "sleep", lambda s: None)  # retries without waiting
        yield h


def _blob(h: FakeHub) -> transfer.RemoteBlob:
    return transfer.RemoteBlob(f"{h.url}/org/m-GGUF/resolve/{COMMIT}/m.gguf", COMMIT, SHA, len(DATA), SHA)


def _fetch(h: FakeHub, part: Path, headers: dict[str, str] | None = None) -> tuple[Path, list[Any]]:
    seen: list[Any] = []
    meter = transfer.Meter(len(DATA), part.stat().st_size if part.exists() else 0, seen.append)
    return transfer.fetch("m.gguf", _blob(h), part, meter, None, headers or {}), seen


def test_a_server_that_ignores_range_restarts_the_file_cleanly(hub: FakeHub, tmp_path: Path) -> None:
    part = tmp_path / "blob.incomplete"
    part.write_bytes(DATA[:100_000])
    hub.faults.ignore_range = True  # it answers 200 with the whole file to "bytes=100000-"
    blob, seen = _fetch(hub, part)
    assert blob.read_bytes() == DATA and blob.name == SHA
    assert seen[-1].done == len(DATA), "the progress counts the file once, not 100 KB twice"


def test_a_partial_file_longer_than_the_file_starts_again(hub: FakeHub, tmp_path: Path) -> None:
    part = tmp_path / "blob.incomplete"
    part.write_bytes(DATA + b"junk")
    blob, _ = _fetch(hub, part)
    assert blob.read_bytes() == DATA, "installed at the first pull, not after a failed checksum"


def test_server_errors_are_retried_then_explained(hub: FakeHub, tmp_path: Path, monkeypatch) -> None:
    waits: list[float] = []
    monkeypatch.setattr(transfer.time, "sleep", waits.append)
    hub.faults.fail_gets = [502, 503]
    blob, _ = _fetch(hub, tmp_path / "a.incomplete")
    assert blob.read_bytes() == DATA
    assert waits == sorted(waits) and len(waits) == 2 and waits[0] > 0, "it backs off, it does not hammer"
    hub.faults.fail_gets = [500] * transfer.RETRIES
    with pytest.raises(
        errors.NetworkError, match=r"Hugging Face answered with an error \(HTTP 500\)\. Try again later"
    ):
        _fetch(hub, tmp_path / "b.incomplete")
    assert hub.faults.fail_gets == [], "each retry asked again"


@pytest.mark.parametrize(
    ("status", "kind", "sentence"),
    [
        (404, errors.NotFoundError, "not found (HTTP 404)"),
        (401, errors.AccessDenied, "access denied (HTTP 401)"),
        (418, errors.NetworkError, "HTTP 418."),
    ],
)
def test_http_errors_become_one_sentence(hub: FakeHub, tmp_path: Path, status: int, kind: type, sentence: str) -> None:
    hub.faults.fail_gets = [status]
    with pytest.raises(kind, match=sentence.replace("(", r"\(").replace(")", r"\)")):
        _fetch(hub, tmp_path / "c.incomplete")


def test_a_connection_that_keeps_failing_ends_with_a_sentence(hub: FakeHub, tmp_path: Path, monkeypatch) -> None:
    calls = []

    def refused(url: str, start: int, headers: dict[str, str]) -> Iterator[memoryview]:
        calls.append(start)
        raise ConnectionResetError(errno.ECONNRESET, "Connection reset by peer")
        yield memoryview(b"")  # a generator, as the real one

    waits: list[float] = []
    monkeypatch.setattr(transfer, "_stream", refused)
    monkeypatch.setattr(transfer.time, "sleep", waits.append)
    with pytest.raises(errors.NetworkError, match="the connection keeps failing"):
        _fetch(hub, tmp_path / "d.incomplete")
    assert len(calls) == transfer.RETRIES
    assert len(waits) == transfer.RETRIES - 1 and waits == sorted(waits) and waits[0] > 0, "it backs off"


def test_a_folder_it_cannot_write_is_named(hub: FakeHub, tmp_path: Path, monkeypatch) -> None:
    def denied(path: Path) -> Any:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(transfer, "_open_append", denied)
    with pytest.raises(errors.DownloadError, match=r"cannot write .*e\.incomplete: Permission denied\."):
        _fetch(hub, tmp_path / "e.incomplete")


class DoublingWriter:
    """A filesystem that says a block was written once but stored it twice: what passed through
    the hash is right, what is on disk is not."""

    def __init__(self, path: Path) -> None:
        self.fh: Any = path.open("ab", buffering=0)
        self.doubled = False

    def write(self, data: Any) -> int:
        n = int(self.fh.write(data))
        if not self.doubled:
            self.fh.write(data)
            self.doubled = True
        return n

    def truncate(self, n: int) -> int:
        return int(self.fh.truncate(n))

    def __enter__(self) -> DoublingWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.fh.close()


def test_what_is_checked_is_what_is_on_disk(hub: FakeHub, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(transfer, "_open_append", DoublingWriter)
    part = tmp_path / "f.incomplete"
    with pytest.raises(errors.ChecksumMismatch, match="failed its checksum"):
        _fetch(hub, part)
    assert not list(tmp_path.glob(SHA)), "a file that is not the Hub's is never installed as verified"


def test_the_request_asks_for_plain_bytes_and_keeps_the_token_off_redirects(hub: FakeHub, tmp_path: Path) -> None:
    _fetch(hub, tmp_path / "g.incomplete", {"authorization": "Bearer hf_secret"})
    got = hub.headers[-1]
    assert got.get("Accept-Encoding") == "identity", "a compressed body would break the byte count and resume"
    assert got.get("Authorization") == "Bearer hf_secret"


def test_a_file_of_unknown_size_is_fetched_once(hub: FakeHub, tmp_path: Path) -> None:
    hub.add("org/m-GGUF", {"README.md": b"# small text file\n"}, lfs=False)
    m = transfer.RemoteBlob(f"{hub.url}/org/m-GGUF/resolve/{COMMIT}/README.md", COMMIT, None, None, "etag1")
    meter = transfer.Meter(0, 0, None)
    blob = transfer.fetch("README.md", m, tmp_path / "r.incomplete", meter, None, {})
    assert blob.read_bytes() == b"# small text file\n" and blob.name == "etag1"


def test_a_dropped_connection_resumes_where_it_stopped(hub: FakeHub, tmp_path: Path) -> None:
    hub.faults.drop_after["m.gguf"] = 123_456
    blob, seen = _fetch(hub, tmp_path / "h.incomplete")
    assert blob.read_bytes() == DATA
    assert [r for _, _, r in hub.requests if r] == ["bytes=123456-"], "the rest, not the whole file again"
    assert seen[-1].done == len(DATA)


class FailingOnce:
    """A write that lands part of a block, then fails (a transient I/O error)."""

    def __init__(self, path: Path) -> None:
        self.fh: Any = path.open("ab", buffering=0)

    def write(self, data: Any) -> int:
        if not FailingOnce.failed and self.fh.tell() + len(data) > 150_000:
            FailingOnce.failed = True
            self.fh.write(bytes(data[:1000]))
            raise OSError(errno.EIO, "Input/output error")
        return int(self.fh.write(data))

    def truncate(self, n: int) -> int:
        return int(self.fh.truncate(n))

    def __enter__(self) -> FailingOnce:
        return self

    def __exit__(self, *exc: object) -> None:
        self.fh.close()

    failed = False


def test_bytes_written_before_a_failure_count_in_the_progress(hub: FakeHub, tmp_path: Path, monkeypatch) -> None:
    FailingOnce.failed = False
    monkeypatch.setattr(transfer, "_open_append", FailingOnce)
    blob, seen = _fetch(hub, tmp_path / "i.incomplete")
    assert blob.read_bytes() == DATA
    assert seen[-1].done == seen[-1].total == len(DATA), "the bar ends full, not 1 KB short"
