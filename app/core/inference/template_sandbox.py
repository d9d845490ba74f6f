"""A model file's chat template, rendered with a time and size budget.

A GGUF's template is code from whoever made the file. llama-cpp-python renders it in Jinja's
``ImmutableSandboxedEnvironment``, which stops escapes (no attribute tricks, no imports) but
not a loop that never ends or an output of a gigabyte: one hung ``ask --dry-run`` and every
answer, another killed the model process with ``std::bad_alloc`` when its output was tokenized.

So a model's template is rendered in a small helper process of the model process (it imports
jinja2 only, and on POSIX its address space is capped at 1 GB): the model process waits at most
``BUDGET_S`` for it and kills it otherwise, and output past ``MAX_OUTPUT`` stops the render
there. Then the app's own R1 format is used, and the statistics say why (``llama_runner``).
The environment and arguments are llama-cpp-python's ``Jinja2ChatFormatter``'s, so the text is
the same (``tests/core/inference/test_template_sandbox.py`` compares them).
"""

from __future__ import annotations

import json
import multiprocessing as mp
from datetime import datetime
from functools import lru_cache
from multiprocessing.connection import Connection
from typing import Any

from app.core.errors import TemplateError
from app.core.inference.helper_life import live_as_helper

BUDGET_S = 2.0
MAX_OUTPUT = 4 * 1024 * 1024
MEMORY_LIMIT = 1 << 30  # the helper's address space (POSIX): a memory bomb fails there, not in the model
_START_S = 60.0  # a cold start on a busy machine (it only imports jinja2)


@lru_cache(maxsize=8)
def _compiled(template: str) -> Any:
    import jinja2
    import jinja2.ext
    from jinja2.ext import Extension
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class IgnoreGenerationTags(Extension):  # as llama-cpp-python (and Transformers) do
        tags = {"generation"}  # noqa: RUF012  (jinja's own declaration)

        def parse(self, parser: Any) -> Any:
            parser.stream.skip(1)
            return parser.parse_statements(("name:endgeneration",), drop_needle=True)

    env = ImmutableSandboxedEnvironment(
        loader=jinja2.BaseLoader(),
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=[IgnoreGenerationTags, jinja2.ext.loopcontrols],
    )
    env.filters["tojson"] = _tojson
    return env.from_string(template)


def _tojson(
    x: Any,
    ensure_ascii: bool = False,
    indent: int | None = None,
    separators: tuple[str, str] | None = None,
    sort_keys: bool = False,
) -> str:
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


def _raise_exception(message: str) -> None:
    raise ValueError(message)


def render(
    template: str,
    messages: list[dict[str, Any]],
    bos: str,
    eos: str,
    limit: int = MAX_OUTPUT,
    tools: list[dict[str, Any]] | None = None,
) -> str:
    """The prompt, rendered here with the formatter's environment; at most ``limit`` characters.
    ``tools``: the request's tool definitions, for templates that write them themselves."""
    chunks: list[str] = []
    size = 0
    for chunk in _compiled(template).generate(
        messages=messages,
        eos_token=eos,
        bos_token=bos,
        raise_exception=_raise_exception,
        add_generation_prompt=True,
        functions=None,
        function_call=None,
        tools=tools,
        tool_choice=None,
        strftime_now=lambda f: datetime.now().strftime(f),
    ):
        size += len(chunk)
        if size > limit:
            raise TemplateError(f"produced more than {limit / 2**20:.0f} MB of prompt")
        chunks.append(chunk)
    return "".join(chunks)


def _serve(conn: Connection) -> None:
    """The helper process: render what arrives until the pipe closes."""
    # Dies with the model process (our parent is its main thread, which lives as long as it does).
    live_as_helper(MEMORY_LIMIT)
    import jinja2  # noqa: F401  (before "ready": the budget is for rendering, not for imports)

    conn.send(("ready", ""))
    while True:
        try:
            template, messages, bos, eos, limit, tools = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = ("ok", render(template, messages, bos, eos, limit, tools))
        except TemplateError as e:
            reply = ("error", str(e))
        except MemoryError:
            reply = ("error", "ran out of memory")
        except Exception as e:  # jinja syntax, the sandbox's SecurityError, raise_exception()
            reply = ("error", f"failed ({type(e).__name__}: {e})")
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return


class TemplateSandbox:
    """The helper process that renders model templates; killed (and started again on the next
    render) when one runs past the budget. Used by one thread of the model process."""

    def __init__(self, budget_s: float = BUDGET_S, limit: int = MAX_OUTPUT) -> None:
        self.budget_s, self.limit = budget_s, limit
        self._proc: Any = None
        self._conn: Connection | None = None
        self._ready = False

    def start(self) -> None:
        """Start the helper now (it boots while the model loads)."""
        if self._proc is not None and self._proc.is_alive():
            return
        self.close()
        ctx = mp.get_context("spawn")
        mine, theirs = ctx.Pipe(duplex=True)
        proc = ctx.Process(target=_serve, args=(theirs,), name="r1desk-template", daemon=True)
        proc.start()
        theirs.close()
        self._proc, self._conn, self._ready = proc, mine, False

    def render(
        self,
        template: str,
        messages: list[dict[str, Any]],
        bos: str,
        eos: str,
        tools: list[dict[str, Any]] | None = None,
    ) -> str:
        """The rendered prompt, or TemplateError saying what went wrong (past the budget, too
        long, a template error)."""
        self.start()
        conn = self._conn
        assert conn is not None
        try:
            if not self._ready:
                if not conn.poll(_START_S):
                    raise TemplateError("could not be rendered: the template helper did not start")
                conn.recv()
                self._ready = True
            conn.send((template, messages, bos, eos, self.limit, tools))
            if not conn.poll(self.budget_s):
                self.close()
                raise TemplateError(f"took longer than {self.budget_s:g} s to render")
            kind, text = conn.recv()
        except (EOFError, OSError):
            self.close()
            raise TemplateError("made its renderer fail (out of memory?)") from None
        if kind != "ok":
            raise TemplateError(text)
        return str(text)

    def close(self) -> None:
        """Stop the helper (idempotent)."""
        if self._conn is not None:
            self._conn.close()
        if self._proc is not None:
            if self._proc.is_alive():
                self._proc.kill()
            self._proc.join(timeout=2)
        self._proc = self._conn = None
        self._ready = False
