"""The thread-count rule: one place for the CLI, the window and the local server."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app.core.inference.events import BackendInfo
from app.core.inference.load_policy import LoadRequest, plan_load
from app.core.inference.threads import Threads, choose_threads
from app.core.models.gguf_header import read_gguf
from app.core.models.hardware import Hardware

CPU_BUILD = BackendInfo("CPU", False, "", "0.3.36")


def test_the_cli_uses_every_physical_core() -> None:
    assert choose_threads(None, 2) == Threads(generate=2, batch=2)
    assert choose_threads(None, 8) == Threads(generate=8, batch=8)


def test_the_window_leaves_its_gui_thread_a_core_from_four_cores() -> None:
    assert choose_threads(None, 8, gui=True) == Threads(generate=7, batch=8)
    assert choose_threads(None, 4, gui=True) == Threads(generate=3, batch=4)
    assert choose_threads(None, 2, gui=True) == Threads(generate=2, batch=2)  # the tuner decides there
    assert choose_threads(None, 1, gui=True) == Threads(generate=1, batch=1)


def test_a_count_the_user_chose_is_kept_for_both_phases() -> None:
    assert choose_threads(3, 16, gui=True) == Threads(3, 3)


def test_a_load_tunes_only_a_count_the_user_left_open(tiny_model: Path) -> None:
    info = read_gguf(tiny_model)
    hw = Hardware(16 * 2**30, 8 * 2**30, "cpu", 6, 12, (), "CPU")
    auto = plan_load("m", info, LoadRequest(for_window=True), CPU_BUILD, hw)
    assert (auto.n_threads, auto.n_threads_batch, auto.tune_threads) == (5, 6, True)
    fixed = plan_load("m", info, replace(LoadRequest(), n_threads=2), CPU_BUILD, hw)
    assert (fixed.n_threads, fixed.n_threads_batch, fixed.tune_threads) == (2, 2, False)
