"""R1's generation loop over llama.cpp's tokens: prompt evaluation (in steps, reusing the KV
cache), one detokenized piece per token through the reasoning splitter, Answer now, the thinking
budget and the loop guard (which close the reasoning for the model and go on), Stop within a
token, and the statistics at the end.

A part of :class:`~app.core.inference.llama_runner.LlamaRunner` (a mixin): the runner, the one
module that imports llama_cpp, gives it the model and the few llama.cpp calls it needs.
"""

from __future__ import annotations

import codecs
import threading
import time
from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING, Any, Protocol

from app.core import errors
from app.core.inference.drafts import Drafting
from app.core.inference.events import AnsweredEarly, Delta, Event, FinishReason, Reading, RenderedPrompt, Stats, Tick
from app.core.inference.grammar_check import check_grammar
from app.core.inference.tool_run import ToolRun
from app.core.inference.wire import ChatRequest
from app.core.r1.loop_guard import LoopGuard
from app.core.r1.reasoning import CLOSE_REASONING, Piece, ReasoningSplitter
from app.core.r1.tool_calls import ToolFormat, ToolSpec

HOLD_LIMIT_S = 60.0  # how long ``ChatOptions.hold_at`` waits for Stop or Answer now
READ_STEP = 512  # prompt tokens per step of a long prompt's evaluation, between Reading events


class Flag(Protocol):
    """threading.Event or multiprocessing.Event: any thread may set it."""

    def is_set(self) -> bool: ...


