"""The thinking pane's policy: the mode decides, the user's own click wins."""

from __future__ import annotations

import pytest

from app.core.chats.thinking import PaneMode, Thinking, ThinkingState, from_stats
from tests.support.fake_engine import stats

LIVE, DONE, UNFINISHED = (
    Thinking(s, 3.0, 120) for s in (ThinkingState.LIVE, ThinkingState.DONE, ThinkingState.UNFINISHED)
)


@pytest.mark.parametrize(
    ("th", "mode", "user", "open_"),
    [
        (LIVE, PaneMode.COLLAPSE, None, True),
        (DONE, PaneMode.COLLAPSE, None, False),
        (UNFINISHED, PaneMode.COLLAPSE, None, True),
        (DONE, PaneMode.OPEN, None, True),
        (LIVE, PaneMode.COLLAPSED, None, False),
        (DONE, PaneMode.COLLAPSE, True, True),
        (LIVE, PaneMode.OPEN, False, False),
    ],
)
def test_who_decides(th: Thinking, mode: PaneMode, user: bool | None, open_: bool) -> None:
    assert th.wants_open(mode, user) is open_


def test_labels() -> None:
    assert LIVE.label == "Thinking… 3 s"
    assert DONE.label == "Thought for 3 s · 120 tokens"
    assert UNFINISHED.label == "Thinking unfinished · 3 s · 120 tokens"


def test_no_reasoning_no_pane() -> None:
    assert not from_stats(stats(4, thought=True), "   ", done=True, seconds=4).visible


def test_an_unknown_mode_falls_back_to_collapse() -> None:
    assert PaneMode.of("sideways") is PaneMode.COLLAPSE
