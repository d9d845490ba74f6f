"""What the app calls a model file (issue 17, item 10)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.core.models.gguf_header import read_gguf
from app.core.models.naming import display_name, file_stem


@pytest.mark.smollm
def test_a_training_tag_in_general_name_gives_way_to_the_file_name(smollm_path: Path) -> None:
    info = read_gguf(smollm_path)
    assert info.metadata["general.name"] == "Smollm2 135M 8k Lc100K Mix1 Ep2"  # what the file says
    assert display_name(info) == "SmolLM2-135M-Instruct"  # what the user chose


def test_general_name_is_kept_when_it_agrees_with_the_file(tiny_model: Path, tmp_path: Path) -> None:
    info = read_gguf(tiny_model)
    named = replace(
        info,
        path=tmp_path / "Qwen2.5-Coder-7B-Instruct-Q5_K_M.gguf",
        metadata={**info.metadata, "general.name": "Qwen2.5 Coder 7B Instruct"},
    )
    assert display_name(named) == "Qwen2.5 Coder 7B Instruct"


def test_a_catalog_file_gets_the_catalog_name(tiny_model: Path, tmp_path: Path) -> None:
    info = read_gguf(tiny_model)  # its own general.name is "tiny-r1-test"
    for name in ("DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf", "DeepSeek-R1-Distill-Llama-70B-Q6_K-00001-of-00002.gguf"):
        model = name.rsplit("-Q", 1)[0]
        assert display_name(replace(info, path=tmp_path / name)) == model


def test_without_a_name_the_file_name_without_quantization_or_part(tiny_model: Path, tmp_path: Path) -> None:
    info = read_gguf(tiny_model)
    bare = replace(info, path=tmp_path / "my-model.Q4_1.gguf", metadata={})
    assert display_name(bare) == "my-model"
    assert file_stem(Path("big-model-Q8_0-00001-of-00003.gguf")) == "big-model"
