"""A turn on its way: what to send the engine, what each streamed delta changes on screen, and
the assistant message being streamed with its timing (the session's parts, see ``session.py``)."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.chats.messages import Message
from app.core.chats.thinking import Thinking, ThinkingState
from app.core.inference.events import ChatMessage, ChatOptions
from app.core.r1.sampling import Sampling


@dataclass(frozen=True)
class Outgoing:
    """What to send the engine for a turn."""

    messages: list[ChatMessage]
    sampling: Sampling
    options: ChatOptions


@dataclass(frozen=True)
class Update:
    """What one delta changes on screen.

    Attributes:
        reasoning / answer: text to append to the pane / the answer.
        answer_started: the first answer text arrived: the thinking is over.
    """

    reasoning: str = ""
    answer: str = ""
    answer_started: bool = False


@dataclass
class Turn:
    """The assistant message being streamed."""

    message: Message
    thinks: bool
    t0: float
    t_answer: float | None = None
    t_reasoning: float | None = None  # when the first reasoning text came
    stopped: bool = False

    def thinking(self, now: float) -> Thinking:
        """No pane until reasoning text arrives (a model that never reasons gets none, and the
        wait for the first token is not "thinking"); its seconds run from that first text."""
        if self.t_reasoning is None:
            return Thinking(ThinkingState.NONE)
        if self.t_answer is None:
            return Thinking(ThinkingState.LIVE, now - self.t_reasoning)
        return Thinking(ThinkingState.DONE, self.t_answer - self.t_reasoning)

    def waiting(self, now: float) -> float | None:
        """Seconds spent waiting for the first text (the prompt being read), or None once any came."""
        if self.t_reasoning is None and self.t_answer is None:
            return now - self.t0
        return None
