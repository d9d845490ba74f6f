"""How many CPU threads llama.cpp gets: the one rule, for the CLI, the window and the benchmarks.

- Prompt evaluation (a batch of hundreds of tokens, compute-bound, the window idle meanwhile):
  one thread per physical core. Hyper-threads share a core's arithmetic units and only add
  contention.
- Token generation: one thread per physical core for the CLI. The window streams while it
  generates, and its GUI thread must then share the cores: llama.cpp's threads wait for each
  other at every step, so one preempted thread stalls them all (R1-FACTS: a busy Python loop on
  one of 2 cores took SmolLM2 from 70.8 to 24.3 tokens/s with 2 threads, but only from 55.4 to
  44.1 with 1). From 4 physical cores up, the window leaves one core free; generation is bound
  by memory bandwidth there, so the thread given up costs little. On 2 or 3 cores the window
  keeps them all: its per-token work is small enough now (one coalesced delta per 50 ms) that
  the extra thread still wins (README, "Threads", has the measurements).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

GUI_HEADROOM_FROM = 4  # physical cores from which the window leaves one core to its GUI thread


@dataclass(frozen=True)
class Threads:
    """Attributes:
    generate: threads for token generation (``n_threads``).
    batch: threads for prompt evaluation (``n_threads_batch``).
    """

    generate: int
    batch: int


def physical_cores() -> int:
    """Physical cores of this machine (psutil), else half the logical ones."""
    try:
        import psutil

        n = psutil.cpu_count(logical=False)
    except Exception:  # psutil missing or the probe failed
        n = None
    return max(1, n or (os.cpu_count() or 2) // 2)


def choose_threads(requested: int | None, cores: int | None = None, *, gui: bool = False) -> Threads:
    """The user's count for both phases, else the rule above for ``cores`` physical cores."""
    if requested is not None and requested > 0:
        return Threads(requested, requested)
    n = max(1, cores or physical_cores())
    generate = n - 1 if gui and n >= GUI_HEADROOM_FROM else n
    return Threads(generate, n)
