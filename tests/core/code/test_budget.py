"""The context budget: the meter's numbers, when a message does not fit, and the ways out."""

from __future__ import annotations

from app.core.code.budget import (
    MIN_REPLY_TOKENS,
    Budget,
    context_to_fit,
    refusal,
    remedies,
    turn_tokens,
    turns_to_drop,
)


def test_the_reserve_is_the_max_tokens_capped_by_what_is_left() -> None:
    b = Budget(n_ctx=32768, prompt=7002, attachments=5678, new_text=90)
    assert b.history == 1234 and b.left == 25766
    assert b.reserve == 25766 and b.fits and b.level == "ok"
    assert b.summary() == "7,002 / 32,768"
    used, reserve = b.fractions()
    assert round(used + reserve, 6) == 1.0
    tip = b.breakdown()
    assert "Prompt: 7,002 tokens of the 32,768-token context" in tip
    assert "earlier turns 1,234, attachments 5,678, your message 90" in tip
    assert "Reasoning reserve: 25,766 tokens (up to 32,768 new tokens, capped by what is left)" in tip
    assert "Counted with the model's tokenizer." in tip


def test_a_thinking_budget_is_the_reserve_and_must_fit_whole() -> None:
    b = Budget(n_ctx=8192, prompt=4000, think_budget=6000)
    assert b.reserve == 6000 and b.needed == 6000 and not b.fits and b.level == "over"
    assert "the thinking budget needs at least 6,000 more" in b.problem()
    assert Budget(n_ctx=8192, prompt=2000, think_budget=6000).level == "ok"


def test_little_room_to_think_is_tight_and_too_little_does_not_fit() -> None:
    assert Budget(n_ctx=4096, prompt=1000).level == "tight"  # 3,096 left: a long reasoning gets cut
    assert Budget(n_ctx=8192, prompt=266).level == "ok"
    b = Budget(n_ctx=8192, prompt=7900, attachments=0, new_text=250)
    assert b.needed == MIN_REPLY_TOKENS and not b.fits
    assert b.problem() == (
        "This message does not fit: the prompt is 7,900 tokens (earlier turns 7,650, attachments 0, "
        "your message 250) and a reply needs at least 1,024 more, but the model's context holds 8,192."
    )
    over = Budget(n_ctx=2048, prompt=2300)
    assert "more than the model's context of 2,048" in over.problem()
    assert Budget(n_ctx=2048, prompt=100, max_tokens=200).needed == 200  # a short preset needs less
    assert Budget(n_ctx=2048, prompt=1600).needed == 512  # a small context: a quarter of it
    assert Budget(n_ctx=512, prompt=18).fits  # chosen on purpose, it still answers


def test_an_unknown_context_never_blocks() -> None:
    b = Budget(n_ctx=0, prompt=5000, estimated=True)
    assert b.fits and b.level == "unknown" and b.summary() == "≈ 5,000"
    assert "Estimated from the text's length" in b.breakdown()


def test_turns_to_drop_counts_the_oldest_turns_that_free_enough() -> None:
    sizes = turn_tokens(["user", "assistant", "user", "assistant", "user", "assistant"], [100, 300, 50, 250, 10, 20])
    assert sizes == [400, 300, 30]
    b = Budget(n_ctx=8192, prompt=7900)  # 732 short of a 1,024-token reply
    assert turns_to_drop(b, [400, 300, 30]) is None
    assert turns_to_drop(b, [400, 300, 200]) == 3
    assert turns_to_drop(b, [900, 10]) == 1
    assert turns_to_drop(Budget(n_ctx=4096, prompt=100), [5]) == 0


def test_a_longer_context_is_a_usual_size_within_the_model() -> None:
    b = Budget(n_ctx=2048, prompt=1900)
    assert context_to_fit(b, 131072) == 8192  # room for the prompt and 4K of reasoning
    assert context_to_fit(b, 4096) == 4096  # the model's maximum still holds a reply
    assert context_to_fit(b, 2048) is None
    assert context_to_fit(Budget(n_ctx=8192, prompt=7000, think_budget=4000), 131072) == 16384


def test_the_cli_refusal_names_every_way_out_with_numbers() -> None:
    b = Budget(n_ctx=2048, prompt=1900, attachments=900, new_text=20, files=3)
    r = remedies(b, [400, 300, 200], longer=4096, detail="needs 0.1 GB of 12.0 GB")
    assert r.drop_turns == 1 and r.attachments_enough
    text = refusal(b, r)
    assert text.startswith(
        "This message does not fit: the prompt is 1,900 tokens (earlier turns 980, attachments 900 (3 files)"
    )
    assert "leave out the oldest 1 turn of --messages" in text
    assert "attach less (the attachments take 900 tokens)" in text
    assert "load with a longer context: --ctx 4096 (needs 0.1 GB of 12.0 GB)" in text


def test_a_new_chat_has_no_earlier_turns_only_the_template() -> None:
    """Issue 24 item 8: the template's markers were counted as "earlier turns 41" in a new chat."""
    b = Budget(n_ctx=8192, prompt=5081, attachments=5000, new_text=40, files=3, earlier=0)
    assert b.history == 0 and b.template == 41
    assert b.parts() == "attachments 5,000 (3 files), your message 40, chat template 41"
    later = Budget(n_ctx=8192, prompt=6300, attachments=5000, new_text=40, earlier=1200)
    assert later.parts() == "earlier turns 1,200, attachments 5,000, your message 40, chat template 60"
