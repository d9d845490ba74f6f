"""One engine, many askers: the window's chat and the local API server take turns, first come
first served.

An engine runs one generation (or load) at a time; a second caller would get ``EngineBusy``.
The gate owns the current engine and hands it out in turns, in arrival order, to whoever asks
(the window's worker thread, API request threads). Waiting is bounded: beyond ``max_waiting``
queued tickets a new one is refused with :class:`QueueFull` (the API answers 429). A ticket can
be cancelled while it waits (a client hung up) or while it runs (its generation is cancelled
through the engine's thread-safe ``cancel``). Observers get a :class:`GateState` snapshot after
every change, so the window can show "API request running" or "2 queued".

Swapping the engine (local to remote and back) takes a turn like any request, so it never
happens under a running generation.
"""

from __future__ import annotations

import contextlib
import itertools
import secrets
import threading
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from app.core import errors
from app.core.inference.engine import Engine

Owner = Literal["window", "api"]
MAX_WAITING = 16
# The local API server names its gate in its answers (``/health``, each ``/v1/models`` entry).
# A remote endpoint that answers with the id of a gate a window answers through is that window's
# own server: its requests would queue behind the window's own answer, which waits for them.
GATE_FIELD = "r1desk_gate"
WINDOW_GATES: set[str] = set()  # ids of the gates a window's answers go through (in this process)


class QueueFull(errors.EngineBusy):
    """Too many requests are already waiting for the model."""


class Abandoned(errors.EngineBusy):
    """The ticket was cancelled before its turn came."""


@dataclass(frozen=True)
class GateState:
    """A snapshot for observers.

    Attributes:
        running: who holds the engine now (None: idle).
        label: what the running turn does ("answering", "loading r1-qwen-7b", ...).
        waiting: tickets queued behind it.
        window_waiting: whether one of the queued tickets is the window's.
        model: the path of the loaded model ("" when none).
    """

    running: Owner | None = None
    label: str = ""
    waiting: int = 0
    window_waiting: bool = False
    model: str = ""

    def describe(self) -> str:
        """One short phrase for a status bar ("" when idle)."""
        if self.running is None:
            return ""
        who = "API request running" if self.running == "api" else "the window is answering"
        if self.running == "window" and self.label.startswith("loading"):
            who = "the window is loading a model"
        return f"{who} · {self.waiting} queued" if self.waiting else who


class Ticket:
    """One place in the queue. ``cancel()`` is safe from any thread, at any time."""

    def __init__(self, gate: EngineGate, owner: Owner, label: str, number: int) -> None:
        self.gate = gate
        self.owner = owner
        self.label = label
        self.number = number
        self.cancelled = False
        self.running = False
        self.done = False
        self.cancellable = True  # False while the turn repairs what a crash broke (a reload)

    def cancel(self) -> None:
        self.gate._cancel(self)

    def __repr__(self) -> str:
        return f"Ticket({self.owner} #{self.number} {self.label!r})"


