"""llama.cpp's devices through ggml's backend registry (issue 26): one path for every backend.

The seam is the symbol lookup: here C callbacks play the registry of a CUDA, ROCm, Vulkan,
SYCL, Metal or CPU-only build, so the ctypes declarations (the pointers ``ggml_backend_dev_memory``
writes through, the strings it returns) run as they do against the real library; the real
library on this machine is asked too, in the model process.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pytest

from app.core.inference import ggml_devices
from app.core.models import hardware
from app.core.models.catalog import find
from app.core.models.fit import judge_variant
from app.core.models.hardware import Device, detect

GIB = 2**30


@dataclass
class Fake:
    name: str
    description: str
    registry: str
    type: int  # ggml_backend_dev_type: 0 CPU, 1 GPU, 2 IGPU, 3 ACCEL
    free: int
    total: int


class FakeRegistry:
    """ggml's device functions as C callbacks over a list of devices (handles are 1-based indices)."""

    def __init__(self, devices: list[Fake], missing: tuple[str, ...] = ()) -> None:
        self.devices = devices
        self.missing = missing
        self._keep: list[object] = []  # the callbacks and strings must outlive the calls
        self._strings: dict[bytes, ctypes.Array[ctypes.c_char]] = {}
        dev = self._dev

        def text(get: object) -> object:
            return ggml_devices._TEXT(lambda h: self._str(get(dev(h))))  # type: ignore[operator]

        def memory(h: int, free: object, total: object) -> None:
            free[0], total[0] = dev(h).free, dev(h).total  # type: ignore[index]

        self.functions = {
            "ggml_backend_dev_count": ggml_devices._COUNT(lambda: len(self.devices)),
            "ggml_backend_dev_get": ggml_devices._GET(lambda i: i + 1),
            "ggml_backend_dev_name": text(lambda d: d.name),
            "ggml_backend_dev_description": text(lambda d: d.description),
            "ggml_backend_dev_type": ggml_devices._TYPE(lambda h: dev(h).type),
            "ggml_backend_dev_memory": ggml_devices._MEMORY(memory),
            "ggml_backend_dev_backend_reg": ggml_devices._HANDLE(lambda h: h),  # the registry handle: the same index
            "ggml_backend_reg_name": text(lambda d: d.registry),
        }

    def _dev(self, handle: int) -> Fake:
        return self.devices[handle - 1]

    def _str(self, s: str) -> int:
        buf = self._strings.setdefault(s.encode(), ctypes.create_string_buffer(s.encode()))
        return ctypes.addressof(buf)

    def symbol(self, name: str) -> int | None:
        if name in self.missing:
            return None
        return ctypes.cast(self.functions[name], ctypes.c_void_p).value


BUILDS = {
    "CUDA": [Fake("CUDA0", "NVIDIA GeForce RTX 4090", "CUDA", 1, 20 * GIB, 24 * GIB)],
    "ROCm": [Fake("ROCm0", "AMD Radeon RX 7900 XTX", "ROCm", 1, 22 * GIB, 24 * GIB)],
    "Vulkan": [Fake("Vulkan0", "AMD Radeon RX 6800", "Vulkan", 1, 15 * GIB, 16 * GIB)],
    "SYCL": [Fake("SYCL0", "Intel(R) Arc(TM) A770 Graphics", "SYCL", 1, 15 * GIB, 16 * GIB)],
    "Metal": [Fake("MTL0", "Apple M2 Max", "MTL", 1, 48 * GIB, 48 * GIB)],
}
CPU = Fake("CPU", "AMD EPYC", "CPU", 0, 60 * GIB, 64 * GIB)


@pytest.fixture(autouse=True)
def _no_fallbacks(monkeypatch: pytest.MonkeyPatch) -> None:
    """No nvidia-smi and no Apple rule here: what is found comes from the registry."""
    monkeypatch.setattr(hardware, "_nvidia_gpus", lambda: [])
    monkeypatch.setattr(hardware, "_apple_gpu", lambda ram: [])


@pytest.mark.parametrize("kind", sorted(BUILDS))
def test_each_backend_s_gpu_is_found_with_its_free_memory(kind: str) -> None:
    [gpu_dev] = BUILDS[kind]
    devices = ggml_devices.read_devices(FakeRegistry([CPU, *BUILDS[kind]]).symbol)
    assert devices is not None and [d.backend for d in devices] == ["CPU", kind]
    assert devices[0].type == "cpu" and devices[1].type == "gpu"
    hw = detect(kind, True, devices)
    [gpu] = hw.gpus  # the CPU device is not a GPU
    assert (gpu.name, gpu.device, gpu.kind) == (gpu_dev.description, gpu_dev.name, kind)
    assert (gpu.free_bytes, gpu.total_bytes) == (gpu_dev.free, gpu_dev.total)
    assert gpu.unified == (kind == "Metal")  # Metal shares the Mac's memory
    assert hw.memory_source == "llama.cpp" and "GPU memory from llama.cpp" in hw.memory_line()
    assert hw.usable_gpu == gpu


