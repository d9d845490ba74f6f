"""Measuring the next message against the context with an engine: one token count in the engine
(the model's tokenizer lives in the model process) gives the chips', the meter's and the warning's
numbers. Shared by the window (run on its worker thread) and the CLI.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from app.core.code.attach import FileText, block, split_message
from app.core.code.budget import Budget, context_to_fit, remedies, turn_tokens
from app.core.code.budget import Remedies as Remedies
from app.core.inference.engine import Engine
from app.core.inference.events import ChatMessage, ChatOptions, ModelFacts
from app.core.models.gguf_header import GGUFInfo
from app.core.models.hardware import Hardware
from app.core.models.load_config import PLAIN, LoadConfig


@dataclass(frozen=True)
class Measurement:
    """A message measured against the context.

    Attributes:
        budget: the meter's numbers.
        file_tokens: each attached file's tokens (its block as sent), in the order given.
        turn_tokens: each earlier turn's tokens, oldest first.
        remedies: the ways out, when it does not fit and they were asked for.
    """

    budget: Budget
    file_tokens: list[int] = field(default_factory=list)
    turn_tokens: list[int] = field(default_factory=list)
    remedies: Remedies | None = None


@dataclass(frozen=True)
class MeasureRequest:
    """Everything a measurement needs, so a worker thread can run it.

    Attributes:
        messages: exactly what sending would send; the last is the user's, carrying ``files``.
        model_path: a local GGUF, for the offer of a longer context when it does not fit
            ("" for a remote model); ``hardware`` and how it is loaded (``load_config``: its KV
            cache and flash attention) for its memory estimate.
    """

    messages: list[ChatMessage]
    files: list[FileText]
    n_ctx: int
    max_tokens: int
    think_budget: int | None
    options: ChatOptions | None = None
    model_path: str = ""
    hardware: Hardware | None = None
    load_config: LoadConfig = PLAIN

    def run(self, engine: Engine) -> Measurement:
        m = measure(
            engine,
            self.messages,
            self.files,
            n_ctx=self.n_ctx,
            max_tokens=self.max_tokens,
            think_budget=self.think_budget,
            options=self.options,
        )
        if m.budget.fits:
            return m
        offer: tuple[int | None, str] = (None, "")
        if self.model_path and self.hardware is not None:
            from app.core.models.gguf_header import read_gguf

            offer = reload_offer(m.budget, read_gguf(self.model_path), self.hardware, self.load_config)
        return replace(m, remedies=ways_out(m, offer))


def measure(
    engine: Engine,
    messages: list[ChatMessage],
    files: Sequence[FileText],
    *,
    n_ctx: int,
    max_tokens: int,
    think_budget: int | None,
    options: ChatOptions | None = None,
) -> Measurement:
    """Count ``messages`` (exactly what would be sent; the last one is the user's, carrying
    ``files``) in one request to the engine."""
    history = messages[:-1]
    words, _ = split_message(messages[-1]["content"]) if messages else ("", [])
    texts = [block(f) for f in files] + [words] + [m["content"] for m in history]
    c = engine.count_tokens(texts, messages, options)
    n = len(files)
    files_n, words_n, history_n = c.counts[:n], c.counts[n], c.counts[n + 1 :]
    prompt = c.prompt_tokens if c.prompt_tokens is not None else sum(c.counts)
    budget = Budget(
        n_ctx=n_ctx,
        prompt=prompt,
        attachments=sum(files_n),
        new_text=words_n,
        max_tokens=max_tokens,
        think_budget=think_budget,
        estimated=c.estimated,
        files=n,
        earlier=sum(history_n),
    )
    return Measurement(budget, files_n, turn_tokens([m["role"] for m in history], history_n))


def loaded_config(facts: ModelFacts | None) -> LoadConfig:
    """How the loaded model is loaded, as far as its memory goes (its KV cache, flash attention)."""
    if facts is None:
        return PLAIN
    return LoadConfig(type_k=facts.type_k, type_v=facts.type_v, flash_attn="on" if facts.flash_attn else "off")


def reload_offer(
    budget: Budget, info: GGUFInfo, hardware: Hardware, config: LoadConfig = PLAIN
) -> tuple[int | None, str]:
    """A longer context for this model that holds the message, if the memory estimate says it fits
    on this machine: (n_ctx, the estimate's figures), or (None, why not)."""
    from app.core.models.fit import judge_config, shape_of

    n_ctx = context_to_fit(budget, info.context_length or budget.n_ctx)
    if n_ctx is None:
        return None, f"the model's own maximum context ({info.context_length:,} tokens) is too short"
    fit = judge_config(shape_of(info), info.file_size, hardware, config, n_ctx)
    if fit.verdict == "too_large":
        return None, f"a {n_ctx:,}-token context {fit.detail}"
    return n_ctx, fit.detail


def ways_out(m: Measurement, offer: tuple[int | None, str] = (None, "")) -> Remedies:
    return remedies(m.budget, m.turn_tokens, offer[0], offer[1] if offer[0] else "")