class EngineGate:
    """Serializes every use of one engine, first come first served.

    Attributes:
        max_waiting: how many tickets may wait behind the running one.
        id: a random name for this gate (see ``GATE_FIELD``).
    """

    def __init__(self, engine: Engine, max_waiting: int = MAX_WAITING) -> None:
        self.id = secrets.token_hex(8)
        self._engine = engine
        self.max_waiting = max_waiting
        self._cond = threading.Condition()
        self._queue: deque[Ticket] = deque()
        self._running: Ticket | None = None
        self._numbers = itertools.count(1)
        self._observers: list[Callable[[GateState], None]] = []

    @property
    def engine(self) -> Engine:
        """The current engine. Use it only inside a turn (``cancel``/``answer_now`` excepted)."""
        return self._engine

    # ---- observing --------------------------------------------------------------------------

    def state(self) -> GateState:
        with self._cond:
            return self._state()

    def _state(self) -> GateState:
        facts = self._engine.facts
        r = self._running
        return GateState(
            running=r.owner if r is not None else None,
            label=r.label if r is not None else "",
            waiting=len(self._queue),
            window_waiting=any(t.owner == "window" for t in self._queue),
            model=facts.path if facts is not None else "",
        )

    def subscribe(self, observer: Callable[[GateState], None]) -> None:
        """Call ``observer(state)`` after every change, from the thread that made it."""
        self._observers.append(observer)

    def unsubscribe(self, observer: Callable[[GateState], None]) -> None:
        with contextlib.suppress(ValueError):
            self._observers.remove(observer)

    def _notify(self) -> None:
        state = self.state()
        for observer in list(self._observers):
            observer(state)

    # ---- turns ------------------------------------------------------------------------------

    def enqueue(self, owner: Owner, label: str) -> Ticket:
        """Take a place in the queue; raise :class:`QueueFull` when too many already wait."""
        with self._cond:
            busy = self._running is not None or bool(self._queue)
            if busy and len(self._queue) >= self.max_waiting:
                raise QueueFull(
                    f"{len(self._queue)} requests are already waiting for the model; try again in a moment."
                )
            ticket = Ticket(self, owner, label, next(self._numbers))
            self._queue.append(ticket)
            self._promote()
        self._notify()
        return ticket

    def wait(self, ticket: Ticket, timeout: float | None = None) -> bool:
        """Block until the ticket's turn; False when it was cancelled first (or on timeout)."""
        with self._cond:
            self._cond.wait_for(lambda: ticket.running or ticket.cancelled, timeout)
            return ticket.running and not ticket.cancelled

    def release(self, ticket: Ticket) -> None:
        """End a turn (or give up a place in the queue). Idempotent."""
        with self._cond:
            if ticket.done:
                return
            ticket.done = True
            if self._running is ticket:
                self._running = None
            elif ticket in self._queue:
                self._queue.remove(ticket)
            self._promote()
        self._notify()

    @contextlib.contextmanager
    def turn(self, owner: Owner, label: str) -> Iterator[Ticket]:
        """``with gate.turn("window", "answering") as t: gate.engine.stream_chat(...)``.

        Raises :class:`QueueFull`, or :class:`Abandoned` when the ticket is cancelled before its
        turn comes.
        """
        ticket = self.enqueue(owner, label)
        try:
            if not self.wait(ticket):
                raise Abandoned("The request was cancelled while it waited for the model.")
            yield ticket
        finally:
            self.release(ticket)

    def relabel(self, ticket: Ticket, label: str) -> None:
        """Say what a running turn does now (e.g. "loading" then "answering")."""
        ticket.label = label
        self._notify()

    def swap(self, engine: Engine, ticket: Ticket | None = None) -> Engine:
        """Replace the engine between generations; returns the old one.

        Called inside a turn, pass its running ``ticket``; otherwise this waits for a turn of
        its own, so the swap never happens under a running request.
        """
        if ticket is not None and ticket.running and not ticket.done:
            with self._cond:
                old, self._engine = self._engine, engine
        else:
            with self.turn("window", "switching engine"), self._cond:
                old, self._engine = self._engine, engine
        self._notify()
        return old

    def _promote(self) -> None:
        """Start the next ticket when the engine is free (the lock is held)."""
        if self._running is None and self._queue:
            t = self._queue.popleft()
            t.running = True
            self._running = t
            self._cond.notify_all()

    def _cancel(self, ticket: Ticket) -> None:
        with self._cond:
            if ticket.done:
                return
            ticket.cancelled = True
            running = self._running is ticket
            if not running and ticket in self._queue:
                self._queue.remove(ticket)
                ticket.done = True
            self._cond.notify_all()
        if running and ticket.cancellable:
            self._engine.cancel()  # the stream ends within a token; its owner then releases
        else:
            self._notify()

    def cancel_all(self, owner: Owner | None = None) -> None:
        """Cancel every waiting ticket and the running one (of ``owner``, when given)."""
        with self._cond:
            tickets = list(self._queue) + ([self._running] if self._running is not None else [])
        for t in tickets:
            if owner is None or t.owner == owner:
                t.cancel()
