"""Check a GBNF grammar before llama.cpp sees it.

llama-cpp-python 0.3.36 hands a grammar to llama.cpp's parser only when generation starts. When
that parser refuses it the sampler is NULL and the model process dies with SIGSEGV; some
grammars it accepts kill it later (a NUL or a class that matches no character: an abort at the
first token; reversed bounds ``{3,1}``: an allocation without end; a search that is exponential
in the grammar, or deep enough to overflow the C stack). So this follows llama.cpp's parser
(``src/llama-grammar.cpp``: the syntax, the rules it generates for repetitions, the checks it
makes afterwards) step by step, adds the limits llama.cpp lacks (``grammar_limits.py``), and says
what is wrong, with the line, before a request is sent. ``tests/faults/fuzz_grammar.py`` holds
it to that: every grammar this accepts runs in llama.cpp without a crash.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.errors import GrammarError

MAX_REPETITIONS = 2000  # llama.cpp's MAX_REPETITION_THRESHOLD (it refuses this many rules and more)
MAX_CHARS = 200_000  # a JSON schema's grammar is a few KB
MAX_NESTING = 100  # groups inside groups: llama.cpp's parser recurses once per level
MAX_ELEMENTS = 2_000_000  # what the rules hold once repetitions are written out (8 bytes each)
_ESCAPES = {"t": 9, "n": 10, "r": 13, "\\": 92, '"': 34, "[": 91, "]": 93, "-": 45}
_HEX = {"x": 2, "u": 4, "U": 8}
_DIGITS = "0123456789"
_HEX_DIGITS = set("0123456789abcdefABCDEF")
LAST_CHAR = 0x10FFFF
# A rule's symbols: rule references are their ids (from 0); a terminal is minus the number of
# elements llama.cpp writes for it (a string's characters, a class's ranges), so sizes add up.


def _shown(code: int) -> str:
    return repr(chr(code)) if code <= LAST_CHAR and not 0xD800 <= code <= 0xDFFF else f"U+{code:04X}"


def _word(c: str) -> bool:
    return ("a" <= c <= "z") or ("A" <= c <= "Z") or ("0" <= c <= "9") or c == "-"


@dataclass
class Rules:
    """Rules as llama.cpp builds them: each symbol's alternatives, each a list of symbols.

    Attributes:
        names: symbol name -> id, in llama.cpp's order (names as written, then generated ones).
        alts: id -> alternatives; a later definition of a name replaces the earlier one, as there.
        lines: id -> the line a rule (or the rule a helper belongs to) starts on.
        elements: how many elements llama.cpp's rules will hold.
    """

    names: dict[str, int] = field(default_factory=dict)
    alts: dict[int, list[list[int]]] = field(default_factory=dict)
    lines: dict[int, int] = field(default_factory=dict)
    refs: list[tuple[int, int]] = field(default_factory=list)  # (id, line) of every reference
    elements: int = 0

    def symbol(self, name: str) -> int:
        return self.names.setdefault(name, len(self.names))

    def generate(self, base: str, line: int) -> int:
        n = len(self.names)
        self.names[f"{base}_{n}"] = n
        self.lines[n] = line
        return n

    def add(self, rule: int, alts: list[list[int]]) -> None:
        self.alts[rule] = alts
        self.elements += sum(1 + sum(-s if s < 0 else 1 for s in a) for a in alts)
        if self.elements > MAX_ELEMENTS:
            raise GrammarError(
                f"The grammar's repetitions make more than {MAX_ELEMENTS:,} elements; repeat fewer times."
            )

    def name_of(self, rule: int) -> str:
        for name, i in self.names.items():
            if i == rule:
                return name.rsplit("_", 1)[0] if "_" in name else name
        return "?"


class _Parser:
    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0
        self.rules = Rules()
        self.depth = 0

    # ---- low level ------------------------------------------------------------------------

    def line(self) -> int:
        return self.s.count("\n", 0, self.i) + 1

    def fail(self, what: str) -> GrammarError:
        return GrammarError(f"The grammar is not valid GBNF (line {self.line()}): {what}.")

    def at(self) -> str:
        return repr(self.s[self.i : self.i + 12])

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
        while self.i < len(self.s) and _word(self.s[self.i]):
            self.i += 1
        if j == self.i:
            raise self.fail(f"expected a rule name at {self.at()}")
        return self.s[j : self.i]

    def char(self) -> int:
        """One character of a literal or a class, escapes included: its code point."""
        c = self.peek()
        if not c:
            raise self.fail("the text ends inside a string or a [class]")
        if c != "\\":
            self.i += 1
            return ord(c)
        e = self.peek(1)
        if e in _HEX:
            digits = self.s[self.i + 2 : self.i + 2 + _HEX[e]]
            if len(digits) != _HEX[e] or any(d not in _HEX_DIGITS for d in digits):
                raise self.fail(f"\\{e} needs {_HEX[e]} hex digits")
            self.i += 2 + _HEX[e]
            return int(digits, 16)
        if e in _ESCAPES:
            self.i += 2
            return _ESCAPES[e]
        raise self.fail(f"unknown escape \\{e}" if e else "the text ends after a backslash")

    def writable(self, code: int, where: str) -> None:
        """A character a model can write: llama.cpp ends its text with NUL, so a NUL never
        matches (and a grammar that needs one aborts the model process at the first token)."""
        if code == 0:
            raise self.fail(f"{where} holds a NUL character (\\x00), which no model can write")
        if code > LAST_CHAR or 0xD800 <= code <= 0xDFFF:
            raise self.fail(f"{where} holds U+{code:04X}, which is not a Unicode character")

    def number(self) -> int:
        j = self.i
        while self.peek() and self.peek() in _DIGITS:  # ASCII only, as llama.cpp reads them
            self.i += 1
        if j == self.i:
            raise self.fail(f"expected a number at {self.at()}")
        if self.i - j > 9:
            raise self.fail(f"{MAX_REPETITIONS:,} repetitions or more")
        return int(self.s[j : self.i])

    # ---- the grammar ------------------------------------------------------------------------

    def parse(self) -> Rules:
        self.space(True)
        while self.i < len(self.s):
            line = self.line()
            name = self.name()
            rule = self.rules.symbol(name)
            self.space(False)
            if not self.s.startswith("::=", self.i):
                raise self.fail(f"expected ::= after {name!r}")
            self.i += 3
            self.space(True)
            self.rules.lines[rule] = line
            self.rules.add(rule, self.alternatives(name, line, nested=False))
            if self.peek() == "\r":
                self.i += 2 if self.peek(1) == "\n" else 1
            elif self.peek() == "\n":
                self.i += 1
            elif self.peek():
                raise self.fail(f"expected the end of the line at {self.at()}")
            self.space(True)
        return self.rules

    def alternatives(self, rule: str, line: int, nested: bool) -> list[list[int]]:
        alts = [self.sequence(rule, line, nested)]
        while self.peek() == "|":
            self.i += 1
            self.space(True)
            alts.append(self.sequence(rule, line, nested))
        return alts

    def sequence(self, rule: str, line: int, nested: bool) -> list[int]:
        """llama.cpp's parse_sequence: ``last`` is where the item a repetition applies to starts,
        ``n_prev`` how many rules it stands for (a repetition of repetitions multiplies them)."""
        seq: list[int] = []
        last = 0
        n_prev = 1
        while self.i < len(self.s):
            c = self.peek()
            if c == '"':
                self.i += 1
                last, n_prev = len(seq), 1
                n = 0
                while self.peek() != '"':
                    self.writable(self.char(), "a string")
                    n += 1
                self.i += 1
                if n:
                    seq.append(-n)
            elif c == "[":
                self.i += 1
                negated = self.peek() == "^"
                self.i += negated
                last, n_prev = len(seq), 1
                ranges = []
                while self.peek() != "]":
                    first = end = self.char()
                    if self.peek() == "-" and self.peek(1) != "]":
                        self.i += 1
                        end = self.char()
                        if end < first:
                            raise self.fail(f"the range {_shown(first)}-{_shown(end)} in a [class] runs backwards")
                    ranges.append((first, end))
                self.i += 1
                if not ranges:
                    raise self.fail("an empty [class] matches nothing (use . for any character)")
                _check_class(self, ranges, negated)
                seq.append(-2 * len(ranges))
            elif c in "<!":
                raise self.fail(f"token references like {self.at()} are not supported; write the text instead")
            elif _word(c):
                ref_line = self.line()
                ref = self.rules.symbol(self.name())
                self.rules.refs.append((ref, ref_line))
                last, n_prev = len(seq), 1
                seq.append(ref)
            elif c == "(":
                self.i += 1
                self.depth += 1
                if self.depth > MAX_NESTING:
                    raise self.fail(f"groups nest more than {MAX_NESTING} deep")
                self.space(True)
                before = len(self.rules.names)
                group = self.rules.generate(rule, line)
                self.rules.add(group, self.alternatives(rule, line, nested=True))
                if self.peek() != ")":
                    raise self.fail(f"expected ) to close a group at {self.at()}")
                self.i += 1
                self.depth -= 1
                n_prev = max(1, len(self.rules.names) - before)
                last = len(seq)
                seq.append(group)
            elif c == ".":
                self.i += 1
                last, n_prev = len(seq), 1
                seq.append(-1)
            elif c in "*+?{":
                self.i += 1
                self.space(nested)
                lo, hi = self.bounds(c, nested)
                seq, n_prev = self.repeat(seq, last, n_prev, lo, hi, rule, line)
                continue
            else:
                break
            self.space(nested)
        return seq

    def bounds(self, c: str, nested: bool) -> tuple[int, int | None]:
        """The repetition just read: ``(least, most)``, most None for no limit."""
        if c != "{":
            return {"*": (0, None), "+": (1, None), "?": (0, 1)}[c]
        lo = self.number()
        self.space(nested)
        hi: int | None = None
        if self.peek() == "}":
            hi = lo
        elif self.peek() == ",":
            self.i += 1
            self.space(nested)
            if self.peek() and self.peek() in _DIGITS:
                hi = self.number()
                self.space(nested)
            if self.peek() != "}":
                raise self.fail(f"expected }} to close a repetition at {self.at()}")
        else:
            raise self.fail(f"expected , or }} in a repetition at {self.at()}")
        self.i += 1
        self.space(nested)
        if lo >= MAX_REPETITIONS or (hi is not None and hi >= MAX_REPETITIONS):
            raise self.fail(f"{MAX_REPETITIONS:,} repetitions or more")
        if hi is not None and hi < lo:  # llama.cpp would write rules without end
            raise self.fail(f"the repetition {{{lo},{hi}}} asks for at most {hi} but at least {lo}")
        return lo, hi

    def repeat(
        self, seq: list[int], last: int, n_prev: int, lo: int, hi: int | None, rule: str, line: int
    ) -> tuple[list[int], int]:
        """llama.cpp's handle_repetitions: S{m,n} -> S (m times) then n-m optional helpers."""
        if last == len(seq):
            raise self.fail("*, +, ? or {…} with nothing before it to repeat (an empty string cannot be repeated)")
        total = hi if hi is not None and hi > 0 else (lo if lo > 0 else 1)
        if n_prev * total >= MAX_REPETITIONS:
            raise self.fail(
                f"repetitions inside repetitions make {n_prev * total:,} rules; llama.cpp allows fewer than "
                f"{MAX_REPETITIONS:,}"
            )
        item = seq[last:]
        seq = seq[:last] if lo == 0 else seq + item * (lo - 1)
        n_opt = 1 if hi is None else hi - lo
        prev = 0
        for k in range(n_opt):
            helper = self.rules.generate(rule, line)
            tail = [helper] if hi is None else [prev] if k > 0 else []
            self.rules.add(helper, [item + tail, []])
            prev = helper
        if n_opt:
            seq.append(prev)
        return seq, n_prev * total


