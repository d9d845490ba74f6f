"""What the user does to single messages: copy, save or insert code, regenerate or show the last
answer's reasoning, delete, edit and resend.

A part of :class:`~app.ui.chat.controller.ChatController` (a mixin); its sentences keep the
controller's translation context.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QGuiApplication

from app.core.chats.answer_card import reasoning_conclusion
from app.core.chats.session import ChatSession
from app.core.chats.store import Message
from app.core.errors import StoreError
from app.ui.chat.code_actions import save_code
from app.ui.chat.composer import Composer
from app.ui.chat.message_widgets import AssistantMessageWidget
from app.ui.chat.view import ChatView
from app.ui.text.core_text import say
from app.ui.text.i18n import translate


class MessageActions:
    """Actions on one message or on the last answer."""

    if TYPE_CHECKING:
        session: ChatSession
        view: ChatView
        composer: Composer
        _save_folder: Path
        notice: Any
        editing: Any

        @property
        def generating(self) -> bool: ...

        def regenerate(self, m: Message) -> None: ...
        def _show_all(self) -> None: ...

    def _copy(self, m: Message, card: AssistantMessageWidget | None = None) -> None:
        QGuiApplication.clipboard().setText(m.content)
        if card is not None:
            card.show_copied()
        self.notice.emit(translate("ChatController", "Answer copied."))

    def _save_code(self, code: str, name: str) -> None:
        saved = save_code(self.composer, code, name, self._save_folder)
        if saved is not None:
            self._save_folder = saved.parent
            self.notice.emit(translate("ChatController", "Saved {path}.").format(path=saved))

    def use_reasoning_line(self, m: Message) -> None:
        """An answer that ended while thinking: its reasoning's last line becomes the answer."""
        line = reasoning_conclusion(m)
        if not line or m.id is None or self.generating:
            return
        try:
            self.session.store.update_content(m.id, line)
        except StoreError as e:
            self.notice.emit(say(str(e)))
            return
        m.content = line
        self._show_all()

    def copy_last_answer(self) -> None:
        answers = [m for m in self.session.messages if m.role == "assistant" and m.content]
        if answers:
            self._copy(answers[-1])
        else:
            self.notice.emit(translate("ChatController", "There is no answer to copy yet."))

    def _last_answer(self) -> tuple[Message, AssistantMessageWidget] | None:
        """The conversation's last answer and its card, when it is on screen and finished."""
        cards = [w for w in self.view.turns() if isinstance(w, AssistantMessageWidget)]
        answers = [m for m in self.session.messages if m.role == "assistant"]
        if self.generating or not cards or not answers:
            return None
        return answers[-1], cards[-1]

    def regenerate_last(self) -> None:
        """Model ▸ Regenerate the last answer (Ctrl+R): another answer to the last message."""
        last = self._last_answer()
        if last is None:
            self.notice.emit(
                translate("ChatController", "Wait for the answer to finish first.")
                if self.generating
                else translate("ChatController", "There is no answer yet.")
            )
            return
        self.regenerate(last[0])

    def toggle_last_thinking(self) -> None:
        """View ▸ Thinking pane ▸ Show or hide the last reasoning (Ctrl+T), as a click on its header."""
        cards = [w for w in self.view.turns() if isinstance(w, AssistantMessageWidget) and w.thinking.isVisibleTo(w)]
        if not cards:
            self.notice.emit(translate("ChatController", "The last answer has no reasoning to show."))
            return
        cards[-1].thinking.header.click()

    def _on_code_copied(self, _code: str) -> None:
        self.notice.emit(translate("ChatController", "Code copied."))

    def delete_message(self, m: Message, card: AssistantMessageWidget) -> None:
        try:
            deleted = self.session.delete_message(m)
        except StoreError as e:
            self.notice.emit(say(str(e)))
            return
        if deleted:
            self._show_all()

    def edit_message(self, m: Message) -> None:
        if self.generating:
            return
        self.session.edit(m)
        self.composer.set_text(m.content)
        self.composer.show_editing(True)  # the banner says what sending will do, and offers Cancel
        self.editing.emit(m.content)

    def cancel_edit(self) -> None:
        self.session.editing = None
        self.composer.clear()
        self.composer.show_editing(False)
        self.composer.focus_prompt()
