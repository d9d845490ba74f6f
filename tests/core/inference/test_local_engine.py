"""The engine with tiny grammar-forced models: streaming, cancel, reuse, crashes, bad files."""

from __future__ import annotations

import os
import signal
import struct
import threading
import time
from pathlib import Path

import pytest

from app.core import errors
from app.core.inference.events import ChatOptions, Delta, LoadParams, Stats, Tick
from app.core.inference.local_engine import LocalEngine as Engine
from app.core.r1.sampling import Sampling
from tests.support.engine_state import ensure_loaded
from tests.support.tiny_model import gbnf_literal, write_tiny_model
from tests.support.waiting import wait_for

ASK = [{"role": "user", "content": "What is 6 * 7?"}]
FORCED = "Six times seven.\n</think>\n\nThe answer is **42**."


def run(engine: Engine, messages=ASK, sampling: Sampling | None = None, **options) -> tuple[list[Delta], Stats]:
    deltas: list[Delta] = []
    stats = None
    for ev in engine.stream_chat(messages, sampling or Sampling(max_tokens=200), ChatOptions(**options)):
        if isinstance(ev, Delta):
            deltas.append(ev)
        else:
            stats = ev
    assert isinstance(stats, Stats)
    return deltas, stats


@pytest.fixture()
def loaded(engine: Engine, tiny_model: Path) -> Engine:
    """The tiny R1 model at 2,048 tokens, whatever an earlier test of the module loaded."""
    return ensure_loaded(engine, LoadParams(str(tiny_model), n_ctx=2048))


def test_streams_reasoning_then_answer_in_order(loaded: Engine) -> None:
    deltas, stats = run(loaded, grammar=gbnf_literal(FORCED))
    kinds = [d.kind for d in deltas]
    assert kinds == sorted(kinds, key=lambda k: k == "answer"), "reasoning must come before the answer"
    assert "".join(d.text for d in deltas if d.kind == "reasoning").strip() == "Six times seven."
    assert "".join(d.text for d in deltas if d.kind == "answer").strip() == "The answer is **42**."
    assert len(deltas) >= 2, "the text must stream, not arrive at the end"
    assert stats.finish_reason == "stop"
    assert stats.forced_open and stats.thought and stats.thinking_finished
    assert stats.generated_tokens >= len(deltas) - 1
    assert 0 < stats.reasoning_tokens < stats.generated_tokens
    assert stats.tokens_per_s > 0 and stats.ttft_s > 0
    assert stats.template == "gguf"


def test_length_limit(loaded: Engine) -> None:
    deltas, stats = run(loaded, sampling=Sampling(max_tokens=5), grammar=gbnf_literal(FORCED))
    assert stats.finish_reason == "length"
    assert stats.generated_tokens == 5
    assert not stats.thinking_finished
    assert all(d.kind == "reasoning" for d in deltas)


def _cancel_at(engine: Engine, token: int) -> tuple[float, Stats, str]:
    """A long forced stream, stopped from another thread at an exact token (``hold_at``): the
    seconds from the flag to the end of the stream, the statistics and the text received."""
    set_at: list[float] = []
    text = ""
    stats = None
    options = ChatOptions(grammar=gbnf_literal("word " * 3000), loop_guard=False, hold_at=token)
    for ev in engine.stream_chat(ASK, Sampling(max_tokens=10_000), options):
        if isinstance(ev, Delta):
            text += ev.text
            if not set_at:
                t = threading.Thread(target=lambda: (set_at.append(time.perf_counter()), engine.cancel()))
                t.start()
                t.join()
        else:
            stats = ev
    assert isinstance(stats, Stats)
    return time.perf_counter() - set_at[0], stats, text


def test_cancel_stops_within_a_token_and_engine_stays_usable(loaded: Engine) -> None:
    latency, stats, text = _cancel_at(loaded, 200)
    print(f"cancel: stream ended {latency * 1000:.1f} ms after the flag (bench_engine times it)")
    assert stats.finish_reason == "cancelled"
    assert stats.generated_tokens == 200 and text == ("word " * 3000)[:200]  # nothing after the Stop
    # The same engine answers the next request, reusing the cached prompt prefix.
    deltas, stats2 = run(loaded, grammar=gbnf_literal(FORCED))
    assert stats2.finish_reason == "stop"
    assert stats2.cached_tokens > 0
    assert "".join(d.text for d in deltas).endswith("**42**.")


