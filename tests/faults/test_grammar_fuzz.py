"""Grammars against llama.cpp itself, in a throwaway process with a memory cap: what the check
accepts runs, and what issue 29 found crashing llama.cpp is refused (and does crash it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.inference.grammar_check import GrammarError, check_grammar
from tests.faults.fuzz_grammar import Llama, grammars
from tests.faults.tally import Tries

# Each killed the model process (SIGSEGV, an abort at the first token, or memory without end).
CRASHED = [
    'root ::= "a\\x00b"',
    "root ::= [\\x00]",
    'root ::= "a" ""?',
    'root ::= ""{2}',
    'root ::= ("a"{0,2000}){0,2000}',
    'root ::= ("a"{0,100}){0,100}',
    'root ::= "a"{3,1}',
    'root ::= "c"{,4}',
    'root ::= x\nx ::= y x "c" | "d"\ny ::= z\nz ::= "" | "b"\n',
]


@pytest.fixture(scope="module")
def llama(tiny_model: Path):
    probe = Llama(tiny_model)
    yield probe
    probe.close()


def run_fuzz(t: Tries, llama: Llama, n: int, seed: int) -> None:
    """``n`` generated grammars: each the check accepts must parse and generate in llama.cpp."""
    for i, text in zip(range(n), grammars(seed)):
        with t(f"seed {seed} grammar {i}: {text[:120]!r}"):
            try:
                check_grammar(text)
            except GrammarError:
                continue
            verdict = llama.verdict(text)
            assert verdict == "ok", verdict


def test_what_the_check_accepts_runs_in_llama_cpp(tries, llama: Llama) -> None:
    run_fuzz(tries("grammars vs llama.cpp (fuzz)"), llama, n=300, seed=29)


@pytest.mark.parametrize("text", CRASHED)
def test_what_crashed_llama_cpp_is_refused(llama: Llama, text: str) -> None:
    with pytest.raises(GrammarError, match=r"line|rule|repetition"):
        check_grammar(text)
    assert llama.verdict(text) != "ok"  # the refusal is needed: llama.cpp refuses it, crashes or hangs
