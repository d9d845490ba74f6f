"""The one module that imports llama_cpp: load a GGUF and stream a chat answer from it.

It runs inside the model process (see ``local_engine.py``), so a native fault kills only that process.
The token path deliberately avoids ``create_chat_completion``: its streaming re-detokenizes the
whole completion on every token (quadratic in the output length, which for 30K-token R1 traces
dominates). Here the prompt is rendered once with the GGUF's own template (``prompt_render.py``,
in a budgeted helper process), tokenized once, and ``Llama.generate`` is driven directly with one
piece of detokenization per token and an incremental UTF-8 decoder (``token_loop.py``, which this
class completes with the llama.cpp calls it needs).
"""

from __future__ import annotations

import contextlib
import ctypes
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import replace
from typing import Any

# llama_cpp before numpy (it imports numpy itself, after its libraries): the other order made
# model loads segfault with a CUDA build (see model_process.child_main).
import llama_cpp
import llama_cpp.llama_cpp as llama_lib
import numpy as np
from llama_cpp.llama_grammar import LlamaGrammar, SchemaConverter

from app.core.errors import GrammarError
from app.core.inference.batch_decode import Cache, Drafter, Job, ListCache, LlamaCache, generate, seeded
from app.core.inference.draft_model import ModelDrafter
from app.core.inference.drafts import Drafting, DraftLength, NgramDrafter
from app.core.inference.events import (
    BackendInfo,
    LoadParams,
    ModelFacts,
    RenderedPrompt,
)
from app.core.inference.ggml_devices import read_devices
from app.core.inference.grammar_check import check_grammar
from app.core.inference.llama_log import LlamaLog, load_error
from app.core.inference.prompt_render import PromptRenderer
from app.core.inference.sampler_stages import Stages
from app.core.inference.spec_sampling import Floats
from app.core.inference.template_sandbox import TemplateSandbox
from app.core.inference.thread_tuner import ThreadTuner
from app.core.inference.threads import choose_threads
from app.core.inference.token_loop import Flag, TokenLoop
from app.core.inference.wire import ChatRequest
from app.core.models.hardware import Device
from app.core.models.kv_cache import KV_TYPES
from app.core.r1.tool_calls import MARKERS, ToolFormat, ToolSpec
from app.core.r1.tool_grammar import tool_rules

_NO_ABORT = llama_lib.ggml_abort_callback()  # a NULL callback: llama.cpp checks nothing
# A character of a JSON string, as llama.cpp's own schema converter writes it.
JSON_CHAR = r'[^"\\\x7F\x00-\x1F] | [\\] (["\\/bfnrt] | "u" [0-9a-fA-F]{4})'


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
        devices=devices(),
    )


def _libraries() -> Iterator[Any]:
    """The libraries that may hold ggml's registry: libllama (whose dependencies a lookup searches
    on Linux and macOS), then ggml and ggml-base themselves (Windows looks in one DLL only)."""
    yield llama_lib._lib
    from llama_cpp import _ctypes_extensions, _ggml

    yield _ggml.libggml
    yield _ctypes_extensions.load_shared_library("ggml-base", _ggml.libggml_base_path)


def device_symbols(name: str) -> int | None:
    """The address of one of ggml's functions in the libraries llama-cpp-python loaded."""
    libs = _libraries()
    while True:
        try:
            lib = next(libs)
            return ctypes.cast(getattr(lib, name), ctypes.c_void_p).value
        except StopIteration:
            return None
        except Exception:  # not in this library (AttributeError), or it would not load
            continue


def devices() -> tuple[Device, ...] | None:
    """llama.cpp's devices with their free and total memory now (None: the build cannot tell)."""
    try:
        return read_devices(device_symbols)
    except Exception:
        return None


_tap: LlamaLog | None = None  # the newest runner's log hears llama.cpp


@llama_lib.llama_log_callback
def _log_callback(level: int, text: bytes, _user: ctypes.c_void_p) -> None:
    """One C callback for the process's life: llama.cpp keeps the pointer after a runner is gone
    (a per-runner callback, once collected, crashed the next model load in the same process)."""
    if _tap is not None:
        _tap.feed(level, text)


def _listen(log: LlamaLog) -> None:
    global _tap
    _tap = log
    llama_lib.llama_log_set(_log_callback, ctypes.c_void_p(0))


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


_FLASH_TYPES = {
    "auto": llama_lib.LLAMA_FLASH_ATTN_TYPE_AUTO,
    "on": llama_lib.LLAMA_FLASH_ATTN_TYPE_ENABLED,
    "off": llama_lib.LLAMA_FLASH_ATTN_TYPE_DISABLED,
}


