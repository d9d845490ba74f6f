"""The chat's logic: conversations, sending, streaming into the view and the store.

Deltas from the worker are only buffered when they arrive; a frame timer applies them to the
widgets at most 20 times a second, so the GUI thread's work per token is tiny whatever the
token rate (llama.cpp's threads collapse when the GUI competes for the cores). The same timer
saves the streaming message to the store (at most once a second, see ``Store.stream_update``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from app.core.presets import DEFAULT_PRESET, Preset, all_presets, apply_preset, get_preset
from app.core.protocol import ChatOptions, Stats
from app.core.settings import Settings
from app.core.store import Message, Store, history_for_model
from app.ui.chat_view import ChatView
from app.ui.composer import Composer
from app.ui.message_widgets import AssistantMessageWidget

FRAME_MS = 50  # the model process sends at most every 50 ms too (model_process.FLUSH_S)
TITLE_CHARS = 48


def thinking_label(seconds: float, tokens: int, *, done: bool, finished: bool = True) -> str:
    """The thinking pane's header: live while thinking, a summary once the answer starts."""
    if not done:
        return f"Thinking… {seconds:.0f} s"
    count = f" · {tokens:,} tokens" if tokens else ""
    if not finished:
        return f"Thinking unfinished · {seconds:.0f} s{count}"
    return f"Thought for {seconds:.0f} s{count}"


@dataclass
class _Turn:
    """The assistant message being streamed."""

    message: Message
    widget: AssistantMessageWidget
    t0: float = field(default_factory=time.monotonic)
    t_answer: float | None = None
    reasoning_pending: list[str] = field(default_factory=list)
    answer_pending: list[str] = field(default_factory=list)
    stopped: bool = False


