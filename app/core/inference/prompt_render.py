"""The prompt a chat request becomes, exactly as the model will read it.

The GGUF's own chat template first (rendered in the budgeted helper, ``template_sandbox``), the
app's R1 format when the file has none or it fails (the reason goes into the statistics), then
R1's rules on top: an empty reasoning block when Deep Thinking is off, ``<think>\\n`` forced where
an older template does not open the reasoning (DeepSeek's usage notes).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from app.core import errors
from app.core.inference.events import RenderedPrompt
from app.core.inference.template_sandbox import TemplateSandbox, render
from app.core.inference.wire import ChatRequest
from app.core.r1.reasoning import CLOSE_REASONING, FORCED_THINK, needs_forced_think, prompt_opens_reasoning
from app.core.r1.templates import fallback_template, history_for_template

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
        if text is None:  # our own template: trusted, rendered here with the same environment
            text = render(fallback_template(), messages, self._bos, self._eos)
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
        )
        return rendered, tokens

    def _model_template(self, messages: list[dict[str, str]]) -> str:
        if self._failed is not None:
            raise errors.TemplateError(self._failed)
        assert self._template
        try:
            return self._sandbox.render(self._template, messages, self._bos, self._eos)
        except errors.TemplateError as e:
            if "longer than" in str(e) or "more than" in str(e) or "memory" in str(e):
                self._failed = str(e)
            raise

    @property
    def has_template(self) -> bool:
        return bool(self._template)
