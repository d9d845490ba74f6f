"""Disk full: during a pull (an injected writer that fails part-way, and a real tiny tmpfs where
the machine lets us mount one), and under the chats database (SQLite's page limit)."""

from __future__ import annotations

import errno
import hashlib
import os
import random
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from app.core import errors
from app.core.models import hf_cache, transfer
from app.core.models import hub as downloads
from tests.faults.tally import Tries
from tests.support.fake_hub import FakeHub

REPO = "org/model-GGUF"
NAME = "model-Q4_K_M.gguf"
DATA = os.urandom(600_000 + 17)
SHA = hashlib.sha256(DATA).hexdigest()


@pytest.fixture()
def hub(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeHub]:
    with FakeHub() as h:
        h.add(REPO, {NAME: DATA})
        h.faults.chunk = 50_000
        monkeypatch.setenv("HF_ENDPOINT", h.url)
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
        monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf-cache"))
        monkeypatch.setattr(transfer.time, "sleep", lambda s: None)  # retries without waiting
        yield h


class FailingWriter:
    """An unbuffered append file that fails once ``budget`` bytes have been written.

    ``kind``: "enospc" (writes what fits, then ENOSPC, as a full disk does), "short" (returns a
    short count, then writes nothing), "eio" (a transient error after a partial write: the
    transfer retries).
    """

    def __init__(self, path: Path, budget: list[int], kind: str) -> None:
        self.fh: Any = path.open("ab", buffering=0)
        self.budget, self.kind = budget, kind

    def write(self, data: Any) -> int:
        room = self.budget[0]
        if room >= len(data):
            self.budget[0] -= len(data)
            return int(self.fh.write(data))
        if room > 0:
            self.fh.write(bytes(data[:room]))
            self.budget[0] = 0
            if self.kind == "short":
                return room
        if self.kind == "eio":
            self.budget[0] = 1 << 40  # the fault passes: the retry writes freely
            raise OSError(errno.EIO, "Input/output error")
        if self.kind == "short":
            return 0
        raise OSError(errno.ENOSPC, "No space left on device")

    def truncate(self, n: int) -> int:
        return int(self.fh.truncate(n))

    def __enter__(self) -> FailingWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.fh.close()


def _installed_bytes() -> bytes | None:
    p = hf_cache.local_file(REPO, NAME)
    return p.read_bytes() if p is not None else None


def _writer(budget: list[int], kind: str) -> Callable[[Path], BinaryIO]:
    return lambda path: FailingWriter(path, budget, kind)  # type: ignore[return-value]


def test_a_write_failing_part_way_never_installs_a_wrong_file(
    hub: FakeHub, tries: Callable[[str], Tries], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    t = tries("disk full during a pull (injected writer)")
    rng = random.Random(18)
    for i in range(12):
        kind = ("enospc", "short", "eio")[i % 3]
        room = rng.randrange(1, len(DATA) - 1)
        budget = [room]
        with t(f"{kind} after {room} bytes"):
            hf_cache.remove(REPO, NAME)
            monkeypatch.setattr(transfer, "_open_append", _writer(budget, kind))
            if kind == "eio":
                [path] = downloads.pull(REPO, [NAME])  # retried within the pull
            else:
                with pytest.raises(errors.NotEnoughSpace, match=r"the disk is full: .* free, .* needed"):
                    downloads.pull(REPO, [NAME])
                assert _installed_bytes() is None, "nothing counts as installed after a full disk"
                assert hf_cache.partial_bytes(REPO, NAME) == room, "every byte written is kept for the resume"
                monkeypatch.setattr(transfer, "_open_append", _writer([1 << 40], kind))  # space returns
                [path] = downloads.pull(REPO, [NAME])
            assert path.read_bytes() == DATA, f"{path.stat().st_size} bytes on disk, {len(DATA)} expected"
            assert path.resolve().name == SHA


def _mount_tmpfs(where: Path, size: str) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        return False
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True)
    return r.returncode == 0


def _umount(where: Path) -> None:
    if subprocess.run(["umount", str(where)], capture_output=True).returncode:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)  # still busy: detach it


