"""The R1 protocol on the real DeepSeek-R1-Distill-Qwen-7B tokenizer and chat template (the
``r1_model`` fixture: the checkpoint's own header on one tiny layer): the prompt's token ids, one
BOS, the old template's forced ``<think>``, the reasoning split at the single ``</think>`` token,
the close Answer now writes, token counts."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator

import pytest

from app.core.errors import ModelFileError
from app.core.inference.events import ChatOptions, Delta, LoadParams, Stats
from app.core.inference.llama_runner import LlamaRunner
from app.core.inference.local_engine import LocalEngine
from app.core.inference.wire import ChatRequest
from app.core.models.gguf_header import read_gguf
from app.core.r1.reasoning import needs_forced_think
from app.core.r1.sampling import Sampling
from tests.support.engine_state import ensure_loaded
from tests.support.r1_model import (
    ASSISTANT_ID,
    BOS,
    BOS_ID,
    END_THINK_ID,
    EOS_ID,
    N_VOCAB,
    THINK_ID,
    USER_ID,
    R1Model,
)
from tests.support.r1_model import official_render as official
from tests.support.tiny_model import gbnf_literal

ASK = [{"role": "user", "content": "1+1?"}]
ASK_TOKENS = [BOS_ID, USER_ID, 16, 10, 16, 30, ASSISTANT_ID]  # BOS <｜User｜> 1 + 1 ? <｜Assistant｜>
CONVERSATION = [
    {"role": "user", "content": "What is 2+2?"},
    {"role": "assistant", "content": "<think>\nTwo and two.\n</think>\n\nIt is **4**."},
    {"role": "user", "content": "And 3+3? Answer with a number."},
]
FORCED = "Hmm, 1+1 is 2.\n</think>\n\nThe answer is **2**."


def collect(engine: LocalEngine, options: ChatOptions, sampling: Sampling | None = None) -> tuple[str, str, Stats]:
    parts = {"reasoning": "", "answer": ""}
    stats = None
    for ev in engine.stream_chat(ASK, sampling or Sampling(max_tokens=200), options):
        if isinstance(ev, Delta):
            parts[ev.kind] += ev.text
        else:
            stats = ev
    assert stats is not None
    return parts["reasoning"].strip(), parts["answer"].strip(), stats


@pytest.fixture(scope="module")
def runner(r1_model: R1Model) -> Iterator[LlamaRunner]:
    """The runner in this process: the token ids the app evaluates, not only their number."""
    r = LlamaRunner(LoadParams(str(r1_model.path), n_ctx=2048, n_threads=1))
    yield r
    r.close()


@pytest.fixture()
def r1(engine: LocalEngine, r1_model: R1Model) -> LocalEngine:
    return ensure_loaded(engine, LoadParams(str(r1_model.path), n_ctx=2048))


# ---- the fixture is the checkpoint's header ------------------------------------------------------


def test_the_header_is_the_checkpoints_own_with_the_old_template(r1_model: R1Model) -> None:
    with pytest.raises(ModelFileError, match="incomplete"):  # the cut file, as a broken download
        read_gguf(r1_model.source)
    info = read_gguf(r1_model.path)
    assert (info.architecture, info.n_vocab, info.context_length) == ("qwen2", N_VOCAB, 131072)
    meta = info.metadata
    assert (meta["tokenizer.ggml.bos_token_id"], meta["tokenizer.ggml.eos_token_id"]) == (BOS_ID, EOS_ID)
    assert meta["tokenizer.ggml.pre"] == "deepseek-r1-qwen"
    assert info.chat_template == r1_model.template
    assert "<｜tool▁calls▁begin｜>" in r1_model.template  # the checkpoint's tool-call sections
    # The pre-February-2025 template: the prompt ends at the assistant's turn, reasoning not opened.
    rendered = official(r1_model.template, ASK)
    assert rendered == f"{BOS}<｜User｜>1+1?<｜Assistant｜>" and needs_forced_think(rendered)


def test_special_tokens_keep_their_attributes(r1_model: R1Model) -> None:
    import llama_cpp

    vocab = llama_cpp.Llama(str(r1_model.vocab_path), vocab_only=True, verbose=False)  # the header alone
    # <think> and </think> are user-defined: their text is their piece even without special=True,
    # which is how the app's token loop reads them; the <｜…｜> tokens are control tokens.
    assert vocab.detokenize([THINK_ID, END_THINK_ID]) == b"<think></think>"
    assert vocab.detokenize([USER_ID, ASSISTANT_ID]) == b""
    assert vocab.detokenize([USER_ID], special=True) == "<｜User｜>".encode()
    assert vocab.tokenize(b"</think>", add_bos=False, special=True) == [END_THINK_ID]


# ---- the prompt, token by token ------------------------------------------------------------------


def test_the_old_template_gets_think_forced_as_its_token(runner: LlamaRunner) -> None:
    rendered, tokens = runner.render(ChatRequest(ASK))
    assert rendered.text == f"{BOS}<｜User｜>1+1?<｜Assistant｜><think>\n"
    assert tokens == ASK_TOKENS + [THINK_ID, 198]  # <think> "\n"
    assert rendered.n_tokens == 9 and rendered.template == "gguf"
    assert rendered.think_forced and rendered.forced_open

    rendered, tokens = runner.render(ChatRequest(ASK, options=ChatOptions(force_think=False)))
    assert tokens == ASK_TOKENS and not rendered.think_forced and not rendered.forced_open

    rendered, tokens = runner.render(ChatRequest(ASK, options=ChatOptions(think=False)))
    assert tokens == ASK_TOKENS + [THINK_ID, 271, END_THINK_ID, 271]  # <think> "\n\n" </think> "\n\n"
    assert not rendered.think_forced and not rendered.forced_open


def test_a_conversation_renders_as_the_official_template_plus_forced_think(
    runner: LlamaRunner, r1_model: R1Model
) -> None:
    rendered, tokens = runner.render(ChatRequest(CONVERSATION))
    assert rendered.text == official(r1_model.template, CONVERSATION) + "<think>\n"
    assert "Two and two" not in rendered.text  # earlier reasoning is not sent back
    assert tokens[0] == BOS_ID and tokens.count(BOS_ID) == 1  # the template writes BOS; none is added
    assert tokens.count(EOS_ID) == 1 and tokens[-2:] == [THINK_ID, 198]
    assert rendered.n_tokens == len(tokens)


def test_dry_run_shows_the_forced_think(r1_model: R1Model) -> None:
    cmd = [sys.executable, "-m", "app", "ask", "--model", str(r1_model.path), "--dry-run", "1+1?"]
    r = subprocess.run(cmd, capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode("utf-8") == f"{BOS}<｜User｜>1+1?<｜Assistant｜><think>\n" and b"forced" in r.stderr
    out = json.loads(subprocess.run([*cmd, "--json"], capture_output=True, text=True, timeout=120).stdout)
    assert out["think_forced"] is True and out["n_tokens"] == 9


# ---- the reasoning split at the token level ------------------------------------------------------


def test_the_end_of_reasoning_token_splits_reasoning_from_answer(r1: LocalEngine, r1_model: R1Model) -> None:
    written = r1_model.spelling(FORCED)
    assert END_THINK_ID in written  # the model writes </think> as its one token, not as "</", "think", ">"
    reasoning, answer, stats = collect(r1, ChatOptions(grammar=gbnf_literal(FORCED)))
    assert (reasoning, answer) == ("Hmm, 1+1 is 2.", "The answer is **2**.")
    assert stats.prompt_tokens == 9 and stats.generated_tokens == len(written)
    assert stats.reasoning_tokens == written.index(END_THINK_ID) + 1
    assert stats.think_forced and stats.forced_open and stats.thought and stats.thinking_finished
    assert stats.finish_reason == "stop" and stats.template == "gguf"


def test_unforced_the_model_opens_its_reasoning_with_the_think_token(r1: LocalEngine, r1_model: R1Model) -> None:
    text = "<think>\nHmm.\n</think>\n\n2"
    assert r1_model.spelling(text)[0] == THINK_ID
    reasoning, answer, stats = collect(r1, ChatOptions(force_think=False, grammar=gbnf_literal(text)))
    assert (reasoning, answer) == ("Hmm.", "2")
    assert stats.prompt_tokens == 7 and stats.thought and not stats.forced_open and not stats.think_forced
    reasoning, answer, stats = collect(r1, ChatOptions(force_think=False, grammar=gbnf_literal("Just 2.")))
    assert (reasoning, answer) == ("", "Just 2.") and not stats.thought


def test_deep_thinking_off_answers_at_once(r1: LocalEngine) -> None:
    reasoning, answer, stats = collect(r1, ChatOptions(think=False, grammar=gbnf_literal("2")))
    assert (reasoning, answer) == ("", "2")
    assert stats.prompt_tokens == 11 and stats.reasoning_tokens == 0 and not stats.think_forced


def test_the_thinking_budget_closes_with_the_real_end_token(r1: LocalEngine, r1_model: R1Model) -> None:
    """The close the engine writes for the model ("\\n</think>\\n\\n") is three tokens of the real
    vocabulary, </think> one of them; the grammar then starts the forced text over as the answer."""
    text = "Let me count. " * 20
    written = r1_model.spelling(text)
    budget, limit = 4, 16
    reasoning, answer, stats = collect(
        r1,
        ChatOptions(think_budget=budget, loop_guard=False, grammar=gbnf_literal(text)),
        Sampling(max_tokens=limit),
    )
    assert stats.answered_early == "budget" and stats.reasoning_tokens == budget
    assert reasoning == r1_model.spelling.text(written[:budget]).strip()
    closing = 3  # "\n", "</think>", "\n\n"
    assert answer == r1_model.spelling.text(written[: limit - budget - closing]).strip()
    assert stats.generated_tokens == limit and stats.finish_reason == "length"


# ---- token counts --------------------------------------------------------------------------------


def test_special_tokens_count_as_one(r1_model: R1Model) -> None:
    """The composer's counter (the model opened for its vocabulary only) counts R1's tags as the
    template's tokens, and the prompt as the generation will evaluate it."""
    with LocalEngine() as engine:
        engine.load(LoadParams(str(r1_model.path), n_ctx=2048, vocab_only=True))
        got = engine.count_tokens(["<think>", "</think>", "<｜User｜>", "1+1?", ""], ASK, ChatOptions())
    assert got.counts == [1, 1, 1, 4, 0] and not got.estimated
    assert got.prompt_tokens == 9
