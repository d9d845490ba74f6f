"""The composer's controls kept in the settings: Deep Thinking, the preset, the thinking budget
and Solve × k stay as the user left them, for new chats and the next start (one rule for all;
before, some carried over to new chats and all were reset at a restart). And Deep Thinking's
look when the model answered without reasoning."""

from __future__ import annotations

from app.core.settings import Settings
from app.ui.chat.composer import Composer
from app.ui.text.i18n import translate

LEAST_BUDGET = 16  # the settings' least thinking budget


def show(c: Composer, s: Settings) -> None:
    """The controls as the settings keep them."""
    c.budget.setValue(s.think_budget or 0)
    c.deep_thinking.setChecked(s.deep_thinking)
    c.samples_box.setValue(s.samples)
    i = c.preset.findData(s.preset)
    if i >= 0:
        c.preset.setCurrentIndex(i)


def read(c: Composer, s: Settings) -> Settings:
    """``s`` with what the controls say now."""
    budget = c.think_budget()
    return s.with_(
        preset=c.preset_name() or s.preset,
        think_budget=max(LEAST_BUDGET, budget) if budget else None,
        deep_thinking=c.think_enabled(),
        samples=c.samples(),
    )


def show_idle(c: Composer, idle: bool, model: str = "") -> None:
    """Deep Thinking is on but the model answered without reasoning (it may not be a reasoning
    model): the button says so instead of looking as if it did something."""
    button = c.deep_thinking
    tip = translate("Composer", "On: the model reasons before answering. Off: it answers directly.")
    if idle:
        tip = translate(
            "Composer", "On, but {model} answered without reasoning: it may not be a reasoning model."
        ).format(model=model or translate("Composer", "the model"))
    button.setToolTip(tip)
    button.setAccessibleDescription(tip)
    if button.property("idle") != idle:
        button.setProperty("idle", idle)
        button.style().unpolish(button)
        button.style().polish(button)
