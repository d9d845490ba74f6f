"""The prompt a chat request becomes, exactly as the model will read it.

The GGUF's own chat template first (rendered in the budgeted helper, ``template_sandbox``), the
app's R1 format when the file has none or it fails (the reason goes into the statistics), then
R1's rules on top: an empty reasoning block when Deep Thinking is off, ``<think>\\n`` forced where
an older template does not open the reasoning (DeepSeek's usage notes).

Tools (``tool_prompt.py``): a template with tool-call turns gets the request's tools (as an
instruction, or as template input when it writes them itself) and its history's tool turns; a
template without them gets those turns as plain text and no tools.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from app.core import errors
from app.core.inference.events import RenderedPrompt
from app.core.inference.template_sandbox import TemplateSandbox, render
from app.core.inference.wire import ChatRequest
from app.core.r1 import tool_prompt
from app.core.r1.reasoning import CLOSE_REASONING, FORCED_THINK, needs_forced_think, prompt_opens_reasoning
from app.core.r1.templates import fallback_template, history_for_template
from app.core.r1.tool_calls import ToolFormat, ToolSpec, tool_format

_EMPTY_REASONING = "<think>\n\n</think>\n\n"  # the block Ollama and llama.cpp pre-fill when thinking is off


class PromptRenderer:
    """Renders and tokenizes prompts for one loaded model."""

    def __init__(
        self,
        template: str | None,
        bos: str,
        eos: str,
        tokenize: Callable[[str], list[int]],
        sandbox: TemplateSandbox,
    ) -> None:
        self._template = template
        self._bos, self._eos = bos, eos
        self._tokenize = tokenize
        self._sandbox = sandbox
        self._failed: str | None = None  # a template that ran past its budget is not tried again
        if template:
            sandbox.start()  # boots while the app gets ready to send the first message

    def render(self, request: ChatRequest) -> tuple[RenderedPrompt, list[int]]:
        """The prompt exactly as the model's template renders it, and its tokens."""
        raw = request.options.raw_prompt
        if raw is not None:  # /v1/completions: the prompt as the client wrote it
            raw_tokens = self._tokenize(raw)
            return RenderedPrompt(raw, len(raw_tokens), prompt_opens_reasoning(raw), "gguf"), raw_tokens
        history = history_for_template(request.messages)
        tools = request.options.tools
        problem = None
        text = None
        fmt = tool_format(self._template)
        if self._template:
            messages, native = _with_tools(history, fmt, tools, self._template)
            try:
                text = self._model_template(messages, native)
            except errors.TemplateError as e:  # a jinja error, the sandbox, past the time or size budget
                problem = f"the model's chat template {e}"
        else:
            problem = "the model file has no chat template"
        source: Literal["gguf", "fallback"] = "gguf" if text is not None else "fallback"
        if text is None:  # our own template: trusted, rendered here with the same environment
            fmt = tool_format(fallback_template())
            messages, native = _with_tools(history, fmt, tools, fallback_template())
            text = render(fallback_template(), messages, self._bos, self._eos, tools=native)
        elif fmt == "deepseek":
            text = tool_prompt.repair_deepseek(text)
        if not request.options.think:
            text += CLOSE_REASONING if prompt_opens_reasoning(text) else _EMPTY_REASONING
        forced = request.options.think and request.options.force_think and needs_forced_think(text)
        if forced:
            text += FORCED_THINK
        tokens = self._tokenize(text)
        rendered = RenderedPrompt(
            text=text,
            n_tokens=len(tokens),
            forced_open=prompt_opens_reasoning(text),
            template=source,
            template_problem=problem,
            think_forced=forced,
            tool_format=(fmt or "") if tools is not None else "",
        )
        return rendered, tokens

    @property
    def tool_format(self) -> ToolFormat | None:
        """How this model writes tool calls (its template's format), None when it cannot."""
        return tool_format(self._template or fallback_template())

    def _model_template(self, messages: list[dict[str, Any]], tools: list[dict[str, Any]] | None) -> str:
        if self._failed is not None:
            raise errors.TemplateError(self._failed)
        assert self._template
        try:
            return self._sandbox.render(self._template, messages, self._bos, self._eos, tools)
        except errors.TemplateError as e:
            if "longer than" in str(e) or "more than" in str(e) or "memory" in str(e):
                self._failed = str(e)
            raise

    @property
    def has_template(self) -> bool:
        return bool(self._template)


def _with_tools(
    history: list[dict[str, Any]], fmt: ToolFormat | None, tools: ToolSpec | None, template: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]] | None]:
    """The messages for ``template``, and the tools to hand it as input (None: it gets none)."""
    if fmt is None:
        return tool_prompt.flatten(history), None
    messages = tool_prompt.for_format(history, fmt)
    if tools is None:
        return messages, None
    if fmt == "hermes" and tool_prompt.renders_tools(template):
        return messages, list(tools.tools)
    return tool_prompt.with_instruction(messages, tool_prompt.instruction(fmt, tools)), None
