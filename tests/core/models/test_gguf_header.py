"""A file is checked before llama.cpp sees it: every broken file gets a clear error."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from app.core.errors import ModelFileError
from app.core.models.gguf_header import read_gguf


def test_reads_facts_without_loading(tiny_model: Path) -> None:
    info = read_gguf(tiny_model)
    assert info.architecture == "llama"
    assert info.n_layers == 2 and info.n_heads == 4 and info.n_kv_heads == 2 and info.head_dim == 16
    assert info.context_length == 4096
    assert info.chat_template and "<｜Assistant｜><think>" in info.chat_template
    assert info.n_vocab == 262
    assert info.quantization == "ALL_F32"
    assert info.n_params > 30_000
    from app.core.models.fit import estimate, shape_of

    assert estimate(shape_of(info), 0, n_ctx=1).kv_cache == 2 * 2 * 2 * 16 * 2


def test_missing_file() -> None:
    with pytest.raises(ModelFileError, match="not found"):
        read_gguf("/nonexistent/model.gguf")


def test_folder(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="is a folder"):
        read_gguf(tmp_path)


def test_not_a_gguf(tmp_path: Path) -> None:
    p = tmp_path / "notes.gguf"
    p.write_bytes(b"hello world, this is certainly not a model file")
    with pytest.raises(ModelFileError, match="not a GGUF model file"):
        read_gguf(p)


def test_html_error_page(tmp_path: Path) -> None:
    p = tmp_path / "model.gguf"
    p.write_text("<!DOCTYPE html><html><body>404 Not Found</body></html>")
    with pytest.raises(ModelFileError, match="web page"):
        read_gguf(p)


@pytest.mark.parametrize("keep", [0.999, 0.5, 0.01, 0.0005])
def test_truncated(tiny_model: Path, tmp_path: Path, keep: float) -> None:
    data = tiny_model.read_bytes()
    p = tmp_path / "cut.gguf"
    p.write_bytes(data[: max(30, int(len(data) * keep))])
    with pytest.raises(ModelFileError, match="incomplete|truncated|damaged"):
        read_gguf(p)


def test_unsupported_version(tiny_model: Path, tmp_path: Path) -> None:
    data = bytearray(tiny_model.read_bytes())
    data[4:8] = struct.pack("<I", 7)
    p = tmp_path / "v7.gguf"
    p.write_bytes(bytes(data))
    with pytest.raises(ModelFileError, match="version 7"):
        read_gguf(p)


def test_absurd_counts(tiny_model: Path, tmp_path: Path) -> None:
    data = bytearray(tiny_model.read_bytes())
    data[8:16] = struct.pack("<Q", 2**60)
    p = tmp_path / "absurd.gguf"
    p.write_bytes(bytes(data))
    with pytest.raises(ModelFileError, match="damaged"):
        read_gguf(p)


# ---- files crafted to get past a header check (the fault suite generates more) -------------------


@pytest.mark.parametrize(
    ("faults", "error"),
    [
        ({"context_length": 2**32 - 1}, "context_length is 4294967295, more than llama.cpp can hold"),
        ({"head_count_kv": 3}, "4 attention heads do not divide into groups for its 3 KV heads"),
        (
            {"head_count_kv": 4},
            r"blk\.0\.attn_k\.weight has shape \[64, 32\], but the model's settings need \[64, 64\]",
        ),
        ({"drop": frozenset({"blk.1.ffn_up.weight"})}, r"the tensor blk\.1\.ffn_up\.weight is missing"),
        ({"no_tensors": True}, "has no tensors"),
        ({"arch": "not-a-real-arch"}, "architecture 'not-a-real-arch', which llama.cpp does not know"),
    ],
)
def test_a_crafted_file_is_refused_before_llama_cpp_sees_it(tmp_path: Path, faults: dict, error: str) -> None:
    from app.core.errors import R1DeskError
    from app.core.models.installed import import_gguf
    from tests.support.tiny_model import write_tiny_model

    p = write_tiny_model(tmp_path / "crafted.gguf", **faults)
    with pytest.raises(R1DeskError, match=error):
        read_gguf(p)
    with pytest.raises(R1DeskError, match=error):  # import refuses what loading refuses: one check
        import_gguf(p)


def test_deeply_nested_metadata_is_refused_not_a_recursion_error(tmp_path: Path) -> None:
    from tests.support.tiny_model import write_nested_metadata

    with pytest.raises(ModelFileError, match=r"nested\.gguf .* nested more than 8 deep"):
        read_gguf(write_nested_metadata(tmp_path / "nested.gguf", 100_000))