@contextlib.contextmanager
def _context_params(mode: str, n_seq: int) -> Iterator[None]:
    """Creates the context with flash attention ``mode`` and room for ``n_seq`` sequences, for the
    duration of one load. ``Llama`` takes flash attention only on or off: "auto" (llama.cpp's own
    default, on where the backend supports it) is set here; and it has no sequences parameter.
    Several sequences share one unified cache (``kv_unified``), so a prompt copied from one
    sequence to another (``seq_cp``) is stored once."""
    module = llama_cpp.llama.internals
    original = module.LlamaContext

    def context(*, model: Any, params: Any, verbose: bool = True) -> Any:
        params.flash_attn_type = _FLASH_TYPES[mode]
        params.n_seq_max = n_seq
        params.kv_unified = True
        return original(model=model, params=params, verbose=verbose)

    module.LlamaContext = context  # type: ignore[misc,assignment]
    try:
        yield
    finally:
        module.LlamaContext = original  # type: ignore[misc]


@contextlib.contextmanager
def _without_chat_handlers() -> Iterator[None]:
    module = llama_cpp.llama.llama_chat_format
    original = module.Jinja2ChatFormatter
    module.Jinja2ChatFormatter = _UnusedFormatter  # type: ignore[misc,assignment]
    try:
        yield
    finally:
        module.Jinja2ChatFormatter = original  # type: ignore[misc]


