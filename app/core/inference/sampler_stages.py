"""The sampler chain a request has always used, applied stage by stage but for its final draw.

``Llama._init_sampler`` builds the chain (penalties, grammar, top-k, typical, top-p, min-p,
temperature, then ``dist`` or ``greedy``). The speculative decoder needs what the chain leaves
before the draw, the candidates and their logits, so that ``spec_sampling.pick`` can draw with the
position's own uniform and compare with a draft. The four C functions this takes are declared
here against the library llama-cpp-python loaded (``llama_runner.device_symbols`` finds them, as
for ``ggml_devices.py``)::

    int                    llama_sampler_chain_n  (const struct llama_sampler * chain);
    struct llama_sampler * llama_sampler_chain_get(const struct llama_sampler * chain, int32_t i);
    void                   llama_sampler_apply    (struct llama_sampler * smpl, llama_token_data_array * cur_p);
    void                   llama_sampler_accept   (struct llama_sampler * smpl, llama_token token);
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from functools import cache
from typing import Any

import numpy as np

from app.core.inference.spec_sampling import Floats, Ints

Symbol = Callable[[str], int | None]

TOKEN_DATA = np.dtype([("id", np.intc), ("logit", np.single), ("p", np.single)], align=True)


class TokenDataArray(ctypes.Structure):
    """llama.h's ``llama_token_data_array``."""

    _fields_ = [
        ("data", ctypes.c_void_p),
        ("size", ctypes.c_size_t),
        ("selected", ctypes.c_int64),
        ("sorted", ctypes.c_bool),
    ]


_N = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p)
_GET = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int32)
_APPLY = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(TokenDataArray))
_ACCEPT = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_int32)


@cache
def _functions(symbol: Symbol) -> tuple[Any, Any, Any, Any]:
    found = [symbol(f"llama_sampler_{n}") or 0 for n in ("chain_n", "chain_get", "apply", "accept")]
    if not all(found):
        raise RuntimeError("this llama.cpp build lacks the sampler chain functions")
    return _N(found[0]), _GET(found[1]), _APPLY(found[2]), _ACCEPT(found[3])


class Stages:
    """A request's chain (``batch_decode.Chain``).

    Attributes:
        greedy: temperature 0: the largest logit wins.
        plain: greedy with nothing to filter (no grammar, no penalty): the raw logits' largest wins.
    """

    def __init__(self, sampler: Any, symbol: Symbol, n_vocab: int, *, greedy: bool, plain: bool) -> None:
        self._sampler = sampler  # llama-cpp-python's LlamaSampler: owns the chain and its stages
        chain_n, chain_get, self._apply, self._accept = _functions(symbol)
        self._chain = ctypes.c_void_p(ctypes.cast(sampler.sampler, ctypes.c_void_p).value)
        self._stages = [chain_get(self._chain, i) for i in range(chain_n(self._chain) - 1)]
        self.greedy, self.plain = greedy, plain
        self._ids = np.arange(n_vocab, dtype=np.intc)
        self._buf = np.zeros(n_vocab, TOKEN_DATA)
        self._array = TokenDataArray(self._buf.ctypes.data, n_vocab, -1, False)

    def candidates(self, logits: Floats) -> tuple[Ints, Floats]:
        """The candidates the chain keeps for these logits, with their logits as it scales them."""
        buf, a = self._buf, self._array
        buf["id"], buf["logit"], buf["p"] = self._ids, logits, 0.0
        a.size, a.selected, a.sorted = len(buf), -1, False
        ref = ctypes.byref(a)
        for stage in self._stages:
            self._apply(stage, ref)
        return buf["id"][: a.size].copy(), buf["logit"][: a.size].copy()

    def accept(self, token: int) -> None:
        """The token was chosen: the grammar and the penalties move on."""
        self._accept(self._chain, token)
