"""An engine stand-in for UI tests: replays recorded streams, honours Stop and Answer now, can
fail midway, and can hold a stream at an exact event until the test acts.

A test never races the stream: it holds it (``hold_at``, or ``HOLD`` inside a stream), waits
until ``holding``, acts (Stop, Answer now, a theme change…), and ``release()``s it if needed.
Like ``ChatOptions.hold_at`` in the real token loop, Stop and Answer now take effect at the
hold, whenever they were pressed, and end the wait there.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from app.core.errors import EngineError
from app.core.inference.events import BackendInfo, Delta, LoadParams, ModelFacts, RenderedPrompt, Stats, TokenCount
from app.core.models.gguf_header import read_gguf
from app.core.models.naming import display_name

THINKING = "The user asks for 6 × 7. Six sevens: 7, 14, 21, 28, 35, 42. So 42.\n"
ANSWER = "The answer is **42**.\n\n```python\nprint(6 * 7)\n```\n\nIn math form: $$\\boxed{42}$$\n"


HOLD_LIMIT_S = 60.0  # a hold nobody ends gives up after this long (the test then fails on its assertion)


class Hold:
    """A place in a stream where it waits (see ``FakeEngine``); use the ``HOLD`` instance."""

    def __repr__(self) -> str:
        return "HOLD"


HOLD = Hold()


def fake_tokens(text: str) -> int:
    return (len(text) + 3) // 4


def stats(n: int, reasoning: int = 0, finish: str = "stop", thought: bool = True, finished: bool = True) -> Stats:
    return Stats(
        prompt_tokens=20,
        cached_tokens=0,
        generated_tokens=n,
        reasoning_tokens=reasoning,
        ttft_s=0.05,
        tokens_per_s=42.0,
        elapsed_s=1.0,
        thinking_s=3.0 if thought else 0.0,
        finish_reason=finish,  # type: ignore[arg-type]
        forced_open=True,
        thought=thought,
        thinking_finished=finished,
        answered_early="",
        template="gguf",
    )


def script(reasoning: str = THINKING, answer: str = ANSWER, piece: int = 3, **kw: object) -> list[object]:
    """A stream cut into small deltas, reasoning then answer, then Stats."""
    out: list[object] = [Delta("reasoning", reasoning[i : i + piece]) for i in range(0, len(reasoning), piece)]
    out += [Delta("answer", answer[i : i + piece]) for i in range(0, len(answer), piece)]
    out.append(stats(len(out), len(reasoning) // piece, **kw))  # type: ignore[arg-type]
    return out


@dataclass
class FakeEngine:
    """Attributes:
    streams: the next requests' events, one list per request (then ``script()``'s).
    delay: seconds between events, for screenshots only: no test's outcome may depend on it.
    hold_at: every stream waits before its event number ``hold_at`` (0: before the first) until
        ``release()``, ``cancel()`` or ``answer_now()``; ``HOLD`` in a stream does the same there.
        Before its hold, a stream ignores Stop and Answer now (they take effect at the hold).
    holding: a stream waits at a hold now; held: how many holds streams have reached.
    fail_after: raise EngineError after this many events.
    """

    streams: list[list[object]] = field(default_factory=list)
    delay: float = 0.0
    hold_at: int | None = None
    fail_after: int | None = None
    requests: list[list[dict[str, str]]] = field(default_factory=list)
    options: list[object] = field(default_factory=list)
    counted: list[list[str]] = field(default_factory=list)
    info: object = None
    facts: ModelFacts | None = None
    held: int = 0
    holding: bool = False
    _cancel: threading.Event = field(default_factory=threading.Event)
    _answer_now: threading.Event = field(default_factory=threading.Event)
    _go: threading.Event = field(default_factory=threading.Event)

    def backend_info(self) -> BackendInfo:
        return BackendInfo("CPU", False, "fake", "0")

    @property
    def loaded(self) -> bool:
        return self.facts is not None

    def load(self, params: LoadParams, progress=None) -> ModelFacts:
        if progress:
            progress(0.5)
            progress(1.0)
        info = self.info = read_gguf(params.model)
        self.facts = ModelFacts(
            path=params.model,
            n_ctx=params.n_ctx,
            n_ctx_train=4096,
            n_vocab=262,
            n_params=1,
            size_bytes=Path(params.model).stat().st_size,
            description="fake",
            backend="CPU",
            gpu_offload=False,
            n_gpu_layers=0,
            n_threads=1,
            has_template=True,
            load_seconds=0.01,
            name=display_name(info),
            quantization=info.quantization,
        )
        return self.facts

    def unload(self) -> None:
        self.facts = None

    def render_prompt(self, messages, options=None) -> RenderedPrompt:
        text = "".join(f"<{m['role']}>{m['content']}" for m in messages)
        return RenderedPrompt(text=text, n_tokens=len(text), forced_open=True, template="gguf")

    def count_tokens(self, texts, messages=None, options=None) -> TokenCount:
        """One token per four characters (a rendered prompt: its text's length / 4)."""
        self.counted.append(list(texts))
        prompt = None if messages is None else fake_tokens(self.render_prompt(messages, options).text)
        return TokenCount([fake_tokens(t) for t in texts], prompt)

    def stream_chat(self, messages, sampling=None, options=None) -> Iterator[object]:
        """The next recorded stream. Stop ends it with cancelled statistics; Answer now drops the
        rest of the reasoning and goes on with the answer (``answered_early="answer_now"``)."""
        self._cancel.clear()
        self._answer_now.clear()
        self.requests.append(list(messages))
        self.options.append(options)
        events = list(self.streams.pop(0) if self.streams else script())
        if self.hold_at is not None:
            end = next((i for i, ev in enumerate(events) if isinstance(ev, Stats)), len(events))
            events.insert(min(self.hold_at, end), HOLD)
        past_hold = not any(ev is HOLD for ev in events)  # no hold ahead: the flags count at once
        n = sent = 0
        early = ""
        for ev in events:
            if ev is HOLD:
                self._hold()
                past_hold = True
                continue
            if self.fail_after is not None and sent >= self.fail_after:
                raise EngineError("The model process crashed while generating (signal 9).")
            if past_hold and self._cancel.is_set():
                yield stats(n, finish="cancelled", finished=False)
                return
            if past_hold and self._answer_now.is_set() and isinstance(ev, Delta) and ev.kind == "reasoning":
                early = "answer_now"  # the reasoning is closed here: the answer comes next
                continue
            if early and isinstance(ev, Stats):
                ev = replace(ev, answered_early=early)
            if self.delay:
                time.sleep(self.delay)
            if isinstance(ev, Delta):
                n += 1
            sent += 1
            yield ev

    def release(self) -> None:
        """Let a stream waiting at a hold go on (or the next one to reach a hold pass it)."""
        self._go.set()

    def _hold(self) -> None:
        self.held += 1
        self.holding = True
        deadline = time.monotonic() + HOLD_LIMIT_S
        try:
            while not (self._go.is_set() or self._cancel.is_set() or self._answer_now.is_set()):
                if time.monotonic() > deadline:
                    break
                time.sleep(0.002)
        finally:
            self._go.clear()
            self.holding = False

    def cancel(self) -> None:
        self._cancel.set()

    def answer_now(self) -> None:
        self._answer_now.set()

    def close(self) -> None:
        pass
