"""The local engine's answers decoded together (``parallel.py`` in the model process): the part of
:class:`~app.core.inference.local_engine.LocalEngine` that sends several requests at once and
sorts the tagged replies back to them.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Generator
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any, NoReturn

from app.core import errors
from app.core.inference.events import ChatMessage, ChatOptions, Event, Stats
from app.core.inference.grammar_check import check_grammar
from app.core.inference.wire import ChatRequest, Failed, GenerateMany, Reply, Request, Tagged
from app.core.r1.sampling import Sampling


def raise_failed(f: Failed) -> NoReturn:
    """The model process's ``Failed`` reply as the app's error of that class."""
    cls = getattr(errors, f.error, errors.EngineError)
    if not (isinstance(cls, type) and issubclass(cls, errors.EngineError)):
        cls = errors.EngineError
    raise cls(f.message)


class ManyStreams:
    """Several answers at once from one model process."""

    if TYPE_CHECKING:
        _lock: threading.Lock
        _busy: bool
        _doing: str
        _cancel: Any
        _answer_now: Any
        _proc: Any

        def _claim(self, what: str) -> None: ...
        def _loaded_conn(self) -> Connection: ...
        def _send(self, request: Request) -> None: ...
        def _recv(self, timeout: float | None = None) -> Reply: ...

    def stream_many(
        self, requests: list[tuple[list[ChatMessage], Sampling, ChatOptions]]
    ) -> Generator[tuple[int, Event], None, None]:
        """Several answers decoded together (``parallel.py``): ``(index, event)`` as they come,
        each answer ending with its ``Stats``. A model loaded with ``n_seq`` decodes that many at
        once; the others wait their turn in the model process. :meth:`cancel` and
        :meth:`answer_now` act on all of them; closing the generator early cancels them."""
        chats = [ChatRequest(list(m), s, o) for m, s, o in requests]
        for c in chats:
            if c.options.grammar:
                check_grammar(c.options.grammar)
        with self._lock:
            self._claim("answering")
            self._loaded_conn()
            self._cancel.clear()
            self._answer_now.clear()
            try:
                self._send(GenerateMany(chats, list(range(len(chats)))))
            except errors.EngineError:
                self._busy = False
                raise
            self._doing = "generating"
        left = set(range(len(chats)))
        try:
            while left:
                msg = self._recv()
                if not isinstance(msg, Tagged):
                    continue
                if isinstance(msg.event, Failed):
                    left.discard(msg.stream)
                    raise_failed(msg.event)
                if isinstance(msg.event, Stats):
                    left.discard(msg.stream)
                yield msg.stream, msg.event
        finally:
            if left and self._proc is not None and self._proc.is_alive():
                self._cancel.set()  # stop the others and drain to their ends
                with contextlib.suppress(errors.EngineError):
                    while left:
                        msg = self._recv(timeout=30)
                        if isinstance(msg, Tagged) and isinstance(msg.event, (Stats, Failed)):
                            left.discard(msg.stream)
            self._busy = False
