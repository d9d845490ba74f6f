"""One sentence about a model process that died: what it was doing, how it ended, what llama.cpp said."""

from __future__ import annotations

import os
import re

_BUILD_PATH = re.compile(r"\S*/(?=[\w.+-]+:\d+:)")  # the build folder in "…/ggml/src/ggml.c:3354: GGML_ASSERT"

# What an exit signal says about a crash, in words (POSIX numbers; Windows has exit codes only).
_SIGNALS: dict[int, str] = {
    4: "SIGILL, an illegal instruction: this build of llama.cpp uses CPU instructions this machine cannot run. "
    "Rebuild llama-cpp-python without the host's native flags (see the README, GPU builds)",
    6: "SIGABRT: llama.cpp stopped on a failed internal check",
    7: "SIGBUS: the model file changed or became unreadable while it was in use",
    8: "SIGFPE: an arithmetic fault in llama.cpp",
    9: "SIGKILL: it was killed from outside, most often by the system because memory ran out. Try a smaller "
    "model, a shorter context or fewer GPU layers",
    11: "SIGSEGV: a memory fault in llama.cpp or the GPU driver",
}


def crash_message(doing: str, code: int | None, said: list[str]) -> str:
    """One sentence about a dead model process: what it was doing, how it ended, what llama.cpp said."""
    if code is not None and code < 0:
        how = _SIGNALS.get(-code, f"signal {-code}")
    else:
        how = f"exit code {code}"
    last = f" llama.cpp's last words: {' / '.join(said).rstrip('.')}." if said else ""
    return f"The model process crashed while {doing} ({how}).{last} You can load a model again."


def crash_lines(log: list[str], stderr: list[str], keep: int = 3) -> list[str]:
    """llama.cpp's last telling lines: an assertion or error from stderr first, then its log."""
    lines = [ln for ln in stderr if ln.strip() and not ln.startswith(("Traceback", "  File", "    "))]
    telling = [ln for ln in lines if any(k in ln for k in ("GGML_ASSERT", "error", "Error", "failed", "abort"))]
    picked = (telling or lines)[-keep:] or log[-keep:]
    return [_BUILD_PATH.sub("", ln.strip())[:300] for ln in picked]


def tail_lines(path: str, size: int = 16_384) -> list[str]:
    if not path:
        return []
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - size))
            return f.read().decode("utf-8", "replace").splitlines()
    except OSError:
        return []
