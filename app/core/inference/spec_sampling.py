"""Drawing tokens from the sampler chain's candidates, and speculative sampling's accept rule.

The sampler chain the loop has always used (penalties, grammar, top-k, typical, top-p, min-p,
temperature: ``Llama._init_sampler``) filters and scales the logits in llama.cpp; what is left is
a list of candidates with logits. The last stage, the draw, is done here instead of by llama.cpp's
``dist`` sampler, with the same arithmetic (float32 softmax from the largest logit, a float64
running sum, the first candidate whose running sum reaches ``u`` × the total), so the distribution
is the one the chain always gave. Each generated position gets one uniform ``u`` from the
sequence's own generator, so a seed gives the same tokens whether or not drafts were verified.

For a draft token ``x`` with draft probability ``q(x)`` the paper's rule (Leviathan et al., Chen et
al.) keeps the target's distribution ``p`` exactly: accept with probability min(1, p(x)/q(x)),
otherwise draw from max(0, p − q) normalised. For an n-gram draft ``q`` is a point mass, so the
rule is: accept with probability p(x), otherwise draw from p without x. Drawing the target's own
token with the position's ``u`` and accepting the draft when they agree realises exactly that
(P(accept) = p(x); a rejection gives y ≠ x with probability p(y)), and is what
:func:`pick` + a comparison do for n-gram drafts.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float32]
Ints = npt.NDArray[np.int32]


def probabilities(logits: Floats) -> npt.NDArray[np.float64]:
    """The candidates' probabilities as llama.cpp's ``dist`` computes them."""
    if len(logits) == 0:
        return np.zeros(0)
    e = np.exp(logits - logits.max(), dtype=np.float32).astype(np.float64)
    return e / e.sum()


def draw(weights: npt.NDArray[np.float64], u: float) -> int:
    """The index that inverse-CDF sampling with ``u`` in [0, 1) picks (``dist``'s rule: the first
    whose running sum reaches ``u`` × the total)."""
    running = np.cumsum(weights)
    i = int(np.searchsorted(running, running[-1] * u, side="left"))
    return min(i, len(weights) - 1)


def pick(ids: Ints, logits: Floats, u: float, greedy: bool) -> int:
    """The token the chain's last stage chooses: the first largest logit (``greedy``), or a draw
    with ``u``."""
    if greedy or len(ids) == 1:
        return int(ids[int(np.argmax(logits))])
    return int(ids[draw(probabilities(logits), u)])


def accept(p_x: float, q_x: float, u: float) -> bool:
    """The paper's test: keep a draft token with probability min(1, p(x)/q(x))."""
    return q_x <= 0.0 or u * q_x < p_x


def residual(
    p_ids: Ints, p: npt.NDArray[np.float64], q_ids: Ints, q: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """max(0, p − q) over p's candidates (zero elsewhere, as p is), unnormalised; p itself when
    that is all zero (then a rejection could not have happened)."""
    q_at = dict(zip(q_ids.tolist(), q.tolist()))
    r = np.maximum(0.0, p - np.array([q_at.get(t, 0.0) for t in p_ids.tolist()]))
    return r if r.sum() > 0.0 else p


def probability_of(ids: Ints, probs: npt.NDArray[np.float64], token: int) -> float:
    where = np.flatnonzero(ids == token)
    return float(probs[where[0]]) if len(where) else 0.0
