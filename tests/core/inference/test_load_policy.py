"""How a model is loaded, for the CLI and the window alike: context, GPU layers, CPU fallback."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.core import errors
from app.core.inference.events import BackendInfo, LoadParams, ModelFacts
from app.core.inference.load_policy import LoadRequest, choose_context, load_model, load_with_fallback, plan_load
from app.core.models.gguf_header import read_gguf
from app.core.models.hardware import GPU, Hardware

CPU_BUILD = BackendInfo("CPU", False, "", "0.3.36")
CUDA_BUILD = BackendInfo("CUDA", True, "", "0.3.36")


def machine(vram_gib: float) -> Hardware:
    gpu = GPU("RTX", int(vram_gib * 2**30), int(vram_gib * 2**30), "CUDA")
    return Hardware(64 * 2**30, 60 * 2**30, "cpu", 8, 16, (gpu,), "CUDA", gpu_offload=True)


def test_context_is_r1s_length_capped_by_the_model(tiny_model: Path) -> None:
    info = read_gguf(tiny_model)  # trained for 4,096 tokens
    assert choose_context(None, info) == 4096
    assert choose_context(1024, info) == 1024
    assert choose_context(100_000, info) == 4096
    assert choose_context(None, replace(info, context_length=0)) == 32_768


def test_a_cpu_build_never_offloads(tiny_model: Path) -> None:
    info = read_gguf(tiny_model)
    assert plan_load(str(tiny_model), info, LoadRequest(n_gpu_layers=-1), CPU_BUILD).n_gpu_layers == 0


def test_gpu_layers_follow_the_memory_estimate(tiny_model: Path) -> None:
    info = read_gguf(tiny_model)
    assert plan_load("m", info, LoadRequest(), CUDA_BUILD, machine(24)).n_gpu_layers == -1  # fits: all layers
    assert plan_load("m", info, LoadRequest(), CUDA_BUILD, None).n_gpu_layers == -1  # no probe: let llama.cpp try
    assert plan_load("m", info, LoadRequest(n_gpu_layers=1), CUDA_BUILD, machine(24)).n_gpu_layers == 1  # asked
    big = replace(info, file_size=30 * 10**9, n_layers=48)
    partial = plan_load("m", big, LoadRequest(n_ctx=4096), CUDA_BUILD, machine(12)).n_gpu_layers
    assert 0 < partial < 48, "a 30 GB model on a 12 GB GPU gets part of its layers there"


class FlakyGPU:
    """Fails every load that asks for the GPU."""

    facts: ModelFacts | None = None

    def __init__(self) -> None:
        self.loads: list[LoadParams] = []

    def load(self, params: LoadParams, progress: object = None) -> str:  # type: ignore[override]
        self.loads.append(params)
        if params.n_gpu_layers:
            raise errors.OutOfMemoryError("CUDA out of memory")
        return "loaded"


def test_a_failed_gpu_load_falls_back_to_the_cpu_and_says_why() -> None:
    engine, notes = FlakyGPU(), []
    assert load_with_fallback(engine, LoadParams("m", n_gpu_layers=-1), notice=notes.append) == "loaded"  # type: ignore[arg-type]
    assert [p.n_gpu_layers for p in engine.loads] == [-1, 0]
    assert "CUDA out of memory" in notes[0] and "on the CPU instead" in notes[0]


def test_a_cpu_load_failure_is_not_retried() -> None:
    engine = FlakyGPU()
    engine.load = lambda params, progress=None: (_ for _ in ()).throw(errors.ModelFileError("broken"))  # type: ignore[method-assign]
    with pytest.raises(errors.ModelFileError):
        load_with_fallback(engine, LoadParams("m", n_gpu_layers=0))  # type: ignore[arg-type]


def test_an_unknown_architecture_is_not_retried_on_the_cpu() -> None:
    calls = []

    class Alien(FlakyGPU):
        def load(self, params: LoadParams, progress: object = None) -> str:  # type: ignore[override]
            calls.append(params)
            raise errors.UnsupportedModelError("alienformer")

    with pytest.raises(errors.UnsupportedModelError):
        load_with_fallback(Alien(), LoadParams("m", n_gpu_layers=-1))  # type: ignore[arg-type]
    assert len(calls) == 1


class SimulatedVRAM:
    """A GPU that holds ``fits`` layers of a ``layers``-layer model: a load asking for more runs
    out of memory (or, with ``crash``, kills the model process as some drivers do)."""

    facts: ModelFacts | None = None

    def __init__(self, fits: int, layers: int = 48, crash: bool = False) -> None:
        self.fits, self.layers, self.crash = fits, layers, crash
        self.loads: list[int] = []

    def load(self, params: LoadParams, progress: object = None) -> int:
        n = self.layers if params.n_gpu_layers < 0 else params.n_gpu_layers
        self.loads.append(params.n_gpu_layers)
        if n > self.fits:
            raise (errors.EngineCrashed if self.crash else errors.OutOfMemoryError)("CUDA out of memory")
        return n


def _load(engine: SimulatedVRAM, planned: int, notes: list[str]) -> int:
    return load_with_fallback(engine, LoadParams("m", n_gpu_layers=planned), notice=notes.append, layers=48)  # type: ignore[arg-type,return-value]


def test_partial_offload_loads_the_estimated_layers(tiny_model: Path) -> None:
    info = replace(read_gguf(tiny_model), file_size=30 * 10**9, n_layers=48)
    planned = plan_load("m", info, LoadRequest(n_ctx=4096), CUDA_BUILD, machine(12)).n_gpu_layers
    engine, notes = SimulatedVRAM(fits=planned), []
    assert _load(engine, planned, notes) == planned > 0
    assert engine.loads == [planned] and notes == [], "an estimate that fits loads at once, silently"


def test_the_estimate_leaves_a_margin(tiny_model: Path) -> None:
    # A 12 GiB GPU less the reserve and buffers holds a bit over 17 layers of 625 MB + KV: the
    # plan offloads fewer than that, so an estimate a few percent low still loads first time.
    info = replace(read_gguf(tiny_model), file_size=30 * 10**9, n_layers=48)
    planned = plan_load("m", info, LoadRequest(n_ctx=4096), CUDA_BUILD, machine(12)).n_gpu_layers
    from app.core.models.fit import estimate, shape_of

    mem = estimate(shape_of(info), info.file_size, 4096)
    seems_to_fit = (12 * 2**30 - 0.5e9 - mem.compute) // ((mem.weights + mem.kv_cache) / 48)
    assert 0 < planned < seems_to_fit


def test_out_of_gpu_memory_retries_with_fewer_layers_before_the_cpu() -> None:
    engine, notes = SimulatedVRAM(fits=16), []
    assert _load(engine, 24, notes) == 12  # 24 and 18 do not fit; half of 24 does
    assert engine.loads == [24, 18, 12]
    assert "Only 12 of 48 layers fit on the GPU" in notes[0] and "CUDA out of memory" in notes[0]


def test_every_layer_is_retried_with_fewer_then_the_cpu() -> None:
    engine, notes = SimulatedVRAM(fits=0, crash=True), []
    assert _load(engine, -1, notes) == 0
    assert engine.loads == [-1, 36, 24, 0]
    assert "on the CPU instead" in notes[0]


# ---- a failed load keeps the working model (issue 17, item 4) --------------------------------------


def test_a_damaged_file_is_refused_before_the_working_model_is_touched(tiny_model: Path, tmp_path: Path) -> None:
    from tests.support.fake_engine import FakeEngine

    engine = FakeEngine()
    load_model(engine, str(tiny_model), LoadRequest())  # type: ignore[arg-type]
    working = engine.facts
    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(errors.ModelFileError):
        load_model(engine, str(bad), LoadRequest())  # type: ignore[arg-type]
    assert engine.loaded and engine.facts is working


@pytest.mark.smollm
def test_a_file_llama_cpp_refuses_brings_the_previous_model_back(engine, smollm_path: Path, tmp_path: Path) -> None:
    """A GGUF whose header reads fine but whose architecture llama.cpp does not know: the model
    process has already let the working model go, so it is loaded again."""
    from tests.support.tiny_model import write_tiny_model

    first = load_model(engine, str(smollm_path), LoadRequest(n_ctx=512))
    foreign = write_tiny_model(tmp_path / "foreign.gguf", arch="no-such-architecture")
    with pytest.raises(errors.EngineError):
        load_model(engine, str(foreign), LoadRequest(n_ctx=512))
    assert engine.loaded and engine.facts is not None
    assert engine.facts.path == first.path and engine.facts.n_ctx == first.n_ctx
    from app.core.r1.sampling import Sampling

    events = list(engine.stream_chat([{"role": "user", "content": "Hi"}], Sampling(max_tokens=4, seed=1)))
    assert events[-1].generated_tokens > 0  # it answers