class LlamaRunner(TokenLoop):
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
        self._log = LlamaLog(on_log)
        _listen(self._log)
        threads = choose_threads(params.n_threads)
        self.n_threads = threads.generate
        n_threads_batch = params.n_threads_batch or threads.batch
        # Measured, not guessed, when the user left it open: see thread_tuner.py.
        self._tuner = ThreadTuner(n_threads_batch, self.n_threads) if params.tune_threads else None
        self._n_threads_batch = n_threads_batch
        self.n_seq = n_seq = max(1, params.n_seq)
        self.context_length = params.n_ctx  # each sequence's; the cache holds n_seq times that
        t0 = time.perf_counter()
        try:
            with _load_progress(on_progress), _without_chat_handlers(), _context_params(params.flash_attn, n_seq):
                self.llm = llama_cpp.Llama(
                    model_path=params.model,
                    n_ctx=params.n_ctx * n_seq,
                    n_batch=min(512, max(32, params.n_ctx)),
                    n_gpu_layers=params.n_gpu_layers,
                    n_threads=self.n_threads,
                    n_threads_batch=n_threads_batch,
                    flash_attn=params.flash_attn == "on",
                    type_k=KV_TYPES[params.type_k].ggml_type,
                    type_v=KV_TYPES[params.type_v].ggml_type,
                    use_mmap=params.use_mmap,
                    vocab_only=params.vocab_only,
                    verbose=False,
                )
        except ValueError as e:
            raise load_error(params, str(e), self._log.explain()) from None
        self.load_seconds = time.perf_counter() - t0
        model = self.llm._model
        self._vocab = model.vocab
        self._bos = model.token_bos()
        self._eos = model.token_eos()
        self._add_bos = model.add_bos_token()
        bos_text = model.token_get_text(self._bos) if self._bos >= 0 else ""
        eos_text = model.token_get_text(self._eos) if self._eos >= 0 else ""
        template = self.llm.metadata.get("tokenizer.chat_template")
        self._prompts = PromptRenderer(template, bos_text, eos_text, self.tokenize, templates or TemplateSandbox())
        self._piece_buf = ctypes.create_string_buffer(256)
        self._abort_cb: Any = None
        self.n_batch, self._n_vocab = self.llm.n_batch, self.llm.n_vocab()
        self._memory = llama_lib.llama_get_memory(self.llm._ctx.ctx)
        self._batch: Any = llama_lib.llama_batch_init(self.n_batch, 0, 1) if not params.vocab_only else None
        self._rng = seeded(None)
        self._caches: list[Cache] = [LlamaCache(self, self.llm), *(ListCache(self, s) for s in range(1, n_seq))]
        self._draft: LlamaRunner | None = None
        if params.draft_model and not params.vocab_only:
            # the whole draft on the GPU only when the target is: a partly offloaded target filled it
            layers = -1 if params.n_gpu_layers == -1 else 0
            draft = replace(params, model=params.draft_model, draft_model="", n_seq=1, n_gpu_layers=layers)
            self._draft = LlamaRunner(replace(draft, tune_threads=False), on_log=on_log, templates=templates)

    # ---- facts ----------------------------------------------------------------------------

    def facts(self) -> ModelFacts:
        m = self.llm._model
        b = backend_info()
        return ModelFacts(
            path=self.params.model,
            n_ctx=self.context_length,
            n_ctx_train=m.n_ctx_train(),
            n_vocab=m.n_vocab(),
            n_params=m.n_params(),
            size_bytes=m.size(),
            description=m.desc(),
            backend=b.name,
            gpu_offload=b.gpu_offload and self.params.n_gpu_layers != 0,
            n_gpu_layers=self.params.n_gpu_layers,
            n_threads=self.n_threads,
            has_template=self._prompts.has_template,
            load_seconds=self.load_seconds,
            buffers_mib=dict(self._log.buffers),
            flash_attn=self._log.flash_attn if self._log.flash_attn is not None else self.params.flash_attn == "on",
            type_k=self.params.type_k,
            type_v=self.params.type_v,
        )

    # ---- prompts --------------------------------------------------------------------------

    def render(self, request: ChatRequest) -> tuple[RenderedPrompt, list[int]]:
        """The prompt exactly as the model's template renders it, and its tokens."""
        return self._prompts.render(request)

    def tokenize(self, text: str) -> list[int]:
        tokens = self.llm._model.tokenize(text.encode("utf-8"), add_bos=False, special=True)
        if self._add_bos and self._bos >= 0 and (not tokens or tokens[0] != self._bos):
            tokens.insert(0, self._bos)
        return tokens

    def count_tokens(self, text: str) -> int:
        """Tokens of a piece of text as it sits inside a rendered prompt (no BOS)."""
        return len(self.llm._model.tokenize(text.encode("utf-8"), add_bos=False, special=True)) if text else 0

    def _piece(self, token: int) -> bytes:
        return self._text_of(token, token in self._shown)

    def _text_of(self, token: int, special: bool) -> bytes:
        """A token's bytes (``special``: a control token as its text, e.g. a tool call's marker)."""
        n = llama_lib.llama_token_to_piece(self._vocab, token, self._piece_buf, 256, 0, special)
        if n < 0:
            buf = ctypes.create_string_buffer(-n)
            n = llama_lib.llama_token_to_piece(self._vocab, token, buf, -n, 0, special)
            return buf.raw[:n]
        return self._piece_buf.raw[:n]

    def _tool_tokens(self, fmt: ToolFormat) -> frozenset[int]:
        """The tokens that write ``fmt``'s markers whole (the model's own marker tokens), shown as
        text while a request offers tools (llama-server's "preserved tokens")."""
        ids = (self.llm._model.tokenize(m.encode(), add_bos=False, special=True) for m in MARKERS[fmt])
        return frozenset(t[0] for t in ids if len(t) == 1)

    def _tool_grammar(self, spec: ToolSpec, fmt: ToolFormat, opened: bool) -> Any:
        """The grammar of ``spec``'s calls (``tool_grammar.py``), arguments by llama-cpp-python's
        JSON-schema converter; a schema it cannot convert allows any JSON object."""
        conv = SchemaConverter(prop_order={}, allow_fetch=False, dotall=False, raw_pattern=False)

        def args_rule(schema: dict[str, Any], name: str) -> str:
            try:
                return str(conv.visit(conv.resolve_refs(schema, name), name))
            except Exception:  # a schema the converter does not support
                return str(conv.visit({"type": "object"}, name))

        conv._rules.update(tool_rules(fmt, spec, args_rule, opened=opened))
        if "char" in conv._rules:  # 0.3.36's converter lets control characters into strings: JSON does not
            conv._rules["char"] = JSON_CHAR
        text = conv.format_grammar()
        check_grammar(text)
        return LlamaGrammar.from_string(text, verbose=False)

    # ---- generation -----------------------------------------------------------------------

    def _abort_prompt_eval(self, cancel: Flag | None) -> None:
        """Let a cancel interrupt llama.cpp while it evaluates a prompt (CPU backend); ``None`` removes it.

        ggml's CPU backend calls this callback once per graph node, not once per batch: 605 times
        per SmolLM2 token, each a C-to-Python round trip (~1.5 µs) while llama.cpp's other threads
        wait, about 8 % of SmolLM2's speed. So it is installed only while a prompt is evaluated
        (a long one can take minutes on a CPU) and removed at the first token; from then on the
        token loop checks the flag itself, once per token.
        """
        if cancel is None:
            if self._abort_cb is not None:
                llama_lib.llama_set_abort_callback(self.llm._ctx.ctx, _NO_ABORT, ctypes.c_void_p(0))
                self._abort_cb = None
            return

        @llama_lib.ggml_abort_callback
        def _abort(_data: ctypes.c_void_p) -> bool:
            return cancel.is_set()

        self._abort_cb = _abort  # keep the C callback alive while llama.cpp holds it
        llama_lib.llama_set_abort_callback(self.llm._ctx.ctx, _abort, ctypes.c_void_p(0))

    def _is_eog(self, token: int) -> bool:
        return bool(llama_lib.llama_vocab_is_eog(self._vocab, token))

    def _grammar(self, text: str) -> Any:
        """The grammar for ``generate``, parsed once by llama.cpp first: llama-cpp-python hands a
        NULL sampler on to the chain (a SIGSEGV), so a grammar that llama.cpp refuses and the
        check missed is refused here, with llama.cpp's reason, instead."""
        sampler = llama_lib.llama_sampler_init_grammar(self._vocab, text.encode("utf-8"), b"root")
        if not sampler:
            raise GrammarError("llama.cpp's parser refused the grammar (its own check found nothing wrong).")
        llama_lib.llama_sampler_free(sampler)
        return LlamaGrammar.from_string(text, verbose=False)

    def _set_seed(self, seed: int | None) -> None:
        self.llm.set_seed(seed if seed is not None else llama_lib.LLAMA_DEFAULT_SEED)
        self._rng = seeded(seed)

    # ---- the batch API that batch_decode.py and parallel.py drive ------------------------------

    def _generate(
        self, tokens: list[int], drafting: Drafting, *, grammar: Any, **sampling: Any
    ) -> Generator[int, None, None]:
        """What ``Llama.generate`` gave the loop (the tokens after ``tokens``), with drafts verified."""
        job = Job(self._caches[0], tokens, self._chain(grammar, sampling), self._rng, drafting, drafter=self._drafter)
        return generate(self, job, self.n_batch, self.context_length)

    def _drafter(self, tokens: list[int], length: DraftLength) -> Drafter:
        """The draft model's drafter where one is loaded, else prompt lookup's."""
        d = self._draft
        if d is None:
            return NgramDrafter(tokens)
        return ModelDrafter(d, d._caches[0], d.n_batch, min(d._n_vocab, self._n_vocab), tokens, length)

    def _chain(self, grammar: Any, sampling: dict[str, Any]) -> Stages:
        """The sampler chain ``Llama.generate`` would build for the request (``sampler_stages.py``)."""
        greedy = sampling["temp"] == 0.0
        plain = greedy and grammar is None and sampling.get("repeat_penalty", 1.0) == 1.0
        sampler = self.llm._init_sampler(grammar=grammar, **sampling)
        return Stages(sampler, device_symbols, self._n_vocab, greedy=greedy, plain=plain)

    def _decode(self, tokens: Sequence[int], pos: Sequence[int], seqs: Sequence[int], logits: Sequence[bool]) -> None:
        b = self._batch
        b.n_tokens = len(tokens)
        for i, (t, p, s, want) in enumerate(zip(tokens, pos, seqs, logits)):
            b.token[i], b.pos[i], b.n_seq_id[i], b.logits[i] = t, p, 1, want
            b.seq_id[i][0] = s
        if (rc := llama_lib.llama_decode(self.llm._ctx.ctx, b)) != 0:
            raise RuntimeError(f"llama_decode returned {rc}")

    def _logits(self, i: int) -> Floats:  # a view of row i, valid until the next decode
        return np.ctypeslib.as_array(llama_lib.llama_get_logits_ith(self.llm._ctx.ctx, i), shape=(self._n_vocab,))

    def _seq_rm(self, seq: int, p0: int, p1: int = -1) -> None:
        llama_lib.llama_memory_seq_rm(self._memory, seq, p0, p1)

    def _seq_cp(self, src: int, dst: int, p0: int, p1: int) -> None:
        llama_lib.llama_memory_seq_cp(self._memory, src, dst, p0, p1)

    def _retune(self, seconds: float) -> None:
        assert self._tuner is not None
        n = self._tuner.tick(seconds)
        if n is not None:
            llama_lib.llama_set_n_threads(self.llm._ctx.ctx, n, self._n_threads_batch)
            self.n_threads = n

    def close(self) -> None:
        if getattr(self, "_draft", None) is not None:
            self._draft.close()  # type: ignore[union-attr]
            self._draft = None
        if getattr(self, "_batch", None) is not None:
            llama_lib.llama_batch_free(self._batch)
            self._batch = None
        llm = getattr(self, "llm", None)
        if llm is not None:
            llm.close()
            self.llm = None
