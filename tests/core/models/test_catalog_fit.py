"""Catalog validation, memory estimates, fit verdicts and the recommendation on simulated machines."""

from __future__ import annotations

import copy
import json

import pytest

from app.core.config.paths import asset
from app.core.errors import CatalogError
from app.core.models.catalog import Shape, find, group_parts, is_first_part, load_catalog, parse_catalog, quant_of
from app.core.models.fit import estimate, judge_variant, recommend
from app.core.models.hardware import GPU, Hardware, detect
from app.core.r1.reasoning import needs_forced_think
from tests.support.r1_model import R1Model, official_render

GB = 10**9


def machine(ram_gb: float, cores: int = 8, vram_gb: float | None = None, unified: bool = False) -> Hardware:
    gpus: tuple[GPU, ...] = ()
    if vram_gb is not None:
        gpus = (GPU("Test GPU", int(vram_gb * GB), int(vram_gb * GB), "Metal" if unified else "CUDA", unified),)
    return Hardware(
        int(ram_gb * GB),
        int(ram_gb * GB),
        "Test CPU",
        cores,
        cores * 2,
        gpus,
        "Metal" if unified else ("CUDA" if gpus else "CPU"),
        bool(gpus),
    )


def test_catalog_has_the_six_paper_distills_and_the_0528_one() -> None:
    ids = {m.id for m in load_catalog()}
    assert ids == {
        "r1-qwen-1.5b",
        "r1-qwen-7b",
        "r1-llama-8b",
        "r1-qwen-14b",
        "r1-qwen-32b",
        "r1-llama-70b",
        "r1-0528-qwen3-8b",
    }
    for m in load_catalog():
        quants = {v.quant for v in m.variants}
        assert {"Q4_K_M", "Q5_K_M", "Q6_K", "Q8_0"} <= quants, m.id
        assert m.context_length == 131072 and m.licence and m.base_model and m.repos
    assert find("r1-qwen-14b").model.benchmarks["livecodebench"] == 53.1
    assert {"Q3_K_M", "IQ4_XS"} <= {v.quant for v in find("r1-qwen-32b").model.variants}


def test_split_files_are_one_download() -> None:
    v = find("r1-llama-70b:Q8_0")
    assert v.parts == 2
    bart, _, lms = v.model.repos
    assert v.files(bart) == [
        "DeepSeek-R1-Distill-Llama-70B-Q8_0/DeepSeek-R1-Distill-Llama-70B-Q8_0-00001-of-00002.gguf",
        "DeepSeek-R1-Distill-Llama-70B-Q8_0/DeepSeek-R1-Distill-Llama-70B-Q8_0-00002-of-00002.gguf",
    ]
    assert v.files(lms)[0] == "DeepSeek-R1-Distill-Llama-70B-Q8_0-00001-of-00002.gguf"
    assert find("r1-qwen-7b").files() == ["DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf"]


def test_unknown_ids_and_quants_are_clear_errors() -> None:
    with pytest.raises(CatalogError, match="not in the catalog"):
        find("gpt-5")
    with pytest.raises(CatalogError, match="no Q2_K file"):
        find("r1-qwen-7b:Q2_K")


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d["models"][0].pop("shape"),
        lambda d: d["models"][0]["shape"].update(layers=0),
        lambda d: d["models"][0]["files"]["Q4_K_M"].update(size=-1),
        lambda d: d["models"][1].update(id=d["models"][0]["id"]),
        lambda d: d["models"][0]["repos"][0].update(split="sideways"),
        lambda d: d["models"][0]["repos"][0].update(template="ancient"),
        lambda d: d.update(version=2),
        lambda d: d["models"][1].update(drafts=["r1-qwen-0.5b"]),
        lambda d: d["models"][0].update(drafts=[d["models"][0]["id"]]),
    ],
)
def test_catalog_validation(breakage) -> None:
    data = json.loads(asset("catalog.json").read_text(encoding="utf-8"))
    bad = copy.deepcopy(data)
    breakage(bad)
    with pytest.raises(CatalogError):
        parse_catalog(bad)


def test_the_catalog_names_each_models_drafts_of_the_same_family() -> None:
    drafts = {m.id: m.drafts for m in load_catalog() if m.drafts}
    assert drafts == {
        "r1-qwen-7b": ("r1-qwen-1.5b",),
        "r1-qwen-14b": ("r1-qwen-1.5b",),
        "r1-qwen-32b": ("r1-qwen-1.5b",),
        "r1-llama-70b": ("r1-llama-8b",),
    }
    shapes = {m.id: m.shape for m in load_catalog()}
    for target, (draft,) in drafts.items():  # vocabularies at most 128 entries apart (padding)
        assert abs(shapes[target].vocab - shapes[draft].vocab) <= 128


def test_each_repo_says_whether_its_files_carry_the_old_template() -> None:
    data = json.loads(asset("catalog.json").read_text(encoding="utf-8"))
    for m in data["models"]:
        for r in m["repos"]:
            assert r["template"] in ("old", "current", "unknown")
    data["models"][0]["repos"][0]["template"] = "old"
    assert parse_catalog(data)[0].repos[0].old_template


