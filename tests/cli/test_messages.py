"""Messages that used to mislead: each failure says what it is."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

import pytest

from app.core import errors


def test_a_prompt_that_is_not_utf8_is_repaired_with_a_note(capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli.ask import _conversation

    # Bytes that are not UTF-8 reach argv as lone surrogates (Python's surrogateescape).
    [m] = _conversation(Namespace(messages=None, prompt=b"caf\xe9 or tea?".decode("utf-8", "surrogateescape")))
    assert m["content"] == "caf\ufffd or tea?"
    assert "not all UTF-8 (byte 0xe9 at 3)" in capsys.readouterr().err


def test_a_missing_relative_path_is_a_missing_file_not_a_repo_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.core.models.installed import resolve_model

    monkeypatch.chdir(tmp_path)
    (tmp_path / "models").mkdir()
    assert resolve_model("models/sub/x.gguf") == Path("models/sub/x.gguf")  # then: "Model file not found"
    with pytest.raises(errors.ModelFileError, match=r"not a file here, and read as a Hugging Face file .* r1desk pull"):
        resolve_model("nosuchdir/sub/x.gguf")


def test_more_threads_than_the_machine_has_are_refused(tiny_model: Path) -> None:
    import os

    from app.core.inference.events import LoadParams
    from app.core.inference.local_engine import LocalEngine

    engine = LocalEngine()
    with pytest.raises(errors.EngineError, match=rf"500 threads: this machine runs {os.cpu_count()} at a time"):
        engine.load(LoadParams(str(tiny_model), n_threads=500))
    assert engine._proc is None  # refused before a model process was started


def test_a_cache_path_through_a_file_is_said_plainly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.core.models import hub

    (tmp_path / "hf-home").write_text("not a folder")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    with pytest.raises(errors.DownloadError, match="is a file, not a folder. Check HF_HOME"):
        hub.pull("org/m-GGUF", ["m.gguf"])


def test_rm_after_a_refused_pull_says_there_is_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.cli import main
    from app.core.models import hub
    from tests.support.fake_hub import FakeHub

    with FakeHub() as h:
        h.add("org/m-GGUF", {"m.gguf": b"x" * 10_000})
        h.faults.wrong_bytes.add("m.gguf")
        monkeypatch.setenv("HF_ENDPOINT", h.url)
        monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "cache"))
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
        with pytest.raises(errors.ChecksumMismatch):
            hub.pull("org/m-GGUF", ["m.gguf"])
    assert main(["rm", "org/m-GGUF", "--file", "m.gguf"]) == 1
    assert not list((tmp_path / "cache").rglob("*")), "no marker, no empty folders"
