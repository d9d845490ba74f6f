"""The local engine's answers decoded together (``parallel.py`` in the model process): the part of
:class:`~app.core.inference.local_engine.LocalEngine` that sends several requests at once and
sorts the tagged replies back to them.

Two ways in: :meth:`ManyStreams.stream_many` (the samples of one question, read by one caller),
and, for a model loaded with several slots (``LoadParams.n_seq``), ``stream_chat`` from several
threads at once (the window and the API's requests, each through its own turn at the gate). The
callers then share the pipe: whoever waits for a reply reads the next one and files it under its
answer (one reader at a time), so no thread is added and a lone answer reads its own replies as a
single stream does. Stop and Answer now act on one answer (:meth:`ManyStreams.cancel_stream`).
"""

from __future__ import annotations

import contextlib
import itertools
import threading
import weakref
from collections import deque
from collections.abc import Generator
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any, NoReturn

from app.core import errors
from app.core.inference.events import ChatMessage, ChatOptions, Event, Stats
from app.core.inference.grammar_check import check_grammar
from app.core.inference.wire import ChatRequest, Failed, GenerateMany, Reply, Request, StopStream, Tagged
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

        params: Any

        @property
        def loaded(self) -> bool: ...

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

    # ---- answers side by side, one per caller (the window and the API's slots) ----------------

    def _shared_init(self) -> None:
        self._streaming = 0  # answers running through stream_chat side by side
        self._inbox: dict[int, _Answer] = {}  # the running ones, by stream
        self._ids = itertools.count(1_000_000)  # apart from stream_many's 0, 1, ...
        self._answers: weakref.WeakKeyDictionary[object, _Answer] = weakref.WeakKeyDictionary()
        self._joining = threading.Lock()  # an answer's start and a Stop for it, in order
        self._reader = threading.Lock()
        self._filed = threading.Condition()
        self._broken: errors.EngineError | None = None

    @property
    def slots(self) -> int:
        """Answers the loaded model decodes together (1: one at a time)."""
        return self.params.n_seq if self.loaded and self.params is not None else 1

    def _stream_shared(self, request: ChatRequest) -> Generator[Event, None, None]:
        """Like a single stream, it starts when first read; Stop before then ends it at once."""
        answer = _Answer(next(self._ids))
        gen = self._shared_events(answer, request)
        self._answers[gen] = answer
        return gen

    def _shared_events(self, answer: _Answer, request: ChatRequest) -> Generator[Event, None, None]:
        sid = answer.sid
        with self._lock:
            if self._busy:
                raise errors.EngineBusy(f"The model is busy ({self._doing}); stop it first.")
            self._loaded_conn()
            if self._streaming == 0:
                self._cancel.clear()
                self._answer_now.clear()
                self._broken = None
            self._streaming += 1
            self._doing = "generating"
        ended = False
        try:
            with self._joining:
                self._inbox[sid] = answer
                self._send(GenerateMany([request], [sid]))
                for now in answer.early:  # Stop or Answer now came before the first read
                    self._send(StopStream(sid, answer_now=now))
            while True:
                ev = self._next_event(answer)
                if isinstance(ev, Failed):
                    ended = True
                    raise_failed(ev)
                yield ev
                if isinstance(ev, Stats):
                    ended = True
                    return
        except errors.EngineError:
            ended = True
            raise
        finally:
            if not ended and self._broken is None:
                with contextlib.suppress(errors.EngineError):  # stop it and read on to its end
                    self._send(StopStream(sid))
                    while not isinstance(self._next_event(answer, timeout=30), (Stats, Failed)):
                        pass
            with self._joining:
                answer.ended = True
                self._inbox.pop(sid, None)
            with self._lock:
                self._streaming -= 1

    def _next_event(self, answer: _Answer, timeout: float | None = None) -> Event | Failed:
        """This answer's next reply: from its inbox, or read from the pipe by whoever reads now."""
        inbox = answer.inbox
        while True:
            if inbox:
                return inbox.popleft().event
            if self._broken is not None:
                raise self._broken
            if self._reader.acquire(timeout=0.05):
                try:
                    if not inbox:  # another reader may have filed it meanwhile
                        self._read_one(timeout)
                finally:
                    self._reader.release()
            else:
                with self._filed:
                    self._filed.wait(0.05)

    def _read_one(self, timeout: float | None) -> None:
        try:
            msg = self._recv(timeout=timeout)
        except errors.EngineError as e:
            # The process died (or was closed): every answer ends with it. A leaving caller's
            # drain that waited its while (``timeout``) for a slow step gives up on its own answer
            # only: the process still works for the others, and its answer's end is dropped later.
            if timeout is None or isinstance(e, errors.EngineCrashed):
                self._broken = e
            raise
        finally:
            with self._filed:
                self._filed.notify_all()
        answer = self._inbox.get(msg.stream) if isinstance(msg, Tagged) else None
        if answer is not None and isinstance(msg, Tagged):
            answer.inbox.append(msg)
            with self._filed:
                self._filed.notify_all()

    def cancel_stream(self, stream: object) -> None:
        """Stop one answer (``stream``: what ``stream_chat`` returned); any other: all of them."""
        self._control(stream, now=False)

    def answer_now_stream(self, stream: object) -> None:
        """Close one answer's reasoning (``stream``: what ``stream_chat`` returned)."""
        self._control(stream, now=True)

    def _control(self, stream: object, *, now: bool) -> None:
        try:
            answer = self._answers.get(stream)
        except TypeError:  # not a generator: not one of these answers
            answer = None
        if answer is None:  # one answer at a time: the shared flags
            (self._answer_now if now else self._cancel).set()
            return
        with self._joining:
            if answer.ended:
                return
            if answer.sid not in self._inbox:
                answer.early.append(now)  # sent as it starts
                return
            with contextlib.suppress(errors.EngineError):
                self._send(StopStream(answer.sid, answer_now=now))


class _Answer:
    """One answer streamed beside others: its replies as they are filed, and what came early."""

    def __init__(self, sid: int) -> None:
        self.sid = sid
        self.inbox: deque[Tagged] = deque()
        self.early: list[bool] = []  # Stop (False) or Answer now (True) before it started
        self.ended = False
