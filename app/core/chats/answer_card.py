"""What a stored answer's card shows: its Thinking pane, its state badge, its statistics line."""

from __future__ import annotations

from app.core.chats.messages import Message
from app.core.chats.thinking import Thinking, from_stats

FINISH_BADGES = {"length": "hit the token limit", "loop": "stopped: repeating itself"}
STATE_BADGES = {"interrupted": "interrupted", "stopped": "stopped", "error": "error"}
EARLY_BADGES = {  # the reasoning was closed before the model closed it (the answer follows)
    "answer_now": "answered early: Answer now",
    "budget": "reasoning cut: thinking budget reached",
    "loop": "reasoning cut: it was repeating",
}
NO_ANSWER = "ended while thinking: no answer"  # the model stopped inside its reasoning (small models do)


def thinking_of(m: Message) -> Thinking:
    """The pane of a finished (stored) message."""
    return from_stats(m.stats, m.reasoning, done=m.state == "done", seconds=m.thinking_s)


def badges_of(m: Message) -> list[str]:
    """What an answer's card says of how it ended: stopped, error, interrupted; that the
    reasoning was closed early and why; why the answer ended when that was not its own end."""
    if m.state in STATE_BADGES:
        return [STATE_BADGES[m.state]]
    if m.stats is None:
        return []
    if m.stats.finish_reason == "stop" and m.stats.thought and not m.content.strip():
        return [NO_ANSWER]
    return [
        b for b in (EARLY_BADGES.get(m.stats.answered_early, ""), FINISH_BADGES.get(m.stats.finish_reason, "")) if b
    ]


def badge_of(m: Message) -> str:
    """The badges in one line (the CLI's and the tests' view of them)."""
    return " · ".join(badges_of(m))


def reasoning_conclusion(m: Message) -> str:
    """For an answer that ended while thinking: the reasoning's last line, which small models
    often make their conclusion ("" when it has none, or the answer is not such a one)."""
    if badge_of(m) != NO_ANSWER:
        return ""
    lines = [line.strip() for line in m.reasoning.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def stats_text(m: Message) -> str:
    """The line under an answer: tokens, speed, time to first token (or the error)."""
    if m.error:
        return m.error
    s = m.stats
    if s is None or not s.generated_tokens:
        return ""
    forced = " · <think> forced" if s.think_forced else ""
    return f"{s.generated_tokens:,} tokens · {s.tokens_per_s:.1f} tok/s · first token {s.ttft_s:.2f} s{forced}"
