"""The figures the window shows while R1 thinks (issue 24, items 1 and 11): the thinking header's
token count, its meter and the status bar's tok/s move during one answer, and the meter's cap is
what the loaded context really leaves.

No timing decides anything here: the real engine holds its stream at an exact token
(``ChatOptions.hold_at``) while the test reads the screen, and the throttle's own clock is a
fake one in the second test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from PySide6.QtCore import QObject, Slot

from app.core.inference.coalesce import coalesce
from app.core.inference.events import Delta, Event, Tick
from app.ui.chat.live_figures import effective_cap
from tests.support.fake_engine import FakeEngine, stats
from tests.support.tiny_model import gbnf_literal
from tests.ui.conftest import send

HOLD = 24


class Screen(QObject):
    """Reads what the window shows each time the worker sends live figures (connected after the
    window's own slots, so it runs after them, on the GUI thread)."""

    def __init__(self, w) -> None:
        super().__init__()
        self.w = w
        self.counts: list[str] = []
        self.speeds: list[str] = []
        w.worker.tick.connect(self.on_tick)

    @Slot(int, float)
    def on_tick(self, _n: int, _speed: float) -> None:
        card = self.w.controller._card
        if card is not None and card.thinking.count.isVisible():
            self.counts.append(card.thinking.count.text())
        self.speeds.append(self.w.status_bar.speed.text())


def tokens_in(text: str) -> int:
    """12 from "12 / 4,000 tokens"."""
    return int(re.sub(r"\D", "", text.split("/")[0]))


def test_the_real_engine_shows_the_held_token_in_the_header_meter_and_status_bar(
    open_window, qtbot, tiny_model, monkeypatch
) -> None:
    from app.core.inference.local_engine import LocalEngine

    w = open_window(LocalEngine())
    reasoning = "step " * 120
    options = w.controller._options
    monkeypatch.setattr(
        w.controller,
        "_options",
        lambda: replace(options(), grammar=gbnf_literal(reasoning), loop_guard=False, hold_at=HOLD),
    )
    screen = Screen(w)
    w.composer.set_text("Count the steps.")
    w.composer.send.click()
    card = lambda: w.controller._card  # noqa: E731
    qtbot.waitUntil(lambda: card() is not None and card().thinking.count.text().startswith(f"{HOLD} "), timeout=60_000)
    # Held at token HOLD: the header, its meter and the status bar all say so.
    pane = card().thinking
    cap = effective_cap(32_768, w.facts.n_ctx, w.controller.live.prompt)
    assert w.controller.live.prompt > 0, "the engine said how long the prompt is"
    assert pane.count.text() == f"{HOLD} / {cap:,} tokens"
    assert pane.meter.value() == HOLD and pane.meter.maximum() == cap
    assert pane.meter.isVisible()
    qtbot.waitUntil(lambda: f"· {HOLD} tokens" in w.status_bar.speed.text(), timeout=60_000)
    assert "tok/s" in w.status_bar.speed.text()
    # What came before: counts that only grow, from the first token on. (The screen's reader runs
    # after the window's slots, in its own queued call: wait for it to have read the held token.)
    qtbot.waitUntil(lambda: bool(screen.counts) and tokens_in(screen.counts[-1]) == HOLD, timeout=60_000)
    seen = [tokens_in(t) for t in screen.counts]
    assert seen[0] <= 2 and seen[-1] == HOLD and seen == sorted(seen), seen
    w.controller.stop()
    qtbot.waitUntil(lambda: not w.controller.generating, timeout=60_000)
    assert w.controller.messages[-1].stats.generated_tokens == HOLD


def test_the_live_count_moves_through_the_throttle_at_least_every_half_second(open_window, qtbot) -> None:
    """The engine's stream goes through the one throttle, on a fake clock at 10 tokens/s: the
    header must show a new count at least every 5 tokens (half a second), never stand still."""
    now = [0.0]

    def thinking() -> Iterator[Event]:
        for n in range(1, 101):
            now[0] = n / 10
            yield Delta("reasoning", f"word{n} ")
            yield Tick(n, 10.0)
        yield Delta("answer", "Done.")
        yield stats(101, 100)

    e = FakeEngine()
    e.streams.append(coalesce(thinking(), clock=lambda: now[0]))  # type: ignore[arg-type]
    w = open_window(e)
    screen = Screen(w)
    send(qtbot, w, "Think for ten seconds.")
    seen = [tokens_in(t) for t in screen.counts]
    assert seen == sorted(seen) and len(set(seen)) == len(seen), "each update shows a new, larger count"
    gaps = [b - a for a, b in zip([0, *seen], seen, strict=False)]
    assert seen[-1] >= 95 and max(gaps) <= 5, seen
    assert len(screen.speeds) >= 20 and all("10.0 tok/s" in s for s in screen.speeds)


def test_the_cap_is_what_the_context_leaves() -> None:
    assert effective_cap(32_768, 8_192, 192) == 8_000
    assert effective_cap(1_000, 8_192, 192) == 1_000  # a thinking budget below that
    assert effective_cap(32_768, 0, 192) == 32_768  # a remote model that does not say its context
    assert effective_cap(None, 8_192, 9_000) == 0


def test_answer_now_is_said_on_the_card(open_window, qtbot, monkeypatch) -> None:
    """Issue 24 item 12: the reasoning closed by Answer now (the real engine, held at an exact
    token), by the budget or by the loop guard: the card says so."""
    from app.core.inference.local_engine import LocalEngine

    w = open_window(LocalEngine())
    options = w.controller._options
    grammar = gbnf_literal("step " * 60)
    monkeypatch.setattr(
        w.controller, "_options", lambda: replace(options(), grammar=grammar, loop_guard=False, hold_at=8)
    )
    w.composer.set_text("Count the steps.")
    w.composer.send.click()
    qtbot.waitUntil(
        lambda: w.controller._card is not None and "8 /" in w.controller._card.thinking.count.text(), timeout=60_000
    )
    card = w.controller._card
    w.controller.answer_now()
    qtbot.waitUntil(lambda: not w.controller.generating, timeout=60_000)
    assert w.controller.messages[-1].stats.answered_early == "answer_now"
    assert card.badge.isVisible() and card.badge.text().startswith("answered early: Answer now")


def test_a_budget_or_the_loop_guard_closing_the_reasoning_is_said_on_the_card(open_window, qtbot) -> None:
    e = FakeEngine()
    for why in ("budget", "loop"):
        e.streams.append(
            [Delta("reasoning", "again "), Delta("answer", "Done."), replace(stats(2, 1), answered_early=why)]
        )
    w = open_window(e)
    send(qtbot, w, "one")
    assert w.controller.view.turns()[-1].badge.text() == "reasoning cut: thinking budget reached"
    send(qtbot, w, "two")
    assert w.controller.view.turns()[-1].badge.text() == "reasoning cut: it was repeating"


def test_reading_a_long_prompt_says_how_long_is_left(qtbot, monkeypatch) -> None:
    """Issue 24 item 26: the steps of a long prompt come every few seconds; between them the card
    says the share read and the time left at the pace so far; before the second step, no share."""
    from app.core.chats.thinking import Thinking, ThinkingState
    from app.ui.chat import live_figures
    from app.ui.chat.live_figures import LiveFigures
    from app.ui.chat.message_widgets import AssistantMessageWidget
    from app.ui.render.markdown import MarkdownRenderer, Theme

    class Waiting:
        def waiting(self) -> float:
            return 12.0

        def thinking(self) -> Thinking:
            return Thinking(ThinkingState.NONE)

    clock = [100.0]
    monkeypatch.setattr(live_figures.time, "monotonic", lambda: clock[0])
    card = AssistantMessageWidget(MarkdownRenderer(Theme.named("light")))
    qtbot.addWidget(card)
    live = LiveFigures(Waiting())  # type: ignore[arg-type]
    live.begin(card, 32_768)
    live.on_reading(0, 3072)
    assert card.stats.text() == "Reading 3,072 tokens… 12 s"
    clock[0] += 10.0
    live.on_reading(512, 3072)  # 512 tokens in 10 s: 2,560 more take 50 s
    assert card.stats.text() == "Reading 3,072 tokens… 16 % · 12 s · about 50 s left"
    live.end()