class TokenLoop:
    """Streams a chat answer from the loaded model."""

    if TYPE_CHECKING:
        llm: Any
        params: Any
        context_length: int  # tokens one answer may fill (its sequence's share of the cache)
        _abort_cb: Any
        _tuner: Any

        def render(self, request: ChatRequest) -> tuple[RenderedPrompt, list[int]]: ...
        def _piece(self, token: int) -> bytes: ...
        def _is_eog(self, token: int) -> bool: ...
        def _grammar(self, text: str) -> Any: ...
        def _set_seed(self, seed: int | None) -> None: ...
        def _abort_prompt_eval(self, cancel: Flag | None) -> None: ...
        def _retune(self, seconds: float) -> None: ...
        def _generate(
            self, tokens: list[int], drafting: Drafting, *, grammar: Any, **sampling: Any
        ) -> Generator[int, None, None]: ...
        def _tool_grammar(self, spec: ToolSpec, fmt: ToolFormat, opened: bool) -> Any: ...
        def _tool_tokens(self, fmt: ToolFormat) -> frozenset[int]: ...

    _shown: frozenset[int] = frozenset()  # control tokens shown as text (a tool call's markers)

    def stream(self, request: ChatRequest, cancel: Flag, answer_now: Flag) -> Iterator[Event]:
        """Yield Delta events as tokens arrive, then one Stats event."""
        if self.params.vocab_only:
            raise errors.EngineError("This model was opened for its vocabulary only.")
        rendered, prompt = self.render(request)
        n_ctx = self.context_length
        if len(prompt) >= n_ctx:
            raise errors.EngineError(
                f"The conversation is {len(prompt):,} tokens long, more than the context of "
                f"{n_ctx:,} tokens. Start a new chat, or load the model with a longer context."
            )
        s, o = request.sampling, request.options
        max_new = min(s.max_tokens, n_ctx - len(prompt))
        cached = self._shared_prefix(prompt)
        self._set_seed(s.seed)
        if o.grammar:
            check_grammar(o.grammar)  # a grammar llama.cpp cannot parse would segfault this process
        grammar = self._grammar(o.grammar) if o.grammar else None
        fmt = rendered.tool_format or None
        tools = ToolRun(fmt, o.tools, self._tool_grammar) if fmt is not None and o.tools is not None else None
        self._shown = self._tool_tokens(tools.fmt) if tools is not None else frozenset()

        splitter = ReasoningSplitter(rendered.forced_open)
        guard = LoopGuard() if o.loop_guard else None
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        generated: list[int] = []
        n_reasoning = 0
        t0 = time.perf_counter()
        t_first = t_think_end = t_last = 0.0
        early: AnsweredEarly = ""
        hold = o.hold_at
        drafting = Drafting.of(o.draft, o.draft_fixed)
        # a held request is stopped only at its token, never while its prompt is read
        carry_on = yield from self._read_prompt(prompt, cached, cancel if hold is None else threading.Event())
        finish: FinishReason = "length" if carry_on else "cancelled"
        while carry_on:
            carry_on = False
            if tools is not None:  # a required call: its grammar from where the answer begins
                grammar = tools.take_over(not splitter.in_reasoning) or grammar
            # generate() evaluates the prompt before its first token (a held request is stopped only at its token)
            self._abort_prompt_eval(cancel if hold is None else None)
            gen = self._generate(
                prompt + generated,
                drafting,
                top_k=s.top_k,
                top_p=s.top_p,
                min_p=s.min_p,
                temp=s.temperature,
                repeat_penalty=s.repeat_penalty,
                grammar=grammar,
            )
            try:
                for tok in gen:
                    if self._abort_cb is not None:
                        self._abort_prompt_eval(None)
                    if cancel.is_set() and (hold is None or len(generated) >= hold):
                        finish = "cancelled"
                        break
                    if self._is_eog(tok):
                        finish = "stop"
                        break
                    now = time.perf_counter()
                    if t_first == 0.0:
                        t_first = now
                    elif self._tuner is not None and t_last:
                        self._retune(now - t_last)
                    t_last = now
                    generated.append(tok)
                    thinking = splitter.in_reasoning
                    for kind, text in splitter.feed(decoder.decode(self._piece(tok))):
                        yield from tools.feed(kind, text) if tools is not None else (Delta(kind, text),)
                    if thinking:
                        n_reasoning += 1
                        if splitter.finished_thinking:
                            t_think_end = time.perf_counter()
                    if len(generated) >= max_new:
                        finish = "length"
                        break
                    # one per token: the throttle keeps the latest and sends it with the next flush
                    yield Tick(len(generated), (len(generated) - 1) / (now - t_first) if now > t_first else 0.0)
                    if hold is not None and len(generated) == hold:
                        self._hold(cancel, answer_now)
                    if tools is not None and (switch := tools.take_over(not splitter.in_reasoning)) is not None:
                        grammar, carry_on = switch, True  # a call began: its grammar from the next token
                        break
                    looping = guard is not None and not (tools is not None and tools.in_call) and guard.add(tok)
                    if splitter.in_reasoning and splitter.thought:
                        why: AnsweredEarly = (
                            "answer_now"
                            if answer_now.is_set() and (hold is None or len(generated) >= hold)
                            else "budget"
                            if o.think_budget is not None and n_reasoning >= o.think_budget
                            else "loop"
                            if looping
                            else ""
                        )
                        if why:
                            early = why
                            for kind, text in self._close_reasoning(splitter, decoder, generated):
                                yield from tools.feed(kind, text) if tools is not None else (Delta(kind, text),)
                            t_think_end = time.perf_counter()
                            if guard is not None:
                                guard.reset()
                            carry_on = True
                            break
                    elif looping:
                        finish = "loop"
                        break
            except RuntimeError as e:  # llama_decode aborted by the cancel flag, or failed
                if not cancel.is_set():
                    raise errors.EngineError(f"Generation failed: {e}") from None
                finish = "cancelled"
            finally:
                gen.close()
                self._abort_prompt_eval(None)
        for kind, text in splitter.feed(decoder.decode(b"", final=True)) + splitter.finish():
            yield from tools.feed(kind, text) if tools is not None else (Delta(kind, text),)
        if tools is not None:
            yield from tools.finish()
        self._shown = frozenset()
        end = time.perf_counter()
        first = t_first or end
        n = len(generated)
        yield Stats(
            prompt_tokens=len(prompt),
            cached_tokens=cached,
            generated_tokens=n,
            reasoning_tokens=n_reasoning,
            ttft_s=first - t0,
            tokens_per_s=(n - 1) / (end - first) if n > 1 and end > first else 0.0,
            elapsed_s=end - t0,
            thinking_s=((t_think_end or end) - first) if splitter.thought else 0.0,
            finish_reason=finish,
            forced_open=rendered.forced_open,
            thought=splitter.thought,
            thinking_finished=splitter.finished_thinking,
            answered_early=early,
            template=rendered.template,
            template_problem=rendered.template_problem,
            think_forced=rendered.think_forced,
            drafted_tokens=drafting.drafted,
            accepted_tokens=drafting.accepted,
            **(tools.stats() if tools is not None else {}),
        )

    def _hold(self, *flags: Flag) -> None:
        """The ``hold_at`` seam: wait at the held token for Stop or Answer now."""
        _wait_for(*flags)

    def _read_prompt(self, prompt: list[int], cached: int, cancel: Flag) -> Generator[Reading, None, bool]:
        """Evaluate a long prompt in steps before ``generate()``, saying how far it got ("Reading
        12,345 tokens… 40 %": 10K tokens of code take minutes on a CPU).

        ``generate()`` then finds all but the last token in the KV cache and evaluates that one
        itself, for fresh logits, exactly as after an earlier turn. A cancel interrupts a step
        through the abort callback, installed only for these steps; returns False when it did.
        """
        end = len(prompt) - 1
        done = min(cached, end)
        yield Reading(done, len(prompt))
        if end - done < READ_STEP:
            return True  # one step anyway: generate() reads it
        self.llm.n_tokens = done  # keep what the cache shares with this prompt; eval() drops the rest
        self._abort_prompt_eval(cancel)
        try:
            while done < end:
                if cancel.is_set():
                    return False
                step = prompt[done : min(done + READ_STEP, end)]
                try:
                    self.llm.eval(step)
                except RuntimeError as e:  # llama_decode aborted by the cancel flag, or failed
                    if cancel.is_set():
                        return False
                    raise errors.EngineError(f"Reading the prompt failed: {e}") from None
                done += len(step)
                yield Reading(done, len(prompt))
        finally:
            self._abort_prompt_eval(None)  # no per-node callback once the prompt is read
        return True

    def _close_reasoning(
        self, splitter: ReasoningSplitter, decoder: codecs.IncrementalDecoder, generated: list[int]
    ) -> list[Piece]:
        """Write ``</think>`` for the model: the next generate() call continues from there."""
        pending = decoder.decode(b"", final=True)
        decoder.reset()
        generated.extend(self.llm._model.tokenize(CLOSE_REASONING.encode(), add_bos=False, special=True))
        return splitter.feed(pending + CLOSE_REASONING)

    def _shared_prefix(self, prompt: list[int]) -> int:
        """How many prompt tokens generate() will take from the KV cache instead of evaluating.

        Mirrors ``Llama.generate``: the longest common prefix of the cache and the prompt, less
        one when it covers the whole prompt (that token is evaluated again for fresh logits).
        """
        n = 0
        for a, b in zip(self.llm._input_ids, prompt):
            if a != b:
                break
            n += 1
        exact = n == len(prompt) == self.llm.n_tokens and not self.llm._requires_eval
        return n - 1 if n == len(prompt) and n > 0 and not exact else n


def _wait_for(*flags: Flag) -> None:
    """The ``hold_at`` seam: wait until one of the flags is set (or the limit passes)."""
    deadline = time.monotonic() + HOLD_LIMIT_S
    while not any(f.is_set() for f in flags) and time.monotonic() < deadline:
        time.sleep(0.002)
