"""Connects the chat session (core, no Qt) to the chat view, the composer and the worker.

The session decides; this only shows. Deltas arrive from the worker already merged (the engine
sends at most one every 50 ms, see ``inference/coalesce.py``), so each one is appended to the
screen as it comes: the reasoning to the thinking pane, the answer to the answer view, both
through the same ``append``. The live figures (reading, thinking time, the meter) are
``live_figures.py``'s.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.chats import export
from app.core.chats.answer_card import badges_of, reasoning_conclusion, thinking_of
from app.core.chats.session import ChatSession
from app.core.chats.store import Message, Store
from app.core.chats.thinking import PaneMode
from app.core.chats.turn import Outgoing
from app.core.errors import StoreError
from app.core.inference.events import ChatOptions, Stats
from app.core.r1.presets import DEFAULT_PRESET, Preset, PresetError, all_presets, get_preset
from app.core.settings import Settings
from app.ui.chat import composer_state
from app.ui.chat.composer import Composer
from app.ui.chat.edit_actions import EditController
from app.ui.chat.live_figures import LiveFigures
from app.ui.chat.message_actions import MessageActions
from app.ui.chat.message_widgets import AssistantMessageWidget
from app.ui.chat.transcript import Transcript
from app.ui.chat.view import ChatView
from app.ui.text.core_text import say
from app.ui.text.data_text import preset_text
from app.ui.window.actions import hint

RETRY_SAVE_MS = 5000  # how often answers kept in memory (the disk was full) try to reach the disk
DISK = "disk"  # the key of the full-disk alert


class ChatController(Transcript, MessageActions, QObject):
    """Signals:
    request_generate(list, object, object): to the worker (messages, Sampling, ChatOptions).
    generating_changed(bool)
    stats_changed(object Stats): the last generation's statistics.
    conversations_changed(): the list on the left needs a refresh.
    conversation_shown(object): the chat now on screen (an id, or None for a new chat).
    context_changed(int): tokens of context the chat on screen uses.
    notice(str): a message for the status bar.
    alert(str key, str text): a message that must stay until it is dealt with (empty text: it is).
    editing(str content): a sent message is back in the composer for editing ("": editing ended).
    insert_code(str code, str language): a code block's "Insert into composer".
    pane_choice(bool): the user opened (True) or closed a thinking pane; with the "remember"
        pane setting, the window saves it as the default for the next answers.
    """

    request_generate = Signal(list, object, object)
    generating_changed = Signal(bool)
    stats_changed = Signal(object)
    conversations_changed = Signal()
    conversation_shown = Signal(object)
    context_changed = Signal(int)
    notice = Signal(str)
    alert = Signal(str, str)
    editing = Signal(str)
    insert_code = Signal(str, str)
    pane_choice = Signal(bool)

    def __init__(
        self, store: Store, view: ChatView, composer: Composer, settings: Settings, stop: Any, answer_now: Any
    ) -> None:
        super().__init__()
        self.store = store
        self.view = view
        self.composer = composer
        self.settings = settings
        self.session = ChatSession(store, PaneMode.of(settings.thinking_pane))
        self.session.pane_default = settings.thinking_pane_open
        self.edits = EditController(store, self.session, lambda: view.renderer.theme, self)  # an answer's file edits
        self._stop = stop
        self._answer_now = answer_now
        self.model_name = ""
        self.model_ready = False
        self._think_off_note = self._answer_now_note = ""
        self._card: AssistantMessageWidget | None = None
        self._disk_warned = False
        self._rerender_pending = False
        self._search = ""
        self._save_folder = Path.home()  # where "Save as…" last wrote a code block
        self.live = LiveFigures(self.session, self)  # the streaming card's header, meter, waiting line
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_SAVE_MS)
        self._retry.timeout.connect(self.retry_saves)
        self.loader = self._make_loader()
        every = all_presets()
        presets = [p.name for p in every]
        current = settings.preset if settings.preset in presets else DEFAULT_PRESET
        composer.set_presets(presets, current, [preset_text(p.description) for p in every])
        composer_state.show(self.composer, settings)

    def set_server_limits(self, think_off_note: str, answer_now_note: str) -> None:
        """What the current model's server cannot do (a remote one), said when the user asks for it."""
        self._think_off_note, self._answer_now_note = think_off_note, answer_now_note

    def apply_settings(self, settings: Settings) -> None:
        self.settings = settings
        if composer_state.read(self.composer, settings) != settings:  # changed elsewhere (the settings dialog)
            composer_state.show(self.composer, settings)
        self.session.pane_mode = PaneMode.of(settings.thinking_pane)
        self.session.pane_default = settings.thinking_pane_open

    # ---- conversations --------------------------------------------------------------------------

    @property
    def generating(self) -> bool:
        return self.session.generating

    @property
    def conversation_id(self) -> int | None:
        return self.session.conversation_id

    @property
    def messages(self) -> list[Message]:
        return self.session.messages

    def conversation_items(self) -> list[tuple[int, str]]:
        convs = self.store.conversations()
        if self._search.strip():
            hits = set(self.store.search(self._search))
            convs = [c for c in convs if c.id in hits]
        return [(c.id, c.title) for c in convs]

    def set_search(self, text: str) -> None:
        self._search = text
        self.conversations_changed.emit()

    def new_chat(self) -> None:
        if self.generating:
            self.notice.emit(self.tr("Stop the answer first (Esc)."))
            return
        self.session.new()
        self.loader.stop()
        self.view.clear()
        self.composer.show_editing(False)
        self.editing.emit("")
        self.composer.focus_prompt()
        self.conversations_changed.emit()
        self._shown()

    def open_conversation(self, cid: int) -> None:
        if self.generating or cid == self.conversation_id:
            self._shown()  # the list's highlight goes back to the chat on screen
            return
        self.session.open(cid)
        self.composer.show_editing(False)
        self._show_all()
        self.view.follow_bottom()
        self._shown()

    def _shown(self) -> None:
        self.conversation_shown.emit(self.conversation_id)
        self.context_changed.emit(self.session.context_used())

    def rename(self, cid: int, title: str) -> None:
        try:
            self.store.rename(cid, title)
        except StoreError as e:
            self.notice.emit(say(str(e)))
        self.conversations_changed.emit()

    def delete_conversation(self, cid: int) -> dict[str, Any] | None:
        try:
            data = export.delete_with_undo(self.store, cid)
        except StoreError as e:
            self.notice.emit(say(str(e)))
            return None
        if cid == self.conversation_id:
            self.session.new()
            self.loader.stop()
            self.view.clear()
            self.composer.show_editing(False)
        self.conversations_changed.emit()
        self._shown()
        return data

    def restore_conversation(self, data: dict[str, Any]) -> None:
        cid = export.import_json(self.store, data)
        self.conversations_changed.emit()
        self.open_conversation(cid)

    # ---- sending ----------------------------------------------------------------------------------

    def send(self, text: str) -> bool:
        if self.generating:
            return False
        if not self.model_ready:
            self.notice.emit(
                self.tr("Load a model first: {choose} or {open}.").format(
                    choose=hint("choose_model"), open=hint("open_file")
                )
            )
            return False
        new_conversation = self.conversation_id is None
        editing = self.session.editing is not None
        samples = self.composer.samples()
        try:
            out = self.session.send(text, self._preset(), self._options(), self.model_name, samples=samples)
        except StoreError as e:  # a full disk: nothing is sent, the text stays in the composer
            self.alert.emit(
                DISK,
                self.tr("{problem} Your message was not sent; it is still in the box below.").format(
                    problem=say(str(e))
                ),
            )
            if editing:
                self._show_all()
            return False
        self.alert.emit(DISK, self._unsaved_text())
        self.composer.show_editing(False)
        if editing:
            self._show_all()
        else:
            user = self.session.messages[-2]
            w = self.view.add_user(text)
            w.edit_requested.connect(lambda m=user: self.edit_message(m))
            w.version_step.connect(lambda step, m=user: self.switch_version(m, step))
        if new_conversation:
            self.conversations_changed.emit()
        self.composer.clear()
        self._begin(out)
        if not out.options.think and self._think_off_note:
            self.notice.emit(self._think_off_note)
        return True

    def regenerate(self, m: Message) -> None:
        if self.generating:
            return
        try:
            out = self.session.regenerate(m, self._preset(), self._options(), self.model_name)
        except StoreError as e:
            self.alert.emit(DISK, say(str(e)))
            self._show_all()
            return
        if out is None:
            return
        self._show_all()
        self._begin(out)

    def _preset(self) -> Preset:
        try:
            return get_preset(self.composer.preset_name() or DEFAULT_PRESET)
        except PresetError:
            return get_preset(DEFAULT_PRESET)

    def _options(self) -> ChatOptions:
        return ChatOptions(
            think=self.composer.think_enabled(),
            think_budget=self.composer.think_budget(),
            loop_guard=self.settings.loop_guard,
            force_think=self.settings.force_think,
            draft=self.settings.speculative,
        )

    def _begin(self, out: Outgoing) -> None:
        turn = self.session.turn
        assert turn is not None
        card = self._card = self.view.add_assistant(self.model_name)
        self._disk_warned = False
        card.set_busy(True)
        self._wire(card, turn.message)
        card.versions.set_versions(*self.session.versions(turn.message))
        if self.session.run is not None:
            run = self.session.run
            card.samples.show_summary(run.summary(), running=len(run.done) + 1)
        # No pane until reasoning arrives: a model that answers straight away gets none.
        self.view.follow_bottom()
        self.composer.set_generating(True)
        self.composer.set_thinking(out.options.think)
        self.generating_changed.emit(True)
        self.live.begin(card, out.options.think_budget or out.sampling.max_tokens)
        self.request_generate.emit(out.messages, out.sampling, out.options)

    # ---- streaming --------------------------------------------------------------------------------

    def on_delta(self, kind: str, text: str) -> None:
        card = self._card
        if card is None:
            return
        update = self.session.append(kind, text)
        if self.session.write_problem is not None and not self._disk_warned:
            self._disk_warned = True
            self.alert.emit(
                DISK,
                self.tr("{problem} The answer goes on in memory and is saved when there is room again.").format(
                    problem=say(self.session.write_problem)
                ),
            )
        if (update.reasoning or update.answer) and card.stats.text():
            card.set_stats("")  # no longer waiting for the first token
        if update.reasoning:
            card.thinking.append(update.reasoning)
            if card.thinking.isHidden() and update.reasoning.strip():
                self._show_thinking(card, self.session.thinking())
                self.live.show_progress()
        if update.answer_started:
            self.composer.set_thinking(False)
            self._show_thinking(card, self.session.thinking())
        if update.answer:
            card.answer.append(update.answer)

    def on_tick(self, generated_tokens: int, tokens_per_s: float) -> None:
        self.live.on_tick(generated_tokens, tokens_per_s)

    def on_finished(self, stats: Stats) -> None:
        card = self._card
        m = self.session.finish(stats)
        if m is None or card is None:
            return
        self._end(card, m)
        if stats.generated_tokens:  # Deep Thinking on, but this model answered without reasoning
            composer_state.show_idle(
                self.composer, self.composer.think_enabled() and not stats.thought, self.model_name
            )
        self.stats_changed.emit(stats)
        self._next_sample()

    def on_failed(self, message: str) -> None:
        card = self._card
        m = self.session.fail(message)
        if m is None or card is None:
            self.notice.emit(say(message))
            return
        self._end(card, m)
        self.notice.emit(say(message))
        self._next_sample()

    def _next_sample(self) -> None:
        """In a "solve k times" run: start the next sample, or show the run's result."""
        if self.session.run is None:
            return
        out = self.session.next_sample()
        self._show_all()
        if out is not None:
            self._begin(out)
        self.view.follow_bottom()

    def _unsaved_text(self) -> str:
        n = len(self.session.unsaved)
        if not n:
            return ""
        problem = say(self.session.write_problem or "") or self.tr("The chats database cannot be written.")
        kept = self.tr("%n answer(s) kept in memory, saved as soon as there is room again.", "", n)
        return f"{problem} {kept}"

    def retry_saves(self) -> None:
        """Try again to write the answers a full disk kept in memory."""
        if self.session.save_unsaved():
            self._retry.stop()
            self.alert.emit(DISK, "")
            self.notice.emit(self.tr("The disk has room again: every answer is saved."))
        else:
            self.alert.emit(DISK, self._unsaved_text())

    def _end(self, card: AssistantMessageWidget, m: Message) -> None:
        if self.session.unsaved:
            self.alert.emit(DISK, self._unsaved_text())
            self._retry.start()
        self.live.end()
        self._card = None
        self._show_thinking(card, thinking_of(m), m)
        card.versions.set_versions(*self.session.versions(m))
        card.set_busy(False)
        card.set_state_badge(" · ".join(say(b) for b in badges_of(m)))
        card.show_stats_of(m)
        card.offer_reasoning_line(bool(reasoning_conclusion(m)))
        self.edits.show(card, m)
        card.announce_finished()  # a screen reader reads the answer once, now, not token by token
        self.composer.set_generating(False)
        self.generating_changed.emit(False)
        self.conversations_changed.emit()
        if self._rerender_pending:
            self.rerender()

    def stop(self) -> None:
        """Stop now: the flag reaches the token loop at once, and the UI says so at once."""
        if self._card is None or not self.generating:
            return
        self._stop()
        self.session.stop()
        self._card.set_state_badge(self.tr("stopping…"))
        self.composer.set_generating(False)

    def answer_now(self) -> None:
        if self.generating:
            if self._answer_now_note:
                self.notice.emit(self._answer_now_note)
            self._answer_now()

    def escape(self) -> None:
        """Esc: stop the answer; else leave the editing of a message."""
        if self.generating:
            self.stop()
        elif self.session.editing is not None:
            self.cancel_edit()
