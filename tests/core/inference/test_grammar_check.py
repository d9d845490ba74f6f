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
    'root ::= "a"{100000}': "2,000 repetitions or more",
    'root ::= "a"{99999999999999999999}': "2,000 repetitions or more",
    'root ::= ("a" | )*': "left-recursive",
    'root ::= "\\x': "needs 2 hex digits",
    "root ::= [a-": "ends inside",
    # issue 29: these crashed llama.cpp after the check had let them through
    'root ::= "a\\x00b"': "NUL",
    'root ::= "a\x00b"': "NUL",
    "root ::= [\\x00]": "matches no character",
    'root ::= "a" ""?': "nothing before it to repeat",
    'root ::= ""{2}': "nothing before it to repeat",
    'root ::= "a" []?': "empty \\[class\\]",
    'root ::= ("a"{0,2000}){0,2000}': "2,000 repetitions or more",
    'root ::= ("a"{0,100}){0,100}': "10,100 rules",
    'root ::= "a"{2000}': "2,000 repetitions or more",
    'root ::= "a"{3,1}': "at most 1 but at least 3",
    'root ::= "c"{,4}': "expected a number",
    'root ::= "a"{\u0661}': "expected a number",  # an Arabic-Indic one: Python reads it, llama.cpp does not
    'root ::= x\nx ::= y x "c" | "d"\ny ::= z\nz ::= "" | "b"': "'x' \\(line 2\\) is left-recursive",
    "root ::= r0\n" + "".join(f"r{i} ::= r{i + 1} | r{i + 1}\n" for i in range(40)) + 'r40 ::= "a"': "too many ways",
    "root ::= r0\n" + "".join(f'r{i} ::= r{i + 1} "a"\n' for i in range(5000)) + 'r5000 ::= "b" | ""': "chains more",
    "root ::= " + "(" * 200 + '"a"' + ")" * 200: "nest more than 100 deep",
    'root ::= "\\U00110000"': "not a Unicode character",
    'root ::= "\ud800"': "lone surrogate",
    "root ::= [^\\x01-\\U0010FFFF]": "excludes every character",
    "root ::= [z-a]": "runs backwards",
    "root ::= <[12]>": "token references",
    'root ::= "' + "a" * 2000 + '"{1999}': "more than 2,000,000 elements",
}
ACCEPTED = [
    "root ::= ",
    'root ::= "a" root',
    'root ::= "a"*',
    'root ::= "a" | "b" |',
    'root ::= [0-9]+ ("." [0-9]+)?\n',
    'root ::= obj\nobj ::= "{" ws "}"  # a comment\nws ::= [ \\t\\n]*',
    'root ::= "a"{2,5} "b"{3} "c"{0,4} "d"{1,}',
    'root ::= "a"{1999} "b"+? ("c"{0,40}){0,40}',
    'root ::= [^"\\\\\\x7F\\x00-\\x1F] [\\-] "\\-"',  # llama.cpp's own JSON grammar's characters
    "root ::= r0\n" + "".join(f"r{i} ::= r{i + 1} | r{i + 1}\n" for i in range(20)) + 'r20 ::= "a"',
]


@pytest.mark.parametrize(("grammar", "why"), REFUSED.items())
def test_refused_with_the_reason(grammar: str, why: str) -> None:
    with pytest.raises(GrammarError, match=why):
        check_grammar(grammar)


@pytest.mark.parametrize("grammar", ACCEPTED)
def test_accepted(grammar: str) -> None:
    check_grammar(grammar)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='root:=|"[]()*+?{},.^-\\ \n\tax#01Uuf7\x00<>!', max_size=60))
def test_any_text_gets_an_answer_never_a_crash(text: str) -> None:
    with contextlib.suppress(GrammarError):
        check_grammar(text)
