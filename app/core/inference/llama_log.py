"""What llama.cpp said while loading a model, and what it means for the user.

llama.cpp explains a failed load only in its log ("unknown model architecture 'x'", "failed to
allocate …"); ``Llama()`` raises a bare ``ValueError``. The runner feeds the log here (its C
callback lives in ``llama_runner``, the one module that imports llama_cpp) and turns the most
telling line into one of the app's errors.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from pathlib import Path

from app.core import errors
from app.core.inference.events import LoadParams

DEBUG, WARN, ERROR = 1, 3, 4  # ggml_log_level (NONE 0, DEBUG 1, INFO 2, WARN 3, ERROR 4, CONT 5)
_KEEP = 40
_BUFFER_LINE = re.compile(r"(\w[\w ]*?) +buffer size = +([\d.]+) MiB")
# What "auto" became: "resolve_fused_ops: Flash Attention enabled" (or "... was auto, set to disabled").
_FLASH_LINE = re.compile(r"flash attention (?:was auto, set to )?(enabled|disabled)", re.IGNORECASE)
_TELLING = ("unknown model architecture", "out of memory", "error loading model", "error", "unable", "failed")


class LlamaLog:
    """llama.cpp's recent log lines, the buffer sizes it reported ("CPU KV" -> MiB), and whether it
    ran with flash attention (None until it said)."""

    def __init__(self, forward: Callable[[str], None] | None = None) -> None:
        self.lines: deque[str] = deque(maxlen=_KEEP)
        self.buffers: dict[str, float] = {}
        self.flash_attn: bool | None = None
        self._partial = ""
        self._forward = forward  # warnings and errors go on to the app's log

    def feed(self, level: int, text: bytes) -> None:
        if level == DEBUG:  # thousands of lines per load, never useful to a user
            return
        self._partial += text.decode("utf-8", "replace")
        while "\n" in self._partial:
            line, self._partial = self._partial.split("\n", 1)
            if line.strip():
                self.lines.append(line.strip())
                m = _BUFFER_LINE.search(line)
                if m:
                    key = m.group(1).strip()
                    self.buffers[key] = self.buffers.get(key, 0.0) + float(m.group(2))
                flash = _FLASH_LINE.search(line)
                if flash:
                    self.flash_attn = flash.group(1).lower() == "enabled"
                if self._forward and level in (WARN, ERROR):
                    self._forward(line.strip())

    def explain(self) -> str:
        """The most telling recent line (an error, else a warning), or ''."""
        for key in _TELLING:  # the most specific kind of line first, the latest of that kind
            for line in reversed(self.lines):
                if key in line.lower():
                    return line
        return ""


def load_error(params: LoadParams, what: str, said: str) -> errors.EngineError:
    """One sentence for a failed load: ``what`` llama-cpp-python raised, ``said`` the log's best line."""
    name = Path(params.model).name
    if "unknown model architecture" in said:
        arch = said.split("unknown model architecture", 1)[1].strip(" :'\"")
        return errors.UnsupportedModelError(
            f"{name} uses the model architecture '{arch}', which this build of llama.cpp "
            "does not support. Update llama-cpp-python or choose another model."
        )
    if "does not divide" in said:  # "K cache type q8_0 with block size 32 does not divide n_embd_head_k=16"
        return errors.UnsupportedModelError(
            f"{name} cannot use the {params.type_k} KV cache (its attention heads do not hold whole "
            f"blocks of it); choose the f16 KV cache. llama.cpp said: {said}"
        )
    if any(k in said.lower() for k in ("out of memory", "unable to allocate", "failed to allocate")):
        where = f" with {params.n_gpu_layers} layers on the GPU" if params.n_gpu_layers > 0 else ""
        where = " on the GPU" if params.n_gpu_layers < 0 else where
        return errors.OutOfMemoryError(f"Not enough memory to load {name}{where}. llama.cpp said: {said}")
    if "context" in what.lower():
        return errors.OutOfMemoryError(
            f"Could not create a context of {params.n_ctx:,} tokens for {name}: not enough "
            "memory. Choose a shorter context length, a KV-cache type of q8_0, or a smaller "
            f"model.{(' llama.cpp said: ' + said) if said else ''}"
        )
    return errors.ModelFileError(f"llama.cpp could not load {name}.{(' It said: ' + said) if said else ''}")
