"""A draft model: refused with a sentence when its vocabulary is not the target's (read from the
GGUF files, not their names); where it is, the greedy answer with its drafts is the target's
own token for token, and ``ask --draft`` uses it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.errors import ModelFileError
from app.core.inference.events import ChatOptions, LoadParams, Stats
from app.core.inference.llama_runner import LlamaRunner
from app.core.inference.local_engine import LocalEngine
from app.core.models.draft_vocab import check_draft, read_vocab, vocab_difference
from tests.support.runner_answer import greedy_answer
from tests.support.tiny_model import TOOL_TOKENS, write_tiny_model


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Tiny models: the target, its twin (the same weights), a sibling (other weights, the same
    vocabulary), one with a longer vocabulary (extra tokens at the end), one spelling a token
    otherwise, and one named like the target whose vocabulary differs."""
    d = tmp_path_factory.mktemp("drafts")
    return {
        "target": write_tiny_model(d / "target.gguf"),
        "twin": write_tiny_model(d / "twin.gguf"),
        "sibling": write_tiny_model(d / "sibling.gguf", seed=1),
        "longer": write_tiny_model(d / "longer.gguf", extra_tokens=TOOL_TOKENS),
        "other": write_tiny_model(d / "other.gguf", token_texts={65: "Ġzebra"}),
        "same-name": write_tiny_model(d / "target-copy.gguf", token_texts={256: "<|im_start|>"}),
    }


def test_vocabularies_are_compared_not_names(models: dict[str, Path]) -> None:
    target = read_vocab(models["target"])
    assert vocab_difference(target, read_vocab(models["sibling"])) is None
    assert vocab_difference(target, read_vocab(models["longer"])) is None, "padding at the end is allowed"
    assert vocab_difference(target, read_vocab(models["other"])) == "token 65 is 'A' in one and 'Ġzebra' in the other"
    assert vocab_difference(target, read_vocab(models["same-name"])) is not None
    with pytest.raises(ModelFileError, match=r"other.gguf cannot draft for target.gguf: their vocabularies differ"):
        check_draft(models["target"], models["other"])


def test_the_engine_refuses_a_draft_with_another_vocabulary_before_loading(models: dict[str, Path]) -> None:
    with LocalEngine() as engine:
        with pytest.raises(ModelFileError, match="cannot draft for"):
            engine.load(LoadParams(str(models["target"]), n_ctx=512, draft_model=str(models["other"])))
        assert not engine.loaded and engine._proc is None, "llama.cpp never saw the pair"


def greedy(runner: LlamaRunner, options: ChatOptions) -> tuple[str, Stats]:
    return greedy_answer(runner, "Tell me about lighthouses.", options, 120)


@pytest.mark.parametrize("draft", ["twin", "sibling"])
def test_greedy_answer_with_a_draft_model_is_the_targets_own(models: dict[str, Path], draft: str) -> None:
    # one thread and flash attention: a verified batch's rows equal one token at a time, bit for bit
    params = LoadParams(str(models["target"]), n_ctx=1024, n_threads=1, n_threads_batch=1, flash_attn="on")
    runner = LlamaRunner(LoadParams(**{**params.__dict__, "draft_model": str(models[draft])}))
    try:
        plain, s0 = greedy(runner, ChatOptions(draft=False, loop_guard=False))
        drafted, s1 = greedy(runner, ChatOptions(draft_fixed=4, loop_guard=False))
        again, s2 = greedy(runner, ChatOptions(loop_guard=False))  # adaptive: the draft's cost counted
    finally:
        runner.close()
    assert s0.drafted_tokens == 0 and s1.drafted_tokens > 0
    assert drafted == plain and again == plain, "the target's greedy answer, token for token"
    assert s1.generated_tokens == s0.generated_tokens == s2.generated_tokens
    if draft == "twin":  # the same weights: every drafted token is the target's own
        assert s1.accepted_tokens == s1.drafted_tokens


def test_ask_with_a_draft_model(models: dict[str, Path]) -> None:
    cli = [sys.executable, "-m", "app", "ask", "--model", str(models["target"]), "--ctx", "1024", "--json"]
    cli += ["--temperature", "0", "--max-tokens", "40", "--no-loop-guard"]
    r = subprocess.run([*cli, "--draft", str(models["other"]), "Hi"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 1 and "other.gguf cannot draft for target.gguf" in r.stderr
    r = subprocess.run([*cli, "--draft", str(models["twin"]), "Hi"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["stats"]["generated_tokens"] > 0
