"""The thinking pane's state, header and open/closed policy, in one place and free of Qt.

States: none (no reasoning: no pane), live (the model is thinking), done (``</think>`` came),
unfinished (the output ended inside the reasoning: stopped, cut off, or hit the limit).
The pane mode setting says what happens on its own; a click by the user always wins, and with
the "remember" mode the user's last click is how the next panes start.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from app.core.inference.events import Stats


class PaneMode(str, Enum):
    COLLAPSE = "collapse"  # open while thinking, folded once the answer starts
    OPEN = "open"  # always open
    COLLAPSED = "collapsed"  # always folded
    REMEMBER = "remember"  # as the user last left one (collapse until they click one)

    @classmethod
    def of(cls, value: str) -> PaneMode:
        try:
            return cls(value)
        except ValueError:
            return cls.COLLAPSE


class ThinkingState(Enum):
    NONE = "none"
    LIVE = "live"
    DONE = "done"
    UNFINISHED = "unfinished"


@dataclass(frozen=True)
class Thinking:
    """What the pane shows: its state, the seconds spent and the reasoning tokens."""

    state: ThinkingState
    seconds: float = 0.0
    tokens: int = 0

    @property
    def visible(self) -> bool:
        return self.state is not ThinkingState.NONE

    @property
    def label(self) -> str:
        count = f" · {self.tokens:,} token{'s' if self.tokens != 1 else ''}" if self.tokens else ""
        if self.state is ThinkingState.LIVE:
            return f"Thinking… {self.seconds:.0f} s"
        if self.state is ThinkingState.UNFINISHED:
            return f"Thinking unfinished · {self.seconds:.0f} s{count}"
        return f"Thought for {self.seconds:.0f} s{count}"

    def wants_open(self, mode: PaneMode, user_choice: bool | None = None, remembered: bool | None = None) -> bool:
        """Open or folded: the user's own click on this pane wins; otherwise the mode decides
        ("remember": the user's last click on any pane), and an unfinished thought (all there
        is to read) stays open unless the mode says folded."""
        if user_choice is not None:
            return user_choice
        if mode is PaneMode.REMEMBER and remembered is not None:
            return remembered
        if mode is PaneMode.OPEN:
            return True
        if mode is PaneMode.COLLAPSED:
            return False
        return self.state in (ThinkingState.LIVE, ThinkingState.UNFINISHED)


def from_stats(stats: Stats | None, reasoning: str, *, done: bool, seconds: float | None) -> Thinking:
    """The finished pane for a message: from its statistics, else from whether it ended as done."""
    if not reasoning.strip():
        return Thinking(ThinkingState.NONE)
    if stats is not None:
        finished = stats.thinking_finished
        tokens = stats.reasoning_tokens
    else:
        finished, tokens = done, 0
    state = ThinkingState.DONE if finished else ThinkingState.UNFINISHED
    return Thinking(state, seconds or 0.0, tokens)
