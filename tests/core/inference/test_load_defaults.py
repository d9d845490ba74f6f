"""One load configuration for every path, and per-model load defaults (issue 26).

What a load asks for wins; then what the file last loaded with (while the general setting it was
chosen against stands); then the general settings. A load that worked is remembered, with the
estimate beside what llama.cpp allocated; an estimate that was low by more than 10 % is
corrected for that file's next load.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.core import errors
from app.core.inference.events import BackendInfo, LoadParams, ModelFacts
from app.core.inference.load_policy import LoadRequest, load_model, plan_load
from app.core.models import model_defaults
from app.core.models.gguf_header import read_gguf
from app.core.models.load_config import FLASH_NEEDED, LoadConfig
from app.core.models.model_defaults import Remembered

CUDA_BUILD = BackendInfo("CUDA", True, "", "0.3.36")


class GPUEngine:
    """An engine on a GPU build that holds ``fits`` layers and reports ``buffers_mib`` per load."""

    def __init__(self, fits: int = 1000, buffers_mib: dict[str, float] | None = None) -> None:
        self.fits = fits
        self.buffers_mib = buffers_mib or {}
        self.loads: list[LoadParams] = []
        self.facts: ModelFacts | None = None

    @property
    def loaded(self) -> bool:
        return self.facts is not None

    def backend_info(self) -> BackendInfo:
        return CUDA_BUILD

    def load(self, params: LoadParams, progress: object = None) -> ModelFacts:
        self.loads.append(params)
        n = 2 if params.n_gpu_layers < 0 else params.n_gpu_layers  # the tiny model has 2 layers
        if n > self.fits:
            raise errors.OutOfMemoryError("CUDA out of memory")
        self.facts = ModelFacts(
            params.model, params.n_ctx, 4096, 262, 1, 1, "tiny", "CUDA", n > 0, params.n_gpu_layers, 1, True, 0.0,
            buffers_mib=dict(self.buffers_mib), flash_attn=params.flash_attn != "off",
            type_k=params.type_k, type_v=params.type_v,
        )  # fmt: skip
        return self.facts


def test_what_a_load_asks_for_wins_then_the_file_s_own_then_the_general_settings() -> None:
    base = LoadConfig(n_ctx=32768, type_k="f16", type_v="f16", flash_attn="auto")
    own = Remembered(LoadConfig(n_ctx=8192, type_k="q8_0", type_v="q8_0", flash_attn="on"), base)
    assert model_defaults.apply(base, {}, own) == own.config
    assert model_defaults.apply(base, {"n_ctx": 4096}, own).n_ctx == 4096  # a flag for this load
    # the user changed the general KV cache since: that newer choice wins; the context stays the file's
    newer = replace(base, type_k="q4_0", type_v="q4_0")
    mixed = model_defaults.apply(newer, {}, own)
    assert (mixed.n_ctx, mixed.type_k, mixed.flash_attn) == (8192, "q4_0", "on")
    assert model_defaults.apply(base, {}, None) == base


def test_a_quantized_kv_cache_switches_flash_attention_on_and_says_so() -> None:
    config, note = LoadConfig(type_k="q8_0", type_v="q8_0", flash_attn="off").checked()
    assert config.flash_attn == "on" and note == FLASH_NEEDED.format(kv="q8_0")
    config, note = LoadConfig(type_k="q4_0", type_v="q4_0", flash_attn="auto").checked()
    assert config.flash_attn == "on" and note == ""  # "auto" would choose it anyway: no word needed
    assert LoadConfig(flash_attn="off").checked() == (LoadConfig(flash_attn="off"), "")


def test_a_load_is_remembered_and_the_next_one_starts_from_it(tiny_model: Path, tmp_path: Path) -> None:
    model = tmp_path / "m.gguf"
    model.write_bytes(tiny_model.read_bytes())
    engine, notes = GPUEngine(fits=1), []
    base = LoadConfig(n_ctx=4096)
    facts = load_model(engine, str(model), LoadRequest(n_ctx=1024, base=base), notice=notes.append)  # type: ignore[arg-type]
    assert [p.n_gpu_layers for p in engine.loads] == [-1, 1]  # all layers did not fit; one did
    entry = model_defaults.remembered(model)
    assert entry is not None and entry.config.n_ctx == 1024 and entry.config.n_gpu_layers == 1
    assert facts.memory_estimate > 0  # (no buffers reported here: "used" stays unknown)
    again = GPUEngine(fits=1)
    load_model(again, str(model), LoadRequest(base=base))  # type: ignore[arg-type]
    assert [(p.n_ctx, p.n_gpu_layers) for p in again.loads] == [(1024, 1)], "no failed attempt the second time"
    # a change of the general context since then wins over the remembered one
    third = GPUEngine(fits=1)
    load_model(third, str(model), LoadRequest(base=replace(base, n_ctx=2048)))  # type: ignore[arg-type]
    assert third.loads[0].n_ctx == 2048
    model_defaults.forget(model)
    assert model_defaults.remembered(model) is None


def test_an_estimate_low_by_more_than_10_percent_is_corrected_next_time(tiny_model: Path) -> None:
    info = read_gguf(tiny_model)
    request = LoadRequest(n_ctx=1024, base=LoadConfig(flash_attn="off"))
    honest = load_model(GPUEngine(buffers_mib={"CUDA0 KV": 0.125, "CUDA0 compute": 10.5}), str(tiny_model), request)  # type: ignore[arg-type]
    assert honest.memory_used == int(10.625 * 2**20) + info.file_size
    assert honest.memory_estimate >= honest.memory_used  # the estimate errs on the safe side
    entry = model_defaults.remembered(tiny_model)
    assert entry is not None and entry.correction == 1.0
    # a backend that took about twice the compute buffer: the next estimate for this file is corrected
    low = load_model(GPUEngine(buffers_mib={"CUDA0 KV": 0.125, "CUDA0 compute": 20.0}), str(tiny_model), request)  # type: ignore[arg-type]
    entry = model_defaults.remembered(tiny_model)
    assert entry is not None and entry.correction == pytest.approx(low.memory_used / entry.estimate)
    assert entry.correction > 1.1
    after = load_model(GPUEngine(buffers_mib={"CUDA0 KV": 0.125, "CUDA0 compute": 20.0}), str(tiny_model), request)  # type: ignore[arg-type]
    assert after.memory_estimate >= after.memory_used * 0.99, "the corrected estimate is no longer low"


def test_plan_load_honours_the_file_s_defaults(tiny_model: Path) -> None:
    info = read_gguf(tiny_model)
    model_defaults.remember(tiny_model, Remembered(LoadConfig(n_ctx=2048, flash_attn="on"), LoadConfig()))
    params = plan_load(str(tiny_model), info, LoadRequest(), CUDA_BUILD)
    assert (params.n_ctx, params.flash_attn) == (2048, "on")
    params = plan_load(str(tiny_model), info, LoadRequest(n_ctx=512, flash_attn="off"), CUDA_BUILD)
    assert (params.n_ctx, params.flash_attn) == (512, "off")


def test_a_damaged_defaults_file_reads_as_nothing_remembered(tiny_model: Path) -> None:
    path = model_defaults.defaults_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    for bad in ("{not json", "[1]", '{"x": {"config": {"type_k": "q9"}, "base": {}}}'):
        path.write_text(bad)
        assert model_defaults.load_all() == {}
    load_model(GPUEngine(), str(tiny_model), LoadRequest(n_ctx=512))  # type: ignore[arg-type]
    assert model_defaults.remembered(tiny_model) is not None  # and the next load writes a good one


def test_a_head_size_the_quantized_cache_cannot_hold_loads_with_f16(tiny_model: Path) -> None:
    """The tiny model's heads hold 16 values; a q8_0 block is 32: llama.cpp would refuse the context."""
    engine, notes = GPUEngine(), []
    load_model(engine, str(tiny_model), LoadRequest(n_ctx=512, kv_type="q8_0"), notice=notes.append)  # type: ignore[arg-type]
    assert (engine.loads[0].type_k, engine.loads[0].type_v) == ("f16", "f16")
    assert len(notes) == 1 and "cannot use the q8_0 KV cache" in notes[0]


def test_a_real_load_reports_the_estimate_beside_llama_cpp_s_allocation(engine, tiny_model: Path) -> None:  # type: ignore[no-untyped-def]
    facts = load_model(engine, str(tiny_model), LoadRequest(n_ctx=1024, base=LoadConfig(flash_attn="auto")))
    assert facts.flash_attn is True, "llama.cpp's CPU backend turns 'auto' flash attention on"
    assert facts.memory_used > read_gguf(tiny_model).file_size and facts.memory_estimate > 0
    entry = model_defaults.remembered(tiny_model)
    assert entry is not None and (entry.estimate, entry.used) == (facts.memory_estimate, facts.memory_used)
    off = load_model(engine, str(tiny_model), LoadRequest(n_ctx=1024, flash_attn="off"))
    assert off.flash_attn is False and off.memory_used > facts.memory_used  # the attention scores' buffer
