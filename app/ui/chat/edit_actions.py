"""The edits an answer proposes, in the window: what its card shows, the review dialog, and
Apply, Apply all, Discard, Undo apply and Re-attach, done by the core (``core/code/edits.py``)
and kept in the chats database (``core/chats/edit_log.py``), so Undo apply works after a restart.

Edits need the chat's project folder: paths are taken from it and no write leaves it. The files
the model read are the ones attached before the answer, read back from the messages, so a file
changed since then is seen as such (stale) and is not applied. Each card is drawn afresh from the
disk and the records whenever it is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QVBoxLayout

from app.core.chats.edit_log import EditRecord
from app.core.chats.session import ChatSession
from app.core.chats.store import Message, Store
from app.core.code.diffs import counts, unified
from app.core.code.edit_files import EditError, undo
from app.core.code.edits import Edit, Workspace, apply_edit, propose
from app.core.code.project import sent_versions
from app.core.errors import StoreError
from app.ui.chat.diff_dialog import DiffDialog, Review
from app.ui.chat.edits_view import EditLine, EditsPanel
from app.ui.chat.message_widgets import AssistantMessageWidget
from app.ui.render.markdown import Theme
from app.ui.text.core_text import say
from app.ui.widgets.accessibility import tab_chain


@dataclass(frozen=True)
class _File:
    """One file's edit as the card shows it: the line, the review, and what acts on it."""

    review: Review
    edit: Edit | None = None
    record: EditRecord | None = None


def _text(data: bytes | None) -> str | None:
    return None if data is None else data.decode("utf-8", "replace")


