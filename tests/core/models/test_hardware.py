"""The hardware probe never raises, and a GPU counts only when the build can offload to it."""

from __future__ import annotations

import subprocess

import pytest

from app.core.models import hardware
from app.core.models.hardware import GPU, Hardware, detect


def test_detect_reads_this_machine() -> None:
    hw = detect()
    assert hw.logical_cores and hw.logical_cores >= 1
    assert hw.ram_total and hw.ram_total > 10**8
    assert "llama.cpp backend: CPU" in hw.describe()


def test_a_failing_gpu_probe_reads_as_no_gpu(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hardware.shutil, "which", lambda _: "/usr/bin/nvidia-smi")

    def boom(*a: object, **k: object) -> None:
        raise subprocess.TimeoutExpired("nvidia-smi", 5)

    monkeypatch.setattr(hardware.subprocess, "run", boom)
    assert detect("CUDA", True).gpus == ()


def test_nvidia_smi_output_is_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hardware.shutil, "which", lambda _: "/usr/bin/nvidia-smi")
    out = "NVIDIA RTX 4070, 12282, 11000\ngarbage line\n"
    monkeypatch.setattr(
        hardware.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 0, stdout=out, stderr="")
    )
    [gpu] = detect("CUDA", True).gpus
    assert (gpu.name, gpu.total_bytes, gpu.free_bytes) == ("NVIDIA RTX 4070", 12282 * 2**20, 11000 * 2**20)


def test_a_gpu_is_usable_only_with_an_offloading_build() -> None:
    gpu = GPU("RTX", 24 * 2**30, 20 * 2**30, "CUDA")
    assert Hardware(2**34, 2**33, "cpu", 8, 16, (gpu,), "CPU", gpu_offload=False).usable_gpu is None
    assert Hardware(2**34, 2**33, "cpu", 8, 16, (gpu,), "CUDA", gpu_offload=True).usable_gpu == gpu
