"""Where draft tokens come from and how many to verify: prompt lookup (n-grams) and the adaptive
draft length.

Prompt lookup needs no second model: when the last n tokens (n = 4, 3, 2) occurred earlier in the
prompt or the output, the tokens that followed them then are the draft. It pays where the answer
copies: a code edit re-writing an attached file, reasoning that re-quotes the question.

A verification costs more than one token's step (on a CPU nearly as much per token as decoding
them one by one; on a GPU little more than one step), and a draft that is rejected at its first
token bought nothing. :class:`DraftLength` therefore keeps a running estimate of both, the
acceptance rate of recent drafts and the measured cost of each extra token in a batch, and
drafts the length that maximises the expected tokens per unit of time, which is none where
drafting does not pay. The output never depends on these choices (``spec_sampling.py``), only the
speed does, so the estimate may use the clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MAX_DRAFT = 16  # the longest draft verified in one batch
LENGTHS = (0, 1, 2, 3, 4, 6, 8, 12, 16)  # the lengths the controller chooses from
N_MAX, N_MIN = 4, 2  # the n-grams looked up, longest first
# acceptances and rejections assumed for a kind of draft before (and long after) one is verified:
# optimistic, so drafting is tried; two rejections in a row are enough to stop it again
PRIORS = {4: (9.0, 1.0), 3: (4.0, 1.0), 2: (2.0, 1.0)}
PRIOR = (4.0, 1.0)  # any other kind (a draft model's)
DECAY = 0.7  # how quickly old verifications stop counting (per verification)
FADE = 0.99  # and per step without a draft, back towards the prior
PRIOR_JUMP, PRIOR_COST = 0.5, 0.3  # a batch's cost in one-token steps before any is measured
MODEL_KIND = 1  # a draft model's tokens (prompt lookup's kinds are the n-gram lengths, 2..4)


@dataclass
class Drafting:
    """One answer's drafting: its adaptive length (None: drafting off), kept across the loop's
    restarts after Answer now, and its tally for the statistics (tokens drafted, and how many of
    them the target model accepted)."""

    length: DraftLength | None = None
    drafted: int = 0
    accepted: int = 0

    @classmethod
    def of(cls, on: bool, fixed: int | None = None) -> Drafting:
        return cls(DraftLength(fixed) if on else None)


class NgramDrafter:
    """Prompt lookup over one token history (the prompt and what was generated since).

    Each n-gram is indexed once, when the token after it arrives, by where that token is; the
    latest occurrence wins. The history's own ending is therefore never its own match.
    """

    kind = 0  # each draft's kind is the length of the n-gram it matched

    def __init__(self, tokens: Sequence[int]) -> None:
        self.tokens: list[int] = []
        self._seen: dict[tuple[int, ...], int] = {}
        for t in tokens:
            self.append(t)

    def append(self, token: int) -> None:
        toks = self.tokens
        end = len(toks)  # the new token's position: the continuation of the n-grams ending before it
        for n in range(N_MIN, N_MAX + 1):
            if end >= n:
                self._seen[tuple(toks[end - n : end])] = end
        toks.append(token)

    def draft(self, limit: int) -> tuple[list[int], int]:
        """Up to ``limit`` tokens that followed the longest earlier match of the history's end,
        and that match's length (its kind, for :class:`DraftLength`)."""
        toks = self.tokens
        for n in range(N_MAX, N_MIN - 1, -1):
            if len(toks) < n:
                continue
            start = self._seen.get(tuple(toks[-n:]))
            if start is not None:
                return toks[start : start + limit], n
        return [], 0


class DraftLength:
    """How many draft tokens to verify next.

    The acceptance rate is kept per kind of draft (for prompt lookup: the length of the n-gram that
    matched, as a 4-gram's continuation is right far more often than a 2-gram's), and the cost of
    a batch of each size as measured against a one-token step (on this 2-core CPU a batch of 2
    cost 1.9 steps, of 9 about 3.4; on a GPU both are close to 1).

    ``fixed``: a seam for tests, always that many (when a draft exists), never adapting.
    """

    def __init__(self, fixed: int | None = None, max_len: int = MAX_DRAFT) -> None:
        self.fixed = fixed
        self.max_len = max_len
        self._counts: dict[int, list[float]] = {}  # kind -> [accepted, rejected], decayed
        self._ratio: dict[int, float] = {}  # batch size -> its time / a one-token step's
        self._step_s = 0.0
        self._draft_s = 0.0  # a draft model's seconds per drafted token (prompt lookup: free)

    def acceptance(self, kind: int = 0) -> float:
        """Estimated chance that a draft token of this kind is accepted, given the one before was."""
        a, r = self._counts.get(kind, PRIORS.get(kind, PRIOR))
        return a / (a + r)

    def cost(self, size: int) -> float:
        """A batch of ``size`` tokens in one-token steps (measured, else the prior)."""
        prior = 1.0 if size == 1 else 1.0 + PRIOR_JUMP + PRIOR_COST * (size - 1)
        return self._ratio.get(size, prior)

    def length(self, room: int, kind: int = 0) -> int:
        """The draft length to try now, at most ``room`` (what the batch and the context have left)."""
        if self.fixed is not None:
            return max(0, min(self.fixed, room))
        p = self.acceptance(kind)
        best, value = 0, 1.0
        for n in LENGTHS:
            if n > min(room, self.max_len):
                break
            # expected tokens per verification (geometric acceptance) per unit of its cost
            gain = (n + 1.0) if p >= 1.0 else (1.0 - p ** (n + 1)) / (1.0 - p)
            v = gain / (self.cost(n + 1) + n * self.draft_cost())
            if v > value * 1.05:  # a clear win only
                best, value = n, v
        return best

    def verified(self, drafted: int, accepted: int, kind: int = 0) -> None:
        """The outcome of one verification."""
        a, r = self._counts.get(kind, PRIORS.get(kind, PRIOR))
        self._counts[kind] = [a * DECAY + accepted, r * DECAY + (1 if accepted < drafted else 0)]

    def idle(self) -> None:
        """A step without a draft: old evidence fades, so drafting is tried again later."""
        for kind, c in self._counts.items():
            a, r = PRIORS.get(kind, PRIOR)
            c[0] = c[0] * FADE + a * (1 - FADE)
            c[1] = c[1] * FADE + r * (1 - FADE)

    def draft_cost(self) -> float:
        """A drafted token's cost in one-token steps of the target (a draft model's; else 0)."""
        return self._draft_s / self._step_s if self._draft_s and self._step_s else 0.0

    def drafted_in(self, n_tokens: int, seconds: float) -> None:
        """A draft model wrote ``n_tokens`` in ``seconds``."""
        if n_tokens > 0 and seconds > 0.0:
            per = seconds / n_tokens
            self._draft_s = per if self._draft_s == 0.0 else 0.8 * self._draft_s + 0.2 * per

    def timed(self, n_tokens: int, seconds: float) -> None:
        """A decode of ``n_tokens`` (the newest token and a draft) took ``seconds``."""
        if seconds <= 0.0:
            return
        if n_tokens == 1:
            self._step_s = seconds if self._step_s == 0.0 else 0.9 * self._step_s + 0.1 * seconds
        elif self._step_s > 0.0:
            ratio = max(1.0, seconds / self._step_s)
            self._ratio[n_tokens] = 0.7 * self.cost(n_tokens) + 0.3 * ratio
