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

from app.core.chats.samples import SampleRun, new_batch
from app.core.chats.store import LAST, Message, Store, branch_and_families, history_for_model
from app.core.chats.thinking import PaneMode, Thinking, ThinkingState
from app.core.chats.turn import Outgoing, Turn, Update
from app.core.code.attach import split_message
from app.core.errors import StoreError
from app.core.inference.events import ChatMessage, ChatOptions, Stats
from app.core.r1.presets import Preset, apply_preset
from app.core.r1.sampling import Sampling

__all__ = ["TAIL", "ChatSession", "Outgoing", "Turn", "Update"]

TITLE_CHARS = 48
TAIL = 100  # the messages of a chat read when it opens; older ones as the view needs them


@dataclass
class ChatSession:
    """Attributes:
    conversation_id: the open conversation (None: a new chat not yet saved).
    messages: its turns read so far, oldest first: the shown branch's end (all of it after
        :meth:`read_all`, which whatever sends or counts turns calls first).
    unread: the ids of the shown branch's older messages, not read yet (oldest first).
    turn: the answer being streamed, if any.
    pane_mode: the thinking-pane setting.
    pane_default: with the "remember" mode, the user's last open (True) or close (False).
    run: the "solve k times" run in progress, if any.
    unsaved: finished answers the store could not write (a full disk): kept here, in memory,
        until :meth:`save_unsaved` gets them onto the disk.
    write_problem: why the last write failed (None once writing works again).
    """

    store: Store
    pane_mode: PaneMode = PaneMode.COLLAPSE
    clock: Callable[[], float] = time.monotonic
    conversation_id: int | None = None
    messages: list[Message] = field(default_factory=list)
    unread: list[int] = field(default_factory=list)
    turn: Turn | None = None
    editing: Message | None = None
    left_out: int = 0  # the oldest messages not sent: the user left them out to make room
    run: SampleRun | None = None
    pane_default: bool | None = None
    _families: dict[int | None, list[int]] = field(default_factory=dict)
    _pane_choices: dict[int, bool] = field(default_factory=dict)
    unsaved: list[Message] = field(default_factory=list)
    write_problem: str | None = None

    @property
    def generating(self) -> bool:
        return self.turn is not None

    # ---- conversations ------------------------------------------------------------------------

    def new(self) -> None:
        self.conversation_id, self.messages, self.editing, self._families = None, [], None, {}
        self.unread = []
        self.left_out = 0

    def open(self, conversation_id: int) -> None:
        self.conversation_id, self.messages = conversation_id, []
        self.editing, self.left_out = None, 0
        self.reload()

    def reload(self) -> None:
        """Read the conversation again: which turns have other versions, and the shown branch's
        last ``TAIL`` messages (or as many as were read before). The older ones stay ``unread``
        until asked for: reading all 20,000 rows of a 10,000-turn chat took 0.17 s of CPU, its
        tree 0.014 s."""
        if self.conversation_id is None:
            return
        ids, self._families = branch_and_families(self.store.message_tree(self.conversation_id))
        keep = max(TAIL, len(self.messages))
        self.messages = self._with_unsaved(self.store.messages_by_id(ids[-keep:]))
        self.unread = ids[: max(0, len(ids) - keep)]

    def read_earlier(self, n: int) -> list[Message]:
        """Read up to ``n`` more of the shown branch's older messages (one query): they go before
        the others in :attr:`messages` and are returned, oldest first."""
        if n <= 0 or not self.unread:
            return []
        ids, self.unread = self.unread[-n:], self.unread[:-n]
        older = self._with_unsaved(self.store.messages_by_id(ids))
        self.messages[:0] = older
        if self.left_out:
            self.left_out += len(older)
        return older

    def read_all(self) -> None:
        """Read the whole shown branch: a turn to send, or to count turns in, needs all of it."""
        self.read_earlier(len(self.unread))

    def _with_unsaved(self, stored: list[Message]) -> list[Message]:
        """The stored messages, with the answers only memory holds in place of their stale rows."""
        mine = {m.id: m for m in self.unsaved}
        return [mine.get(m.id, m) for m in stored]

    # ---- versions of a turn ---------------------------------------------------------------------

    def versions(self, m: Message) -> tuple[int, int]:
        """Which version of its turn ``m`` is, and how many there are: (2, 3) shows as ‹ 2/3 ›."""
        family = self._families.get(m.parent_id, [])
        return (family.index(m.id) + 1, len(family)) if m.id in family else (1, 1)

    def switch(self, m: Message, step: int) -> bool:
        """Show the previous (-1) or next (+1) version of ``m``'s turn, with what followed it."""
        family = self._families.get(m.parent_id, [])
        if self.generating or m.id not in family:
            return False
        j = family.index(m.id) + step
        if not 0 <= j < len(family):
            return False
        self.store.select(family[j])
        self.reload()
        return True

    def batch_of(self, m: Message) -> list[Message]:
        """The samples of the "solve k times" run ``m`` belongs to (oldest first), or []."""
        if not m.batch or m.id is None:
            return []
        return [x for x in self.store.siblings(m) if x.batch == m.batch]

    # ---- starting a turn ----------------------------------------------------------------------

    def send(self, text: str, preset: Preset, options: ChatOptions, model: str, *, samples: int = 1) -> Outgoing:
        """Save the user's message and start the answer. A message being edited is kept: the
        new one becomes its next version (what followed the old one stays with it).
        ``samples`` > 1 starts a "solve k times" run (see :meth:`next_sample`)."""
        parent: int | None = LAST
        editing, self.editing = self.editing, None
        if editing is not None and self.conversation_id is not None:
            parent = editing.parent_id
        created = self.conversation_id is None
        if self.conversation_id is None:
            words, files = split_message(text)
            title = " ".join(words.split())[:TITLE_CHARS] or (files[0].rel if files else "New chat")
            self.conversation_id = self.store.create_conversation(title, model)
        user = Message("user", text)
        try:
            self.store.add_message(self.conversation_id, user, parent)
            self.reload()
            self.run = SampleRun(samples, new_batch(), preset, options, model) if samples > 1 else None
            return self._start(preset, options, model)
        except StoreError:  # a full disk: leave the conversation as it was
            self.run, self.editing = None, editing
            self._undo_send(user, created)
            raise

    def _undo_send(self, user: Message, created: bool) -> None:
        """Take back what a failed send wrote, as far as the disk lets us."""
        try:
            if user.id is not None:
                self.store.delete_message(user.id)
            if created and self.conversation_id is not None:
                self.store.delete(self.conversation_id)
        except StoreError:
            pass
        if created:
            self.new()
        else:
            self.reload()

    def regenerate(self, answer: Message, preset: Preset, options: ChatOptions, model: str) -> Outgoing | None:
        """Write another version of an answer (the old one is kept); None when it is not ours."""
        if self.conversation_id is None or answer not in self.messages or self.generating:
            return None
        self.messages = self.messages[: self.messages.index(answer)]
        self.run = None
        try:
            return self._start(preset, options, model)
        except StoreError:
            self.reload()
            raise

    def next_sample(self) -> Outgoing | None:
        """After a sample of a "solve k times" run finished: start the next one, or end the run
        (showing the first sample that gave the majority answer) and return None."""
        run = self.run
        if run is None or self.generating or not self.messages:
            return None
        if not run.wants_more:
            self.run = None
            best = run.majority_sample()
            if best is not None:
                self.store.select(best)
                self.reload()
            return None
        self.messages = self.messages[:-1]  # the next sample answers the same prompt
        return self._start(run.preset, run.options, run.model, run.sampling_for_next())

    def _start(self, preset: Preset, options: ChatOptions, model: str, sampling: Sampling | None = None) -> Outgoing:
        assert self.conversation_id is not None
        self.read_all()
        sampling = sampling or preset.sampling
        last_user = max((i for i, m in enumerate(self.messages) if m.role == "user"), default=0)
        self.left_out = min(self.left_out, last_user)  # the question being answered is always sent
        history = apply_preset(history_for_model(self.messages[self.left_out :]), preset)
        batch = self.run.batch if self.run is not None else ""
        m = Message(
            "assistant", state="streaming", model=model, preset=preset.name, sampling=sampling.to_dict(), batch=batch
        )
        parent = self.messages[-1].id if self.messages else None
        self.store.add_message(self.conversation_id, m, parent)
        self.messages.append(m)
        self._families.setdefault(parent, []).append(m.id or 0)
        self.turn = Turn(m, thinks=options.think, t0=self.clock())
        return Outgoing(history, sampling, options)

    # ---- what the next message takes ---------------------------------------------------------

    def earlier(self) -> list[Message]:
        """The turns the next message follows and sends along: those before the one being
        edited, without those left out."""
        self.read_all()
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
            if t.t_reasoning is None and text.strip():
                t.t_reasoning = self.clock()
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
            try:
                if self.store.stream_update(m.id, m.content, m.reasoning) and not self.unsaved:
                    self.write_problem = None
            except StoreError as e:  # the answer goes on in memory; its end is written when it can be
                self.write_problem = str(e)
        return update

    def remember_pane(self, m: Message, open_: bool) -> None:
        """The user opened or closed ``m``'s pane: it stays so while the chat is open, and with
        the "remember" mode it is how the next panes start."""
        if m.id is not None:
            self._pane_choices[m.id] = open_
        if self.pane_mode is PaneMode.REMEMBER:
            self.pane_default = open_

    def pane_choice(self, m: Message) -> bool | None:
        return self._pane_choices.get(m.id) if m.id is not None else None

    def thinking(self) -> Thinking:
        """The live turn's pane (label and state) right now."""
        return self.turn.thinking(self.clock()) if self.turn is not None else Thinking(ThinkingState.NONE)

    def waiting(self) -> float | None:
        """Seconds the live turn has waited for its first text (None when text came or no turn)."""
        return self.turn.waiting(self.clock()) if self.turn is not None else None

    def context_used(self) -> int:
        """Tokens of this chat the model read and wrote for its last answer (0 for a new chat)."""
        for m in reversed(self.messages):
            if m.role == "assistant" and m.stats is not None:
                return m.stats.prompt_tokens + m.stats.generated_tokens
        return 0

    # ---- ending a turn ------------------------------------------------------------------------

    def stop(self) -> None:
        if self.turn is not None:
            self.turn.stopped = True
        if self.run is not None:
            self.run.stopped = True

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
        self.turn = None
        self.unsaved.append(m)
        self.save_unsaved()
        if self.run is not None:
            self.run.add(m)
        return m

    def save_unsaved(self) -> bool:
        """Write the answers that could not be written before; True when none is left."""
        while self.unsaved:
            try:
                self.store.finish_message(self.unsaved[0])
            except StoreError as e:
                self.write_problem = str(e)
                return False
            self.unsaved.pop(0)
        self.write_problem = None
        return True

    # ---- other message actions ----------------------------------------------------------------

    def delete_message(self, m: Message) -> bool:
        """Delete an answer (a version with alternatives goes with its branch)."""
        if self.generating or m.id is None:
            return False
        self.store.delete_message(m.id)
        self.reload()
        return True

    def edit(self, m: Message) -> None:
        """Sending next adds a new version of ``m`` (the old one and what followed it are kept)."""
        self.editing = m
