"""Token counts for the composer's chips and meter: counted in the model process with the model's
own tokenizer (checked against llama.cpp's directly), estimated for a remote model and said so."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.code.attach import attach, block, files_of
from app.core.config.endpoints import Endpoint
from app.core.inference.events import ChatOptions, LoadParams
from app.core.inference.local_engine import LocalEngine
from app.core.inference.remote_engine import RemoteEngine, estimate_tokens
from tests.support.code_fixture import make_project


def _tokenizer(model: Path):  # llama.cpp's own, in this process, for the check
    import llama_cpp

    return llama_cpp.Llama(str(model), vocab_only=True, verbose=False)


@pytest.mark.parametrize("which", ["tiny", "smollm", "r1"])
def test_counts_match_the_models_tokenizer(which: str, tiny_model: Path, request, tmp_path: Path) -> None:
    if which == "r1":  # the real DeepSeek-R1-Distill-Qwen-7B tokenizer
        model = request.getfixturevalue("r1_model").path
    else:
        model = tiny_model if which == "tiny" else request.getfixturevalue("smollm_path")
    blocks = [block(f) for f in files_of([attach(make_project(tmp_path))])]
    texts = [*blocks, "Why does greet fail? <think>", ""]
    messages = [{"role": "user", "content": "\n\n".join(blocks[:2]) + "\n\nWhy?"}]
    with LocalEngine() as engine:
        engine.load(LoadParams(str(model), n_ctx=2048, vocab_only=True))
        got = engine.count_tokens(texts, messages, ChatOptions())
        rendered = engine.render_prompt(messages, ChatOptions())
    llm = _tokenizer(model)
    want = [len(llm.tokenize(t.encode(), add_bos=False, special=True)) if t else 0 for t in texts]
    assert got.counts == want and not got.estimated
    assert all(n > 0 for n in got.counts[:-1])
    prompt = llm.tokenize(rendered.text.encode(), add_bos=False, special=True)
    bos = llm.token_bos()
    adds_bos = llm._model.add_bos_token() and prompt[0] != bos  # as the runner does: one BOS, never two
    assert got.prompt_tokens == rendered.n_tokens == len(prompt) + adds_bos


def test_a_remote_model_estimates_and_says_so() -> None:
    remote = RemoteEngine(Endpoint("box", "http://127.0.0.1:9/v1"))
    c = remote.count_tokens(["x" * 35, ""], [{"role": "user", "content": "y" * 70}])
    assert c.estimated and c.counts == [10, 0] and c.prompt_tokens == 20 + 8
    assert estimate_tokens("abcd") == 2
