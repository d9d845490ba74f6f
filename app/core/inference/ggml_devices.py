"""llama.cpp's devices and their memory, read from ggml's backend registry through ctypes.

llama-cpp-python 0.3.36 has no bindings for ``ggml_backend_dev_*``, so they are declared here
against the same libraries it loaded (``llama_runner.device_symbols`` finds the addresses). One
path covers every backend the build has: CUDA, ROCm (HIP), Vulkan, SYCL, Metal, the CPU.
The C API (ggml-backend.h)::

    size_t             ggml_backend_dev_count(void);
    ggml_backend_dev_t ggml_backend_dev_get(size_t index);
    const char *       ggml_backend_dev_name(ggml_backend_dev_t device);
    const char *       ggml_backend_dev_description(ggml_backend_dev_t device);
    void               ggml_backend_dev_memory(ggml_backend_dev_t device, size_t * free, size_t * total);
    enum ggml_backend_dev_type ggml_backend_dev_type(ggml_backend_dev_t device);  // CPU, GPU, IGPU, ACCEL
    ggml_backend_reg_t ggml_backend_dev_backend_reg(ggml_backend_dev_t device);
    const char *       ggml_backend_reg_name(ggml_backend_reg_t reg);

The seam is ``symbol(name) -> address``: the model process gives the libraries' addresses, the
tests give C callbacks that play a CUDA, Vulkan, Metal, ROCm or SYCL build.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable

from app.core.models.hardware import Device, DeviceType

Symbol = Callable[[str], int | None]

_COUNT = ctypes.CFUNCTYPE(ctypes.c_size_t)
_GET = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_size_t)
_TEXT = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p)  # a char*, read with string_at
_HANDLE = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p)
_TYPE = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)
_MEMORY = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(ctypes.c_size_t))

TYPES: dict[int, DeviceType] = {0: "cpu", 1: "gpu", 2: "igpu", 3: "accel"}
# The registry's names ("CUDA", "ROCm", "Vulkan", "SYCL", "Metal" or "MTL", ...) as the app writes them.
BACKENDS = {
    "cuda": "CUDA",
    "rocm": "ROCm",
    "hip": "ROCm",
    "vulkan": "Vulkan",
    "sycl": "SYCL",
    "metal": "Metal",
    "mtl": "Metal",
    "opencl": "OpenCL",
    "cann": "CANN",
    "musa": "MUSA",
    "blas": "BLAS",
    "rpc": "RPC",
    "cpu": "CPU",
}
_NEEDED = (
    "ggml_backend_dev_count",
    "ggml_backend_dev_get",
    "ggml_backend_dev_name",
    "ggml_backend_dev_description",
    "ggml_backend_dev_memory",
    "ggml_backend_dev_type",
)


def backend_name(registry: str, device: str) -> str:
    """The backend a device belongs to, from its registry's name (else its own: "Vulkan0")."""
    for text in (registry, device.rstrip("0123456789")):
        key = text.strip().lower()
        if key in BACKENDS:
            return BACKENDS[key]
    return registry or device.rstrip("0123456789") or "unknown"


def read_devices(symbol: Symbol) -> tuple[Device, ...] | None:
    """Every device llama.cpp has registered, or None when the library lacks the registry."""
    found = {
        name: address
        for name in (*_NEEDED, "ggml_backend_dev_backend_reg", "ggml_backend_reg_name")
        if (address := symbol(name))
    }
    if any(name not in found for name in _NEEDED):
        return None
    count = _COUNT(found["ggml_backend_dev_count"])
    get = _GET(found["ggml_backend_dev_get"])
    name = _TEXT(found["ggml_backend_dev_name"])
    description = _TEXT(found["ggml_backend_dev_description"])
    memory = _MEMORY(found["ggml_backend_dev_memory"])
    kind = _TYPE(found["ggml_backend_dev_type"])
    has_registry = "ggml_backend_dev_backend_reg" in found and "ggml_backend_reg_name" in found
    reg = _HANDLE(found["ggml_backend_dev_backend_reg"]) if has_registry else None
    reg_name = _TEXT(found["ggml_backend_reg_name"]) if has_registry else None
    devices = []
    for i in range(count()):
        dev = get(i)
        if not dev:
            continue
        free, total = ctypes.c_size_t(0), ctypes.c_size_t(0)
        memory(dev, ctypes.byref(free), ctypes.byref(total))
        own = _text(name(dev))
        registry = _text(reg_name(reg(dev))) if reg is not None and reg_name is not None and reg(dev) else ""
        devices.append(
            Device(
                name=own,
                description=_text(description(dev)),
                backend=backend_name(registry, own),
                type=TYPES.get(kind(dev), "accel"),
                free_bytes=int(free.value),
                total_bytes=int(total.value),
            )
        )
    return tuple(devices)


def _text(address: int | None) -> str:
    return ctypes.string_at(address).decode("utf-8", "replace") if address else ""
