"""One conversation, free of Qt: its turns, the answer being streamed, timing, the thinking
pane's state, store writes and statistics.

The window's controller only connects this to widgets: it asks the session for the request to
send (:meth:`ChatSession.send`, :meth:`regenerate`), passes every streamed delta to
:meth:`append` and shows the ``Update`` it gets back, and ends the turn with :meth:`finish`,
:meth:`fail` or :meth:`stop`. Everything here is testable with a plain ``Store``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from app.core.chats.store import Message, Store, history_for_model
from app.core.chats.thinking import PaneMode, Thinking, ThinkingState, from_stats
from app.core.code.attach import split_message
from app.core.inference.events import ChatMessage, ChatOptions, Stats
from app.core.r1.presets import Preset, apply_preset
from app.core.r1.sampling import Sampling

TITLE_CHARS = 48
FINISH_BADGES = {"length": "hit the token limit", "loop": "stopped: repeating itself"}
STATE_BADGES = {"interrupted": "interrupted", "stopped": "stopped", "error": "error"}


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
    stopped: bool = False

    def thinking(self, now: float) -> Thinking:
        if not self.thinks and not self.message.reasoning:
            return Thinking(ThinkingState.NONE)
        if self.t_answer is None:
            return Thinking(ThinkingState.LIVE, now - self.t0)
        if not self.message.reasoning:
            return Thinking(ThinkingState.NONE)
        return Thinking(ThinkingState.DONE, self.t_answer - self.t0)


@dataclass
class ChatSession:
    """Attributes:
    conversation_id: the open conversation (None: a new chat not yet saved).
    messages: its turns, oldest first.
    turn: the answer being streamed, if any.
    pane_mode: the thinking-pane setting.
    """

    store: Store
    pane_mode: PaneMode = PaneMode.COLLAPSE
    clock: Callable[[], float] = time.monotonic
    conversation_id: int | None = None
    messages: list[Message] = field(default_factory=list)
    turn: Turn | None = None
    editing: Message | None = None
    left_out: int = 0  # the oldest messages not sent: the user left them out to make room

    @property
    def generating(self) -> bool:
        return self.turn is not None

    # ---- conversations ------------------------------------------------------------------------

    def new(self) -> None:
        self.conversation_id, self.messages, self.editing, self.left_out = None, [], None, 0

    def open(self, conversation_id: int) -> None:
        self.conversation_id = conversation_id
        self.messages = self.store.messages(conversation_id)
        self.editing, self.left_out = None, 0

    def reload(self) -> None:
        if self.conversation_id is not None:
            self.messages = self.store.messages(self.conversation_id)

    # ---- starting a turn ----------------------------------------------------------------------

    def send(self, text: str, preset: Preset, options: ChatOptions, model: str) -> Outgoing:
        """Save the user's message (replacing the one being edited and what followed it) and
        start the answer."""
        if self.editing is not None and self.conversation_id is not None:
            self.store.truncate(self.conversation_id, self.editing.position)
            self.editing = None
            self.reload()
        if self.conversation_id is None:
            words, files = split_message(text)
            title = " ".join(words.split())[:TITLE_CHARS] or (files[0].rel if files else "New chat")
            self.conversation_id = self.store.create_conversation(title, model)
        user = Message("user", text)
        self.store.add_message(self.conversation_id, user)
        self.messages.append(user)
        return self._start(preset, options, model)

    def regenerate(self, answer: Message, preset: Preset, options: ChatOptions, model: str) -> Outgoing | None:
        """Replace an answer (and what followed it) with a new one; None when it is not ours."""
        if self.conversation_id is None or answer not in self.messages:
            return None
        self.store.truncate(self.conversation_id, answer.position)
        self.reload()
        return self._start(preset, options, model)

    def _start(self, preset: Preset, options: ChatOptions, model: str) -> Outgoing:
        assert self.conversation_id is not None
        last_user = max((i for i, m in enumerate(self.messages) if m.role == "user"), default=0)
        self.left_out = min(self.left_out, last_user)  # the question being answered is always sent
        history = apply_preset(history_for_model(self.messages[self.left_out :]), preset)
        m = Message("assistant", state="streaming", model=model, preset=preset.name, sampling=preset.sampling.to_dict())
        self.store.add_message(self.conversation_id, m)
        self.messages.append(m)
        self.turn = Turn(m, thinks=options.think, t0=self.clock())
        return Outgoing(history, preset.sampling, options)

    # ---- what the next message takes ---------------------------------------------------------

    def earlier(self) -> list[Message]:
        """The turns the next message follows and sends along: those before the one being
        edited, without those left out."""
        upto = self.messages.index(self.editing) if self.editing in self.messages else len(self.messages)
        return self.messages[min(self.left_out, upto) : upto]

    def preview(self, text: str, preset: Preset) -> list[ChatMessage]:
        """The messages sending ``text`` now would send; nothing is saved."""
        return apply_preset(history_for_model([*self.earlier(), Message("user", text)]), preset)

    def leave_out_turns(self, n: int) -> int:
        """Stop sending the oldest ``n`` turns (a question and its answers) of this chat; they stay
        on screen and in the store. Returns how many messages that leaves out."""
        earlier = self.earlier()
        starts = [i for i, m in enumerate(earlier) if m.role == "user"]
        cut = starts[n] if n < len(starts) else len(earlier)
        self.left_out += cut
        return cut

    # ---- streaming ----------------------------------------------------------------------------

    def append(self, kind: str, text: str) -> Update:
        """Record a streamed delta; save it (the store throttles to once a second)."""
        t = self.turn
        if t is None or not text:
            return Update()
        m = t.message
        if kind == "reasoning":
            m.reasoning += text
            update = Update(reasoning=text)
        else:
            started = t.t_answer is None or not m.content
            if t.t_answer is None:
                t.t_answer = self.clock()
            if not m.content:
                text = text.lstrip()
                if not text:
                    return Update()
            m.content += text
            update = Update(answer=text, answer_started=started)
        if m.id is not None:
            self.store.stream_update(m.id, m.content, m.reasoning)
        return update

    def thinking(self) -> Thinking:
        """The live turn's pane (label and state) right now."""
        return self.turn.thinking(self.clock()) if self.turn is not None else Thinking(ThinkingState.NONE)

    # ---- ending a turn ------------------------------------------------------------------------

    def stop(self) -> None:
        if self.turn is not None:
            self.turn.stopped = True

    def finish(self, stats: Stats) -> Message | None:
        """The stream ended (stopped ones too): save the message with its statistics."""
        t = self.turn
        if t is None:
            return None
        m = t.message
        m.content, m.reasoning = m.content.strip(), m.reasoning.strip()
        m.state = "stopped" if (t.stopped or stats.finish_reason == "cancelled") else "done"
        m.thinking_s = stats.thinking_s if stats.thought else None
        m.reasoning_tokens = stats.reasoning_tokens
        m.generated_tokens = stats.generated_tokens
        m.stats = stats
        return self._end()

    def fail(self, message: str) -> Message | None:
        """The stream failed midway: keep what arrived and the reason."""
        t = self.turn
        if t is None:
            return None
        t.message.state = "error"
        t.message.error = message
        return self._end()

    def _end(self) -> Message:
        assert self.turn is not None
        m = self.turn.message
        self.store.finish_message(m)
        self.turn = None
        return m

    # ---- other message actions ----------------------------------------------------------------

    def delete_message(self, m: Message) -> bool:
        if self.generating or m.id is None:
            return False
        self.store.delete_message(m.id)
        self.messages = [x for x in self.messages if x is not m]
        return True

    def edit(self, m: Message) -> None:
        """Sending next replaces ``m`` and everything after it."""
        self.editing = m


def thinking_of(m: Message) -> Thinking:
    """The pane of a finished (stored) message."""
    return from_stats(m.stats, m.reasoning, done=m.state == "done", seconds=m.thinking_s)


def badge_of(m: Message) -> str:
    """The state shown on an answer's card: stopped, error, interrupted, or why it ended."""
    if m.state in STATE_BADGES:
        return STATE_BADGES[m.state]
    return FINISH_BADGES.get(m.stats.finish_reason, "") if m.stats is not None else ""


def stats_text(m: Message) -> str:
    """The line under an answer: tokens, speed, time to first token (or the error)."""
    if m.error:
        return m.error
    s = m.stats
    if s is None or not s.generated_tokens:
        return ""
    return f"{s.generated_tokens:,} tokens · {s.tokens_per_s:.1f} tok/s · first token {s.ttft_s:.2f} s"
