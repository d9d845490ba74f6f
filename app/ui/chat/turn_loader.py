"""A chat shown from its end: its last messages at once, earlier ones a few per turn of the event
loop, and the rest as the user scrolls up.

Opening a chat built every message's widgets in one go, and each card settling its height made
the column lay out all the cards again: 2,000 turns took 3.6 s and froze the window for 4.5 s,
5,000 turns 63 s, and 100,000 did not open in 600 s (issue 29). Now an open builds the last
``AT_ONCE`` messages, then ``CHUNK`` more per turn of the event loop until ``AT_OPEN`` are shown;
the rest come ``ON_REQUEST`` at a time when the view is scrolled to its top (or its "Show
earlier messages" button is used). The messages the session has not read from the store at open
are read meanwhile, ``READ_AHEAD`` per turn of the event loop (see ``ChatSession.read_earlier``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.chats.store import Message

AT_ONCE = 4  # built in the open call: what a screen shows first
CHUNK = 2  # then this many per turn of the event loop ...
AT_OPEN = 40  # ... until this many are shown
ON_REQUEST = 30  # scrolled to the top: this many more
READ_AHEAD = 1_000  # the rest of the chat is read from the store this many messages per turn (≈10 ms)


class TurnLoader(QObject):
    """Builds a chat's message widgets from the newest up, a few at a time.

    ``messages()`` gives the messages to show (oldest first; read so far), ``read_earlier(n)``
    reads up to n older ones (returning them), ``unread()`` counts those not read yet, and
    ``build(m)`` puts one message's widget above the others.

    Signals:
        remaining(int): how many messages are not shown yet (the view's button says it).
    """

    remaining = Signal(int)

    def __init__(
        self,
        messages: Callable[[], list[Message]],
        read_earlier: Callable[[int], list[Message]],
        unread: Callable[[], int],
        build: Callable[[Message], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._messages, self._read, self._unread, self._build = messages, read_earlier, unread, build
        self._top: int | None = None  # the id of the oldest message shown (None: none yet)
        self._budget = 0  # messages still to build in this round
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)
        self._reader = QTimer(self)
        self._reader.setSingleShot(True)
        self._reader.setInterval(0)
        self._reader.timeout.connect(self._read_ahead)

    def reset(self) -> None:
        """The view was emptied for a chat: show its last messages now, then more until AT_OPEN;
        meanwhile the rest is read from the store, a part per turn of the event loop (what the
        next message sends, and the composer's meter measures, is the whole chat: read at once,
        20,000 messages held the window for 0.15 s)."""
        self._timer.stop()
        self._top, self._budget = None, AT_OPEN
        self._build_some(AT_ONCE)
        self._reader.start()

    def more(self) -> None:
        """Show ON_REQUEST more (the view was scrolled to its top); ignored while a round runs."""
        if self._budget <= 0 and self.left():
            self._budget = ON_REQUEST
            self._build_some(CHUNK)

    def stop(self) -> None:
        self._timer.stop()
        self._reader.stop()
        self._budget = 0

    @property
    def busy(self) -> bool:
        """Whether more messages are on their way to the screen."""
        return self._timer.isActive()

    @property
    def reading(self) -> bool:
        """Whether the rest of the chat is still being read from the store."""
        return self._reader.isActive()

    def _read_ahead(self) -> None:
        if self._unread():
            self._read(READ_AHEAD)
            self.remaining.emit(self.left())
        if self._unread():
            self._reader.start()

    def left(self) -> int:
        """Messages not shown yet (read or not)."""
        return self._above(self._messages()) + self._unread()

    def _above(self, shown: list[Message]) -> int:
        """How many of ``shown`` are older than the oldest message on screen."""
        if self._top is None:
            return len(shown)
        return next((i for i, m in enumerate(shown) if m.id == self._top), 0)

    def _step(self) -> None:
        self._build_some(CHUNK)

    def _build_some(self, n: int) -> None:
        for _ in range(min(n, self._budget)):
            shown = self._messages()
            i = self._above(shown)
            if i == 0:
                if not self._read(ON_REQUEST):
                    self._budget = 0
                    break
                shown = self._messages()
                i = self._above(shown)
                if i == 0:
                    self._budget = 0
                    break
            m = shown[i - 1]
            self._top = m.id
            self._budget -= 1
            self._build(m)
        left = self.left()
        if left == 0:
            self._budget = 0
        if self._budget > 0:
            self._timer.start()
        self.remaining.emit(left)
