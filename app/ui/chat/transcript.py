"""Showing a conversation's stored turns in the chat view, and wiring each card's buttons.

A part of :class:`~app.ui.chat.controller.ChatController` (a mixin, so the window's wiring and
the tests address one controller); it holds no state of its own (the controller owns the loader
that builds a long chat's turns a few at a time).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.core.chats.answer_card import badges_of, reasoning_conclusion, thinking_of
from app.core.chats.samples import summarize
from app.core.chats.session import ChatSession
from app.core.chats.store import Message
from app.core.chats.thinking import PaneMode, Thinking, ThinkingState
from app.ui.chat.edit_actions import EditController
from app.ui.chat.message_widgets import AssistantMessageWidget
from app.ui.chat.turn_loader import TurnLoader
from app.ui.chat.view import ChatView
from app.ui.text.core_text import say


class Transcript:
    """The conversation on screen, drawn from the session."""

    if TYPE_CHECKING:
        session: ChatSession
        view: ChatView
        loader: TurnLoader
        model_name: str
        _rerender_pending: bool
        edits: EditController
        insert_code: Any
        pane_choice: Any

        @property
        def generating(self) -> bool: ...

        def edit_message(self, m: Message) -> None: ...
        def regenerate(self, m: Message) -> None: ...
        def delete_message(self, m: Message, card: AssistantMessageWidget) -> None: ...
        def _copy(self, m: Message, card: AssistantMessageWidget | None = None) -> None: ...
        def _save_code(self, code: str, name: str) -> None: ...
        def _on_code_copied(self, _code: str) -> None: ...
        def use_reasoning_line(self, m: Message) -> None: ...

    def rerender(self) -> None:
        """Show the turns again (new colours or font); after the answer, when one is streaming."""
        if self.generating:
            self._rerender_pending = True
            return
        self._rerender_pending = False
        bar = self.view.verticalScrollBar()
        at, follow = bar.value(), bar.value() >= bar.maximum() - 24
        self._show_all()
        if follow:
            self.view.follow_bottom()
        else:
            bar.setValue(at)

    def _make_loader(self) -> TurnLoader:
        """The loader that builds this view's turns from the end, a few at a time."""
        loader = TurnLoader(
            self._to_show,
            lambda n: self.session.read_earlier(n),
            lambda: len(self.session.unread),
            lambda m: self._show_message(m, top=True),
            self.view,
        )
        loader.remaining.connect(self.view.set_earlier)
        self.view.wants_earlier.connect(loader.more)
        return loader

    def _show_all(self) -> None:
        """Show the conversation's turns (all but an answer that is about to stream), from its
        end: the last ones now, earlier ones a few at a time (``turn_loader.py``)."""
        self.view.clear()
        self.loader.reset()

    def _to_show(self) -> list[Message]:
        """The messages the view shows: those read so far, but an answer that is streaming."""
        streaming = self.session.turn.message if self.session.turn is not None else None
        return [m for m in self.session.messages if m is not streaming]

    def _show_message(self, m: Message, top: bool = False) -> None:
        """One message's widget, at the bottom or (``top``) above the others."""
        if m.role == "user":
            w = self.view.add_user(m.content, top)
            w.edit_requested.connect(lambda m=m: self.edit_message(m))
            w.version_step.connect(lambda step, m=m: self.switch_version(m, step))
            w.versions.set_versions(*self.session.versions(m))
            return
        card = self.view.add_assistant(m.model or self.model_name, top)
        self._wire(card, m)
        if m.reasoning:
            card.thinking.set_text(m.reasoning)
        self._show_thinking(card, thinking_of(m), m)
        card.answer.set_markdown(m.content)
        card.set_state_badge(" · ".join(say(b) for b in badges_of(m)))
        card.show_stats_of(m)
        card.offer_reasoning_line(bool(reasoning_conclusion(m)))
        self.edits.show(card, m)
        card.versions.set_versions(*self.session.versions(m))
        samples = self.session.batch_of(m)
        if samples:
            card.samples.show_summary(summarize(samples))

    def _show_thinking(self, card: AssistantMessageWidget, th: Thinking, m: Message | None = None) -> None:
        if not th.visible:
            card.thinking.hide()
            return
        choice = card.thinking.user_choice
        if choice is None and m is not None:
            choice = self.session.pane_choice(m)
        card.thinking.present(
            card.thinking.header_text(th),
            live=th.state is ThinkingState.LIVE,
            open_=th.wants_open(self.session.pane_mode, choice, self.session.pane_default),
        )

    def _wire(self, card: AssistantMessageWidget, m: Message) -> None:
        # (The lambdas go when the card is deleted: its signals are their only holders.)
        card.copy_requested.connect(lambda: self._copy(m, card))
        card.answer.copy_code.connect(self._on_code_copied)
        card.regenerate_requested.connect(lambda: self.regenerate(m))
        card.delete_requested.connect(lambda: self.delete_message(m, card))
        card.answer.save_code.connect(self._save_code)
        card.answer.insert_code.connect(self.insert_code)
        card.version_step.connect(lambda step: self.switch_version(m, step))
        card.thinking.toggled.connect(lambda open_: self._on_pane_toggled(m, open_))
        card.use_reasoning.clicked.connect(lambda: self.use_reasoning_line(m))

    def _on_pane_toggled(self, m: Message, open_: bool) -> None:
        self.session.remember_pane(m, open_)
        if self.session.pane_mode is PaneMode.REMEMBER:
            self.pane_choice.emit(open_)

    def switch_version(self, m: Message, step: int) -> None:
        """‹ or ›: show another version of a turn, and what followed it."""
        if self.session.switch(m, step):
            self._show_all()
