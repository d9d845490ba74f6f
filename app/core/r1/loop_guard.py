"""Notice a stream that repeats itself, the failure the R1 model cards warn about.

A stream is looping when its last tokens are one block repeated: every one of the last
``max(min_span, repeats * period)`` tokens equals the token ``period`` places before it, for
some period up to ``max_period``. Slices are compared in C, so a check costs well under a
millisecond and runs every ``every`` tokens.
"""

from __future__ import annotations


class LoopGuard:
    def __init__(self, *, max_period: int = 200, repeats: int = 4, min_span: int = 256, every: int = 16) -> None:
        self.max_period = max_period
        self.repeats = repeats
        self.min_span = min_span
        self.every = every
        self._tokens: list[int] = []
        self._keep = max(min_span, repeats * max_period) + max_period

    def reset(self) -> None:
        self._tokens.clear()

    def add(self, token: int) -> bool:
        """Record a token; True when the stream is looping."""
        t = self._tokens
        t.append(token)
        if len(t) > 2 * self._keep:
            del t[: len(t) - self._keep]
        if len(t) % self.every:
            return False
        return self.looping()

    def looping(self) -> bool:
        t = self._tokens
        for period in range(1, self.max_period + 1):
            span = max(self.min_span, self.repeats * period)
            if span + period > len(t):
                break
            if t[-span:] == t[-span - period : -period]:
                return True
        return False
