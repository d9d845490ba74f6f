"""The one module that imports llama_cpp: load a GGUF and stream a chat answer from it.

It runs inside the model process (see ``local_engine.py``), so a native fault kills only that process.
The token path deliberately avoids ``create_chat_completion``: its streaming re-detokenizes the
whole completion on every token (quadratic in the output length, which for 30K-token R1 traces
dominates). Here the prompt is rendered once with the GGUF's own template (llama-cpp-python's
sandboxed Jinja formatter), tokenized once, and ``Llama.generate`` is driven directly with one
piece of detokenization per token and an incremental UTF-8 decoder.
"""

from __future__ import annotations

import codecs
import contextlib
import ctypes
import os
import re
import time
from collections import deque
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any, Literal, Protocol

# llama_cpp before numpy (it imports numpy itself, after its libraries): the other order made
# model loads segfault with a CUDA build (see engine._child_main).
import llama_cpp
import llama_cpp.llama_cpp as llama_lib
from llama_cpp.llama_chat_format import Jinja2ChatFormatter
from llama_cpp.llama_grammar import LlamaGrammar

from app.core import errors
from app.core.inference.events import (
    AnsweredEarly,
    BackendInfo,
    Delta,
    Event,
    FinishReason,
    LoadParams,
    ModelFacts,
    Reading,
    RenderedPrompt,
    Stats,
    Tick,
)
from app.core.inference.grammar_check import check_grammar
from app.core.inference.kv_cache import KV_TYPES
from app.core.inference.template_sandbox import TemplateSandbox
from app.core.inference.wire import ChatRequest
from app.core.r1.loop_guard import LoopGuard
from app.core.r1.reasoning import FORCED_THINK, Piece, ReasoningSplitter, needs_forced_think, prompt_opens_reasoning
from app.core.r1.templates import fallback_template, history_for_template

CLOSE_REASONING = "\n</think>\n\n"
TICK_EVERY = 16  # tokens between Tick events
READ_STEP = 512  # prompt tokens per step of a long prompt's evaluation, between Reading events
_LOG_KEEP = 40
_DEBUG, _WARN, _ERROR = 1, 3, 4  # ggml_log_level (NONE 0, DEBUG 1, INFO 2, WARN 3, ERROR 4, CONT 5)
_BUFFER_LINE = re.compile(r"(\w[\w ]*?) +buffer size = +([\d.]+) MiB")


class Flag(Protocol):
    """threading.Event or multiprocessing.Event: any thread may set it."""

    def is_set(self) -> bool: ...


def backend_info() -> BackendInfo:
    """The llama.cpp backends compiled into this llama-cpp-python."""
    info = llama_lib.llama_print_system_info().decode("utf-8", "replace")
    offload = bool(llama_lib.llama_supports_gpu_offload())
    name = "CPU"
    for candidate in ("CUDA", "Metal", "Vulkan", "ROCm", "HIP", "SYCL", "OpenCL"):
        if candidate.lower() in info.lower():
            name = candidate
            break
    if offload and name == "CPU":
        name = "GPU"
    version = getattr(llama_lib, "llama_version", None)  # not in every build
    return BackendInfo(
        name=name,
        gpu_offload=offload,
        system_info=info.strip(),
        llama_cpp_python=llama_cpp.__version__,
        llama_cpp=version().decode("utf-8", "replace") if version is not None else "",
    )