class ChatController(QObject):
    """Signals:
        request_generate(list, object, object): to the worker (messages, Sampling, ChatOptions).
        generating_changed(bool)
        stats_changed(object Stats): the last generation's statistics.
        conversations_changed(): the list on the left needs a refresh.
        notice(str): a message for the status bar.
    """

    request_generate = Signal(list, object, object)
    generating_changed = Signal(bool)
    stats_changed = Signal(object)
    conversations_changed = Signal()
    notice = Signal(str)

    def __init__(self, store: Store, view: ChatView, composer: Composer, settings: Settings,
                 stop: Any, answer_now: Any) -> None:
        super().__init__()
        self.store = store
        self.view = view
        self.composer = composer
        self.settings = settings
        self._stop = stop
        self._answer_now = answer_now
        self.conversation_id: int | None = None
        self.messages: list[Message] = []
        self.model_name = ""
        self.model_ready = False
        self.turn: _Turn | None = None
        self._edit_from: int | None = None
        self._search = ""
        self._frame = QTimer(self)
        self._frame.setInterval(FRAME_MS)
        self._frame.timeout.connect(self._apply_pending)
        self._tick = QTimer(self)
        self._tick.setInterval(250)
        self._tick.timeout.connect(self._on_tick)
        presets = [p.name for p in all_presets()]
        composer.set_presets(presets, settings.preset if settings.preset in presets else DEFAULT_PRESET)
        composer.budget.setValue(settings.think_budget or 0)

    # ---- conversations --------------------------------------------------------------------------

    @property
    def generating(self) -> bool:
        return self.turn is not None

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
            self.notice.emit("Stop the answer first (Esc).")
            return
        self.conversation_id = None
        self.messages = []
        self._edit_from = None
        self.view.clear()
        self.composer.edit.setFocus()
        self.conversations_changed.emit()

    def open_conversation(self, cid: int) -> None:
        if self.generating or cid == self.conversation_id:
            return
        self.conversation_id = cid
        self.messages = self.store.messages(cid)
        self._edit_from = None
        self.view.clear()
        for m in self.messages:
            self._show_message(m)
        self.view.follow_bottom()

    def rename(self, cid: int, title: str) -> None:
        self.store.rename(cid, title)
        self.conversations_changed.emit()

    def delete_conversation(self, cid: int) -> dict[str, Any]:
        data = self.store.delete(cid)
        if cid == self.conversation_id:
            self.conversation_id = None
            self.messages = []
            self.view.clear()
        self.conversations_changed.emit()
        return data

    def restore_conversation(self, data: dict[str, Any]) -> None:
        cid = self.store.import_json(data)
        self.conversations_changed.emit()
        self.open_conversation(cid)

    def _show_message(self, m: Message) -> None:
        if m.role == "user":
            w = self.view.add_user(m.content)
            w.edit_requested.connect(lambda m=m: self.edit_message(m))
            return
        aw = self.view.add_assistant(m.model or self.model_name)
        self._wire_assistant(aw, m)
        if m.reasoning:
            aw.thinking.show()
            aw.thinking.set_text(m.reasoning)
            aw.thinking.set_streaming(False)
            finished = bool(m.stats.get("thinking_finished", True)) if m.stats else m.state == "done"
            aw.thinking.set_label(thinking_label(m.thinking_s or 0, m.reasoning_tokens or 0, done=True, finished=finished))
            aw.thinking.set_open(self.settings.thinking_pane == "open")
        aw.answer.set_markdown(m.content)
        aw.set_state_badge({"interrupted": "interrupted", "stopped": "stopped", "error": "error"}.get(m.state, ""))
        aw.stats.setText(self._stats_text(m.stats))

    def _wire_assistant(self, aw: AssistantMessageWidget, m: Message) -> None:
        aw.copy_requested.connect(lambda: self._copy(m))
        aw.regenerate_requested.connect(lambda: self.regenerate(m))
        aw.delete_requested.connect(lambda: self.delete_message(m, aw))

    # ---- sending ----------------------------------------------------------------------------------

    def send(self, text: str) -> bool:
        if self.generating:
            return False
        if not self.model_ready:
            self.notice.emit("Load a model first: File ▸ Load model… (Ctrl+O).")
            return False
        if self._edit_from is not None and self.conversation_id is not None:
            self.store.truncate(self.conversation_id, self._edit_from)
            self._edit_from = None
            self._reload_view()
        if self.conversation_id is None:
            title = " ".join(text.split())[:TITLE_CHARS] or "New chat"
            self.conversation_id = self.store.create_conversation(title, self.model_name)
            self.conversations_changed.emit()
        user = Message("user", text)
        self.store.add_message(self.conversation_id, user)
        self.messages.append(user)
        w = self.view.add_user(text)
        w.edit_requested.connect(lambda m=user: self.edit_message(m))
        self.composer.clear()
        self._start_turn()
        return True

    def _preset(self) -> Preset:
        try:
            return get_preset(self.composer.preset.currentText() or DEFAULT_PRESET)
        except ValueError:
            return get_preset(DEFAULT_PRESET)

    def _start_turn(self) -> None:
        assert self.conversation_id is not None
        preset = self._preset()
        history = apply_preset(history_for_model(self.messages), preset)
        options = ChatOptions(think=self.composer.deep_thinking.isChecked(), think_budget=self.composer.think_budget(),
                              loop_guard=self.settings.loop_guard)
        sampling = preset.sampling
        m = Message("assistant", state="streaming", model=self.model_name, preset=preset.name,
                    sampling=sampling.to_dict())
        self.store.add_message(self.conversation_id, m)
        self.messages.append(m)
        aw = self.view.add_assistant(self.model_name)
        aw.set_busy(True)
        self._wire_assistant(aw, m)
        self.turn = _Turn(m, aw)
        if options.think:
            aw.thinking.show()
            aw.thinking.set_streaming(True)
            aw.thinking.set_open(self.settings.thinking_pane != "collapsed")
            aw.thinking.set_label(thinking_label(0, 0, done=False))
        self.view.follow_bottom()
        self.composer.set_generating(True)
        self.composer.set_thinking(options.think)
        self.generating_changed.emit(True)
        self._frame.start()
        self._tick.start()
        self.request_generate.emit(history, sampling, options)

    # ---- streaming --------------------------------------------------------------------------------

    def on_delta(self, kind: str, text: str) -> None:
        t = self.turn
        if t is None:
            return
        if kind == "reasoning":
            t.reasoning_pending.append(text)
        else:
            if t.t_answer is None:
                t.t_answer = time.monotonic()
            t.answer_pending.append(text)

    def _apply_pending(self) -> None:
        t = self.turn
        if t is None:
            return
        m, w = t.message, t.widget
        changed = False
        if t.reasoning_pending:
            chunk = "".join(t.reasoning_pending)
            t.reasoning_pending.clear()
            if not w.thinking.isVisible():
                w.thinking.show()
                w.thinking.set_open(self.settings.thinking_pane != "collapsed")
            m.reasoning += chunk
            w.thinking.append(chunk)
            changed = True
        if t.answer_pending:
            chunk = "".join(t.answer_pending)
            t.answer_pending.clear()
            first = not m.content
            m.content += chunk
            if first:
                m.content = m.content.lstrip()
                self._answer_started(t)
            w.answer.set_markdown(m.content)
            changed = True
        if changed and m.id is not None:
            self.store.stream_update(m.id, m.content, m.reasoning)  # throttled inside; stripped at the end

    def _answer_started(self, t: _Turn) -> None:
        self.composer.set_thinking(False)
        pane = t.widget.thinking
        if pane.isVisible():
            pane.set_streaming(False)
            secs = (t.t_answer or time.monotonic()) - t.t0
            pane.set_label(thinking_label(secs, 0, done=True))
            if self.settings.thinking_pane == "collapse" and not pane.user_toggled:
                pane.set_open(False)

    def _on_tick(self) -> None:
        t = self.turn
        if t is None or t.t_answer is not None or not t.widget.thinking.isVisible():
            return
        t.widget.thinking.set_label(thinking_label(time.monotonic() - t.t0, 0, done=False))

    def on_finished(self, stats: Stats) -> None:
        t = self.turn
        if t is None:
            return
        self._apply_pending()
        m, w = t.message, t.widget
        m.content = m.content.strip()
        m.reasoning = m.reasoning.strip()
        m.state = "stopped" if (t.stopped or stats.finish_reason == "cancelled") else "done"
        m.thinking_s = stats.thinking_s if stats.thought else None
        m.reasoning_tokens = stats.reasoning_tokens
        m.generated_tokens = stats.generated_tokens
        m.stats = stats.to_dict()
        self._finish(t)
        if stats.thought and w.thinking.isVisible():
            w.thinking.set_streaming(False)
            w.thinking.set_label(thinking_label(stats.thinking_s, stats.reasoning_tokens, done=True,
                                                finished=stats.thinking_finished))
            if not stats.thinking_finished and not w.thinking.user_toggled and self.settings.thinking_pane != "collapsed":
                w.thinking.set_open(True)  # an unfinished thought is all there is to read
        elif not m.reasoning:
            w.thinking.hide()
        badge = {"length": "hit the token limit", "loop": "stopped: repeating itself"}.get(stats.finish_reason, "")
        w.set_state_badge("stopped" if m.state == "stopped" else badge)
        w.stats.setText(self._stats_text(m.stats))
        self.stats_changed.emit(stats)

    def on_failed(self, message: str) -> None:
        t = self.turn
        if t is None:
            self.notice.emit(message)
            return
        self._apply_pending()
        t.message.state = "error"
        t.message.stats = {"error": message}
        self._finish(t)
        t.widget.set_state_badge("error")
        t.widget.stats.setText(message)
        self.notice.emit(message)

    def _finish(self, t: _Turn) -> None:
        self._frame.stop()
        self._tick.stop()
        self.store.finish_message(t.message)
        t.widget.set_busy(False)
        self.turn = None
        self.composer.set_generating(False)
        self.generating_changed.emit(False)
        self.conversations_changed.emit()

    def stop(self) -> None:
        """Stop now: the flag reaches the token loop at once, and the UI says so at once."""
        t = self.turn
        if t is None:
            return
        self._stop()
        t.stopped = True
        t.widget.set_state_badge("stopping…")
        self.composer.set_generating(False)

    def answer_now(self) -> None:
        if self.turn is not None:
            self._answer_now()

    # ---- message actions -------------------------------------------------------------------------

    def _copy(self, m: Message) -> None:
        QGuiApplication.clipboard().setText(m.content)
        self.notice.emit("Answer copied.")

    def regenerate(self, m: Message) -> None:
        if self.generating or self.conversation_id is None or m not in self.messages:
            return
        self.store.truncate(self.conversation_id, m.position)
        self._reload_view()
        self._start_turn()

    def delete_message(self, m: Message, w: AssistantMessageWidget) -> None:
        if self.generating or m.id is None:
            return
        self.store.delete_message(m.id)
        self.messages = [x for x in self.messages if x is not m]
        self.view.remove(w)

    def edit_message(self, m: Message) -> None:
        if self.generating:
            return
        self._edit_from = m.position
        self.composer.set_text(m.content)
        self.notice.emit("Editing: sending replaces this message and everything after it.")

    def _reload_view(self) -> None:
        assert self.conversation_id is not None
        self.messages = self.store.messages(self.conversation_id)
        self.view.clear()
        for m in self.messages:
            self._show_message(m)

    # ---- helpers -----------------------------------------------------------------------------------

    @staticmethod
    def _stats_text(stats: dict[str, Any] | None) -> str:
        if not stats or "generated_tokens" not in stats:
            return ""
        return (f"{stats['generated_tokens']:,} tokens · {stats.get('tokens_per_s', 0):.1f} tok/s · "
                f"first token {stats.get('ttft_s', 0):.2f} s")