def _check_class(p: _Parser, ranges: list[tuple[int, int]], negated: bool) -> None:
    """A class must match some character a model can write (1 to U+10FFFF)."""
    for lo, hi in ranges:
        if lo > LAST_CHAR or hi > 0xFFFFFFFF:
            p.writable(lo, "a [class]")
    if not negated:
        if not any(max(lo, 1) <= min(hi, LAST_CHAR) for lo, hi in ranges):
            raise p.fail("a [class] matches no character a model can write (only NUL)")
        return
    reach = 1  # every character below this is excluded
    for lo, hi in sorted(ranges):
        if lo > reach:
            return
        reach = max(reach, hi + 1)
    if reach <= LAST_CHAR:
        return
    raise p.fail("a [^class] excludes every character")


def parse_grammar(text: str) -> Rules:
    """The rules as llama.cpp would build them; raises GrammarError where its parser would fail."""
    if len(text) > MAX_CHARS:
        raise GrammarError(f"The grammar is {len(text):,} characters long; at most {MAX_CHARS:,} are accepted.")
    if "\x00" in text:
        raise GrammarError(
            f"The grammar holds a NUL character (line {text.count(chr(10), 0, text.index(chr(0))) + 1})."
        )
    bad = next((i for i, c in enumerate(text) if 0xD800 <= ord(c) <= 0xDFFF), None)
    if bad is not None:
        raise GrammarError(
            f"The grammar holds a lone surrogate (line {text.count(chr(10), 0, bad) + 1}), which is not text."
        )
    rules = _Parser(text).parse()
    if "root" not in rules.names:
        raise GrammarError("The grammar has no root rule (root ::= …).")
    for ref, line in rules.refs:
        if ref not in rules.alts:
            raise GrammarError(f"The grammar uses the rule {rules.name_of(ref)!r} (line {line}) but never defines it.")
    if rules.names["root"] not in rules.alts:
        raise GrammarError("The grammar has no root rule (root ::= …).")
    return rules


def check_grammar(text: str) -> None:
    """Raise GrammarError saying what is wrong, or return when llama.cpp will take ``text``."""
    from app.core.inference.grammar_limits import check_limits

    check_limits(parse_grammar(text))
