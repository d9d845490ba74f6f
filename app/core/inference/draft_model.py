"""Drafts from a draft model: a small model with the target's vocabulary (R1-Distill-Qwen-1.5B for
the 7B-32B Qwen distills) writes the next tokens greedily, and the target verifies them in one
batch (``batch_decode.py``).

The draft is a deterministic function of the text so far, like prompt lookup's, so the target's
speculative sampling treats it as a point mass and the answer's distribution stays the target's
own (``spec_sampling.py``); at temperature 0 the answer is the target's greedy one. The draft model
keeps its own KV cache of the same text and reuses its common prefix from draft to draft, so each
draft costs the tokens the target accepted since the last one plus one step per drafted token.
That cost is measured and counted against the gain (``DraftLength.drafted_in``). Only an answer
running alone drafts with the model (answers side by side use prompt lookup).
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np

from app.core.inference.batch_decode import Cache, Calls, common_prefix
from app.core.inference.drafts import MAX_DRAFT, MODEL_KIND, DraftLength


class ModelDrafter:
    """One answer's drafts from the draft model (the ``Drafter`` of its ``Job``)."""

    kind = MODEL_KIND

    def __init__(
        self, calls: Calls, cache: Cache, n_batch: int, n_vocab: int, tokens: Sequence[int], length: DraftLength
    ) -> None:
        """``n_vocab``: the ids both models have (their vocabularies may differ in padding at the end)."""
        self.calls, self.cache, self.n_batch, self.n_vocab, self.length = calls, cache, n_batch, n_vocab, length
        self.tokens = list(tokens)

    def append(self, token: int) -> None:
        self.tokens.append(token)

    def draft(self, limit: int) -> tuple[list[int], int]:
        """Up to ``limit`` tokens the draft model writes greedily after the text so far."""
        if limit <= 0:
            return [], self.kind
        t0 = time.perf_counter()
        cache, calls = self.cache, self.calls
        n = min(common_prefix(cache.held(), self.tokens), len(self.tokens) - 1)
        cache.keep(n)
        feed = self.tokens[n:]
        if feed and max(feed) >= self.n_vocab:  # a token the draft model does not have
            return [], self.kind
        caught_up = len(feed) <= MAX_DRAFT + 1  # the text since the last draft (else a prompt)
        row = 0
        while feed:
            chunk, feed = feed[: self.n_batch], feed[self.n_batch :]
            row = self._decode(chunk, last=not feed)
        out: list[int] = []
        while True:
            token = int(np.argmax(calls._logits(row)))
            if token >= self.n_vocab:
                break
            out.append(token)
            if len(out) == limit:
                break
            row = self._decode(out[-1:], last=True)
        if caught_up:
            self.length.drafted_in(len(out), time.perf_counter() - t0)
        return out, self.kind

    def _decode(self, tokens: list[int], *, last: bool) -> int:
        """Decode ``tokens`` at the cache's end (logits for the last one when ``last``); its row."""
        start = len(self.cache.held())
        n = len(tokens)
        self.calls._decode(
            tokens, range(start, start + n), [self.cache.seq] * n, [last and i == n - 1 for i in range(n)]
        )
        self.cache.add(tokens)
        return n - 1
