"""The R1 protocol end to end with grammar-forced tiny models: prompt format, forced-open
detection, Deep Thinking off, thinking budget, answer now, loop guard, --dry-run, --samples."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from jinja2.sandbox import ImmutableSandboxedEnvironment

from app.core.inference.events import ChatOptions, Delta, LoadParams, Stats
from app.core.inference.local_engine import LocalEngine as Engine
from app.core.r1.sampling import Sampling
from app.core.r1.templates import fallback_template
from tests.support.engine_state import ensure_loaded
from tests.support.tiny_model import BOS, EOS, gbnf_literal, write_tiny_model

CONVERSATION = [
    {"role": "user", "content": "What is 2+2?"},
    {"role": "assistant", "content": "<think>\nTwo and two.\n</think>\n\nIt is **4**."},
    {"role": "user", "content": "And 3+3? Answer with a number."},
]
# A template written the way older R1 GGUFs were: no "<think>\n" after the generation prompt.
OLD_TEMPLATE = fallback_template().replace("'<｜Assistant｜><think>\\n'", "'<｜Assistant｜>'")


def reference_render(template: str, messages: list[dict[str, str]]) -> str:
    """What a Hugging Face-style renderer makes of a template (transformers' Jinja settings)."""
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
    return env.from_string(template).render(messages=messages, bos_token=BOS, eos_token=EOS, add_generation_prompt=True)


def collect(
    engine: Engine, options: ChatOptions, sampling: Sampling | None = None, messages: list[dict[str, str]] | None = None
) -> tuple[str, str, Stats]:
    parts = {"reasoning": "", "answer": ""}
    stats = None
    for ev in engine.stream_chat(messages or CONVERSATION[:1], sampling or Sampling(max_tokens=400), options):
        if isinstance(ev, Delta):
            parts[ev.kind] += ev.text
        else:
            stats = ev
    assert stats is not None
    return parts["reasoning"].strip(), parts["answer"].strip(), stats


@pytest.fixture()
def r1(engine: Engine, tiny_model: Path) -> Engine:
    """The tiny R1 model at 2,048 tokens, whatever an earlier test of the module loaded."""
    return ensure_loaded(engine, LoadParams(str(tiny_model), n_ctx=2048))


# ---- prompt format -----------------------------------------------------------------------------


def test_prompt_matches_the_template_byte_for_byte(r1: Engine) -> None:
    rendered = r1.render_prompt(CONVERSATION)
    assert rendered.text == reference_render(fallback_template(), CONVERSATION)
    assert rendered.text.startswith(BOS) and rendered.text.count(BOS) == 1
    assert "Two and two" not in rendered.text  # earlier reasoning is not sent back
    assert rendered.text.endswith("<｜Assistant｜><think>\n")
    assert rendered.forced_open and rendered.template == "gguf"


def test_special_tokens_tokenize_as_special_and_bos_is_single(r1: Engine) -> None:
    # BOS + <｜User｜> + 12 byte tokens + <｜Assistant｜> + <think> + "\n": special strings are one token each.
    rendered = r1.render_prompt([{"role": "user", "content": "What is 2+2?"}])
    assert rendered.n_tokens == 1 + 1 + len("What is 2+2?") + 1 + 1 + 1


def test_dry_run_cli_prints_exactly_the_prompt(tiny_model: Path, tmp_path: Path) -> None:
    conv = tmp_path / "conv.json"
    conv.write_text(json.dumps(CONVERSATION), encoding="utf-8")
    cmd = [sys.executable, "-m", "app", "ask", "--model", str(tiny_model), "--messages", str(conv), "--dry-run"]
    r = subprocess.run(cmd, capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode("utf-8") == reference_render(fallback_template(), CONVERSATION)
    r = subprocess.run([*cmd, "--json"], capture_output=True, text=True, timeout=120)
    out = json.loads(r.stdout)
    assert out["prompt"] == reference_render(fallback_template(), CONVERSATION) and out["n_tokens"] > 20


def test_old_template_gets_think_forced_and_the_stats_say_so(engine: Engine, tmp_path: Path) -> None:
    engine.load(LoadParams(str(write_tiny_model(tmp_path / "old.gguf", template=OLD_TEMPLATE)), n_ctx=1024))
    rendered = engine.render_prompt(CONVERSATION[:1])
    assert rendered.text.endswith("<｜Assistant｜><think>\n") and rendered.forced_open and rendered.think_forced
    reasoning, answer, stats = collect(engine, ChatOptions(grammar=gbnf_literal("Hmm.\n</think>\n\n4")))
    assert (reasoning, answer) == ("Hmm.", "4") and stats.forced_open and stats.think_forced
    off = engine.render_prompt(CONVERSATION[:1], ChatOptions(think=False))
    assert off.text.endswith("<｜Assistant｜><think>\n\n</think>\n\n") and not off.think_forced


def test_old_template_without_forcing_lets_the_model_open_think_itself(engine: Engine, tmp_path: Path) -> None:
    engine.load(LoadParams(str(write_tiny_model(tmp_path / "old.gguf", template=OLD_TEMPLATE)), n_ctx=1024))
    rendered = engine.render_prompt(CONVERSATION[:1], ChatOptions(force_think=False))
    assert rendered.text.endswith("<｜Assistant｜>") and not rendered.forced_open and not rendered.think_forced
    no_force = {"force_think": False}
    reasoning, answer, stats = collect(
        engine, ChatOptions(grammar=gbnf_literal("<think>\nHmm.\n</think>\n\n4"), **no_force)
    )
    assert (reasoning, answer) == ("Hmm.", "4") and stats.thought and not stats.forced_open
    reasoning, answer, stats = collect(engine, ChatOptions(grammar=gbnf_literal("Just 4."), **no_force))
    assert (reasoning, answer) == ("", "Just 4.") and not stats.thought and not stats.think_forced


def test_a_current_template_is_not_forced_again(engine: Engine, tiny_model: Path) -> None:
    engine.load(LoadParams(str(tiny_model), n_ctx=1024))
    rendered = engine.render_prompt(CONVERSATION[:1])
    assert rendered.text.endswith("<｜Assistant｜><think>\n") and not rendered.text.endswith("<think>\n<think>\n")
    assert not rendered.think_forced


def test_dry_run_shows_the_forced_think(tmp_path: Path) -> None:
    model = write_tiny_model(tmp_path / "old.gguf", template=OLD_TEMPLATE)
    cmd = [sys.executable, "-m", "app", "ask", "--model", str(model), "--dry-run", "What is 2+2?"]
    r = subprocess.run(cmd, capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode("utf-8").endswith("<｜Assistant｜><think>\n") and b"forced" in r.stderr
    out = json.loads(subprocess.run([*cmd, "--json"], capture_output=True, text=True, timeout=120).stdout)
    assert out["think_forced"] is True
    r = subprocess.run([*cmd, "--no-force-think"], capture_output=True, timeout=120)
    assert r.stdout.decode("utf-8").endswith("<｜Assistant｜>")


def test_fallback_format_is_the_official_r1_format(engine: Engine, tmp_path: Path) -> None:
    engine.load(LoadParams(str(write_tiny_model(tmp_path / "none.gguf", template=None)), n_ctx=1024))
    rendered = engine.render_prompt(CONVERSATION)
    assert rendered.template == "fallback" and "no chat template" in (rendered.template_problem or "")
    assert rendered.text == (
        f"{BOS}<｜User｜>What is 2+2?<｜Assistant｜>\n\nIt is **4**.{EOS}"
        "<｜User｜>And 3+3? Answer with a number.<｜Assistant｜><think>\n"
    )
    _, _, stats = collect(engine, ChatOptions(grammar=gbnf_literal("ok</think>6")))
    assert stats.template == "fallback" and stats.template_problem


# ---- reasoning controls ------------------------------------------------------------------------


def test_deep_thinking_off_prefills_an_empty_block(r1: Engine) -> None:
    rendered = r1.render_prompt(CONVERSATION[:1], ChatOptions(think=False))
    assert rendered.text.endswith("<｜Assistant｜><think>\n\n</think>\n\n")
    assert not rendered.forced_open
    reasoning, answer, stats = collect(r1, ChatOptions(think=False, grammar=gbnf_literal("Four.")))
    assert (reasoning, answer) == ("", "Four.") and not stats.thought and stats.reasoning_tokens == 0


def test_thinking_budget_closes_reasoning_and_lets_the_model_answer(r1: Engine) -> None:
    reasoning, answer, stats = collect(
        r1,
        ChatOptions(think_budget=20, loop_guard=False, grammar=gbnf_literal("think " * 200)),
        Sampling(max_tokens=60),
    )
    assert stats.reasoning_tokens == 20
    assert stats.answered_early == "budget" and stats.thinking_finished
    assert answer, "the model goes on to write an answer after the budget"
    assert stats.generated_tokens == 60 and stats.finish_reason == "length"
    assert "</think>" not in reasoning + answer


@pytest.mark.parametrize("at", [1, 37, 150])
def test_answer_now_from_another_thread_closes_the_reasoning_at_that_token(r1: Engine, at: int) -> None:
    """Pressed while the model thinks (from another thread, as the window's button does), Answer
    now closes the reasoning after exactly the token it was pressed at (``hold_at`` pins the
    press to a token, so the count holds at any machine speed) and the model goes on to answer."""
    parts = {"reasoning": "", "answer": ""}
    stats = None
    pressed = None
    for ev in r1.stream_chat(
        CONVERSATION[:1],
        Sampling(max_tokens=3000),
        ChatOptions(loop_guard=False, grammar=gbnf_literal("ponder " * 600), hold_at=at),
    ):
        if isinstance(ev, Delta):
            parts[ev.kind] += ev.text
            if pressed is None:
                pressed = threading.Thread(target=r1.answer_now)
                pressed.start()
        else:
            stats = ev
    assert pressed is not None
    pressed.join()
    assert stats is not None and stats.answered_early == "answer_now"
    assert stats.reasoning_tokens == at
    assert stats.thinking_finished and parts["answer"].strip()
    assert "</think>" not in parts["reasoning"] + parts["answer"]


def test_stop_at_an_exact_token_keeps_what_was_written(r1: Engine) -> None:
    text = ""
    stats = None
    for ev in r1.stream_chat(
        CONVERSATION[:1],
        Sampling(max_tokens=3000),
        ChatOptions(loop_guard=False, grammar=gbnf_literal("ab" * 600), hold_at=25),
    ):
        if isinstance(ev, Delta):
            text += ev.text
            threading.Thread(target=r1.cancel).start()
        else:
            stats = ev
    assert stats is not None and stats.finish_reason == "cancelled"
    assert stats.generated_tokens == 25 and text == ("ab" * 600)[:25]


def test_loop_guard_ends_looping_reasoning(r1: Engine) -> None:
    reasoning, answer, stats = collect(
        r1, ChatOptions(grammar=gbnf_literal("Wait, let me check. " * 200)), Sampling(max_tokens=5000)
    )
    assert stats.answered_early == "loop"
    assert stats.reasoning_tokens < 1500
    # The answer repeats the same phrase too (the grammar forces it), so it is stopped as well.
    assert stats.finish_reason == "loop"


def test_loop_guard_off_lets_it_run(r1: Engine) -> None:
    _, _, stats = collect(
        r1, ChatOptions(loop_guard=False, grammar=gbnf_literal("la " * 300)), Sampling(max_tokens=700)
    )
    assert stats.answered_early == "" and stats.finish_reason in ("stop", "length")


def test_self_consistency_majority(tiny_model: Path) -> None:
    grammar = gbnf_literal("Adding.\n</think>\n\nSo \\boxed{6}.")
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "ask",
            "--model",
            str(tiny_model),
            "--ctx",
            "512",
            "--samples",
            "3",
            "--json",
            "--grammar",
            grammar,
            "What is 3+3?",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert [s["boxed"] for s in out["samples"]] == ["6", "6", "6"]
    assert out["majority"] == {"answer": "6", "votes": 3, "samples": 3}


def test_json_has_boxed_reasoning_answer_and_settings(tiny_model: Path) -> None:
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "ask",
            "--model",
            str(tiny_model),
            "--ctx",
            "512",
            "--preset",
            "Math",
            "--json",
            "--grammar",
            gbnf_literal("Three and three.\n</think>\n\nThe sum is \\boxed{6}."),
            "What is 3+3?",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["reasoning"] == "Three and three." and out["answer"] == "The sum is \\boxed{6}."
    assert out["boxed"] == "6" and out["preset"] == "Math"
    assert out["sampling"]["temperature"] == 0.6 and out["sampling"]["top_k"] == 0
    assert out["stats"]["thinking_finished"] is True
