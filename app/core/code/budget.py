"""Will the next message fit? The arithmetic behind the composer's context meter, the warning
before sending and the CLI's refusal: numbers in, numbers out (no Qt, no engine).

R1 thinks before it answers, often for thousands of tokens, so a prompt that merely fits the
context is not enough: the reply needs room too. That room, the reasoning reserve, is the
thinking budget when one is set, else the preset's max tokens capped by what the context has
left. A message fits when what is left holds the least reply worth starting: the whole thinking
budget when one is set, else ``MIN_REPLY_TOKENS``, a quarter of a small context, or the preset's
max tokens, whichever is least (a 512-token context, chosen on purpose, still answers).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from app.core.r1.sampling import R1_MAX_TOKENS

MIN_REPLY_TOKENS = 1024  # less than this and an R1 reply is cut off within its reasoning
COMFORT_REPLY_TOKENS = 4096  # room for a real reasoning: less is "tight" (hard questions take more)
CONTEXT_SIZES = (2048, 4096, 8192, 16384, 32768, 65536, 131072, 262144, 524288, 1048576)

Level = Literal["ok", "tight", "over", "unknown"]


def _n(n: int) -> str:
    return f"{n:,}"


@dataclass(frozen=True)
class Budget:
    """The next request against the loaded context.

    Attributes:
        n_ctx: the loaded context (0: unknown, as some servers do not say).
        prompt: the whole prompt as the model's template renders it.
        attachments / new_text: the attached files' tokens and the user's own words', within it.
        max_tokens: the preset's limit on new tokens.
        think_budget: the thinking budget (None: none, or Deep Thinking off).
        estimated: counted from the text's length, not with the model's tokenizer.
        files: how many files the attachments hold.
        earlier: the earlier turns' own tokens (None: not counted apart, as by older callers; then
            they include the template's markers).
    """

    n_ctx: int
    prompt: int
    attachments: int = 0
    new_text: int = 0
    max_tokens: int = R1_MAX_TOKENS
    think_budget: int | None = None
    estimated: bool = False
    files: int = 0
    earlier: int | None = None

    @property
    def history(self) -> int:
        """Earlier turns (with the template's own markers when they were not counted apart)."""
        if self.earlier is not None:
            return self.earlier
        return max(0, self.prompt - self.attachments - self.new_text)

    @property
    def template(self) -> int:
        """The chat template's markers and what joins the parts (0 when not counted apart)."""
        if self.earlier is None:
            return 0
        return max(0, self.prompt - self.attachments - self.new_text - self.earlier)

    @property
    def left(self) -> int:
        return self.n_ctx - self.prompt

    @property
    def needed(self) -> int:
        """The least room a reply must have."""
        if self.think_budget:
            return min(self.think_budget, self.max_tokens)
        return min(self.max_tokens, MIN_REPLY_TOKENS, max(1, self.n_ctx // 4))

    @property
    def reserve(self) -> int:
        """The reasoning reserve: the thinking budget, else the max tokens capped by what is left."""
        if self.think_budget:
            return min(self.think_budget, self.max_tokens)
        return max(0, min(self.max_tokens, self.left))

    @property
    def fits(self) -> bool:
        return self.n_ctx <= 0 or self.left >= self.needed

    @property
    def level(self) -> Level:
        if self.n_ctx <= 0:
            return "unknown"
        if not self.fits:
            return "over"
        if not self.think_budget and self.left < min(self.max_tokens, COMFORT_REPLY_TOKENS):
            return "tight"
        return "ok"

    def fractions(self) -> tuple[float, float]:
        """The prompt's and the reserve's shares of the context, for the meter (each 0..1)."""
        if self.n_ctx <= 0:
            return 0.0, 0.0
        used = min(1.0, self.prompt / self.n_ctx)
        return used, min(1.0 - used, self.reserve / self.n_ctx)

    def summary(self) -> str:
        """ "7,002 / 32,768" ("≈" first when estimated)."""
        approx = "≈ " if self.estimated else ""
        return f"{approx}{_n(self.prompt)} / {_n(self.n_ctx)}" if self.n_ctx > 0 else f"{approx}{_n(self.prompt)}"

    def parts(self) -> str:
        files = f" ({self.files} file{'s' if self.files != 1 else ''})" if self.files else ""
        earlier = f"earlier turns {_n(self.history)}, " if self.earlier is None or self.earlier else ""
        template = f", chat template {_n(self.template)}" if self.template else ""
        return f"{earlier}attachments {_n(self.attachments)}{files}, your message {_n(self.new_text)}{template}"

    def reserve_text(self) -> str:
        if self.think_budget:
            return f"{_n(self.reserve)} tokens (the thinking budget)"
        return f"{_n(self.reserve)} tokens (up to {_n(self.max_tokens)} new tokens, capped by what is left)"

    def breakdown(self) -> str:
        """The numbers, one per line, for the meter's tooltip."""
        how = (
            "Estimated from the text's length (the server counts with its own tokenizer)."
            if self.estimated
            else "Counted with the model's tokenizer."
        )
        ctx = f"of the {_n(self.n_ctx)}-token context" if self.n_ctx > 0 else "(the server does not say its context)"
        lines = [
            f"Prompt: {_n(self.prompt)} tokens {ctx}",
            f"    {self.parts()}",
            f"Reasoning reserve: {self.reserve_text()}",
        ]
        if self.n_ctx > 0:
            lines.append(
                f"Free after both: {_n(max(0, self.left - self.reserve))} tokens"
                if self.fits
                else f"Does not fit: a reply needs at least {_n(self.needed)} tokens, {_n(max(0, self.left))} are left"
            )
        return "\n".join([*lines, how])

    def problem(self) -> str:
        """Why it does not fit, with the numbers, in one sentence ("" when it fits)."""
        if self.fits:
            return ""
        if self.left <= 0:
            return (
                f"This message does not fit: the prompt is {_n(self.prompt)} tokens ({self.parts()}), "
                f"more than the model's context of {_n(self.n_ctx)}."
            )
        why = "the thinking budget" if self.think_budget else "a reply"
        return (
            f"This message does not fit: the prompt is {_n(self.prompt)} tokens ({self.parts()}) and "
            f"{why} needs at least {_n(self.needed)} more, but the model's context holds {_n(self.n_ctx)}."
        )


TEMPLATE_MARGIN = 16  # tokens a chat template may add around one message (role markers, BOS)


def upper_bound(contents: Sequence[str]) -> int:
    """Tokens the messages cannot exceed, without a tokenizer: a token is at least one byte of
    UTF-8 (the template's own markers aside), so bytes plus a margin per message bound them."""
    return sum(len(c.encode("utf-8")) + TEMPLATE_MARGIN for c in contents) + TEMPLATE_MARGIN


def turn_tokens(roles: Sequence[str], counts: Sequence[int]) -> list[int]:
    """Each earlier turn's tokens (a user message starts a turn), oldest first."""
    out: list[int] = []
    for role, n in zip(roles, counts):
        if role == "user" or not out:
            out.append(0)
        out[-1] += n
    return out


def turns_to_drop(budget: Budget, turn_tokens: Sequence[int]) -> int | None:
    """How many of the oldest turns (a question and its answer) to leave out so the message fits.

    ``turn_tokens``: each earlier turn's tokens, oldest first. 0 when it fits already; None when
    leaving out every earlier turn is not enough.
    """
    over = budget.needed - budget.left
    if over <= 0:
        return 0
    freed = 0
    for i, n in enumerate(turn_tokens):
        freed += n
        if freed >= over:
            return i + 1
    return None


def context_to_fit(budget: Budget, n_ctx_max: int) -> int | None:
    """A longer context that holds the prompt and a comfortable reply (a usual size, within the
    model's own maximum ``n_ctx_max``); None when even the maximum cannot hold the least reply."""
    least = budget.prompt + budget.needed
    want = budget.prompt + (budget.reserve if budget.think_budget else min(budget.max_tokens, COMFORT_REPLY_TOKENS))
    for size in CONTEXT_SIZES:
        if size >= want and size <= n_ctx_max and size > budget.n_ctx:
            return size
    if n_ctx_max >= least and n_ctx_max > budget.n_ctx:
        return n_ctx_max
    return None


@dataclass(frozen=True)
class Remedies:
    """What the user can do about a message that does not fit.

    Attributes:
        drop_turns: the oldest turns to leave out (None: not enough, or no earlier turns).
        attachments: tokens the attachments take (0: none attached).
        attachments_enough: whether sending without them fits.
        n_ctx: a longer context the memory estimate says fits (None: none does).
        n_ctx_detail: the estimate's figures for it.
    """

    drop_turns: int | None = None
    attachments: int = 0
    attachments_enough: bool = False
    n_ctx: int | None = None
    n_ctx_detail: str = ""


def remedies(budget: Budget, turn_tokens: Sequence[int], longer: int | None = None, detail: str = "") -> Remedies:
    """The three ways out: fewer turns, no attachments, a longer context (``longer``, already
    checked against the memory estimate by the caller)."""
    drop = turns_to_drop(budget, turn_tokens) if turn_tokens else None
    without = budget.left + budget.attachments
    return Remedies(
        drop_turns=drop or None,
        attachments=budget.attachments,
        attachments_enough=budget.attachments > 0 and without >= budget.needed,
        n_ctx=longer,
        n_ctx_detail=detail,
    )


def refusal(budget: Budget, r: Remedies, *, turns_flag: str = "--messages", ctx_flag: str = "--ctx") -> str:
    """The CLI's refusal: the problem and each remedy, with the same numbers as the window."""
    ways: list[str] = []
    if r.drop_turns:
        ways.append(f"leave out the oldest {r.drop_turns} turn{'s' if r.drop_turns != 1 else ''} of {turns_flag}")
    if r.attachments:
        enough = "" if r.attachments_enough else "; not enough alone"
        ways.append(f"attach less (the attachments take {_n(r.attachments)} tokens{enough})")
    if r.n_ctx:
        ways.append(
            f"load with a longer context: {ctx_flag} {r.n_ctx}" + (f" ({r.n_ctx_detail})" if r.n_ctx_detail else "")
        )
    if budget.think_budget and budget.left > 0:
        ways.append("set a smaller thinking budget")
    advice = f" To send it: {'; or '.join(ways)}." if ways else ""
    return budget.problem() + advice
