"""Choose llama.cpp's generation thread count by measuring it, while the answer streams.

llama.cpp's threads meet at a barrier after every graph node (about 600 per SmolLM2 token), and
a waiting thread spins. When every core runs one of them and anything else wants a core (the
window's GUI thread, a browser, another program), each preemption stalls them all: measured
here with a second process busy on one of the 2 cores, SmolLM2 fell from 30 to 5 tokens/s with
2 threads, while 1 thread kept its speed (README, "Threads"). No fixed count is right on every
machine at every moment, so the token loop now and then tries one thread fewer (or more) for a
few tokens and keeps whichever is faster.

The cost on a quiet machine is the probes: 8 tokens at the other count after 16 tokens, and
the interval doubles (up to 4,096 tokens) each time a probe loses: about 0.5 % of the tokens
run at the slower count over a 20,000-token answer.
"""

from __future__ import annotations

import statistics
from collections import deque

PROBE_TOKENS = 8  # tokens timed at the other count (after one warm-up token)
FIRST_PROBE = 16  # tokens before a probe, after a load or a won probe; doubles after each lost one
MAX_INTERVAL = 4096
# A probe wins when its median token time is this much shorter. Moving up asks for more: one
# thread too many can collapse the speed (above), one too few costs at most its share.
GAIN_DOWN = 0.10
GAIN_UP = 0.15
ABANDON = 2.0  # a probe token this many times slower than the steady median ends the probe at once


class ThreadTuner:
    """Feed it each token's duration; it answers with a thread count to switch to, or None.

    Attributes:
        current: the count in use for the steady state.
        most: the largest count it may choose (one per physical core).
    """

    def __init__(self, most: int, start: int | None = None) -> None:
        self.most = max(1, most)
        self.current = min(self.most, start or self.most)
        self._interval = FIRST_PROBE
        self._since = 0  # tokens since the last decision
        self._steady: deque[float] = deque(maxlen=2 * PROBE_TOKENS)
        self._probe: list[float] = []
        self._trying: int | None = None
        self._down = True  # which neighbour to try next
        self._warm_up = False

    def tick(self, seconds: float) -> int | None:
        """Record the last token's duration; return a thread count to set now, if any."""
        if self._trying is not None:
            if seconds > ABANDON * statistics.median(self._steady):
                return self._decide(lost=True)  # clearly slower: do not wait out the probe
            if self._warm_up:
                self._warm_up = False
                return None
            self._probe.append(seconds)
            if len(self._probe) < PROBE_TOKENS:
                return None
            return self._decide()
        self._steady.append(seconds)
        self._since += 1
        if self._since < self._interval or len(self._steady) < self._steady.maxlen or self.most == 1:  # type: ignore[operator]
            return None
        self._trying = self._neighbour()
        self._probe = []
        self._warm_up = True
        return self._trying

    def _neighbour(self) -> int:
        if self.current == 1:
            self._down = False
        elif self.current == self.most:
            self._down = True
        n = self.current - 1 if self._down else self.current + 1
        self._down = not self._down
        return n

    def _decide(self, lost: bool = False) -> int:
        assert self._trying is not None
        gain = GAIN_UP if self._trying > self.current else GAIN_DOWN
        won = not lost and statistics.median(self._probe) < statistics.median(self._steady) * (1 - gain)
        if won:
            self.current = self._trying
            self._interval = FIRST_PROBE
            self._steady.clear()
        else:
            self._interval = min(MAX_INTERVAL, self._interval * 2)
        self._trying = None
        self._since = 0
        return self.current