def test_closing_the_stream_early_cancels(loaded: Engine) -> None:
    stream = loaded.stream_chat(ASK, Sampling(max_tokens=5000), ChatOptions(grammar=gbnf_literal("x" * 4000)))
    for i, _ in enumerate(stream):
        if i == 5:
            break
    stream.close()
    _, stats = run(loaded, grammar=gbnf_literal(FORCED))
    assert stats.finish_reason == "stop"


def test_second_request_while_streaming_is_refused(loaded: Engine) -> None:
    stream = loaded.stream_chat(ASK, Sampling(max_tokens=500), ChatOptions(grammar=gbnf_literal("y" * 400)))
    next(stream)
    with pytest.raises(errors.EngineBusy):
        next(loaded.stream_chat(ASK))
    stream.close()


def test_multi_turn_reuses_kv_cache_prefix(loaded: Engine) -> None:
    _, first = run(loaded, grammar=gbnf_literal(FORCED))
    history = ASK + [
        {"role": "assistant", "content": "<think>Six times seven.</think>The answer is **42**."},
        {"role": "user", "content": "And 6 * 8?"},
    ]
    _, second = run(loaded, messages=history, grammar=gbnf_literal("Add six.\n</think>\n\n48."))
    # Everything up to the earlier "<｜Assistant｜>" is reused; the earlier "<think>\n" and the
    # reasoning are not, because the R1 template drops earlier reasoning from the history.
    assert second.cached_tokens == first.prompt_tokens - 2
    assert second.prompt_tokens > first.prompt_tokens


def test_prompt_longer_than_context_is_a_clear_error(loaded: Engine) -> None:
    with pytest.raises(errors.EngineError, match="longer|more than the context"):
        run(loaded, messages=[{"role": "user", "content": "z " * 3000}])
    run(loaded, grammar=gbnf_literal(FORCED))  # still usable


def test_model_process_crash_is_reported_and_recoverable(tiny_model: Path) -> None:
    with Engine() as e:
        e.load(LoadParams(str(tiny_model), n_ctx=1024))
        stream = e.stream_chat(ASK, Sampling(max_tokens=5000), ChatOptions(grammar=gbnf_literal("q" * 4000)))
        next(stream)
        os.kill(e._proc.pid, signal.SIGKILL)  # what an out-of-memory kill or a driver fault does
        with pytest.raises(errors.EngineCrashed, match="crashed while generating"):
            for _ in stream:
                pass
        assert not e.loaded
        e.load(LoadParams(str(tiny_model), n_ctx=1024))
        _, stats = run(e, grammar=gbnf_literal(FORCED))
        assert stats.finish_reason == "stop"


# ---- bad input -----------------------------------------------------------------------------


def test_missing_file(engine: Engine) -> None:
    with pytest.raises(errors.ModelFileError, match="not found"):
        engine.load(LoadParams("/no/such/model.gguf"))


def test_not_a_gguf(engine: Engine, tmp_path: Path) -> None:
    p = tmp_path / "x.gguf"
    p.write_bytes(os.urandom(4096))
    with pytest.raises(errors.ModelFileError, match="not a GGUF"):
        engine.load(LoadParams(str(p)))


def test_truncated_file_never_reaches_llama_cpp(engine: Engine, tiny_model: Path, tmp_path: Path) -> None:
    p = tmp_path / "cut.gguf"
    p.write_bytes(tiny_model.read_bytes()[:-1000])
    with pytest.raises(errors.ModelFileError, match="incomplete"):
        engine.load(LoadParams(str(p)))


def test_unknown_architecture(engine: Engine, tmp_path: Path) -> None:
    p = write_tiny_model(tmp_path / "alien.gguf", arch="alienformer")
    with pytest.raises(errors.UnsupportedModelError, match="alienformer"):
        engine.load(LoadParams(str(p), n_ctx=512))


def test_context_larger_than_memory(engine: Engine, tiny_model: Path) -> None:
    with pytest.raises(errors.OutOfMemoryError, match="context"):
        engine.load(LoadParams(str(tiny_model), n_ctx=2_000_000_000))


def test_broken_template_falls_back_to_r1_format(engine: Engine, tmp_path: Path) -> None:
    p = write_tiny_model(tmp_path / "broken-template.gguf", template="{% for m in messages %}{{ m.content ")
    engine.load(LoadParams(str(p), n_ctx=1024))
    _, stats = run(engine, grammar=gbnf_literal(FORCED))
    assert stats.template == "fallback"
    assert "template failed" in (stats.template_problem or "")
    assert stats.forced_open