def test_an_integrated_gpu_counts_only_without_a_dedicated_one() -> None:
    igpu = Fake("Vulkan1", "AMD Radeon 780M", "Vulkan", 2, 8 * GIB, 16 * GIB)
    alone = detect("Vulkan", True, ggml_devices.read_devices(FakeRegistry([CPU, igpu]).symbol))
    assert alone.usable_gpu is not None and alone.usable_gpu.unified and alone.usable_gpu.device == "Vulkan1"
    both = detect("Vulkan", True, ggml_devices.read_devices(FakeRegistry([CPU, *BUILDS["Vulkan"], igpu]).symbol))
    assert both.usable_gpu is not None and both.usable_gpu.device == "Vulkan0"


def test_a_cpu_only_build_has_no_gpu_and_no_source() -> None:
    hw = detect("CPU", False, ggml_devices.read_devices(FakeRegistry([CPU]).symbol))
    assert hw.gpus == () and hw.memory_source == "" and hw.usable_gpu is None


def test_several_gpus_pool_for_the_fit_and_show_each() -> None:
    two = [
        Fake("CUDA0", "RTX 3090", "CUDA", 1, 23 * GIB, 24 * GIB),
        Fake("CUDA1", "RTX 3090", "CUDA", 1, 23 * GIB, 24 * GIB),
    ]
    hw = detect("CUDA", True, ggml_devices.read_devices(FakeRegistry([CPU, *two]).symbol))
    pool = hw.usable_gpu
    assert pool is not None and pool.count == 2 and pool.free_bytes == 46 * GIB
    assert "CUDA0 24.7 GB" in hw.memory_line() and "CUDA1 24.7 GB" in hw.memory_line()
    assert hw.describe().count("RTX 3090") == 2
    # the 32B Q4_K_M at 8K needs about 21 GB: on one of these GPUs it would not all fit with the
    # other's memory left out; pooled, every layer goes to the GPUs
    v32 = find("r1-qwen-32b:Q4_K_M")
    assert judge_variant(v32, hw, 8192).verdict == "gpu"
    one = detect("CUDA", True, ggml_devices.read_devices(FakeRegistry([CPU, two[0]]).symbol))
    assert judge_variant(v32, one, 32768).verdict == "partial"


def test_without_the_registry_the_fallbacks_are_used(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ggml_devices.read_devices(FakeRegistry([CPU], missing=("ggml_backend_dev_memory",)).symbol) is None
    smi = hardware.GPU("NVIDIA RTX 4070", 12 * GIB, 11 * GIB, "CUDA")
    monkeypatch.setattr(hardware, "_nvidia_gpus", lambda: [smi])
    hw = detect("CUDA", True, None)
    assert hw.gpus == (smi,) and hw.memory_source == "nvidia-smi"
    # a registry that lists no GPU (a driver that failed to start) falls back the same way
    assert detect("CUDA", True, (Device("CPU", "cpu", "CPU", "cpu", 1, 2),)).memory_source == "nvidia-smi"


def test_a_registry_without_backend_names_still_tells_the_backend() -> None:
    reg = FakeRegistry([CPU, *BUILDS["Vulkan"]], missing=("ggml_backend_reg_name",))
    devices = ggml_devices.read_devices(reg.symbol)
    assert devices is not None and devices[1].backend == "Vulkan"  # from the device's own name


def test_the_loaded_model_s_memory_counts_as_free_for_the_next_load() -> None:
    devices = ggml_devices.read_devices(FakeRegistry([CPU, *BUILDS["CUDA"]]).symbol)
    held = hardware.held_by_device(
        {"CUDA0 model": 2000.0, "CUDA0 KV": 1024.0, "CPU_Mapped model": 300.0, "CUDA_Host compute": 16.0}
    )
    assert held == {"CUDA0": (3024 * 2**20), "CPU": 16 * 2**20}  # the mapped file is page cache
    free = detect("CUDA", True, devices).gpus[0].free_bytes
    assert detect("CUDA", True, devices, held).gpus[0].free_bytes == free + (3024 * 2**20)


def test_the_model_process_lists_this_build_s_devices(engine) -> None:  # type: ignore[no-untyped-def]
    """The real registry, through the real libraries: this machine's build has the CPU device."""
    devices = engine.devices()
    assert devices is not None and devices, "llama-cpp-python's libraries hold ggml's registry"
    cpu = [d for d in devices if d.type == "cpu"]
    assert cpu and cpu[0].backend == "CPU" and cpu[0].total_bytes > 10**8
    assert engine.backend_info().devices is not None  # sent at start-up too


def test_a_busy_engine_is_judged_by_what_it_listed_at_start_up() -> None:
    from app.core import errors
    from app.core.inference.events import BackendInfo
    from app.core.inference.load_policy import probe

    at_start = ggml_devices.read_devices(FakeRegistry([CPU, *BUILDS["ROCm"]]).symbol)

    class Busy:
        facts = None
        loaded = False

        def backend_info(self) -> BackendInfo:
            return BackendInfo("ROCm", True, "", "0.3.36", devices=at_start)

        def devices(self) -> None:
            raise errors.EngineBusy("The model is busy (answering); stop it first.")

    hw = probe(Busy())  # type: ignore[arg-type]
    assert [g.device for g in hw.gpus] == ["ROCm0"] and hw.memory_source == "llama.cpp"
