"""What clients receive from the engine's deltas: trimmed reasoning and answer, raw <think>
text, stop strings across delta boundaries."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.core.inference.events import Delta
from app.server.text import Shaper

STREAM = [
    Delta("reasoning", "\nSix "),
    Delta("reasoning", "sevens.\n"),
    Delta("answer", "\n\nThe answer"),
    Delta("answer", " is 42.\n"),
]


def run(shaper: Shaper, deltas: list[Delta]) -> tuple[str, str]:
    pieces = [shaper.feed(d) for d in deltas] + [shaper.finish()]
    return "".join(p.reasoning for p in pieces), "".join(p.content for p in pieces)


def test_deepseek_format_trims_both_parts() -> None:
    assert run(Shaper(raw=False), STREAM) == ("Six sevens.", "The answer is 42.")


def test_raw_format_keeps_the_think_block() -> None:
    assert run(Shaper(raw=True), STREAM) == ("", "<think>\n\nSix sevens.\n</think>\n\nThe answer is 42.\n")
    assert run(Shaper(raw=True, open_tag=""), STREAM)[1].startswith("\nSix")


def test_stop_string_split_across_deltas() -> None:
    shaper = Shaper(raw=False, stops=("is 4",))
    assert run(shaper, [*STREAM[:2], Delta("answer", "The answer i"), Delta("answer", "s 42.")]) == (
        "Six sevens.",
        "The answer",
    )
    assert shaper.stopped


def test_a_partial_stop_string_is_released_at_the_end() -> None:
    assert run(Shaper(raw=False, stops=("42!",)), STREAM)[1] == "The answer is 42."


@given(st.text(max_size=40), st.lists(st.integers(1, 10), max_size=8))
def test_streamed_pieces_join_to_the_stripped_whole(text: str, cuts: list[int]) -> None:
    deltas, i = [], 0
    for n in cuts:
        deltas.append(Delta("answer", text[i : i + n]))
        i += n
    deltas.append(Delta("answer", text[i:]))
    assert run(Shaper(raw=False), deltas)[1] == text.strip()