class EditController(QObject):
    """Signals:
    notice(str): for the status bar.
    reattach(list[str]): files to attach again to the next message (as they are on disk now).
    """

    notice = Signal(str)
    reattach = Signal(list)

    def __init__(self, store: Store, session: ChatSession, theme: Callable[[], Theme], parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.session = session
        self._theme = theme
        self.dialogs: dict[int, DiffDialog] = {}

    # ---- what a card shows ---------------------------------------------------------------------

    def root(self) -> Path | None:
        """The chat's project folder (None: it has none, or the folder is gone: no edit then,
        rather than a tree of new files where it was)."""
        folder = self.store.project(self.session.conversation_id)
        return Path(folder) if folder and Path(folder).is_dir() else None

    def workspace(self, m: Message) -> Workspace | None:
        """The chat's project, with the files attached before ``m`` as the model read them."""
        root = self.root()
        if root is None:
            return None
        before: list[str] = []
        for x in self.session.messages:
            if x is m or (m.id is not None and x.id == m.id):
                break
            if x.role == "user":
                before.append(x.content)
        return Workspace(root, sent_versions(before))

    def files(self, m: Message) -> list[_File]:
        ws = self.workspace(m)
        if ws is None or m.role != "assistant" or not m.content or m.id is None:
            return []
        records = self.store.edit_records(m.id)
        out = []
        for e in propose(m.content, ws, unchanged=True):
            record = records.get(e.rel)
            f = self._file(e, record)
            if f is not None:
                out.append(f)
        return out

    def _file(self, e: Edit, record: EditRecord | None) -> _File | None:
        if record is not None and record.state == "applied":
            before, after = _text(record.before), _text(record.after)
            diff = unified(before, after, e.rel)
            added, removed = counts(diff)
            line = EditLine(e.rel, added, removed, "applied", new_file=record.before is None)
            return _File(Review(line, diff, before, after), e, record)
        if e.unchanged:
            return None  # the file already reads as proposed
        added, removed = e.counts
        if record is not None and record.state == "discarded":
            state, note = "discarded", ""
        elif e.refused:
            state, note = "refused", say(e.problem)
        elif e.problem:
            state, note = "problem", say(e.problem)
        elif e.stale:
            state, note = "stale", self.tr("Changed on disk since it was attached: not applied.")
        else:
            state, note = "proposed", ""
        line = EditLine(e.rel, added, removed, state, note, e.is_new)
        return _File(Review(line, e.diff, e.old, e.new, e.since_attached, e.attached_text), e, record)

    def show(self, card: AssistantMessageWidget, m: Message) -> None:
        """Put the answer's proposed edits on its card (nothing when it proposes none)."""
        files = self.files(m)
        panel = card.findChild(EditsPanel)
        if not files and panel is None:
            return
        if panel is None:
            panel = EditsPanel(card)
            lay = card.layout()
            assert isinstance(lay, QVBoxLayout)
            lay.insertWidget(lay.indexOf(card.answer) + 1, panel)
            panel.review.connect(lambda rel: self.review(card, m, rel))
            panel.apply.connect(lambda rel: self.apply(card, m, rel))
            panel.discard.connect(lambda rel: self._mark(card, m, rel, "discarded"))
            panel.restore.connect(lambda rel: self._mark(card, m, rel, "undone"))
            panel.undo.connect(lambda rel: self.undo(card, m, rel))
            panel.reattach.connect(self._reattach)
        panel.set_lines([f.review.line for f in files], self._theme().name)
        if panel.buttons:
            tab_chain(card.answer, *panel.buttons)
        dialog = self.dialogs.get(m.id or 0)
        if dialog is not None:
            dialog.set_reviews([f.review for f in files])

    # ---- what the user does --------------------------------------------------------------------

    def review(self, card: AssistantMessageWidget, m: Message, rel: str) -> DiffDialog:
        """The review dialog of an answer's edits, showing ``rel`` (the first, for "")."""
        dialog = self.dialogs.get(m.id or 0)
        if dialog is None:
            dialog = DiffDialog(self._theme(), card.window())
            dialog.apply.connect(lambda r: self.apply(card, m, r))
            dialog.discard.connect(lambda r: self._mark(card, m, r, "discarded"))
            dialog.undo.connect(lambda r: self.undo(card, m, r))
            dialog.reattach.connect(self._reattach)
            dialog.finished.connect(lambda _: self.dialogs.pop(m.id or 0, None))
            self.dialogs[m.id or 0] = dialog
        dialog.set_reviews([f.review for f in self.files(m)], rel)
        dialog.show()
        dialog.raise_()
        return dialog

    def apply(self, card: AssistantMessageWidget, m: Message, rel: str) -> None:
        """Write one file's edit ("": every applicable one) and keep what undoes it."""
        ws = self.workspace(m)
        if ws is None or m.id is None:
            return
        chosen = [
            f for f in self.files(m) if f.review.line.applicable and f.edit and (not rel or f.review.line.rel == rel)
        ]
        written = 0
        for f in chosen:
            assert f.edit is not None
            try:
                done = apply_edit(f.edit, ws)
            except EditError as e:
                self.notice.emit(say(str(e)))
                continue
            written += 1
            try:
                self.store.record_edit(m.id, f.edit.rel, "applied", done)
            except StoreError as e:
                self.notice.emit(
                    self.tr("{file} was written, but what undoes it could not be kept: {problem}").format(
                        file=f.edit.rel, problem=say(str(e))
                    )
                )
        if written:
            self.notice.emit(self.tr("Applied %n edit(s).", "", written))
        self.show(card, m)

    def undo(self, card: AssistantMessageWidget, m: Message, rel: str) -> None:
        f = next((f for f in self.files(m) if f.review.line.rel == rel and f.record is not None), None)
        done = f.record.applied() if f is not None and f.record is not None else None
        if done is None or m.id is None:
            return
        try:
            undo(done)
            self.store.record_edit(m.id, rel, "undone")
        except (EditError, StoreError) as e:
            self.notice.emit(say(str(e)))
            return
        self.notice.emit(self.tr("{file} is back as it was.").format(file=rel))
        self.show(card, m)

    def _mark(self, card: AssistantMessageWidget, m: Message, rel: str, state: str) -> None:
        if m.id is None or not rel:
            return
        try:
            self.store.record_edit(m.id, rel, "discarded" if state == "discarded" else "undone")
        except StoreError as e:
            self.notice.emit(say(str(e)))
        self.show(card, m)

    def _reattach(self, rel: str) -> None:
        root = self.root()
        if root is not None and rel:
            self.reattach.emit([str(root / rel)])
            self.notice.emit(self.tr("{file} goes with your next message as it is now.").format(file=rel))
