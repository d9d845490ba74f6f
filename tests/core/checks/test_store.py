"""Results on disk: keyed by model file, quant, load and protocol; written per sample; a line cut
short by a crash costs only that sample."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

from app.core.checks.identity import ModelIdentity, catalog_model_for, checks_dir, file_sha256
from app.core.checks.store import ResultFile, SampleRecord, set_aside, stored_results

ID = ModelIdentity("ab" * 32, "Q4_K_M", "DeepSeek-R1-Distill-Qwen-7B", "/m.gguf", "r1-qwen-7b", {"n_ctx": 32768})


def rec(uid: str = "test/algebra/1.json", j: int = 0, correct: bool = True) -> SampleRecord:
    return SampleRecord(uid, j, j, 1, "Algebra", "5", "5", "5", correct, 100, 80, 2.0, "stop", r"\boxed{5}")


def test_a_sample_is_on_disk_when_append_returns() -> None:
    rf = ResultFile(ID)
    rf.append(rec())
    again = ResultFile(ID)
    assert again.samples == {("test/algebra/1.json", 0): rec()}
    lines = rf.path.read_text().splitlines()
    assert json.loads(lines[0])["identity"]["quant"] == "Q4_K_M" and len(lines) == 2


def test_a_line_cut_short_by_a_crash_is_dropped_and_the_next_sample_starts_a_clean_line() -> None:
    rf = ResultFile(ID)
    rf.append(rec(j=0))
    with open(rf.path, "ab") as f:
        f.write(b'{"kind": "sample", "unique_id": "test/alg')  # killed mid-write
    rf = ResultFile(ID)
    assert list(rf.samples) == [("test/algebra/1.json", 0)]
    rf.append(rec(j=1))
    assert set(ResultFile(ID).samples) == {("test/algebra/1.json", 0), ("test/algebra/1.json", 1)}


def test_quant_load_and_protocol_each_get_their_own_results() -> None:
    keys = {
        ID.key,
        replace(ID, quant="Q8_0").key,
        replace(ID, load={"n_ctx": 32768, "kv_cache_type": "q4_0"}).key,
        replace(ID, protocol={"max_tokens": 2048}).key,
        replace(ID, file_sha256="cd" * 32).key,
    }
    assert len(keys) == 5
    assert replace(ID, path="/elsewhere/m.gguf", name="renamed").key == ID.key  # the same file, moved


def test_stored_results_lists_each_checked_model_and_restart_sets_old_results_aside() -> None:
    ResultFile(ID).append(rec())
    ResultFile(replace(ID, quant="Q8_0")).append(rec(correct=False))
    assert sorted(r.identity.quant for r in stored_results()) == ["Q4_K_M", "Q8_0"]
    moved = set_aside(ResultFile(ID))
    assert moved.exists() and ResultFile(ID).samples == {}
    assert [r.identity.quant for r in stored_results()] == ["Q8_0"]


def test_file_hash_is_read_once_and_a_hub_blob_needs_none(tmp_path: Path) -> None:
    f = tmp_path / "model.gguf"
    f.write_bytes(b"GGUF" + bytes(1000))
    want = hashlib.sha256(f.read_bytes()).hexdigest()
    assert file_sha256(f) == want
    assert want in (checks_dir() / "hashes.json").read_text()
    blob = tmp_path / "blobs" / ("e" * 64)
    blob.parent.mkdir()
    blob.write_bytes(b"not hashed")
    link = tmp_path / "snap.gguf"
    link.symlink_to(blob)
    assert file_sha256(link) == "e" * 64


def test_catalog_distills_are_recognised_by_file_and_server_names() -> None:
    found = catalog_model_for("DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf")
    assert found is not None and found.id == "r1-qwen-1.5b"
    found = catalog_model_for("deepseek-ai/DeepSeek-R1-Distill-Qwen-14B")
    assert found is not None and found.id == "r1-qwen-14b"
    assert catalog_model_for("SmolLM2-135M-Instruct.Q4_1.gguf") is None
