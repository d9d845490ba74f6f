"""Several answers decoded together: the samples of "Solve × k" / ``--samples K``, and the local
API's slots, each a sequence of one KV cache, their tokens in shared batches.

Each answer runs the ordinary token loop (``token_loop.py``: the splitter, Answer now, the budget,
the loop guard, Stop, its own sampler chain and seed) on a thread of its own, over a
:class:`SeqView` of the runner. Only one of those threads runs Python at a time (the baton); when
its loop wants the next tokens it hands its :class:`~batch_decode.Job` to the scheduler and waits.
Once every running answer waits, :meth:`Scheduler.step` decodes one batch with all their tokens
(drafts included) and gives each its own back. An answer that arrives meanwhile joins at the next
step (continuous batching).

Prompts are shared: an answer whose prompt another sequence holds (or is reading) gets those
cache entries by ``llama_memory_seq_cp`` instead of evaluating them again, so k samples of one
question evaluate the question once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator, Sequence
from typing import TYPE_CHECKING, Any, cast

from app.core import errors
from app.core.inference.batch_decode import Cache, Job, Part, common_prefix, run_step, seeded
from app.core.inference.coalesce import FLUSH_S, coalesce
from app.core.inference.drafts import MAX_DRAFT, Drafting
from app.core.inference.events import Event, Reading, RenderedPrompt
from app.core.inference.token_loop import Flag, TokenLoop
from app.core.inference.wire import ChatRequest
from app.core.r1.tool_calls import ToolFormat, ToolSpec

if TYPE_CHECKING:
    from app.core.inference.llama_runner import LlamaRunner

Emit = Callable[[int, Event | BaseException], None]  # (stream, event) or (stream, the error it ended with)


class SeqView(TokenLoop):
    """One sequence of a shared runner, as the token loop sees a runner."""

    def __init__(self, runner: LlamaRunner, scheduler: Scheduler, cache: Cache) -> None:
        self.runner, self.scheduler, self.cache = runner, scheduler, cache
        self.llm, self.params, self.context_length = runner.llm, runner.params, runner.context_length
        self._abort_cb = None
        self._tuner = None
        self._rng = seeded(None)

    def render(self, request: ChatRequest) -> tuple[RenderedPrompt, list[int]]:
        return self.runner.render(request)

    def _piece(self, token: int) -> bytes:
        return self.runner._text_of(token, token in self._shown)  # this answer's tool markers

    def _tool_tokens(self, fmt: ToolFormat) -> frozenset[int]:
        return self.runner._tool_tokens(fmt)

    def _tool_grammar(self, spec: ToolSpec, fmt: ToolFormat, opened: bool) -> Any:
        return self.runner._tool_grammar(spec, fmt, opened)

    def _is_eog(self, token: int) -> bool:
        return self.runner._is_eog(token)

    def _grammar(self, text: str) -> Any:
        return self.runner._grammar(text)

    def _set_seed(self, seed: int | None) -> None:
        self._rng = seeded(seed)

    def _abort_prompt_eval(self, cancel: Flag | None) -> None:
        pass  # one answer's Stop must not abort the batch the others share; it acts at the next step

    def _retune(self, seconds: float) -> None:
        pass

    def _hold(self, *flags: Flag) -> None:
        """A held answer steps aside: the others go on while it waits for its Stop or Answer now."""
        self.scheduler.aside(1)
        self.scheduler.baton.release()
        try:
            super()._hold(*flags)
        finally:
            self.scheduler.baton.acquire()
            self.scheduler.aside(-1)

    def _read_prompt(self, prompt: list[int], cached: int, cancel: Flag) -> Generator[Reading, None, bool]:
        """Read the prompt in the shared batches (a share of each step, or a copy of what another
        sequence holds), saying how far it got after each step, as a lone answer does."""
        yield Reading(min(cached, len(prompt) - 1), len(prompt))
        job = Job(self.cache, prompt, cast(Any, None), self._rng, Drafting(), reads_only=True)
        while job.feed:
            if cancel.is_set():
                return False
            self.scheduler._next(job)
            yield Reading(len(self.cache.held()), len(prompt))
        return not cancel.is_set()

    def _shared_prefix(self, prompt: list[int]) -> int:
        return min(common_prefix(self.cache.held(), prompt), len(prompt) - 1)

    def _generate(
        self, tokens: list[int], drafting: Drafting, *, grammar: Any, **sampling: Any
    ) -> Generator[int, None, None]:
        job = Job(self.cache, tokens, self.runner._chain(grammar, sampling), self._rng, drafting)
        return self.scheduler.tokens(job)


class Scheduler:
    """Decodes the waiting jobs of every running answer in one batch per step."""

    def __init__(self, runner: LlamaRunner) -> None:
        self.runner = runner
        self.baton = threading.Lock()  # held by the one answer thread that runs Python
        self._cond = threading.Condition()
        self._live = 0  # answer threads running
        self._aside = 0  # of them, held (``hold_at``): not waited for
        self._waiting: list[Job] = []  # their jobs, in the order they asked
        self._given: dict[int, list[int]] = {}  # id(job) -> the tokens of its last step
        self.failure: BaseException | None = None  # a failed decode ends every answer

    # ---- the answers' side (their threads, holding the baton) ---------------------------------

    def tokens(self, job: Job) -> Generator[int, None, None]:
        while True:
            yield from self._next(job)

    def _next(self, job: Job) -> list[int]:
        with self._cond:
            self._waiting.append(job)
            self._cond.notify_all()
        self.baton.release()
        try:
            with self._cond:
                self._cond.wait_for(lambda: id(job) in self._given or self.failure is not None)
                if self.failure is not None:
                    raise RuntimeError(str(self.failure))
                return self._given.pop(id(job))
        finally:
            self.baton.acquire()

    def joined(self) -> None:
        with self._cond:
            self._live += 1

    def left(self) -> None:
        with self._cond:
            self._live -= 1
            self._cond.notify_all()

    def aside(self, n: int) -> None:
        with self._cond:
            self._aside += n
            self._cond.notify_all()

    # ---- the scheduler's side (the model process's main thread) -------------------------------

    @property
    def live(self) -> int:
        return self._live

    def ready(self, timeout: float) -> bool:
        """Wait until every running answer waits for tokens (True), or ``timeout`` passes."""
        with self._cond:
            return self._cond.wait_for(lambda: self._live - self._aside == len(self._waiting) > 0, timeout)

    def step(self) -> None:
        """Decode one batch for every waiting job and hand each its tokens. The baton is held
        throughout: an answer that starts meanwhile touches the cache only after the decode."""
        r = self.runner
        with self.baton:
            with self._cond:
                jobs, self._waiting = self._waiting, []
            budget = r.n_batch
            parts: list[Part] = []
            # Drafts only while one answer runs: several already fill a batch, and the cache cells
            # a rejected draft frees would go to the others, which changes llama.cpp's rounding.
            alone = len(jobs) == 1
            for job in jobs:  # the newest tokens (and a draft) first, then prompts share the rest
                if not job.feed:
                    parts.append(job.plan(max(1, min(budget, 1 + MAX_DRAFT)), r.context_length, draft=alone))
                    budget -= len(parts[-1].tokens)
            feeding = [j for j in jobs if j.feed]
            held = [j for j in feeding if self._shares(j, jobs)]  # they wait for another to read their prompt
            read: dict[int, list[int]] = {
                id(j): [] for j in feeding if j.reads_only and not j.feed
            }  # copied whole from another
            feeding = [j for j in feeding if j not in held and id(j) not in read]
            for job in feeding:
                if budget > 0 or not parts:
                    parts.append(job.plan(max(1, budget // len(feeding)), r.context_length))
                else:
                    held.append(job)
            try:
                if parts:
                    run_step(r, parts)
                out = {id(p.job): p.job.take(p, r) for p in parts} | read
            except BaseException as e:
                with self._cond:
                    self.failure = e
                    self._cond.notify_all()
                return
            with self._cond:
                self._given.update(out)
                self._waiting.extend(held)
                self._cond.notify_all()

    def _shares(self, job: Job, waiting: Sequence[Job]) -> bool:
        """Copy what another sequence holds of ``job``'s prompt; True when one still reads more of
        it (``job`` then waits, to copy that too)."""
        target = [*job.cache.held(), *job.feed]
        own = len(job.cache.held())
        best, donor = own, None
        for cache in self.runner._caches:
            if cache is not job.cache:
                n = min(common_prefix(cache.held(), target), len(target))
                if n > best:
                    best, donor = n, cache
        if donor is not None:
            self.runner._seq_cp(donor.seq, job.cache.seq, own, best)
            job.cache.add(target[own:best])
            del job.feed[: best - own]
        for other in waiting:
            if other is not job and other.feed and other.cache.seq < job.cache.seq:
                ahead = [*other.cache.held(), *other.feed]
                if common_prefix(ahead, target) > len(job.cache.held()):
                    return True
        return False


class Parallel:
    """The answers running now on one runner, their events and their controls."""

    def __init__(self, runner: LlamaRunner, emit: Emit | None = None) -> None:
        self.runner = runner
        self.emit: Emit = emit or (lambda _stream, _ev: None)
        self.scheduler = Scheduler(runner)
        self._free = list(range(runner.n_seq))
        self._flags: dict[int, tuple[threading.Event, threading.Event]] = {}

    @property
    def running(self) -> bool:
        return self.scheduler.live > 0

    @property
    def free(self) -> int:
        return len(self._free)

    def start(self, stream: int, request: ChatRequest, *, cancelled: bool = False) -> None:
        """Start an answer (``cancelled``: one that ends before its first token, with its Stats);
        ``EngineBusy`` when every sequence is in use."""
        if not self._free:
            raise errors.EngineBusy(f"All {self.runner.n_seq} slots are answering; try again in a moment.")
        with self.scheduler.baton:  # the template helper and the caches are the answers' too
            seq = self._pick(request)
        cancel, answer_now = threading.Event(), threading.Event()
        if cancelled:
            cancel.set()
        self._flags[stream] = (cancel, answer_now)
        view = SeqView(self.runner, self.scheduler, self.runner._caches[seq])
        self.scheduler.joined()
        threading.Thread(target=self._run, args=(view, stream, seq, request), daemon=True).start()

    def _pick(self, request: ChatRequest) -> int:
        """The free sequence whose cache shares the most with this request (an earlier turn)."""
        try:
            prompt = self.runner.render(request)[1]
        except Exception:
            prompt = []
        seq = max(self._free, key=lambda s: common_prefix(self.runner._caches[s].held(), prompt))
        self._free.remove(seq)
        return seq

    def _run(self, view: SeqView, stream: int, seq: int, request: ChatRequest) -> None:
        cancel, answer_now = self._flags[stream]
        self.scheduler.baton.acquire()
        try:
            for ev in coalesce(view.stream(request, cancel, answer_now), FLUSH_S, flush_at=request.options.hold_at):
                self.emit(stream, ev)
        except BaseException as e:
            self.emit(stream, e)
        finally:
            self._free.append(seq)
            del self._flags[stream]
            self.scheduler.baton.release()
            self.scheduler.left()

    def cancel(self, stream: int | None = None) -> None:
        for s, (flag, _) in list(self._flags.items()):
            if stream is None or s == stream:
                flag.set()

    def answer_now(self, stream: int | None = None) -> None:
        for s, (_, flag) in list(self._flags.items()):
            if stream is None or s == stream:
                flag.set()

    def step(self, timeout: float) -> None:
        """One decode for the waiting answers, once all wait (else return after ``timeout``)."""
        if self.scheduler.ready(timeout):
            self.scheduler.step()
