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

A model loaded with several slots (``LocalEngine.slots``: the API's setting) answers that many
requests side by side: a *shared* ticket (an answer from the loaded model) starts beside other
shared ones while a slot is free; anything else (a load, a swap, a count) still waits until the
engine is idle, and waits in line: a ticket that must run alone holds back those behind it.
Stop and Answer now then reach only the ticket's own answer (``Ticket.stream``).
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
Share = bool | Callable[[], bool]  # may run beside other answers (or a test of that)
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
    beside: int = 0  # answers running beside the first (a model with several slots)

    def describe(self) -> str:
        """One short phrase for a status bar ("" when idle)."""
        if self.running is None:
            return ""
        who = "API request running" if self.running == "api" else "the window is answering"
        if self.running == "window" and self.label.startswith("loading"):
            who = "the window is loading a model"
        if self.beside:
            who = f"{self.beside + 1} answers running"
        return f"{who} · {self.waiting} queued" if self.waiting else who


class Ticket:
    """One place in the queue. ``cancel()`` is safe from any thread, at any time."""

    def __init__(self, gate: EngineGate, owner: Owner, label: str, number: int, shared: Share = False) -> None:
        self.gate = gate
        self.owner = owner
        self.label = label
        self.number = number
        self._share = shared
        self.shared = False  # it runs as an answer from the loaded model, beside others (known once it runs)
        self.cancelled = False
        self.running = False
        self.done = False
        self.cancellable = True  # False while the turn repairs what a crash broke (a reload)
        self.stream: object | None = None  # the answer it reads (``stream_chat``'s), for Stop and Answer now

    def cancel(self) -> None:
        self.gate._cancel(self)

    def may_share(self) -> bool:
        """Whether it may run beside other answers now (asked when its turn comes: a load ahead
        of it may have changed the model it needs)."""
        return bool(self._share() if callable(self._share) else self._share)

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
        self._running: list[Ticket] = []
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
        r = self._running[0] if self._running else None
        return GateState(
            running=r.owner if r is not None else None,
            label=r.label if r is not None else "",
            waiting=len(self._queue),
            window_waiting=any(t.owner == "window" for t in self._queue),
            model=facts.path if facts is not None else "",
            beside=max(0, len(self._running) - 1),
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

    def enqueue(self, owner: Owner, label: str, *, shared: Share = False) -> Ticket:
        """Take a place in the queue; raise :class:`QueueFull` when too many already wait.
        ``shared``: an answer from the loaded model, which may run beside others (or a test of
        that, asked when its turn comes)."""
        with self._cond:
            busy = bool(self._running) or bool(self._queue)
            if busy and len(self._queue) >= self.max_waiting:
                raise QueueFull(
                    f"{len(self._queue)} requests are already waiting for the model; try again in a moment."
                )
            ticket = Ticket(self, owner, label, next(self._numbers), shared)
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
            if ticket in self._running:
                self._running.remove(ticket)
            elif ticket in self._queue:
                self._queue.remove(ticket)
            self._promote()
        self._notify()

    @contextlib.contextmanager
    def turn(self, owner: Owner, label: str, *, shared: Share = False) -> Iterator[Ticket]:
        """``with gate.turn("window", "answering") as t: gate.engine.stream_chat(...)``.

        Raises :class:`QueueFull`, or :class:`Abandoned` when the ticket is cancelled before its
        turn comes.
        """
        ticket = self.enqueue(owner, label, shared=shared)
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

    def slots(self) -> int:
        """Answers the engine runs side by side now (1: one thing at a time)."""
        return max(1, int(getattr(self._engine, "slots", 1)))

    def _promote(self) -> None:
        """Start the next tickets the engine can take (the lock is held): one when it is idle,
        more shared ones beside running shared ones while a slot is free."""
        while self._queue:
            t, running = self._queue[0], self._running
            if running and not (all(r.shared for r in running) and len(running) < self.slots()):
                break
            shared = t.may_share()
            if running and not shared:
                break
            self._queue.popleft()
            t.running, t.shared = True, shared
            running.append(t)
            self._cond.notify_all()

    def halt(self, ticket: Ticket) -> None:
        """Stop the running ticket's work: its own answer where the engine can tell (several
        slots). A shared ticket that has no answer yet leaves the engine alone (its cancel would
        stop every answer): its owner halts the answer once it has it (``ticket.cancelled``)."""
        stop = getattr(self._engine, "cancel_stream", None)
        if stop is None:
            self._engine.cancel()
        elif ticket.stream is not None:
            stop(ticket.stream)
        elif not ticket.shared:
            self._engine.cancel()

    def answer_now(self, ticket: Ticket) -> None:
        """Close the reasoning of the running ticket's answer (never another ticket's)."""
        now = getattr(self._engine, "answer_now_stream", None)
        if now is None:
            self._engine.answer_now()
        elif ticket.stream is not None:
            now(ticket.stream)
        elif not ticket.shared:  # a shared one's would reach every answer (it has none yet)
            self._engine.answer_now()

    def _cancel(self, ticket: Ticket) -> None:
        with self._cond:
            if ticket.done:
                return
            ticket.cancelled = True
            running = ticket in self._running
            if not running and ticket in self._queue:
                self._queue.remove(ticket)
                ticket.done = True
            self._cond.notify_all()
        if running and ticket.cancellable:
            self.halt(ticket)  # the stream ends within a token; its owner then releases
        else:
            self._notify()

    def cancel_all(self, owner: Owner | None = None) -> None:
        """Cancel every waiting ticket and the running one (of ``owner``, when given)."""
        with self._cond:
            tickets = list(self._queue) + list(self._running)
        for t in tickets:
            if owner is None or t.owner == owner:
                t.cancel()