def test_the_7b_entry_agrees_with_the_real_header(r1_model: R1Model) -> None:
    """bartowski's DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf (its header is the r1_model fixture's):
    the catalog's shapes are the file's, and its template is the old one the catalog says."""
    model = find("r1-qwen-7b:Q4_K_M").model
    meta = r1_model.metadata
    arch = meta["general.architecture"]
    assert (model.architecture, model.context_length) == (arch, meta[f"{arch}.context_length"])
    heads = meta[f"{arch}.attention.head_count"]
    assert model.shape == Shape(
        layers=meta[f"{arch}.block_count"],
        heads=heads,
        kv_heads=meta[f"{arch}.attention.head_count_kv"],
        head_dim=meta[f"{arch}.embedding_length"] // heads,
        embedding=meta[f"{arch}.embedding_length"],
        vocab=len(meta["tokenizer.ggml.tokens"]),
    )
    assert meta["general.file_type"] == 15  # llama.cpp's MOSTLY_Q4_K_M
    (repo,) = [r for r in model.repos if r.id == "bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF"]
    prompt = official_render(r1_model.template, [{"role": "user", "content": "Hi"}])
    assert not prompt.endswith("<think>\n") and needs_forced_think(prompt)
    assert repo.template == "old" and repo.old_template


def test_quant_and_parts_from_file_names() -> None:
    assert quant_of("DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf") == "Q4_K_M"
    assert quant_of("Model.IQ4_XS.gguf") == "IQ4_XS"
    assert quant_of("x/DeepSeek-R1-Distill-Llama-70B-Q8_0-00001-of-00002.gguf") == "Q8_0"
    assert quant_of("model-f16.gguf") == "F16"
    assert is_first_part("a-Q8_0-00001-of-00002.gguf") and not is_first_part("a-Q8_0-00002-of-00002.gguf")
    assert group_parts(["b-00002-of-00002.gguf", "a.gguf", "b-00001-of-00002.gguf"]) == [
        ["a.gguf"],
        ["b-00001-of-00002.gguf", "b-00002-of-00002.gguf"],
    ]


def test_kv_cache_matches_the_r1_facts_table() -> None:
    # KV per token f16: Qwen-1.5B 28 KiB, Llama-8B 128 KiB, Qwen-32B 256 KiB (R1-FACTS.md).
    for model_id, kib in (("r1-qwen-1.5b", 28), ("r1-llama-8b", 128), ("r1-qwen-32b", 256), ("r1-llama-70b", 320)):
        m = find(model_id).model
        assert estimate(m.shape, 0, 1).kv_cache == kib * 1024
    m = find("r1-qwen-14b").model
    assert estimate(m.shape, 0, 32768).kv_cache == 6 * 2**30
    assert estimate(m.shape, 0, 32768, kv_type="q8_0").kv_cache < 3.3 * 2**30


def test_verdicts_on_small_and_large_machines() -> None:
    v14 = find("r1-qwen-14b")
    assert judge_variant(v14, machine(16)).verdict == "too_large"
    assert judge_variant(v14, machine(64)).verdict == "cpu"
    assert judge_variant(v14, machine(64, vram_gb=24)).verdict == "gpu"
    partial = judge_variant(v14, machine(64, vram_gb=12))
    assert partial.verdict == "partial" and 0 < partial.gpu_layers < 48
    assert "of 48 layers" in partial.label
    assert judge_variant(v14, machine(32, vram_gb=32 * 0.75, unified=True)).verdict == "gpu"
    # The same file fits once the context is shorter: the KV cache is what 32K of thinking costs.
    v32 = find("r1-qwen-32b")
    assert judge_variant(v32, machine(64, vram_gb=24)).verdict == "partial"
    assert judge_variant(v32, machine(64, vram_gb=24), n_ctx=4096).verdict == "gpu"


def test_recommendation_steps_down_with_the_machine() -> None:
    cat = load_catalog()
    assert recommend(cat, machine(128, vram_gb=80)).variant.model.id == "r1-llama-70b"
    assert recommend(cat, machine(64, vram_gb=24)).variant.model.id == "r1-qwen-14b"
    assert recommend(cat, machine(16, vram_gb=8)).variant.model.id in {"r1-qwen-7b", "r1-llama-8b", "r1-0528-qwen3-8b"}
    small = recommend(cat, machine(8, cores=4))
    assert small is not None and small.variant.model.id == "r1-qwen-1.5b"
    assert "usable speed" in small.why
    assert recommend(cat, machine(2, cores=1)) is None


def test_detect_never_raises_and_reports_this_machine() -> None:
    hw = detect()
    assert hw.ram_total and hw.ram_total > 10**9
    assert hw.logical_cores and hw.cpu_name
    assert "backend: CPU" in hw.describe()