def test_a_real_full_disk(
    hub: FakeHub, tries: Callable[[str], Tries], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A 400 KB tmpfs holds part of the 600 KB file (mount may be refused: then the injected
    writer above is the test)."""
    small = tmp_path / "small"
    if not _mount_tmpfs(small, "400k"):
        pytest.skip("mount -t tmpfs is not allowed here; the injected writer covers this")
    t = tries("disk full during a pull (tmpfs)")
    try:
        monkeypatch.setenv("HF_HUB_CACHE", str(small / "hub"))
        monkeypatch.setattr(downloads, "check_space", lambda cache, need: None)  # get past the pre-check
        with t("a 400 KB disk, a 600 KB file"):
            with pytest.raises(errors.NotEnoughSpace, match="the disk is full"):
                downloads.pull(REPO, [NAME])
            assert _installed_bytes() is None
            kept = hf_cache.partial_bytes(REPO, NAME)
            assert 0 < kept < len(DATA)
            # Space returns: the same cache on a bigger disk (the partial file is moved with it).
            big = tmp_path / "big"
            subprocess.run(["cp", "-a", str(small / "hub"), str(big)], check=True)
            monkeypatch.setenv("HF_HUB_CACHE", str(big))
            [path] = downloads.pull(REPO, [NAME])
            assert path.read_bytes() == DATA
            assert hub.responses[-1]["range"] == f"bytes={kept}-"
    finally:
        _umount(small)


# ---- the chats database --------------------------------------------------------------------------


def run_chat_disk_full(t: Tries, folder: Path, n: int, seed: int) -> None:
    """The disk fills at a random delta of an answer (and sometimes before a send): the turn ends,
    the answer is kept in memory, and all of it reaches the disk once there is room."""
    from app.core.chats.session import ChatSession
    from app.core.chats.store import Store
    from app.core.errors import StoreError
    from app.core.inference.events import ChatOptions
    from app.core.r1.presets import get_preset
    from tests.support.fake_engine import stats
    from tests.support.full_disk import FullDisk

    rng = random.Random(seed)
    r1 = get_preset("R1 (paper)")
    for i in range(n):
        store = Store(folder / f"c{i}.sqlite3")
        disk = FullDisk(store)
        session = ChatSession(store)
        deltas = [(rng.choice(["reasoning", "answer"]), f"piece {k} " * rng.randrange(1, 40)) for k in range(40)]
        full_at = rng.randrange(len(deltas) + 1)
        with t(f"seed {seed} try {i}: full at delta {full_at}"):
            if rng.random() < 0.3:  # full before the send: refused, nothing half-written
                disk.full = True
                try:
                    session.send("q", r1, ChatOptions(), "m")
                    raise AssertionError("sent on a full disk")
                except StoreError as e:
                    assert "disk is full" in str(e)
                assert session.conversation_id is None and not session.generating
                disk.full = False
            session.send("q", r1, ChatOptions(), "m")
            cid = session.conversation_id
            for k, (kind, text) in enumerate(deltas):
                if k == full_at:
                    disk.full = True
                session.append(kind, text)
            m = session.finish(stats(len(deltas), 3))
            assert m is not None and not session.generating
            assert bool(session.unsaved) == disk.full
            disk.full = False
            assert session.save_unsaved()
            [stored] = [x for x in store.messages(cid) if x.role == "assistant"]  # type: ignore[arg-type]
            assert (stored.content, stored.reasoning, stored.state) == (m.content, m.reasoning, "done")
        store.close()


def test_chat_on_a_full_disk(tries, tmp_path: Path) -> None:
    run_chat_disk_full(tries("disk full under a chat"), tmp_path, n=15, seed=5)


def test_chat_on_a_real_full_disk(tries, tmp_path: Path) -> None:
    """SQLite on a tiny tmpfs filled to the brim, then freed (skipped where mount is refused)."""
    from app.core.chats.session import ChatSession
    from app.core.chats.store import Store
    from app.core.errors import DiskFullError
    from app.core.inference.events import ChatOptions
    from app.core.r1.presets import get_preset
    from tests.support.fake_engine import stats

    small = tmp_path / "small"
    if not _mount_tmpfs(small, "1m"):
        pytest.skip("mount -t tmpfs is not allowed here; FullDisk covers this")
    t = tries("disk full under a chat (tmpfs)")
    store = None
    try:
        with t("a 1 MB disk"):
            store = Store(small / "chats.sqlite3")
            session = ChatSession(store)
            session.send("q", get_preset("R1 (paper)"), ChatOptions(), "m")
            filler = small / "filler"
            with filler.open("wb", buffering=0) as f:  # fill what is left
                try:
                    while f.write(b"\0" * 4096):
                        pass
                except OSError:
                    pass
            session.append("answer", "an answer long enough to need new pages " * 2000)
            m = session.finish(stats(5))
            assert m is not None and session.unsaved and "disk is full" in (session.write_problem or "")
            try:
                session.send("again", get_preset("R1 (paper)"), ChatOptions(), "m")
                raise AssertionError("sent on a full disk")
            except DiskFullError:
                pass
            filler.unlink()
            assert session.save_unsaved()
            assert store.messages(session.conversation_id)[-1].content.startswith("an answer")  # type: ignore[arg-type]
    finally:
        if store is not None:
            store.close()
        _umount(small)


class ShrinkingWriter(FailingWriter):
    """A write that fails and takes back more than it wrote (a network filesystem rolling back a
    partial write): the partial file ends shorter than what the transfer had hashed."""

    def write(self, data: Any) -> int:
        if self.budget[0] >= len(data):
            return super().write(data)
        self.fh.write(bytes(data[: self.budget[0]]))
        self.fh.truncate(max(0, self.fh.tell() - self.budget[0] - 10_000))
        self.budget[0] = 1 << 40  # the fault passes: the retry writes freely
        raise OSError(errno.EIO, "Input/output error")


def test_a_partial_file_that_shrank_is_hashed_again_from_its_start(hub: FakeHub, monkeypatch) -> None:
    budget = [260_000]
    monkeypatch.setattr(transfer, "_open_append", lambda path: ShrinkingWriter(path, budget, "eio"))
    [path] = downloads.pull(REPO, [NAME])
    assert path.read_bytes() == DATA and path.resolve().name == SHA


def test_a_cancel_while_a_shrunk_file_is_hashed_again_keeps_it(
    hub: FakeHub, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    part = tmp_path / "blob.incomplete"
    part.write_bytes(DATA[:100_000])

    class Cancelled:
        def is_set(self) -> bool:
            return True

    hasher = hashlib.sha256(DATA[:200_000])  # the transfer hashed more than the file now holds
    with pytest.raises(errors.DownloadCancelled, match="resume"):
        transfer._sync(part, hasher, 200_000, Cancelled())
    assert part.read_bytes() == DATA[:100_000], "the partial file is kept for the next pull"


def test_a_full_disk_whose_free_space_cannot_be_read_still_gets_its_sentence(tmp_path: Path, monkeypatch) -> None:
    def unreadable(where: object) -> object:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(transfer.shutil, "disk_usage", unreadable)
    e = transfer.disk_full("m.gguf", OSError(errno.ENOSPC, "No space left"), tmp_path, 5_000_000, 1_000_000)
    assert e is not None and "the disk is full: 0 KB free, 5 MB needed" in str(e)


def test_the_download_speed_is_the_last_five_seconds_and_updates_at_most_ten_times_a_second(monkeypatch) -> None:
    clock = [100.0]
    monkeypatch.setattr(transfer.time, "monotonic", lambda: clock[0])
    seen: list[transfer.DownloadProgress] = []
    meter = transfer.Meter(total=100_000_000, done=0, callback=seen.append)
    for _ in range(80):  # 1 MB/s for 10 s, one update every 1/8 s (binary fractions: exact sums)
        clock[0] += 0.125
        meter.update("m.gguf", meter.done + 125_000, 100_000_000, 125_000)
    for _ in range(40):  # then 10 MB/s for 5 s
        clock[0] += 0.125
        meter.update("m.gguf", meter.done + 1_250_000, 100_000_000, 1_250_000)
    assert seen[-1].speed_bps == pytest.approx(10_000_000, rel=0.05), "the speed of the last seconds, not the average"
    n = len(seen)
    for _ in range(32):  # 32 updates within 1/16 s: none shown
        clock[0] += 1 / 512
        meter.update("m.gguf", meter.done + 1, 100_000_000, 1)
    assert len(seen) == n