def default_threads() -> int:
    """Physical cores: llama.cpp collapses when its threads compete with each other (or the GUI)
    for logical cores."""
    try:
        import psutil

        n = psutil.cpu_count(logical=False)
    except Exception:  # psutil missing or the probe failed
        n = None
    return max(1, n or (os.cpu_count() or 2) // 2)


class _LogTap:
    """Keeps llama.cpp's recent log lines, so a failed load can say what llama.cpp said."""

    def __init__(self, forward: Callable[[str], None] | None = None) -> None:
        self.lines: deque[str] = deque(maxlen=_LOG_KEEP)
        self.buffers: dict[str, float] = {}  # "CPU KV" -> MiB, as llama.cpp reports its allocations
        self._partial = ""
        self._forward = forward

        @llama_lib.llama_log_callback
        def _callback(level: int, text: bytes, _user: ctypes.c_void_p) -> None:
            if level == _DEBUG:  # thousands of lines per load, never useful to a user
                return
            self._partial += text.decode("utf-8", "replace")
            while "\n" in self._partial:
                line, self._partial = self._partial.split("\n", 1)
                if line.strip():
                    self.lines.append(line.strip())
                    m = _BUFFER_LINE.search(line)
                    if m:
                        key = m.group(1).strip()
                        self.buffers[key] = self.buffers.get(key, 0.0) + float(m.group(2))
                    if self._forward and level in (_WARN, _ERROR):
                        self._forward(line.strip())

        self._callback = _callback  # keep the C callback alive
        llama_lib.llama_log_set(self._callback, ctypes.c_void_p(0))

    def explain(self) -> str:
        """The most telling recent line (an error, else a warning), or ''."""
        keys = ("unknown model architecture", "out of memory", "error loading model", "error", "unable", "failed")
        for key in keys:  # the most specific kind of line first, the latest of that kind
            for line in reversed(self.lines):
                if key in line.lower():
                    return line
        return ""


@contextlib.contextmanager
def _load_progress(on_progress: Callable[[float], bool] | None) -> Iterator[None]:
    """Hooks llama.cpp's model-load progress callback (which llama-cpp-python does not expose).

    ``Llama.__init__`` takes its model params from ``llama_model_default_params()``; for the
    duration of one load that function returns params with our callback set. Returning False
    from ``on_progress`` cancels the load.
    """
    if on_progress is None:
        yield
        return
    original = llama_lib.llama_model_default_params

    @llama_lib.llama_progress_callback
    def _cb(progress: float, _user: ctypes.c_void_p) -> bool:
        try:
            return bool(on_progress(float(progress)))
        except Exception:
            return True

    def patched() -> Any:
        params = original()
        params.progress_callback = _cb
        return params

    llama_lib.llama_model_default_params = patched
    try:
        yield
    finally:
        llama_lib.llama_model_default_params = original


class _UnusedFormatter:
    """Stands in for the chat handlers ``Llama.__init__`` compiles from the GGUF's templates.

    We render prompts ourselves (``LlamaRunner.render``) and never use those handlers, and a
    template with a syntax error would otherwise make the whole load fail.
    """

    def __init__(self, **_: Any) -> None:
        pass

    def to_chat_handler(self) -> None:
        return None


@contextlib.contextmanager
def _without_chat_handlers() -> Iterator[None]:
    module = llama_cpp.llama.llama_chat_format
    original = module.Jinja2ChatFormatter
    module.Jinja2ChatFormatter = _UnusedFormatter  # type: ignore[misc,assignment]
    try:
        yield
    finally:
        module.Jinja2ChatFormatter = original  # type: ignore[misc]


class LlamaRunner:
    """One loaded model. Not thread-safe: one request at a time, from one thread."""

    def __init__(
        self,
        params: LoadParams,
        *,
        on_progress: Callable[[float], bool] | None = None,
        on_log: Callable[[str], None] | None = None,
        templates: TemplateSandbox | None = None,
    ) -> None:
        self.params = params
        self._templates = templates or TemplateSandbox()
        self._template_failed: str | None = None  # a template that ran past its budget is not tried again
        self._log = _LogTap(on_log)
        self.n_threads = params.n_threads or default_threads()
        t0 = time.perf_counter()
        kv = KV_TYPES[params.kv_cache_type].ggml_type
        try:
            with _load_progress(on_progress), _without_chat_handlers():
                self.llm = llama_cpp.Llama(
                    model_path=params.model,
                    n_ctx=params.n_ctx,
                    n_batch=min(512, max(32, params.n_ctx)),
                    n_gpu_layers=params.n_gpu_layers,
                    n_threads=self.n_threads,
                    n_threads_batch=self.n_threads,
                    flash_attn=params.flash_attn,
                    type_k=kv,
                    type_v=kv,
                    use_mmap=params.use_mmap,
                    vocab_only=params.vocab_only,
                    verbose=False,
                )
        except ValueError as e:
            raise self._load_error(str(e)) from None
        self.load_seconds = time.perf_counter() - t0
        model = self.llm._model
        self._vocab = model.vocab
        self._bos = model.token_bos()
        self._eos = model.token_eos()
        self._add_bos = model.add_bos_token()
        self._bos_text = model.token_get_text(self._bos) if self._bos >= 0 else ""
        self._eos_text = model.token_get_text(self._eos) if self._eos >= 0 else ""
        self._template = self.llm.metadata.get("tokenizer.chat_template")
        if self._template:
            self._templates.start()  # boots while the app gets ready to send the first message
        self._formatters: dict[str, Jinja2ChatFormatter] = {}
        self._piece_buf = ctypes.create_string_buffer(256)
        self._abort_cb: Any = None

    def _load_error(self, what: str) -> errors.EngineError:
        said = self._log.explain()
        name = Path(self.params.model).name
        if "unknown model architecture" in said:
            arch = said.split("unknown model architecture", 1)[1].strip(" :'\"")
            return errors.UnsupportedModelError(
                f"{name} uses the model architecture '{arch}', which this build of llama.cpp "
                "does not support. Update llama-cpp-python or choose another model."
            )
        if "context" in what.lower():
            return errors.OutOfMemoryError(
                f"Could not create a context of {self.params.n_ctx:,} tokens for {name}: not enough "
                "memory. Choose a shorter context length, a KV-cache type of q8_0, or a smaller "
                f"model.{(' llama.cpp said: ' + said) if said else ''}"
            )
        return errors.ModelFileError(f"llama.cpp could not load {name}.{(' It said: ' + said) if said else ''}")

    # ---- facts ----------------------------------------------------------------------------

    def facts(self) -> ModelFacts:
        m = self.llm._model
        b = backend_info()
        return ModelFacts(
            path=self.params.model,
            n_ctx=self.llm.n_ctx(),
            n_ctx_train=m.n_ctx_train(),
            n_vocab=m.n_vocab(),
            n_params=m.n_params(),
            size_bytes=m.size(),
            description=m.desc(),
            backend=b.name,
            gpu_offload=b.gpu_offload and self.params.n_gpu_layers != 0,
            n_gpu_layers=self.params.n_gpu_layers,
            n_threads=self.n_threads,
            has_template=bool(self._template),
            load_seconds=self.load_seconds,
            buffers_mib=dict(self._log.buffers),
        )

    # ---- prompts --------------------------------------------------------------------------

    def _formatter(self, template: str) -> Jinja2ChatFormatter:
        f = self._formatters.get(template)
        if f is None:
            f = Jinja2ChatFormatter(
                template=template, eos_token=self._eos_text, bos_token=self._bos_text, add_generation_prompt=True
            )
            self._formatters[template] = f
        return f

    def render(self, request: ChatRequest) -> tuple[RenderedPrompt, list[int]]:
        """The prompt exactly as the model's template renders it, and its tokens."""
        raw = request.options.raw_prompt
        if raw is not None:  # /v1/completions: the prompt as the client wrote it
            raw_tokens = self.tokenize(raw)
            return RenderedPrompt(raw, len(raw_tokens), prompt_opens_reasoning(raw), "gguf"), raw_tokens
        messages = history_for_template(request.messages)
        problem = None
        text = None
        if self._template:
            try:
                text = self._model_template(messages)
            except errors.TemplateError as e:  # a jinja error, the sandbox, past the time or size budget
                problem = f"the model's chat template {e}"
        else:
            problem = "the model file has no chat template"
        source: Literal["gguf", "fallback"] = "gguf" if text is not None else "fallback"
        if text is None:
            text = self._formatter(fallback_template())(messages=messages).prompt  # type: ignore[arg-type]
        if not request.options.think:
            # The empty block Ollama and llama.cpp pre-fill: "<think>\n\n</think>\n\n".
            text += CLOSE_REASONING if prompt_opens_reasoning(text) else "<think>\n\n</think>\n\n"
        forced = request.options.think and request.options.force_think and needs_forced_think(text)
        if forced:  # an older R1 template: start the reasoning for the model (DeepSeek's usage notes)
            text += FORCED_THINK
        tokens = self.tokenize(text)
        rendered = RenderedPrompt(
            text=text,
            n_tokens=len(tokens),
            forced_open=prompt_opens_reasoning(text),
            template=source,
            template_problem=problem,
            think_forced=forced,
        )
        return rendered, tokens

    def _model_template(self, messages: list[dict[str, str]]) -> str:
        """The GGUF's template, rendered in the budgeted helper (``template_sandbox``)."""
        if self._template_failed is not None:
            raise errors.TemplateError(self._template_failed)
        assert self._template
        try:
            return self._templates.render(self._template, messages, self._bos_text, self._eos_text)
        except errors.TemplateError as e:
            if "longer than" in str(e) or "more than" in str(e) or "memory" in str(e):
                self._template_failed = str(e)
            raise

    def tokenize(self, text: str) -> list[int]:
        tokens = self.llm._model.tokenize(text.encode("utf-8"), add_bos=False, special=True)
        if self._add_bos and self._bos >= 0 and (not tokens or tokens[0] != self._bos):
            tokens.insert(0, self._bos)
        return tokens

    def count_tokens(self, text: str) -> int:
        """Tokens of a piece of text as it sits inside a rendered prompt (no BOS)."""
        return len(self.llm._model.tokenize(text.encode("utf-8"), add_bos=False, special=True)) if text else 0

    def _piece(self, token: int) -> bytes:
        n = llama_lib.llama_token_to_piece(self._vocab, token, self._piece_buf, 256, 0, False)
        if n < 0:
            buf = ctypes.create_string_buffer(-n)
            n = llama_lib.llama_token_to_piece(self._vocab, token, buf, -n, 0, False)
            return buf.raw[:n]
        return self._piece_buf.raw[:n]

    # ---- generation -----------------------------------------------------------------------

    def _install_abort(self, cancel: Flag) -> None:
        """Let a cancel interrupt a long prompt evaluation (CPU backend), not just token steps."""

        @llama_lib.ggml_abort_callback
        def _abort(_data: ctypes.c_void_p) -> bool:
            return cancel.is_set()

        self._abort_cb = _abort
        llama_lib.llama_set_abort_callback(self.llm._ctx.ctx, _abort, ctypes.c_void_p(0))

    def stream(self, request: ChatRequest, cancel: Flag, answer_now: Flag) -> Iterator[Event]:
        """Yield Delta events as tokens arrive, then one Stats event."""
        if self.params.vocab_only:
            raise errors.EngineError("This model was opened for its vocabulary only.")
        rendered, prompt = self.render(request)
        n_ctx = self.llm.n_ctx()
        if len(prompt) >= n_ctx:
            raise errors.EngineError(
                f"The conversation is {len(prompt):,} tokens long, more than the context of "
                f"{n_ctx:,} tokens. Start a new chat, or load the model with a longer context."
            )
        s, o = request.sampling, request.options
        max_new = min(s.max_tokens, n_ctx - len(prompt))
        cached = self._shared_prefix(prompt)
        self._install_abort(cancel)
        self.llm.set_seed(s.seed if s.seed is not None else llama_lib.LLAMA_DEFAULT_SEED)
        if o.grammar:
            check_grammar(o.grammar)  # a grammar llama.cpp cannot parse would segfault this process
        grammar = LlamaGrammar.from_string(o.grammar, verbose=False) if o.grammar else None

        splitter = ReasoningSplitter(rendered.forced_open)
        guard = LoopGuard() if o.loop_guard else None
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        generated: list[int] = []
        n_reasoning = 0
        t0 = time.perf_counter()
        t_first = t_think_end = 0.0
        early: AnsweredEarly = ""
        carry_on = yield from self._read_prompt(prompt, cached, cancel)
        finish: FinishReason = "length" if carry_on else "cancelled"
        while carry_on:
            carry_on = False
            gen = self.llm.generate(
                prompt + generated,
                top_k=s.top_k,
                top_p=s.top_p,
                min_p=s.min_p,
                temp=s.temperature,
                repeat_penalty=s.repeat_penalty,
                grammar=grammar,
            )
            try:
                for tok in gen:
                    if cancel.is_set():
                        finish = "cancelled"
                        break
                    if llama_lib.llama_vocab_is_eog(self._vocab, tok):
                        finish = "stop"
                        break
                    if t_first == 0.0:
                        t_first = time.perf_counter()
                    generated.append(tok)
                    thinking = splitter.in_reasoning
                    for kind, text in splitter.feed(decoder.decode(self._piece(tok))):
                        yield Delta(kind, text)
                    if thinking:
                        n_reasoning += 1
                        if splitter.finished_thinking:
                            t_think_end = time.perf_counter()
                    if len(generated) >= max_new:
                        finish = "length"
                        break
                    if len(generated) % TICK_EVERY == 0:
                        now = time.perf_counter()
                        yield Tick(len(generated), (len(generated) - 1) / (now - t_first) if now > t_first else 0.0)
                    looping = guard is not None and guard.add(tok)
                    if splitter.in_reasoning and splitter.thought:
                        why: AnsweredEarly = (
                            "answer_now"
                            if answer_now.is_set()
                            else "budget"
                            if o.think_budget is not None and n_reasoning >= o.think_budget
                            else "loop"
                            if looping
                            else ""
                        )
                        if why:
                            early = why
                            for kind, text in self._close_reasoning(splitter, decoder, generated):
                                yield Delta(kind, text)
                            t_think_end = time.perf_counter()
                            if guard is not None:
                                guard.reset()
                            carry_on = True
                            break
                    elif looping:
                        finish = "loop"
                        break
            except RuntimeError as e:  # llama_decode aborted by the cancel flag, or failed
                if not cancel.is_set():
                    raise errors.EngineError(f"Generation failed: {e}") from None
                finish = "cancelled"
            finally:
                gen.close()
        for kind, text in splitter.feed(decoder.decode(b"", final=True)) + splitter.finish():
            yield Delta(kind, text)
        end = time.perf_counter()
        first = t_first or end
        n = len(generated)
        yield Stats(
            prompt_tokens=len(prompt),
            cached_tokens=cached,
            generated_tokens=n,
            reasoning_tokens=n_reasoning,
            ttft_s=first - t0,
            tokens_per_s=(n - 1) / (end - first) if n > 1 and end > first else 0.0,
            elapsed_s=end - t0,
            thinking_s=((t_think_end or end) - first) if splitter.thought else 0.0,
            finish_reason=finish,
            forced_open=rendered.forced_open,
            thought=splitter.thought,
            thinking_finished=splitter.finished_thinking,
            answered_early=early,
            template=rendered.template,
            template_problem=rendered.template_problem,
            think_forced=rendered.think_forced,
        )

    def _read_prompt(self, prompt: list[int], cached: int, cancel: Flag) -> Generator[Reading, None, bool]:
        """Evaluate a long prompt in steps before ``generate()``, saying how far it got ("Reading
        12,345 tokens… 40 %": 10K tokens of code take minutes on a CPU).

        ``generate()`` then finds all but the last token in the KV cache and evaluates that one
        itself, for fresh logits, exactly as after an earlier turn. A cancel interrupts a step
        through the abort callback; returns False when it did.
        """
        end = len(prompt) - 1
        done = min(cached, end)
        yield Reading(done, len(prompt))
        if end - done < READ_STEP:
            return True  # one step anyway: generate() reads it
        self.llm.n_tokens = done  # keep what the cache shares with this prompt; eval() drops the rest
        while done < end:
            if cancel.is_set():
                return False
            step = prompt[done : min(done + READ_STEP, end)]
            try:
                self.llm.eval(step)
            except RuntimeError as e:  # llama_decode aborted by the cancel flag, or failed
                if cancel.is_set():
                    return False
                raise errors.EngineError(f"Reading the prompt failed: {e}") from None
            done += len(step)
            yield Reading(done, len(prompt))
        return True

    def _close_reasoning(
        self, splitter: ReasoningSplitter, decoder: codecs.IncrementalDecoder, generated: list[int]
    ) -> list[Piece]:
        """Write ``</think>`` for the model: the next generate() call continues from there."""
        pending = decoder.decode(b"", final=True)
        decoder.reset()
        generated.extend(self.llm._model.tokenize(CLOSE_REASONING.encode(), add_bos=False, special=True))
        return splitter.feed(pending + CLOSE_REASONING)

    def _shared_prefix(self, prompt: list[int]) -> int:
        """How many prompt tokens the KV cache already holds (llama-cpp-python reuses them)."""
        n = 0
        for a, b in zip(self.llm._input_ids[: self.llm.n_tokens], prompt):
            if a != b:
                break
            n += 1
        return n

    def close(self) -> None:
        llm = getattr(self, "llm", None)
        if llm is not None:
            llm.close()
            self.llm = None  # type: ignore[assignment]
