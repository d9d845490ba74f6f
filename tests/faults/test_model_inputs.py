"""Crafted models, grammars and chat templates against the real model process: each is refused
with a sentence, falls back with one, or runs; none kills or hangs the model process."""

from __future__ import annotations

import random
import time
from pathlib import Path

from app.core import errors
from app.core.inference.events import ChatOptions, LoadParams, Stats
from app.core.inference.grammar_check import GrammarError, check_grammar
from app.core.inference.local_engine import LocalEngine
from app.core.inference.template_sandbox import BUDGET_S
from app.core.models.gguf_header import read_gguf
from app.core.models.installed import import_gguf
from app.core.r1.sampling import Sampling
from tests.faults.generate import crafted_model_faults, hostile_template, random_grammar
from tests.faults.tally import Tries
from tests.support.tiny_model import write_tiny_model

ASK = [{"role": "user", "content": "hi"}]


def _generate(engine: LocalEngine, grammar: str | None = None, max_tokens: int = 6) -> Stats:
    stats = None
    for ev in engine.stream_chat(ASK, Sampling(max_tokens=max_tokens, seed=1), ChatOptions(grammar=grammar)):
        if isinstance(ev, Stats):
            stats = ev
    assert stats is not None
    return stats


def run_crafted_models(t: Tries, engine: LocalEngine, folder: Path, n: int, seed: int) -> None:
    """A file refused by the pre-flight is refused the same by import; one it lets through must load
    and answer without killing the model process (a crash here is a hole in the check)."""
    rng = random.Random(seed)
    for i in range(n):
        faults = crafted_model_faults(rng)
        with t(f"seed {seed} try {i}: {faults}"):
            path = write_tiny_model(folder / f"crafted{i}.gguf", **faults)
            try:
                read_gguf(path)
            except errors.R1DeskError as refused:
                try:
                    import_gguf(path)
                    raise AssertionError(f"import accepted what loading refuses ({refused})") from None
                except errors.R1DeskError as again:
                    assert str(again) == str(refused)
                continue
            try:
                engine.load(LoadParams(str(path), n_ctx=256))
                _generate(engine)
            except errors.EngineCrashed as e:
                raise AssertionError(f"let through, then crashed llama.cpp: {e}") from None
            except errors.EngineError:
                pass  # a polite refusal from llama.cpp is fine


def run_grammars(t: Tries, engine: LocalEngine, tiny_model: Path, n: int, seed: int) -> None:
    """A grammar the check accepts must not crash llama.cpp; one it refuses never reaches it."""
    rng = random.Random(seed)
    engine.load(LoadParams(str(tiny_model), n_ctx=256))
    for i in range(n):
        g = random_grammar(rng)
        with t(f"seed {seed} try {i}: {g!r}"):
            try:
                check_grammar(g)
            except GrammarError:
                try:
                    _generate(engine, g)
                    raise AssertionError("a refused grammar was used")
                except GrammarError:
                    continue
            try:
                _generate(engine, g)
            except errors.EngineCrashed as e:
                engine.load(LoadParams(str(tiny_model), n_ctx=256))
                raise AssertionError(f"accepted, then crashed llama.cpp: {e}") from None


def run_templates(t: Tries, engine: LocalEngine, folder: Path, n: int, seed: int) -> None:
    """A hostile template falls back to the R1 format within the budget; the engine stays usable."""
    rng = random.Random(seed)
    for i in range(n):
        kind, template = hostile_template(rng)
        with t(f"seed {seed} try {i}: {kind}"):
            path = write_tiny_model(folder / f"template{i}.gguf", template=template)
            engine.load(LoadParams(str(path), n_ctx=256))
            t0 = time.perf_counter()
            rendered = engine.render_prompt(ASK)
            took = time.perf_counter() - t0
            # The fallback and its reason say the sandbox cut the template off; the clock only
            # catches a hang (a never-ending template would run for hours), so it gets a minute.
            assert took < 60, f"render took {took:.1f} s (the sandbox's budget is {BUDGET_S:.0f} s)"
            if kind != "broken":
                assert rendered.template == "fallback" and rendered.template_problem, rendered
            assert rendered.text and rendered.n_tokens > 0
            stats = _generate(engine, max_tokens=3)  # and it answers, with the reason in its statistics
            assert stats.template == rendered.template


def test_crafted_models(tries, engine: LocalEngine, tmp_path: Path) -> None:
    run_crafted_models(tries("crafted GGUF files"), engine, tmp_path, n=10, seed=10)


def test_grammars(tries, engine: LocalEngine, tiny_model: Path) -> None:
    run_grammars(tries("grammars"), engine, tiny_model, n=12, seed=11)


def test_hostile_templates(tries, engine: LocalEngine, tmp_path: Path) -> None:
    run_templates(tries("hostile chat templates"), engine, tmp_path, n=5, seed=12)
