"""What this machine has: memory, CPU, GPUs. Every probe may fail; a failure reads "unknown".

GPU memory comes from llama.cpp itself when it can tell: its backend registry lists the devices
the build can use (CUDA, ROCm, Vulkan, SYCL, Metal) with their free and total memory. The model
process asks it (only that process loads llama.cpp) and the caller passes the devices in
(:class:`Device`). Without them, ``nvidia-smi`` and Apple's unified-memory rule stand in, and
``Hardware.memory_source`` says which was used.

Free memory is what is free now, plus what the model loaded at the moment holds (``held``): a
new load replaces it.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

DeviceType = Literal["cpu", "gpu", "igpu", "accel"]
SOURCE_LLAMA = "llama.cpp"
SOURCE_NVIDIA_SMI = "nvidia-smi"
SOURCE_APPLE = "Apple's unified-memory rule"
APP_RESERVE = 500 * 10**6  # RAM left to the app and the system beside what is available now


@dataclass(frozen=True)
class Device:
    """One device of llama.cpp's backend registry.

    Attributes:
        name: ggml's name for it ("CUDA0", "Vulkan1", "MTL0", "CPU").
        description: what it is ("NVIDIA GeForce RTX 4090").
        backend: the backend it belongs to ("CUDA", "ROCm", "Vulkan", "SYCL", "Metal", "CPU", ...).
        type: cpu / gpu (own memory) / igpu (the host's memory) / accel (BLAS and the like).
    """

    name: str
    description: str
    backend: str
    type: DeviceType
    free_bytes: int
    total_bytes: int


@dataclass(frozen=True)
class GPU:
    """A GPU llama.cpp may offload to; several pooled for the fit have ``count`` > 1."""

    name: str
    total_bytes: int
    free_bytes: int
    kind: str  # "CUDA", "ROCm", "Vulkan", "SYCL", "Metal" (unified memory), ...
    unified: bool = False
    device: str = ""  # ggml's device name, when llama.cpp reported it
    count: int = 1


@dataclass(frozen=True)
class Hardware:
    """A snapshot of the machine. ``None`` means the probe could not tell.

    Attributes:
        ram_total, ram_available: bytes (available: free now, plus what the loaded model holds).
        cpu_name, physical_cores, logical_cores: the CPU.
        gpus: each GPU found, whether the build can use it or not.
        backend: the llama.cpp backend of this build ("CPU", "CUDA", "Metal", ...).
        gpu_offload: whether this build can offload layers to a GPU.
        memory_source: where the GPU figures came from (llama.cpp, nvidia-smi, the Apple rule; "").
    """

    ram_total: int | None
    ram_available: int | None
    cpu_name: str
    physical_cores: int | None
    logical_cores: int | None
    gpus: tuple[GPU, ...] = field(default=())
    backend: str = "CPU"
    gpu_offload: bool = False
    memory_source: str = ""

    @property
    def usable_gpu(self) -> GPU | None:
        """Where llama.cpp would offload to, when the build can offload at all.

        GPUs with their own memory are pooled (llama.cpp splits the layers across them by their
        free memory); an integrated GPU counts only when there is none of those, as in llama.cpp.
        """
        if not self.gpu_offload or not self.gpus:
            return None
        own = [g for g in self.gpus if not g.unified]
        if len(own) > 1:
            return GPU(
                " + ".join(g.name for g in own),
                sum(g.total_bytes for g in own),
                sum(g.free_bytes for g in own),
                own[0].kind,
                count=len(own),
            )
        return own[0] if own else max(self.gpus, key=lambda g: g.free_bytes)

    def describe(self) -> str:
        ram = f"{self.ram_total / 2**30:.0f} GiB RAM" if self.ram_total else "RAM unknown"
        cores = f"{self.physical_cores or '?'} cores"
        shown = self.gpus if self.usable_gpu is not None else ()
        g = " + ".join(f"{x.name} ({x.total_bytes / 2**30:.0f} GiB)" for x in shown) or "no usable GPU"
        return f"{self.cpu_name}, {cores}, {ram}, {g}; llama.cpp backend: {self.backend}"

    def memory_line(self) -> str:
        """Free memory now and where the figures came from, one sentence."""
        ram = f"{self.ram_available / 1e9:.1f} GB" if self.ram_available is not None else "unknown"
        gpus = [g for g in self.gpus if not g.unified] or list(self.gpus)
        if self.usable_gpu is None or not gpus:
            return f"Free now: RAM {ram}."
        each = ", ".join(f"{g.device or g.name} {g.free_bytes / 1e9:.1f} GB" for g in gpus)
        return f"Free now: RAM {ram}, {each} (GPU memory from {self.memory_source})."


def _cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown CPU"


def _nvidia_gpus() -> list[GPU]:
    exe = shutil.which("nvidia-smi")
    if not exe:
        return []
    try:
        out = subprocess.run(
            [exe, "--query-gpu=name,memory.total,memory.free", "--format=csv,noheader,nounits"],
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    gpus = []
    for line in out.strip().splitlines():
        try:
            name, total, free = (x.strip() for x in line.split(","))
            gpus.append(GPU(name, int(float(total)) * 2**20, int(float(free)) * 2**20, "CUDA"))
        except ValueError:
            continue
    return gpus


def _apple_gpu(ram_total: int | None) -> list[GPU]:
    if platform.system() != "Darwin" or platform.machine() != "arm64" or not ram_total:
        return []
    # Metal lets the GPU use about three quarters of unified memory (recommendedMaxWorkingSetSize).
    share = int(ram_total * 0.75)
    return [GPU("Apple GPU (unified memory)", share, share, "Metal", unified=True)]


def gpus_of(devices: tuple[Device, ...] | list[Device]) -> list[GPU]:
    """The GPUs among llama.cpp's devices (CPU and accelerator devices are not offload targets)."""
    return [
        GPU(
            d.description or d.name,
            d.total_bytes,
            d.free_bytes,
            d.backend,
            unified=d.type == "igpu" or d.backend == "Metal",
            device=d.name,
        )
        for d in devices
        if d.type in ("gpu", "igpu") and d.total_bytes > 0
    ]


def held_by_device(buffers_mib: Mapping[str, float]) -> dict[str, int]:
    """Bytes a loaded model holds per device, from llama.cpp's buffer report ("CUDA0 KV" -> MiB).

    Buffers in host memory ("CPU", "CUDA_Host") count as "CPU"; the mapped file ("CPU_Mapped")
    is page cache, which the system counts as available already.
    """
    out: dict[str, int] = {}
    for name, mib in buffers_mib.items():
        device = name.split()[0] if name.split() else ""
        if device.endswith("_Mapped"):
            continue
        if device == "CPU" or device.endswith("_Host"):
            device = "CPU"
        out[device] = out.get(device, 0) + int(mib * 2**20)
    return out


def detect(
    backend: str = "CPU",
    gpu_offload: bool = False,
    devices: tuple[Device, ...] | None = None,
    held: Mapping[str, int] | None = None,
) -> Hardware:
    """Probe the machine; never raises.

    ``devices``: llama.cpp's devices, when the model process could list them (else None: the
    fallbacks are tried). ``held``: bytes the loaded model holds per device (``held_by_device``).
    """
    held = held or {}
    ram_total = ram_avail = phys = logical = None
    try:
        import psutil

        vm = psutil.virtual_memory()
        ram_total, ram_avail = int(vm.total), int(vm.available) + held.get("CPU", 0)
        phys = psutil.cpu_count(logical=False)
        logical = psutil.cpu_count(logical=True)
    except Exception:
        logical = os.cpu_count()
    gpus = gpus_of(devices or ())
    source = SOURCE_LLAMA if gpus else ""
    if not gpus:
        gpus = _nvidia_gpus()
        source = SOURCE_NVIDIA_SMI if gpus else ""
    if not gpus:
        gpus = _apple_gpu(ram_total)
        source = SOURCE_APPLE if gpus else ""
    gpus = [replace(g, free_bytes=min(g.total_bytes, g.free_bytes + held.get(g.device, 0))) for g in gpus]
    return Hardware(ram_total, ram_avail, _cpu_name(), phys, logical, tuple(gpus), backend, gpu_offload, source)
