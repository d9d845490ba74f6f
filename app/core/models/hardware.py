"""What this machine has: memory, CPU, GPUs. Every probe may fail; a failure reads "unknown".

The llama.cpp backend (CUDA, Metal, CPU, ...) comes from the model process
(``Engine.backend_info()``), since only it imports llama_cpp; callers pass it in.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from dataclasses import dataclass, field


@dataclass(frozen=True)
class GPU:
    name: str
    total_bytes: int
    free_bytes: int
    kind: str  # "CUDA", "Metal" (unified memory), ...
    unified: bool = False


@dataclass(frozen=True)
class Hardware:
    """A snapshot of the machine. ``None`` means the probe could not tell.

    Attributes:
        ram_total, ram_available: bytes.
        cpu_name, physical_cores, logical_cores: the CPU.
        gpus: GPUs the llama.cpp build could use (empty: none found or none usable).
        backend: the llama.cpp backend of this build ("CPU", "CUDA", "Metal", ...).
        gpu_offload: whether this build can offload layers to a GPU.
    """

    ram_total: int | None
    ram_available: int | None
    cpu_name: str
    physical_cores: int | None
    logical_cores: int | None
    gpus: tuple[GPU, ...] = field(default=())
    backend: str = "CPU"
    gpu_offload: bool = False

    @property
    def usable_gpu(self) -> GPU | None:
        """The GPU llama.cpp would offload to, when the build can offload at all."""
        if not self.gpu_offload or not self.gpus:
            return None
        return max(self.gpus, key=lambda g: g.free_bytes)

    def describe(self) -> str:
        ram = f"{self.ram_total / 2**30:.0f} GiB RAM" if self.ram_total else "RAM unknown"
        cores = f"{self.physical_cores or '?'} cores"
        gpu = self.usable_gpu
        g = f"{gpu.name} ({gpu.total_bytes / 2**30:.0f} GiB)" if gpu else "no usable GPU"
        return f"{self.cpu_name}, {cores}, {ram}, {g}; llama.cpp backend: {self.backend}"


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


def detect(backend: str = "CPU", gpu_offload: bool = False) -> Hardware:
    """Probe the machine; never raises."""
    ram_total = ram_avail = phys = logical = None
    try:
        import psutil

        vm = psutil.virtual_memory()
        ram_total, ram_avail = int(vm.total), int(vm.available)
        phys = psutil.cpu_count(logical=False)
        logical = psutil.cpu_count(logical=True)
    except Exception:
        logical = os.cpu_count()
    gpus = _nvidia_gpus() + _apple_gpu(ram_total)
    return Hardware(ram_total, ram_avail, _cpu_name(), phys, logical, tuple(gpus), backend, gpu_offload)
