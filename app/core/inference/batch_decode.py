"""The token source the token loop reads, on llama.cpp's batch API: what ``Llama.generate`` did
(reuse the KV cache's common prefix, evaluate the rest, draw each token with the sampler chain),
plus speculative decoding.

Each step puts the newest token into a batch together with a draft of the tokens likely to
follow (``drafts.py``), asks for logits at every position, and keeps the draft up to its first
token the target model would not have produced (``spec_sampling.py``); the cache entries of the
rejected rest are removed again (``llama_memory_seq_rm``). The tokens are yielded one by one, so
Stop, Answer now, the thinking budget and the loop guard act on an exact token as before: what the
cache holds beyond the last token the loop took is trimmed by the next call's prefix match.

A :class:`Job` is one such run on one sequence of the cache, and :func:`run_step` decodes one
batch for several jobs at once, which is what ``parallel.py`` builds on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from app.core.inference.drafts import Drafting, DraftLength, NgramDrafter
from app.core.inference.spec_sampling import Floats, Ints, pick


class Chain(Protocol):
    """The request's sampler chain (llama.cpp's stages but the final draw)."""

    greedy: bool  # temperature 0: the largest logit wins
    plain: bool  # nothing to filter: greedy on the raw logits gives the same token

    def candidates(self, logits: Floats) -> tuple[Ints, Floats]: ...
    def accept(self, token: int) -> None: ...


class Calls(Protocol):
    """What the runner gives this module (it is the one that imports llama_cpp)."""

    def _decode(
        self, tokens: Sequence[int], pos: Sequence[int], seqs: Sequence[int], logits: Sequence[bool]
    ) -> None: ...
    def _logits(self, i: int) -> Floats: ...
    def _seq_rm(self, seq: int, p0: int, p1: int = -1) -> None: ...


class Drafter(Protocol):
    """Where drafts come from: prompt lookup (``drafts.NgramDrafter``) or a draft model."""

    kind: int  # a fixed kind of draft (a draft model's), else 0: each draft says its own

    def append(self, token: int) -> None: ...
    def draft(self, limit: int) -> tuple[list[int], int]: ...


class Cache(Protocol):
    """The tokens one sequence of the KV cache holds, positions 0, 1, ... in order."""

    seq: int

    def held(self) -> Sequence[int]: ...
    def keep(self, n: int) -> None: ...
    def add(self, tokens: Sequence[int]) -> None: ...


class LlamaCache:
    """Sequence 0, whose tokens llama-cpp-python keeps (``input_ids``, ``n_tokens``) for its own
    ``eval`` (a long prompt's steps) and the token loop's count of reused tokens."""

    seq = 0

    def __init__(self, calls: Calls, llm: Any) -> None:
        self.calls, self.llm = calls, llm

    def held(self) -> Sequence[int]:
        return self.llm.input_ids[: self.llm.n_tokens]

    def keep(self, n: int) -> None:
        # always removed: a decode that a cancel aborted may have left entries beyond n_tokens
        self.calls._seq_rm(0, n, -1)
        self.llm.n_tokens = min(n, self.llm.n_tokens)

    def add(self, tokens: Sequence[int]) -> None:
        n = self.llm.n_tokens
        self.llm.input_ids[n : n + len(tokens)] = tokens
        self.llm.n_tokens = n + len(tokens)
        self.llm._requires_eval = True  # generate()'s shortcut for an exactly cached prompt never applies


class ListCache:
    """A sequence's tokens kept in a list (sequences other than llama-cpp-python's own)."""

    def __init__(self, calls: Calls, seq: int) -> None:
        self.calls, self.seq, self.tokens = calls, seq, list[int]()

    def held(self) -> Sequence[int]:
        return self.tokens

    def keep(self, n: int) -> None:
        self.calls._seq_rm(self.seq, n, -1)
        del self.tokens[n:]

    def add(self, tokens: Sequence[int]) -> None:
        self.tokens.extend(tokens)


@dataclass
class Part:
    """One job's share of a batch: tokens from position ``len(cache)`` on. From ``start`` on they
    are the newest token and its draft, and want logits; before it, prompt tokens that do not."""

    job: Job
    tokens: list[int]
    start: int  # len(tokens) when the part is prompt only
    row: int = 0  # where its first token sits in the batch

    @property
    def logits(self) -> list[bool]:
        return [i >= self.start for i in range(len(self.tokens))]


@dataclass
class Job:
    """Generating after ``tokens`` on one cache sequence (one ``_generate`` call of the loop).

    Attributes:
        feed: prompt tokens the cache still lacks, before ``pending``.
        pending: the newest token (the prompt's last, then the newest drawn), not yet in the cache:
            its logits give the next token, so it is decoded with the draft that may follow it.
        draft: the draft verified with ``pending`` in the step now planned, and its ``kind``.
    """

    cache: Cache
    tokens: list[int]
    chain: Chain
    rng: np.random.Generator
    drafting: Drafting
    feed: list[int] = field(default_factory=list)
    pending: int = 0
    draft: list[int] = field(default_factory=list)
    kind: int = 0
    drafter: Callable[[list[int], DraftLength], Drafter] | None = None  # a draft model's (else prompt lookup)
    reads_only: bool = False  # a prompt read ahead of generating (``parallel.py``): it draws no token

    def __post_init__(self) -> None:
        # the cache keeps what it shares with the tokens, but for the last one (its logits are needed)
        n = min(common_prefix(self.cache.held(), self.tokens), len(self.tokens) - 1)
        self.cache.keep(n)
        self.feed, self.pending = self.tokens[n:-1], self.tokens[-1]
        self.length = self.drafting.length
        self.lookup: Drafter | None = None
        if self.length is not None:
            self.lookup = self.drafter(self.tokens, self.length) if self.drafter else NgramDrafter(self.tokens)

    def plan(self, budget: int, room: int, draft: bool = True) -> Part:
        """This job's tokens for the next batch: at most ``budget``, at positions below ``room``,
        with a draft where ``draft`` allows one and it pays.

        The prompt's tokens go in batches of their own: a draft verified in a small batch gets
        the same logits, bit for bit, as one token at a time where llama.cpp computes that way
        (one thread, flash attention), which batches of 64 tokens and more do not.
        """
        if self.feed:
            chunk = self.feed[:budget]
            del self.feed[: len(chunk)]
            return Part(self, chunk, len(chunk))
        self.draft = []
        if draft and self.length is not None and self.lookup is not None:
            n = min(budget, room - len(self.cache.held())) - 1
            if self.lookup.kind:  # a draft model: its tokens cost time, so only as many as pay
                want = self.length.length(min(n, self.length.max_len), self.lookup.kind)
                self.draft, self.kind = self.lookup.draft(want) if want > 0 else ([], self.lookup.kind)
            else:
                found, self.kind = self.lookup.draft(min(n, self.length.max_len))
                self.draft = found[: self.length.length(len(found), self.kind)] if found else []
            if not self.draft:
                self.length.idle()
        return Part(self, [self.pending, *self.draft], 0)

    def take(self, part: Part, calls: Calls) -> list[int]:
        """After the batch: the tokens this step generated, in order (none while the prompt is read)."""
        self.cache.add(part.tokens)
        if part.start == len(part.tokens):
            return []
        out: list[int] = []
        for i in range(len(self.draft) + 1):
            token = self._draw(calls._logits(part.row + part.start + i))
            out.append(token)
            if i == len(self.draft) or token != self.draft[i]:
                break
        accepted = len(out) - 1
        if self.draft and self.length is not None:
            self.drafting.drafted += len(self.draft)
            self.drafting.accepted += accepted
            self.length.verified(len(self.draft), accepted, self.kind)
        # the pending token and the accepted drafts stay in the cache; the rejected rest leaves
        self.cache.keep(len(self.cache.held()) - len(self.draft) + accepted)
        self.pending = out[-1]
        return self._emit(out)

    def _emit(self, out: list[int]) -> list[int]:
        if self.lookup is not None:
            for t in out:
                self.lookup.append(t)
        return out

    def _draw(self, logits: Floats) -> int:
        c = self.chain
        if c.plain:
            return int(np.argmax(logits))
        ids, scaled = c.candidates(logits)
        token = pick(ids, scaled, 0.0 if c.greedy else float(self.rng.random()), c.greedy)
        c.accept(token)
        return token


def run_step(calls: Calls, parts: list[Part]) -> float:
    """Decode one batch made of ``parts`` (each job's tokens at its own positions and sequence);
    returns the seconds llama.cpp took. Raises RuntimeError when llama_decode fails or is aborted."""
    tokens: list[int] = []
    pos: list[int] = []
    seqs: list[int] = []
    logits: list[bool] = []
    for part in parts:
        part.row = len(tokens)
        start = len(part.job.cache.held())
        tokens += part.tokens
        pos += range(start, start + len(part.tokens))
        seqs += [part.job.cache.seq] * len(part.tokens)
        logits += part.logits
    t0 = time.perf_counter()
    calls._decode(tokens, pos, seqs, logits)
    return time.perf_counter() - t0


def generate(calls: Calls, job: Job, n_batch: int, n_ctx: int) -> Generator[int, None, None]:
    """The tokens after ``job.tokens``, one at a time, for as long as the caller reads them."""
    while True:
        part = job.plan(n_batch, n_ctx)
        seconds = run_step(calls, [part])
        out = job.take(part, calls)
        if job.length is not None and part.start == 0:
            job.length.timed(len(part.tokens), seconds)
        yield from out


def common_prefix(held: Sequence[int], tokens: Sequence[int]) -> int:
    """How many leading tokens two sequences share (numpy: a 30K-token prompt is compared in µs)."""
    n = min(len(held), len(tokens))
    if n == 0:
        return 0
    differ = np.flatnonzero(np.asarray(held[:n]) != np.asarray(tokens[:n]))
    return int(differ[0]) if len(differ) else n


def seeded(seed: int | None) -> np.random.Generator:
    """The generator of a sequence's uniforms: the seed's own, or a fresh one."""
    return np.random.default_rng(seed)
