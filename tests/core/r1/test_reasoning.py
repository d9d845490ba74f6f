"""The reasoning split: the rules, and the same result for every way of cutting a stream."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.r1.reasoning import (
    ReasoningSplitter,
    parse_reasoning,
    prompt_opens_reasoning,
    split_reasoning,
)


def stream(text_parts: list[str], forced_open: bool) -> tuple[str, str, ReasoningSplitter]:
    s = ReasoningSplitter(forced_open)
    pieces = [p for part in text_parts for p in s.feed(part)] + s.finish()
    reasoning = "".join(t for k, t in pieces if k == "reasoning")
    answer = "".join(t for k, t in pieces if k == "answer")
    return reasoning.strip(), answer.strip(), s


@pytest.mark.parametrize(
    ("text", "forced", "expected"),
    [
        ("Let me think.\n</think>\n\nThe answer is 4.", True, ("Let me think.", "The answer is 4.")),
        ("<think>\nredundant open\n</think>\nok", True, ("redundant open", "ok")),
        ("</think>\n\nDirect answer", True, ("", "Direct answer")),
        ("still thinking when the limit hit", True, ("still thinking when the limit hit", "")),
        ("  <think>hmm</think> yes", False, ("hmm", "yes")),
        ("No thinking at all.", False, ("", "No thinking at all.")),
        ("Answer first <think>not reasoning</think>", False, ("", "Answer first <think>not reasoning</think>")),
        ("a</think>b</think>c<think>d", True, ("a", "b</think>c<think>d")),
        ("", True, ("", "")),
        ("", False, ("", "")),
    ],
)
def test_rules(text: str, forced: bool, expected: tuple[str, str]) -> None:
    assert split_reasoning(text, forced_open=forced) == expected
    assert stream([text], forced)[:2] == expected


def test_unfinished_thinking_is_reported() -> None:
    assert not parse_reasoning("cut off mid-thought", forced_open=True).finished
    assert parse_reasoning("done</think>x", forced_open=True).finished
    r = parse_reasoning("plain", forced_open=False)
    assert r.finished and not r.thought


def test_tag_split_across_deltas_is_never_shown_then_retracted() -> None:
    s = ReasoningSplitter(forced_open=True)
    shown = s.feed("thinking </th")
    assert shown == [("reasoning", "thinking ")]
    assert s.in_reasoning
    assert s.feed("ink>\n\nanswer") == [("answer", "\n\nanswer")]
    assert s.finished_thinking and s.in_answer


def test_partial_open_tag_held_until_known() -> None:
    s = ReasoningSplitter(forced_open=False)
    assert s.feed("  <thi") == []
    assert s.feed("nk>idea") == [("reasoning", "idea")]
    s2 = ReasoningSplitter(forced_open=False)
    assert s2.feed("<th") == []
    assert s2.feed("e end") == [("answer", "<the end")]


@pytest.mark.parametrize(
    ("prompt", "opens"),
    [
        ("<｜begin▁of▁sentence｜><｜User｜>hi<｜Assistant｜><think>\n", True),
        ("<｜begin▁of▁sentence｜><｜User｜>hi<｜Assistant｜>", False),
        ("<｜User｜>hi<｜Assistant｜><think>\n\n</think>\n\n", False),
        ("<|im_start|>assistant\n", False),
    ],
)
def test_forced_open_from_prompt(prompt: str, opens: bool) -> None:
    assert prompt_opens_reasoning(prompt) is opens


_alphabet = st.sampled_from(["<think>", "</think>", "<", "/", "think", ">", "a", " ", "\n", "</th", "ink>", "é", "x"])
_texts = st.lists(_alphabet, max_size=14).map("".join)


@settings(max_examples=600, deadline=None)
@given(text=_texts, cuts=st.lists(st.integers(min_value=0, max_value=200), max_size=12), forced=st.booleans())
def test_any_chunking_gives_the_whole_text_split(text: str, cuts: list[int], forced: bool) -> None:
    points = sorted({c % (len(text) + 1) for c in cuts})
    parts = [text[a:b] for a, b in zip([0, *points], [*points, len(text)])]
    reasoning, answer, s = stream(parts, forced)
    assert (reasoning, answer) == split_reasoning(text, forced_open=forced)
    whole = parse_reasoning(text, forced_open=forced)
    assert s.finished_thinking == (whole.thought and whole.finished)


def test_only_an_r1_prompt_that_does_not_open_the_reasoning_needs_forcing() -> None:
    from app.core.r1.reasoning import needs_forced_think

    assert needs_forced_think("<｜User｜>q<｜Assistant｜>")
    assert not needs_forced_think("<｜User｜>q<｜Assistant｜><think>\n")
    assert not needs_forced_think("<|im_start|>user\nq<|im_end|>\n<|im_start|>assistant\n")  # ChatML: not R1
