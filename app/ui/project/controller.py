"""The chat's project folder in the window: "Open project…" (or the first folder attached, or
file of a git repository: the repository), the side panel of its files, and a file watcher that keeps the context current.

The logic is the core's (``core/code/project.py``: what is in the context, what is stale); this
shows it and feeds it events. The folder is kept per chat in the chats database, so opening a
chat opens its project; a new chat keeps the project on screen and is bound to it when it is
saved. Attached paths are taken from the project folder (the attach controller's ``base``), so
the paths the model sees are the ones its edits name.

QFileSystemWatcher watches the project's folders (files come and go) and the files in the
context; a change reported for one of those marks it stale, and it is read again at once (so the
meter counts it) and once more just before the next message is sent. Editors that save by
replacing the file end the watch on it, so every watched path is watched again after a change.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QFileDialog

from app.core.code.attach import Attachment
from app.core.code.project import Listing, ProjectContext, project_for
from app.core.errors import StoreError
from app.ui.project.panel import FileRow, ProjectPanel
from app.ui.project.scanner import Scanner
from app.ui.text.core_text import say

if TYPE_CHECKING:
    from app.ui.window.main_window import MainWindow

RELIST_MS = 300


class ProjectController(QObject):
    """Attributes:
        ctx: the project on screen (None: none).
        panel, dock: the side panel and the dock it lives in.
        watcher: the file watcher (its signals drive :meth:`on_changed`).

    Signals:
        notice(str): for the status bar.
        stale(str rel): a file in the context changed on disk (marked; read again).
    """

    notice = Signal(str)
    stale = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.store = window.store
        self.chat = window.controller
        self.attach = window.attach
        self.ctx: ProjectContext | None = None
        self.excluded: set[str] = set()  # files the user took out of the context of this chat
        self._shown_chat: int | None = None
        self.panel = ProjectPanel()
        self.dock = QDockWidget(self.tr("Project"), window)
        self.dock.setObjectName("ProjectDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.watcher = QFileSystemWatcher(self)
        self.scanner = Scanner(self)
        # Folder changes come in bursts (an editor saves by writing a new file and renaming it):
        # the folder is listed again once they stop, not once per event.
        self._relist = QTimer(self)
        self._relist.setSingleShot(True)
        self._relist.setInterval(RELIST_MS)
        self._relist.timeout.connect(self._list)
        self._connect()

    def _connect(self) -> None:
        w, p, a = self.window, self.panel, self.attach
        w.actions_["open_project"].triggered.connect(self.choose)
        p.open_requested.connect(self.choose)
        p.close_requested.connect(self.close_project)
        p.toggled.connect(self.toggle)
        self.scanner.listed.connect(self._on_listed)
        self.scanner.failed.connect(self.notice)
        self.watcher.fileChanged.connect(self.on_changed)
        self.watcher.directoryChanged.connect(self.on_changed)
        self.chat.conversation_shown.connect(self._on_conversation)
        a.adding.connect(self._on_adding)
        a.about_to_send.connect(self.refresh)
        a.sent.connect(self._on_sent)
        a.removed.connect(self._on_removed)
        w.worker.measured.connect(self._on_measured)
        self.notice.connect(w._on_notice)
        self.chat.edits.notice.connect(w._on_notice)
        self.chat.edits.reattach.connect(a.add_paths)

    @property
    def max_bytes(self) -> int:
        return self.attach.settings.attachment_max_kb * 1024

    # ---- opening and closing -------------------------------------------------------------------

    def choose(self) -> None:
        start = str(self.ctx.root) if self.ctx is not None else str(Path.home())
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Open a project folder"), start)
        if folder:
            self.open(Path(folder))

    def open(self, folder: Path, *, bind: bool = True) -> None:
        """Make ``folder`` the chat's project (kept with the chat when ``bind``), and list it."""
        root = Path(os.path.realpath(folder))
        if not root.is_dir():
            self.notice.emit(self.tr("The project folder {folder} is not there any more.").format(folder=root))
            return
        if self.ctx is None or self.ctx.root != root:
            self._drop_attachment()
            self.ctx = ProjectContext(root, self.max_bytes)
            self.excluded = set()
            self.panel.set_folder(str(root))
            self.scanner.start(root, self.max_bytes)
        self.attach.base = root
        if self.dock.isHidden():
            self.dock.show()
            width = max(180, min(340, self.window.width() // 4))  # the chat keeps most of a small window
            self.window.resizeDocks([self.dock], [width], Qt.Orientation.Horizontal)
        cid = self.chat.conversation_id
        if bind and cid is not None:
            self._bind(cid)

    def _bind(self, cid: int) -> None:
        if self.ctx is None or self.store.project(cid) == str(self.ctx.root):
            return
        try:
            self.store.set_project(cid, str(self.ctx.root))
        except StoreError as e:
            self.notice.emit(say(str(e)))

    def close_project(self) -> None:
        """The chat no longer works on a folder (its files stay in its messages)."""
        cid = self.chat.conversation_id
        if cid is not None:
            try:
                self.store.set_project(cid, "")
            except StoreError as e:
                self.notice.emit(say(str(e)))
        self._close()

    def _close(self) -> None:
        self._drop_attachment()
        self.ctx = None
        self.attach.base = None
        paths = self.watcher.files() + self.watcher.directories()
        if paths:
            self.watcher.removePaths(paths)
        self.panel.set_folder("")

    def _drop_attachment(self) -> None:
        if self.ctx is not None:
            self.attach.put(self.ctx.root, None)

    def _on_conversation(self, cid: int | None) -> None:
        if cid != self._shown_chat and self.ctx is not None:
            self.ctx.included.clear()  # another chat: what is in its context comes from its messages
            self.excluded.clear()
        self._shown_chat = cid
        folder = self.store.project(cid) if cid is not None else ""
        if folder:
            self.open(Path(folder), bind=False)
            if self.ctx is not None and self.ctx.listing is not None:
                self._take_messages()
        elif cid is not None and self.ctx is not None:
            self._close()  # a chat without a project; a new chat keeps the one on screen
        elif self.ctx is not None and self.ctx.listing is not None:
            self._take_messages()

    def _on_adding(self, paths: list[str]) -> None:
        """The first file or folder attached to a chat without a project opens its project."""
        if self.ctx is None and paths and os.path.exists(paths[0]):
            folder = project_for(Path(os.path.realpath(paths[0])))
            if folder is not None:
                self.open(folder)

    # ---- the listing, the context, the watcher --------------------------------------------------

    def _list(self) -> None:
        if self.ctx is not None:
            self.scanner.start(self.ctx.root, self.max_bytes)

    def _on_listed(self, listing: Listing) -> None:
        if self.ctx is None or listing.root != self.ctx.root:
            return  # another project was opened meanwhile
        self.ctx.listing = listing
        self._take_messages()

    def _take_messages(self) -> None:
        """The files the chat's messages hold are what the model has."""
        assert self.ctx is not None
        self.ctx.set_sent(m.content for m in self.chat.session.messages if m.role == "user")
        self.ctx.included -= self.excluded
        self.refresh()

    def toggle(self, rel: str, on: bool) -> None:
        if self.ctx is None:
            return
        self.ctx.toggle(rel, on)
        if on:
            self.excluded.discard(rel)
        else:
            self.excluded.add(rel)
        self.refresh()

    def refresh(self) -> None:
        """Read the files in the context again: those the model lacks (or has in an older
        version) go with the next message, as the project's chip; then watch and show."""
        ctx = self.ctx
        if ctx is None or ctx.listing is None:
            return
        files, skips = ctx.next_files()
        label = ctx.root.name + "/"
        self.attach.put(ctx.root, Attachment(label, tuple(files), tuple(skips), ctx.root) if files or skips else None)
        self._watch()
        self.show_rows()

    def _watch(self) -> None:
        assert self.ctx is not None
        want = {p for p in self.ctx.watched() if os.path.exists(p)}
        have = set(self.watcher.files()) | set(self.watcher.directories())
        if want - have:
            self.watcher.addPaths(sorted(want - have))
        if have - want:
            self.watcher.removePaths(sorted(have - want))

    def on_changed(self, path: str) -> None:
        """The watcher saw ``path`` change: mark what is stale, read it again, list again."""
        if self.ctx is None:
            return
        changed, relist = self.ctx.changed(path)
        if relist:
            self._relist.start()
        for rel in sorted(changed):
            self.stale.emit(rel)
        if changed:
            self.refresh()
        elif os.path.exists(path) and path not in self.watcher.files() + self.watcher.directories():
            self.watcher.addPath(path)

    def _on_sent(self, _tokens: int) -> None:
        if self.ctx is None:
            return
        cid = self.chat.conversation_id
        if cid is not None:
            self._bind(cid)
        self._take_messages()

    def _on_removed(self, a: Attachment) -> None:
        """The project's chip was removed: its files leave the context."""
        if self.ctx is not None and a.source == self.ctx.root:
            for f in a.files:
                self.ctx.toggle(f.rel, False)
                self.excluded.add(f.rel)
            self.show_rows()

    def _on_measured(self, *_: object) -> None:
        self.show_rows()

    def show_rows(self) -> None:
        ctx = self.ctx
        if ctx is None or ctx.listing is None:
            return
        counted: dict[str, int] = {}
        m = self.attach.measurement
        if m is not None and len(m.file_tokens) == len(self.attach.files()):
            counted = {f.rel: n for f, n in zip(self.attach.files(), m.file_tokens) if f.path is not None}
        rows = []
        for f in ctx.listing.files:
            state = ctx.state(f.rel)
            tokens = counted.get(f.rel, f.tokens if not f.reason else None)
            rows.append(FileRow(f.rel, tokens, f.rel in counted, state, say(f.reason) if f.reason else ""))
        self.panel.set_rows(rows)
