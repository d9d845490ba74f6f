"""Check a GBNF grammar before llama.cpp sees it.

llama-cpp-python 0.3.36 hands a grammar to llama.cpp's parser only when generation starts, and
when that parser rejects it the sampler is NULL and the model process dies with SIGSEGV (checked:
an unterminated string or class, a missing or undefined rule, left recursion, a repeated empty
item, more than 2,000 repetitions). So this follows llama.cpp's own parser
(``llama-grammar.cpp``: the syntax, the checks it makes afterwards) and says what is wrong, with
the line, before a request is sent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.errors import EngineError

MAX_REPETITIONS = 2000  # llama.cpp's MAX_REPETITION_THRESHOLD
_ESCAPES = set('tnr\\"[]')
_HEX = {"x": 2, "u": 4, "U": 8}


class GrammarError(EngineError):
    """The grammar is not one llama.cpp can use."""


@dataclass
class _Rules:
    """Each rule: its alternatives, each a list of symbols (a rule name, or "" for a terminal)."""

    alts: dict[str, list[list[str]]] = field(default_factory=dict)
    refs: list[tuple[str, int]] = field(default_factory=list)  # referenced names, with their line
    n: int = 0

    def new(self, base: str) -> str:
        self.n += 1
        return f"{base}~{self.n}"


class _Parser:
    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0
        self.rules = _Rules()

    # ---- low level ------------------------------------------------------------------------

    def fail(self, what: str) -> GrammarError:
        line = self.s.count("\n", 0, self.i) + 1
        return GrammarError(f"The grammar is not valid GBNF (line {line}): {what}.")

    def peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.s[j] if j < len(self.s) else ""

    def space(self, newlines: bool) -> None:
        while self.i < len(self.s):
            c = self.s[self.i]
            if c in " \t" or (newlines and c in "\r\n"):
                self.i += 1
            elif c == "#":
                while self.i < len(self.s) and self.s[self.i] not in "\r\n":
                    self.i += 1
            else:
                return

    def name(self) -> str:
        j = self.i
        while self.i < len(self.s) and (
            self.s[self.i].isascii() and (self.s[self.i].isalnum() or self.s[self.i] == "-")
        ):
            self.i += 1
        if j == self.i:
            raise self.fail(f"expected a rule name at {self.s[j : j + 12]!r}")
        return self.s[j : self.i]

    def char(self) -> None:
        """One character of a literal or a class, escapes included."""
        c = self.peek()
        if not c:
            raise self.fail("the text ends inside a string or a [class]")
        if c != "\\":
            self.i += 1
            return
        e = self.peek(1)
        if e in _HEX:
            digits = self.s[self.i + 2 : self.i + 2 + _HEX[e]]
            if len(digits) != _HEX[e] or any(d not in "0123456789abcdefABCDEF" for d in digits):
                raise self.fail(f"\\{e} needs {_HEX[e]} hex digits")
            self.i += 2 + _HEX[e]
        elif e in _ESCAPES:
            self.i += 2
        else:
            raise self.fail(f"unknown escape \\{e}" if e else "the text ends after a backslash")

    def number(self) -> int:
        j = self.i
        while self.peek().isdigit():
            self.i += 1
        if j == self.i:
            raise self.fail("expected a number in {…}")
        return int(self.s[j : self.i])

    # ---- the grammar ------------------------------------------------------------------------

    def parse(self) -> _Rules:
        self.space(True)
        while self.i < len(self.s):
            name = self.name()
            self.space(False)
            if not self.s.startswith("::=", self.i):
                raise self.fail(f"expected ::= after {name!r}")
            self.i += 3
            self.space(True)
            self.rules.alts.setdefault(name, []).extend(self.alternatives(name, nested=False))
            if self.peek() == "\r":
                self.i += 1
            if self.peek() == "\n":
                self.i += 1
            elif self.peek():
                raise self.fail(f"expected the end of the line at {self.s[self.i : self.i + 12]!r}")
            self.space(True)
        return self.rules

    def alternatives(self, rule: str, nested: bool) -> list[list[str]]:
        alts = [self.sequence(rule, nested)]
        while self.peek() == "|":
            self.i += 1
            self.space(True)
            alts.append(self.sequence(rule, nested))
        return alts

    def sequence(self, rule: str, nested: bool) -> list[str]:
        seq: list[str] = []
        last: list[str] | None = None  # the symbols of the item a repetition would apply to
        while self.i < len(self.s):
            c = self.peek()
            if c == '"':
                self.i += 1
                empty = self.peek() == '"'
                while self.peek() != '"':
                    self.char()
                self.i += 1
                last = [] if empty else [""]
            elif c == "[":
                self.i += 1
                if self.peek() == "^":
                    self.i += 1
                while self.peek() != "]":
                    self.char()
                    if self.peek() == "-" and self.peek(1) != "]":
                        self.i += 1
                        self.char()
                self.i += 1
                last = [""]
            elif c.isascii() and (c.isalnum() or c == "-"):
                line = self.s.count("\n", 0, self.i) + 1
                ref = self.name()
                self.rules.refs.append((ref, line))
                last = [ref]
            elif c == "(":
                self.i += 1
                self.space(True)
                group = self.rules.new(rule)
                self.rules.alts[group] = self.alternatives(rule, nested=True)
                if self.peek() != ")":
                    raise self.fail("expected ) to close a group")
                self.i += 1
                last = [group]
            elif c == ".":
                self.i += 1
                last = [""]
            elif c in "*+?{":
                if last is None:
                    raise self.fail(f"{c} with nothing before it to repeat")
                seq = seq[: len(seq) - len(last)] + self.repeat(rule, last, nested)
                last = None
                self.space(nested)
                continue
            else:
                break
            seq += last
            self.space(nested)
        return seq

    def repeat(self, rule: str, item: list[str], nested: bool) -> list[str]:
        """The symbols that replace ``item`` under a repetition (llama.cpp makes helper rules)."""
        c = self.peek()
        self.i += 1
        if c == "{":
            self.space(nested)
            lo, hi = 0, None
            if self.peek().isdigit():
                lo = self.number()
                self.space(nested)
            if self.peek() == "}":
                hi = lo
            elif self.peek() == ",":
                self.i += 1
                self.space(nested)
                if self.peek().isdigit():
                    hi = self.number()
                    self.space(nested)
                if self.peek() != "}":
                    raise self.fail("expected } to close a repetition")
            else:
                raise self.fail("expected , or } in a repetition")
            self.i += 1
            if lo > MAX_REPETITIONS or (hi is not None and hi > MAX_REPETITIONS):
                raise self.fail(f"more than {MAX_REPETITIONS:,} repetitions")
        else:
            lo, hi = {"*": (0, None), "+": (1, None), "?": (0, 1)}[c]
        out = item * lo
        if hi is None:  # rest ::= item rest | (empty): left-recursive when item can be empty
            rest = self.rules.new(rule)
            self.rules.alts[rest] = [[*item, rest], []]
            out.append(rest)
        elif hi > lo:
            opt = self.rules.new(rule)
            self.rules.alts[opt] = [list(item), []]
            out += [opt] * (hi - lo)
        return out


def check_grammar(text: str) -> None:
    """Raise GrammarError saying what is wrong, or return when llama.cpp will accept ``text``."""
    rules = _Parser(text).parse()
    if "root" not in rules.alts:
        raise GrammarError("The grammar has no root rule (root ::= …).")
    for ref, line in rules.refs:
        if ref not in rules.alts:
            raise GrammarError(f"The grammar uses the rule {ref!r} (line {line}) but never defines it.")
    nullable: set[str] = set()
    changed = True
    while changed:  # rules that can match nothing at all
        changed = False
        for name, alts in rules.alts.items():
            if name not in nullable and any(all(s in nullable for s in alt) for alt in alts):
                nullable.add(name)
                changed = True
    first: dict[str, set[str]] = {}  # the rules each rule can start with, without reading a character
    for name, alts in rules.alts.items():
        first[name] = set()
        for alt in alts:
            for s in alt:
                if not s:
                    break
                first[name].add(s)
                if s not in nullable:
                    break
    for name in rules.alts:
        seen: set[str] = set()
        todo = list(first[name])
        while todo:
            r = todo.pop()
            if r == name:
                shown = name.split("~")[0]
                raise GrammarError(
                    f"The grammar's rule {shown!r} is left-recursive (it can reach itself before reading a "
                    "character, also through a repeated item that can be empty); llama.cpp cannot use it."
                )
            if r not in seen:
                seen.add(r)
                todo.extend(first.get(r, ()))
