"""Running a check: each problem of a suite k times through any ``Engine`` with the paper's
protocol, each sample graded and stored the moment it ends.

The protocol (DeepSeek-R1, "Evaluation Setup"): the Math preset (temperature 0.6, top-p 0.95,
"Please reason step by step, and put your final answer within \\boxed{}."), no system prompt,
up to 32,768 new tokens (or what the loaded context leaves), k samples per problem, pass@1 the
mean over samples. Sample j of every problem uses seed ``seed + j``, recorded with it.

One difference, on purpose: a reasoning that repeats itself (the loop guard's verdict: the last
256+ tokens one block repeated four times) is ended there and the sample counted wrong, as the
paper's run would have counted it after 32,768 tokens of the same loop; on a CPU that saves
hours per looping sample. Such samples are stored with finish reason "loop".

A stopped sample (Stop, Ctrl+C) is not stored, so a resumed run runs it again; everything that
finished is kept. The events say what happens, for a progress line or a window.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Generator, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from app.core.checks.estimate import PROBE_TOKENS
from app.core.checks.grading import grade
from app.core.checks.scores import Summary, summarize
from app.core.checks.store import ResultFile, SampleRecord
from app.core.checks.suites import DEFAULT_SUITE, Problem
from app.core.errors import R1DeskError
from app.core.inference.engine import Engine
from app.core.inference.events import ChatOptions, Delta, Stats, Tick
from app.core.r1.presets import Preset, apply_preset, builtin_presets
from app.core.r1.sampling import R1_MAX_TOKENS, Sampling

MATH_PRESET = "Math"
DEFAULT_K = 4


def math_preset() -> Preset:
    """The built-in Math preset (a user's preset cannot take a built-in's name)."""
    return next(p for p in builtin_presets() if p.name == MATH_PRESET)


@dataclass(frozen=True)
class Plan:
    """What to run: a suite, k samples per problem, the token limit and the first seed."""

    suite: str = DEFAULT_SUITE
    k: int = DEFAULT_K
    max_tokens: int = R1_MAX_TOKENS
    seed: int = 0

    def protocol(self) -> dict[str, Any]:
        """The settings that can change the answers, part of the results' key (the seed is not:
        a resumed run may start from another seed and still measure the same thing)."""
        s = math_preset().sampling
        return {
            "preset": MATH_PRESET,
            "temperature": s.temperature,
            "top_p": s.top_p,
            "top_k": s.top_k,
            "min_p": s.min_p,
            "max_tokens": self.max_tokens,
            "loop": "counted wrong",
        }


# ---- events ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SampleStarted:
    """Sample ``sample`` of ``problem`` (the ``index``-th problem of the suite, from 0) begins."""

    problem: Problem
    sample: int
    index: int


@dataclass(frozen=True)
class SampleTokens:
    """The running sample has generated ``tokens`` so far."""

    tokens: int


@dataclass(frozen=True)
class SampleDone:
    """A sample was graded and stored; ``summary`` counts it."""

    record: SampleRecord
    summary: Summary


@dataclass(frozen=True)
class CheckEnded:
    """The run ended: all done, stopped (``stopped``), or failed (``error``, one sentence)."""

    summary: Summary
    stopped: bool
    error: str = ""


CheckEvent = SampleStarted | SampleTokens | SampleDone | CheckEnded


def forced_answers(kind: str) -> Callable[[Problem, int], ChatOptions]:
    """A test seam for ``options_for``: every sample writes the reference answer boxed
    (``kind`` "reference") or a wrong one ("wrong"), whatever the model."""

    def options(p: Problem, j: int) -> ChatOptions:
        answer = p.answer if kind == "reference" else "\\text{wrong}"
        return ChatOptions(grammar=forced_output_grammar(f"</think>\n\n\\boxed{{{answer}}}"))

    return options


def forced_output_grammar(text: str) -> str:
    """A GBNF grammar that makes the model write exactly ``text`` (a test seam: the tiny test
    model's output is noise without one)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'root ::= "{escaped}"'


class CheckRun:
    """One run over a suite. Iterate :meth:`events` on any thread; :meth:`stop` from another.

    ``turn`` wraps each sample (the window takes a turn at the engine gate there, so its chat and
    the local API can use the model between samples) and gives the engine to use; ``cancel``
    stops the running sample (default: the engine's cancel). ``options_for`` is a test seam: the
    chat options for a problem's sample (a grammar that forces an answer).
    """

    def __init__(
        self,
        engine: Engine,
        plan: Plan,
        results: ResultFile,
        problems: list[Problem],
        *,
        turn: Callable[[], AbstractContextManager[Engine]] | None = None,
        cancel: Callable[[], None] | None = None,
        options_for: Callable[[Problem, int], ChatOptions] | None = None,
    ) -> None:
        self.engine = engine
        self.plan = plan
        self.results = results
        self.problems = problems
        self._turn = turn or (lambda: contextlib.nullcontext(engine))
        self._cancel = cancel or engine.cancel
        self._options_for = options_for
        self._stop = threading.Event()
        self.preset = math_preset()

    def summary(self) -> Summary:
        return summarize(self.problems, self.results.samples, self.plan.k)

    def stop(self) -> None:
        """Stop after (or during) the running sample; it is not stored. Safe from any thread."""
        self._stop.set()
        self._cancel()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def events(self) -> Iterator[CheckEvent]:
        todo = [
            (i, p, j)
            for i, p in enumerate(self.problems)
            for j in range(self.plan.k)
            if not self.results.has(p.unique_id, j)
        ]
        for i, p, j in todo:
            if self._stop.is_set():
                yield CheckEnded(self.summary(), stopped=True)
                return
            yield SampleStarted(p, j, i)
            try:
                rec = yield from self._sample(p, j)
            except KeyboardInterrupt:
                self._stop.set()
                rec = None
            except R1DeskError as e:  # (stopped while waiting for the model: just stopped)
                yield CheckEnded(self.summary(), stopped=True, error="" if self._stop.is_set() else str(e))
                return
            if rec is None:  # stopped midway: not stored, a resumed run runs it again
                yield CheckEnded(self.summary(), stopped=True)
                return
            self.results.append(rec)
            yield SampleDone(rec, self.summary())
        yield CheckEnded(self.summary(), stopped=False)

    def _sample(self, p: Problem, j: int) -> Generator[CheckEvent, None, SampleRecord | None]:
        seed = self.plan.seed + j
        messages = apply_preset([{"role": "user", "content": p.problem}], self.preset)
        options = self._options_for(p, j) if self._options_for else ChatOptions()
        answer: list[str] = []
        stats: Stats | None = None
        with self._turn() as engine:
            n_ctx = engine.facts.n_ctx if engine.facts is not None else 0
            limit = min(self.plan.max_tokens, n_ctx) if n_ctx else self.plan.max_tokens
            sampling: Sampling = self.preset.sampling.with_(max_tokens=limit, seed=seed)
            t0 = time.perf_counter()
            stream = engine.stream_chat(messages, sampling, options)
            try:
                for ev in stream:
                    if isinstance(ev, Delta):
                        if ev.kind == "answer":
                            answer.append(ev.text)
                    elif isinstance(ev, Tick):
                        yield SampleTokens(ev.generated_tokens)
                    elif isinstance(ev, Stats):
                        stats = ev
            except BaseException:
                self._cancel()
                stream.close()
                raise
            seconds = time.perf_counter() - t0
        if stats is None or stats.finish_reason == "cancelled":
            return None  # a sample that finished as Stop came is kept
        text = "".join(answer).strip()
        g = grade(text, p.answer)
        looped = stats.answered_early == "loop"
        return SampleRecord(
            unique_id=p.unique_id,
            sample=j,
            seed=seed,
            level=p.level,
            subject=p.subject,
            extracted=g.extracted,
            reference=g.reference,
            parsed=g.parsed,
            correct=g.correct and not looped,
            tokens=stats.generated_tokens,
            reasoning_tokens=stats.reasoning_tokens,
            seconds=round(seconds, 3),
            finish_reason="loop" if looped else stats.finish_reason,
            answer=text,
        )


def probe_speed(engine: Engine, problem: Problem, tokens: int = PROBE_TOKENS) -> float:
    """This machine's generation speed for the loaded model (tokens/s), from a short answer to
    ``problem`` with the check's own settings; nothing is stored.

    Timed over the answer's second half: the first tokens include the prompt's tail and the
    thread tuner settling on its thread count (on a busy 2-core machine 2.8 tokens/s over the
    whole of a 48-token probe, against 10 to 13 in the answers that followed), which is not the
    speed a 3,000-token answer runs at."""
    preset = math_preset()
    messages = apply_preset([{"role": "user", "content": problem.problem}], preset)
    ticks: list[tuple[int, float]] = []
    whole = 0.0
    for ev in engine.stream_chat(messages, preset.sampling.with_(max_tokens=tokens, seed=0), ChatOptions()):
        if isinstance(ev, Tick):
            ticks.append((ev.generated_tokens, time.perf_counter()))
        elif isinstance(ev, Stats):
            whole = ev.tokens_per_s
    half = [t for t in ticks if t[0] >= tokens // 2]
    if len(half) >= 2 and half[-1][1] > half[0][1] and half[-1][0] > half[0][0]:
        return (half[-1][0] - half[0][0]) / (half[-1][1] - half[0][1])
    return whole
