"""Split an R1 model's output into its reasoning and its answer, in one go or as it streams.

The official R1-distill templates end the prompt inside an open ``<think>`` block, so the
output usually starts with reasoning and has no opening tag; ``</think>`` ends it. Older GGUFs
end the prompt at ``<｜Assistant｜>`` and the model writes ``<think>`` itself (or skips
thinking). ``forced_open`` tells which case applies; compute it from the rendered prompt with
:func:`prompt_opens_reasoning`.

Rules (the same for :func:`split_reasoning` and :class:`ReasoningSplitter`, whatever the deltas):
- forced open: everything before the first ``</think>`` is reasoning (a redundant leading
  ``<think>`` is dropped), the rest is the answer;
- not forced: reasoning only when the output starts with ``<think>`` (after whitespace);
  otherwise everything is answer;
- output that ends before ``</think>`` is all reasoning, and the thinking is unfinished;
- only the first block counts: later tags are answer text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

OPEN = "<think>"
CLOSE = "</think>"

Kind = Literal["reasoning", "answer"]
Piece = tuple[Kind, str]


@dataclass(frozen=True)
class SplitResult:
    """A whole output, split.

    Attributes:
        reasoning: the reasoning, stripped.
        answer: the answer, stripped.
        thought: whether the output had a reasoning block at all.
        finished: False when the output stopped before ``</think>``.
    """

    reasoning: str
    answer: str
    thought: bool
    finished: bool


ASSISTANT = "<｜Assistant｜>"
CLOSE_REASONING = "\n</think>\n\n"  # what "answer now" writes for the model; also after a turn without thinking
FORCED_THINK = "<think>\n"
FORCED_NOTE = "<think> forced (the model's template does not open the reasoning)"


def needs_forced_think(prompt: str) -> bool:
    """Whether an R1 prompt ends at the assistant's turn without opening the reasoning: what the
    GGUF conversions made before the model card's February 2025 template update render, and
    where DeepSeek's usage notes ask to force ``<think>\n`` (the distills sometimes skip
    thinking otherwise). Prompts in other formats are left alone."""
    return prompt.rstrip().endswith(ASSISTANT) and not prompt_opens_reasoning(prompt)


def prompt_opens_reasoning(prompt: str) -> bool:
    """Whether a rendered prompt leaves a ``<think>`` block open (the output starts inside it)."""
    i = prompt.rfind(OPEN)
    return i >= 0 and prompt.find(CLOSE, i) < 0


def parse_reasoning(text: str, *, forced_open: bool) -> SplitResult:
    """Split a whole output; see the module docstring for the rules."""
    stripped = text.lstrip()
    if stripped.startswith(OPEN):
        body = stripped[len(OPEN) :]
    elif forced_open:
        body = text
    else:
        return SplitResult("", text.strip(), thought=False, finished=True)
    i = body.find(CLOSE)
    if i < 0:
        return SplitResult(body.strip(), "", thought=True, finished=False)
    return SplitResult(body[:i].strip(), body[i + len(CLOSE) :].strip(), thought=True, finished=True)


def split_reasoning(text: str, *, forced_open: bool) -> tuple[str, str]:
    """Return ``(reasoning, answer)`` of a whole output, each stripped."""
    r = parse_reasoning(text, forced_open=forced_open)
    return r.reasoning, r.answer


def _partial_suffix(text: str, tag: str) -> int:
    """Length of the longest end of ``text`` that is a proper beginning of ``tag``."""
    for n in range(min(len(tag) - 1, len(text)), 0, -1):
        if text.endswith(tag[:n]):
            return n
    return 0


class ReasoningSplitter:
    """Incremental :func:`split_reasoning`: feed deltas, get ``(kind, text)`` pieces.

    Text that might be the start of a tag is held back until it is known, so nothing shown is
    ever retracted. Joining the pieces per kind and stripping gives what ``split_reasoning``
    gives for the whole text, however the text was cut.

    Attributes:
        forced_open: whether the prompt opened the reasoning block.
        in_reasoning: True while the stream is (or may still be) inside the reasoning.
        thought: whether a reasoning block was seen (or forced).
        finished_thinking: whether ``</think>`` has been seen.
    """

    def __init__(self, forced_open: bool) -> None:
        self.forced_open = forced_open
        self._state: Literal["start", "reasoning", "answer"] = "start"
        self._held = ""
        self.thought = forced_open
        self.finished_thinking = False

    @property
    def in_reasoning(self) -> bool:
        return self._state == "reasoning" or (self._state == "start" and self.forced_open)

    @property
    def in_answer(self) -> bool:
        return self._state == "answer"

    def feed(self, delta: str) -> list[Piece]:
        if not delta:
            return []
        if self._state == "answer":
            return [("answer", delta)]
        text = self._held + delta
        self._held = ""
        if self._state == "start":
            stripped = text.lstrip()
            if stripped.startswith(OPEN):
                self._state = "reasoning"
                self.thought = True
                text = stripped[len(OPEN) :]
            elif OPEN.startswith(stripped):
                self._held = text  # whitespace or a partial "<think>": not known yet
                return []
            elif self.forced_open:
                self._state = "reasoning"
            else:
                self._state = "answer"
                return [("answer", text)]
        return self._reasoning(text)

    def _reasoning(self, text: str) -> list[Piece]:
        i = text.find(CLOSE)
        if i >= 0:
            self._state = "answer"
            self.finished_thinking = True
            pieces: list[Piece] = []
            if i:
                pieces.append(("reasoning", text[:i]))
            if text[i + len(CLOSE) :]:
                pieces.append(("answer", text[i + len(CLOSE) :]))
            return pieces
        keep = _partial_suffix(text, CLOSE)
        if keep:
            self._held = text[-keep:]
            text = text[:-keep]
        return [("reasoning", text)] if text else []

    def finish(self) -> list[Piece]:
        """Release what was held back; call once when the stream ends."""
        held, self._held = self._held, ""
        if not held:
            return []
        if self._state == "start" and not self.forced_open:
            self._state = "answer"
            return [("answer", held)]
        return [("reasoning", held)] if self._state != "answer" else [("answer", held)]
