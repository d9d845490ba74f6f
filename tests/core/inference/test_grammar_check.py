"""Grammars llama.cpp cannot parse are refused with a sentence, not a segfault of the model process."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.inference.grammar_check import GrammarError, check_grammar

# Each of these was fed to llama-cpp-python 0.3.36: the refused ones killed the model process
# with SIGSEGV, the accepted ones generated.
REFUSED = {
    "root ::= [": "ends inside a string",
    'root ::= "abc': "ends inside a string",
    "root ::= root": "left-recursive",
    "root ::= x": "never defines it",
    'x ::= "a"': "no root rule",
    'root ::= "a"{100000}': "more than 2,000 repetitions",
    'root ::= ("a" | )*': "left-recursive",
    'root ::= "\\x': "needs 2 hex digits",
    "root ::= [a-": "ends inside",
}
ACCEPTED = [
    "root ::= ",
    "root ::= [^]",
    'root ::= "a" root',
    'root ::= "a"*',
    'root ::= "a" | "b" |',
    'root ::= [0-9]+ ("." [0-9]+)?\n',
    'root ::= obj\nobj ::= "{" ws "}"  # a comment\nws ::= [ \\t\\n]*',
    'root ::= "a"{2,5} "b"{3} "c"{,4} "d"{1,}',
]


@pytest.mark.parametrize(("grammar", "why"), REFUSED.items())
def test_refused_with_the_reason(grammar: str, why: str) -> None:
    with pytest.raises(GrammarError, match=why):
        check_grammar(grammar)


@pytest.mark.parametrize("grammar", ACCEPTED)
def test_accepted(grammar: str) -> None:
    check_grammar(grammar)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='root:=|"[]()*+?{},.^-\\ \n\tax#01', max_size=60))
def test_any_text_gets_an_answer_never_a_crash(text: str) -> None:
    with contextlib.suppress(GrammarError):
        check_grammar(text)
