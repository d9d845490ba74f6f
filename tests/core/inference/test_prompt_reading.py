"""A long prompt is read in steps with progress (``Reading`` events) before the first token, Stop
works while it is read, and the answer is the one llama.cpp gives without the steps."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.inference.events import ChatOptions, Delta, LoadParams, Reading, Stats
from app.core.inference.local_engine import LocalEngine
from app.core.inference.token_loop import READ_STEP
from app.core.r1.sampling import Sampling
from tests.support.code_fixture import APP_PY

LONG = "Read this code closely.\n\n" + APP_PY * 16 + "\nWhat does it print?"  # ~1,200 SmolLM2 tokens


@pytest.fixture(scope="module")
def smollm(smollm_path: Path):
    with LocalEngine() as engine:
        engine.load(LoadParams(str(smollm_path), n_ctx=8192))
        yield engine


def test_progress_then_the_same_answer_as_without_steps(tiny_model: Path) -> None:
    """The tiny model's greedy output is noise that depends on every cached key and value: the
    same noise as llama.cpp's own single pass means the steps left the cache exactly right."""
    import llama_cpp

    messages = [{"role": "user", "content": "Read this code closely.\n\n" + APP_PY * 8 + "\nWhat does it print?"}]
    greedy = Sampling(max_tokens=24, temperature=0.0)
    with LocalEngine() as engine:
        engine.load(LoadParams(str(tiny_model), n_ctx=4096))
        events = list(engine.stream_chat(messages, greedy, ChatOptions(loop_guard=False)))
        prompt = engine.render_prompt(messages)
    reading = [e for e in events if isinstance(e, Reading)]
    stats = events[-1]
    assert isinstance(stats, Stats) and stats.prompt_tokens > 2 * READ_STEP
    total = stats.prompt_tokens
    assert reading[0] == Reading(0, total) and reading[-1] == Reading(total - 1, total)
    assert [r.done for r in reading] == sorted(r.done for r in reading) and len(reading) >= 3
    assert events.index(reading[-1]) < min(i for i, e in enumerate(events) if isinstance(e, Delta))
    text = "".join(e.text for e in events if isinstance(e, Delta))
    llm = llama_cpp.Llama(str(tiny_model), n_ctx=4096, verbose=False)
    tokens = llm.tokenize(prompt.text.encode(), add_bos=False, special=True)
    out = []
    for tok in llm.generate(tokens, top_k=0, top_p=0.95, min_p=0.0, temp=0.0, repeat_penalty=1.0):
        if llama_cpp.llama_vocab_is_eog(llm._model.vocab, tok) or len(out) >= stats.generated_tokens:
            break
        out.append(tok)
    expected = llm.detokenize(out, special=True).decode("utf-8", "replace")
    llm.close()
    assert stats.generated_tokens > 0
    assert text.replace("<think>", "").replace("</think>", "").strip() == (
        expected.replace("<think>", "").replace("</think>", "").strip()
    )


def test_a_follow_up_reads_only_its_new_tokens(smollm) -> None:
    first = [{"role": "user", "content": LONG}]
    events = list(smollm.stream_chat(first, Sampling(max_tokens=8, temperature=0.0), ChatOptions(loop_guard=False)))
    answer = "".join(e.text for e in events if isinstance(e, Delta) and e.kind == "answer")
    follow = [*first, {"role": "assistant", "content": answer}, {"role": "user", "content": "Why?"}]
    events = list(smollm.stream_chat(follow, Sampling(max_tokens=4, temperature=0.0), ChatOptions(loop_guard=False)))
    reading = [e for e in events if isinstance(e, Reading)]
    stats = events[-1]
    assert isinstance(stats, Stats) and reading == [Reading(stats.cached_tokens, stats.prompt_tokens)]
    assert stats.prompt_tokens - stats.cached_tokens < 40  # the attachments stayed in the cache


def test_stop_while_the_prompt_is_read(smollm) -> None:
    messages = [{"role": "user", "content": "Another file:\n\n" + APP_PY * 40 + "\nSummarise."}]
    stream = smollm.stream_chat(messages, Sampling(max_tokens=64), ChatOptions())
    for ev in stream:
        if isinstance(ev, Reading) and ev.done > 0:
            smollm.cancel()
            break
    assert ev.done < ev.total  # stopped midway through the prompt
    rest = list(stream)
    stats = rest[-1]
    assert isinstance(stats, Stats) and stats.finish_reason == "cancelled" and stats.generated_tokens == 0
    assert not any(isinstance(e, Delta) and e.text.strip() for e in rest)
    assert not any(isinstance(e, Reading) for e in rest)  # no further step of the prompt was read
    # The engine answers the next request.
    again = list(smollm.stream_chat([{"role": "user", "content": "Hi"}], Sampling(max_tokens=4), ChatOptions()))
    assert isinstance(again[-1], Stats) and again[-1].finish_reason in ("stop", "length")
