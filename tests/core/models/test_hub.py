"""Downloads against a loopback fake Hub: fresh, resumed, verified, refused, offline."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core import errors
from app.core.models import hf_cache
from app.core.models import hub as downloads
from tests.support.fake_hub import FakeHub

REPO = "bartowski/DeepSeek-R1-Distill-Qwen-1.5B-GGUF"
NAME = "DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf"
DATA = os.urandom(3 * 1024 * 1024 + 123)


@pytest.fixture()
def hub(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeHub]:
    with FakeHub() as h:
        h.add(REPO, {NAME: DATA, "README.md": b"# readme\n"})
        h.add(REPO, {"README.md": b"# readme\n"}, lfs=False)
        monkeypatch.setenv("HF_ENDPOINT", h.url)
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
        monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf-cache"))
        yield h


def test_fresh_download_lands_in_the_hf_cache_layout(hub: FakeHub, tmp_path: Path) -> None:
    seen: list[downloads.DownloadProgress] = []
    [path] = downloads.pull(REPO, [NAME], progress=seen.append)
    assert path.read_bytes() == DATA
    sha = hashlib.sha256(DATA).hexdigest()
    folder = tmp_path / "hf-cache" / "models--bartowski--DeepSeek-R1-Distill-Qwen-1.5B-GGUF"
    assert path.is_symlink() and path.resolve() == folder / "blobs" / sha
    assert (folder / "refs" / "main").read_text() == "0123456789abcdef0123456789abcdef01234567"
    assert seen[-1].done == seen[-1].total == len(DATA)
    assert hub.bytes_served[NAME] == len(DATA)
    # huggingface_hub itself finds the file offline, as every HF tool would.
    from huggingface_hub import hf_hub_download

    assert (
        Path(hf_hub_download(REPO, NAME, cache_dir=tmp_path / "hf-cache", local_files_only=True)).read_bytes() == DATA
    )
    assert [(f.repo, f.path) for f in hf_cache.installed_files()] == [(REPO, NAME)]
    # A second pull fetches nothing.
    downloads.pull(REPO, [NAME])
    assert hub.bytes_served[NAME] == len(DATA)


def test_dropped_connection_resumes_within_the_pull(hub: FakeHub) -> None:
    hub.faults.drop_after[NAME] = 1_000_000
    [path] = downloads.pull(REPO, [NAME])
    assert path.read_bytes() == DATA
    assert hub.bytes_served[NAME] == len(DATA), "no byte fetched twice"
    ranges = [r for m, p, r in hub.requests if m == "GET" and p.endswith(NAME)]
    assert ranges == [None, "bytes=1000000-"]


def test_cancel_then_resume_fetches_no_byte_twice(hub: FakeHub) -> None:
    hub.faults.chunk = 256 * 1024
    # The file waits at 1 MB until the cancel is set; released, one more chunk goes out before it
    # waits again (until the client hangs up), so the cancel lands midway on any machine.
    hub.faults.hold_at[NAME] = [1_000_000, 1_000_000 + 256 * 1024]
    cancel = threading.Event()

    def cancel_while_held() -> None:
        deadline = time.monotonic() + 60
        while not hub.holding and time.monotonic() < deadline:
            time.sleep(0.005)
        cancel.set()
        hub.release()

    threading.Thread(target=cancel_while_held, daemon=True).start()
    with pytest.raises(errors.DownloadCancelled, match="resume"):
        downloads.pull(REPO, [NAME], cancel=cancel)
    kept = hf_cache.partial_bytes(REPO, NAME)
    assert 0 < kept <= 1_000_000 + 256 * 1024 < len(DATA)
    assert hf_cache.local_file(REPO, NAME) is None, "a partial file is never 'installed'"
    assert hf_cache.installed_files() == []
    [path] = downloads.pull(REPO, [NAME])
    assert path.read_bytes() == DATA
    # The second pull asked only for what was missing, and got exactly that. (Counted per
    # response: the cancelled one may still be pushing bytes into a socket nobody reads.)
    last = [r for r in hub.responses if r["name"] == NAME][-1]
    assert last == {"name": NAME, "range": f"bytes={kept}-", "sent": len(DATA) - kept}


def test_corrupted_bytes_fail_the_checksum_and_are_deleted(hub: FakeHub, tmp_path: Path) -> None:
    hub.faults.wrong_bytes.add(NAME)
    with pytest.raises(errors.ChecksumMismatch, match="checksum"):
        downloads.pull(REPO, [NAME])
    assert hf_cache.local_file(REPO, NAME) is None
    # Nothing is left behind: no blob, no 64-byte marker, no empty folders; and rm has nothing to delete.
    assert not (tmp_path / "hf-cache" / "models--bartowski--DeepSeek-R1-Distill-Qwen-1.5B-GGUF").exists()
    assert hf_cache.partial_bytes(REPO, NAME) == 0
    assert hf_cache.remove(REPO, NAME) is False


def test_wrong_advertised_sha_is_caught(hub: FakeHub) -> None:
    hub.faults.wrong_sha.add(NAME)
    with pytest.raises(errors.ChecksumMismatch):
        downloads.pull(REPO, [NAME])


def test_not_enough_disk_space(hub: FakeHub, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    real = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage", lambda p: real(p)._replace(free=1_000_000))
    with pytest.raises(errors.NotEnoughSpace, match=r"needs 3 MB, plus 105 MB kept free .* but only 1 MB is free"):
        downloads.pull(REPO, [NAME])
    assert hub.bytes_served.get(NAME, 0) == 0


def test_multi_part_model(hub: FakeHub) -> None:
    parts = {f"Q8_0/model-Q8_0-0000{i}-of-00003.gguf": os.urandom(200_000 + i) for i in (1, 2, 3)}
    hub.add("org/big-GGUF", parts)
    seen: list[downloads.DownloadProgress] = []
    paths = downloads.pull("org/big-GGUF", sorted(parts), progress=seen.append)
    assert [p.read_bytes() for p in paths] == [parts[k] for k in sorted(parts)]
    assert paths[0].parent == paths[1].parent  # parts side by side, as llama.cpp expects
    assert seen[-1].total == sum(len(v) for v in parts.values())


def test_listing_gguf_files_with_sizes_and_checksums(hub: FakeHub) -> None:
    files = downloads.list_gguf_files(f"https://huggingface.co/{REPO}/blob/main/{NAME}")
    assert [(f.path, f.size, f.sha256) for f in files] == [(NAME, len(DATA), hashlib.sha256(DATA).hexdigest())]


def test_repo_without_gguf(hub: FakeHub) -> None:
    hub.add("org/safetensors-only", {"model.safetensors": b"x" * 100})
    with pytest.raises(errors.NotFoundError, match="no GGUF files"):
        downloads.list_gguf_files("org/safetensors-only")


@pytest.mark.parametrize(
    ("status", "error", "message"),
    [
        (401, errors.AccessDenied, "gated"),
        (403, errors.AccessDenied, "HF_TOKEN"),
        (500, errors.NetworkError, "HTTP 500"),
    ],
)
def test_server_errors_have_clear_messages(hub: FakeHub, status: int, error: type, message: str) -> None:
    hub.faults.status[REPO] = status
    with pytest.raises(error, match=message):
        downloads.pull(REPO, [NAME])
    with pytest.raises(error):
        downloads.list_gguf_files(REPO)


def test_missing_repo_and_file(hub: FakeHub) -> None:
    with pytest.raises(errors.NotFoundError, match="no such repository"):
        downloads.pull("org/nothing-here", ["x.gguf"])
    with pytest.raises(errors.NotFoundError, match="no such file"):
        downloads.pull(REPO, ["missing.gguf"])


def test_connection_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))
    with pytest.raises(errors.NetworkError, match="cannot reach"):
        downloads.pull(REPO, [NAME])


def test_offline_lists_the_cache_and_refuses_to_pull(hub: FakeHub, monkeypatch: pytest.MonkeyPatch) -> None:
    downloads.pull(REPO, [NAME])
    before = len(hub.requests)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert [f.path for f in hf_cache.installed_files()] == [NAME]
    assert downloads.pull(REPO, [NAME])[0].read_bytes() == DATA  # installed: no network needed
    with pytest.raises(errors.OfflineError, match="offline"):
        downloads.pull(REPO, ["other.gguf"])
    with pytest.raises(errors.OfflineError):
        downloads.list_gguf_files(REPO)
    assert len(hub.requests) == before


def test_remove(hub: FakeHub) -> None:
    downloads.pull(REPO, [NAME])
    assert hf_cache.remove(REPO, NAME)
    assert hf_cache.local_file(REPO, NAME) is None and hf_cache.installed_files() == []
