"""One answer's tool calls in the token loop: the answer text goes through the parser, and the
tool grammar takes over generation at the right token.

When it takes over: a call the model opened itself, at the token that opened it (when that
token ended with the opening marker, as the real vocabularies' single marker tokens do; a
marker spelt across a token boundary leaves that call unconstrained, and the parser still
checks it); a required call, where the answer begins (after the reasoning, which stays free).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.core.inference.events import Delta, Event
from app.core.r1.reasoning import Kind
from app.core.r1.tool_calls import ToolCallParser, ToolFormat, ToolSpec

GrammarFactory = Callable[[ToolSpec, ToolFormat, bool], Any]  # (spec, format, opened) -> a grammar


class ToolRun:
    """The parser and the grammar switch for one answer.

    Attributes:
        parser: the answer's calls so far.
        constrained: the tool grammar has taken over.
    """

    def __init__(self, fmt: ToolFormat, spec: ToolSpec, make_grammar: GrammarFactory) -> None:
        self.fmt = fmt
        self.spec = spec
        self.parser = ToolCallParser(fmt)
        self.constrained = False
        self._make_grammar = make_grammar

    def feed(self, kind: Kind, text: str) -> list[Event]:
        """A piece of the output as events: reasoning as it is, the answer through the parser."""
        if kind != "answer":
            return [Delta(kind, text)]
        return [Delta("answer", o) if isinstance(o, str) else o for o in self.parser.feed(text) if o]

    def finish(self) -> list[Event]:
        return [Delta("answer", o) if isinstance(o, str) else o for o in self.parser.finish() if o]

    @property
    def in_call(self) -> bool:
        return self.parser.in_call

    def take_over(self, in_answer: bool) -> Any:
        """The grammar to continue with now, or None when it is not (or no longer) time to switch."""
        if self.constrained:
            return None
        p = self.parser
        if p.triggered:
            if not p.at_call_start:
                return None  # opened mid-token: this call goes unconstrained
        elif not (self.spec.required and in_answer):
            return None
        self.constrained = True
        return self._make_grammar(self.spec, self.fmt, p.triggered)

    def stats(self) -> dict[str, Any]:
        """The Stats fields about the calls."""
        calls = self.parser.calls
        return {
            "tool_calls": len(calls),
            "bad_tool_calls": tuple(c.index for c in calls if c.error),
            "tool_problem": self.parser.problem(),
        }
