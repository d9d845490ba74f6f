r""" "Solve k times" in the window: k answers to one prompt, one after another, and the majority.

What ``r1desk ask --samples K`` does, as the R1 paper's cons@k: each sample is sampled afresh
with the preset's sampling (the paper's temperature 0.6 and top-p 0.95 by default; a fixed seed
moves on by one per sample, as in the CLI), and the final answers (the last ``\boxed{…}``) are
put to a vote. The samples are stored as versions of one answer that share a ``batch`` id, so
each can be read in full (‹ 2/5 ›) and the run is summed up again when the chat is reopened.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from app.core.chats.store import Message
from app.core.inference.events import ChatOptions
from app.core.r1.answers import Vote, extract_boxed, majority_vote, normalize_answer
from app.core.r1.presets import Preset
from app.core.r1.sampling import Sampling

MIN_SAMPLES, MAX_SAMPLES = 2, 16


def new_batch() -> str:
    return uuid.uuid4().hex[:12]


@dataclass(frozen=True)
class SampleRow:
    """One sample as the list shows it: its number, final answer, time and how it ended."""

    number: int
    answer: str | None
    seconds: float | None
    state: str
    message_id: int | None
    in_majority: bool = False

    @property
    def text(self) -> str:
        answer = self.answer if self.answer is not None else "no boxed answer"
        time = f"{self.seconds:.1f} s" if self.seconds is not None else ""
        state = "" if self.state == "done" else self.state
        return " · ".join(x for x in (f"{self.number}. {answer}", time, state) if x)


@dataclass(frozen=True)
class Summary:
    """Every sample of a run and the vote."""

    rows: list[SampleRow]
    vote: Vote
    planned: int

    @property
    def headline(self) -> str:
        done = len(self.rows)
        if self.vote.answer is None:
            return f"Majority: no sample gave a boxed answer ({done} of {self.planned} samples)"
        return f"Majority: {self.vote.answer} ({self.vote.votes} of {done} votes)"


def summarize(samples: list[Message], planned: int | None = None) -> Summary:
    """The list and vote for a run's samples (oldest first)."""
    answers = [extract_boxed(m.content) for m in samples]
    vote = majority_vote(answers)
    winner = normalize_answer(vote.answer) if vote.answer is not None else None
    rows = [
        SampleRow(
            i + 1,
            a,
            m.stats.elapsed_s if m.stats is not None else None,
            m.state,
            m.id,
            in_majority=a is not None and normalize_answer(a) == winner,
        )
        for i, (m, a) in enumerate(zip(samples, answers))
    ]
    return Summary(rows, vote, max(planned or 0, len(samples)))


@dataclass
class SampleRun:
    """A run in progress.

    Attributes:
        k: how many samples were asked for (2–16).
        batch: the id its stored samples share.
        done: the finished samples, in order.
        stopped: the user pressed Stop: no more samples start.
    """

    k: int
    batch: str
    preset: Preset
    options: ChatOptions
    model: str
    done: list[Message] = field(default_factory=list)
    stopped: bool = False

    def __post_init__(self) -> None:
        self.k = max(MIN_SAMPLES, min(MAX_SAMPLES, self.k))

    @property
    def wants_more(self) -> bool:
        return not self.stopped and len(self.done) < self.k

    def add(self, m: Message) -> None:
        self.done.append(m)
        if m.state in ("stopped", "error"):
            self.stopped = True

    def sampling_for_next(self) -> Sampling:
        s = self.preset.sampling
        return s if s.seed is None else s.with_(seed=s.seed + len(self.done))

    def majority_sample(self) -> int | None:
        """The id of the first sample that gave the majority answer (None without one)."""
        return next((r.message_id for r in summarize(self.done).rows if r.in_majority), None)

    def summary(self) -> Summary:
        return summarize(self.done, self.k)