def test_template_cannot_escape_the_sandbox(engine: Engine, tmp_path: Path) -> None:
    evil = "{{ ''.__class__.__mro__[1].__subclasses__() }}{% for m in messages %}{{ m.content }}{% endfor %}"
    p = write_tiny_model(tmp_path / "evil.gguf", template=evil)
    engine.load(LoadParams(str(p), n_ctx=1024))
    rendered = engine.render_prompt(ASK)
    assert rendered.template == "fallback"
    assert "SecurityError" in (rendered.template_problem or "") or "unsafe" in (rendered.template_problem or "")
    assert "subclasses" not in rendered.text


def test_model_without_template_uses_r1_format(engine: Engine, tmp_path: Path) -> None:
    p = write_tiny_model(tmp_path / "no-template.gguf", template=None)
    engine.load(LoadParams(str(p), n_ctx=1024))
    rendered = engine.render_prompt(ASK)
    assert rendered.template == "fallback"
    assert rendered.text == "<｜begin▁of▁sentence｜><｜User｜>What is 6 * 7?<｜Assistant｜><think>\n"


def test_version_field_checked_before_loading(engine: Engine, tiny_model: Path, tmp_path: Path) -> None:
    data = bytearray(tiny_model.read_bytes())
    data[4:8] = struct.pack("<I", 99)
    p = tmp_path / "v99.gguf"
    p.write_bytes(bytes(data))
    with pytest.raises(errors.ModelFileError, match="version 99"):
        engine.load(LoadParams(str(p)))


def test_closing_the_engine_under_a_running_stream_ends_it_with_a_sentence(tiny_model: Path) -> None:
    """The window quits while its worker thread streams: the stream ends with an EngineError
    (the worker reports it), never an AssertionError or an OSError from a closed pipe."""
    engine = Engine()
    engine.load(LoadParams(str(tiny_model), n_ctx=1024))
    options = ChatOptions(grammar=gbnf_literal("word " * 3000), loop_guard=False, hold_at=40)
    outcome: list[BaseException | None] = []

    def stream() -> None:
        try:
            for _ in engine.stream_chat(ASK, Sampling(max_tokens=5000), options):
                pass
            outcome.append(None)
        except BaseException as e:
            outcome.append(e)

    worker = threading.Thread(target=stream)
    worker.start()
    wait_for(lambda: engine._doing == "generating")
    assert engine._proc is not None
    os.kill(engine._proc.pid, signal.SIGSTOP)  # a model process that no longer answers: close() kills it
    engine.close()
    worker.join(60)
    assert not worker.is_alive()
    assert outcome and isinstance(outcome[0], errors.EngineError), outcome


def test_a_seed_makes_sampling_repeatable(loaded: Engine) -> None:
    """The same seed gives the same answer (the paper's sampling, T 0.6 / top-p 0.95, no grammar:
    the tiny model's noise shows any difference); another seed gives another one."""

    def sample(seed: int) -> str:
        deltas, _ = run(loaded, sampling=Sampling(max_tokens=40, seed=seed), loop_guard=False)
        return "".join(d.text for d in deltas)

    first = sample(7)
    assert sample(7) == first
    assert sample(8) != first


def test_a_grammar_that_would_crash_llama_cpp_is_refused_in_the_model_process(loaded: Engine) -> None:
    """Even a request that skipped the API's and the CLI's check (the engine called directly):
    a NUL in a literal aborts llama.cpp at the first token, so the loop refuses it first."""
    with pytest.raises(errors.GrammarError):
        run(loaded, grammar='root ::= "a\\x00b"')
    deltas, stats = run(loaded, grammar=gbnf_literal(FORCED))  # the same process answers on
    assert stats.finish_reason == "stop"


def test_a_model_opened_for_its_vocabulary_only_does_not_generate(engine: Engine, tiny_model: Path) -> None:
    engine.load(LoadParams(str(tiny_model), n_ctx=512, vocab_only=True))
    with pytest.raises(errors.EngineError, match="opened for its vocabulary only"):
        run(engine)


def test_live_figures_come_with_the_text(loaded: Engine) -> None:
    """The window's thinking header and tok/s come from Tick events: the engine sends them with
    its text (through the one throttle), counting up to what the statistics say at the end."""
    ticks: list[Tick] = []
    stats = None
    options = ChatOptions(grammar=gbnf_literal("word " * 600), loop_guard=False)
    for ev in loaded.stream_chat(ASK, Sampling(max_tokens=3000), options):
        if isinstance(ev, Tick):
            ticks.append(ev)
        elif isinstance(ev, Stats):
            stats = ev
    assert ticks, "no live figures while the answer streamed"
    counts = [t.generated_tokens for t in ticks]
    assert counts == sorted(set(counts)) and counts[0] >= 1
    assert stats is not None and counts[-1] <= stats.generated_tokens
