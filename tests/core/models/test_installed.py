"""The user's models on disk: imports, catalog variants in the HF cache, and what --model means."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.core.errors import ModelFileError
from app.core.models import hf_cache
from app.core.models.catalog import find
from app.core.models.installed import import_gguf, imported_models, installed_path, remove_variant, resolve_model


@pytest.fixture()
def hf_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    return tmp_path / "hub"


def place(cache: Path, repo: str, name: str, data: bytes) -> Path:
    """A verified file as a pull leaves it: the blob and the snapshot link."""
    folder = hf_cache.repo_folder(repo, cache)
    blob = folder / "blobs" / ("0" * 64)
    blob.parent.mkdir(parents=True, exist_ok=True)
    blob.write_bytes(data)
    hf_cache.link_blob(blob, folder / "snapshots" / "c0ffee" / name)
    return folder / "snapshots" / "c0ffee" / name


def test_import_checks_the_file_and_remembers_it(tiny_model: Path) -> None:
    assert import_gguf(tiny_model) == tiny_model.resolve()
    assert imported_models() == [tiny_model.resolve()]
    import_gguf(tiny_model)
    assert imported_models() == [tiny_model.resolve()], "no duplicates"


def test_import_with_copy(tiny_model: Path) -> None:
    copied = import_gguf(tiny_model, copy=True)
    assert copied != tiny_model and copied.read_bytes() == tiny_model.read_bytes()
    with pytest.raises(ModelFileError, match="already exists"):
        import_gguf(tiny_model, copy=True)


def test_a_broken_file_is_not_imported(tmp_path: Path) -> None:
    bad = tmp_path / "bad.gguf"
    bad.write_bytes(os.urandom(1000))
    with pytest.raises(ModelFileError):
        import_gguf(bad)
    assert imported_models() == []


def test_a_catalog_variant_in_the_cache_is_found_and_removed(hf_home: Path, tiny_model: Path) -> None:
    v = find("r1-qwen-1.5b")
    repo = v.model.repos[1]  # from whichever repository it came
    assert installed_path(v) is None
    path = place(hf_home, repo.id, v.files(repo)[0], tiny_model.read_bytes())
    assert installed_path(v) == path
    assert resolve_model("r1-qwen-1.5b") == path
    assert remove_variant(v) and installed_path(v) is None


def test_resolve_model_says_what_to_do(hf_home: Path, tiny_model: Path) -> None:
    assert resolve_model(str(tiny_model)) == tiny_model
    with pytest.raises(ModelFileError, match="r1desk pull r1-qwen-7b:Q4_K_M"):
        resolve_model("r1-qwen-7b")
    with pytest.raises(ModelFileError, match="not a catalog id"):
        resolve_model("no-such-model")
    with pytest.raises(ModelFileError, match="r1desk pull org/repo --file x.gguf"):
        resolve_model("org/repo/x.gguf")


def test_on_this_computer_lists_downloads_and_opened_files(hf_home: Path, tiny_model: Path, tmp_path: Path) -> None:
    """The picker's "On this computer" (issue 17, item 5): one list, and Remove does what it says."""
    from app.core.models.installed import forget, local_models, remember_opened

    repo = "someone/Some-GGUF"
    place(hf_home, repo, "a-Q4_K_M.gguf", b"GGUF" + bytes(10))
    place(hf_home, repo, "split/b-Q8_0-00002-of-00002.gguf", b"GGUF" + bytes(10))  # not loadable alone
    remember_opened(tiny_model)
    remember_opened(tiny_model)  # once only
    remember_opened(hf_cache.local_file(repo, "a-Q4_K_M.gguf"))  # a download is not "opened"
    models = local_models()
    assert [(m.path.name, m.kind) for m in models] == [("a-Q4_K_M.gguf", "downloaded"), ("tiny-r1.gguf", "opened")]
    assert models[0].repo == repo
    forget(tiny_model)
    assert [m.kind for m in local_models()] == ["downloaded"]
    assert tiny_model.exists(), "removing an opened file takes it off the list, never off the disk"
