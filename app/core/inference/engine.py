"""The one interface the window, the CLI and the local server use to run a model.

``LocalEngine`` (llama.cpp in a child process) is the first implementation; a remote
OpenAI-compatible engine is the second. Callers never care which: they load, render, stream
events, cancel and ask for the answer now.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Protocol, runtime_checkable

from app.core.inference.events import (
    BackendInfo,
    ChatMessage,
    ChatOptions,
    Event,
    LoadParams,
    ModelFacts,
    RenderedPrompt,
    TokenCount,
)
from app.core.r1.sampling import Sampling

ProgressCallback = Callable[[float], None]


@runtime_checkable
class Engine(Protocol):
    """A model that streams R1 answers.

    Attributes:
        facts: what the engine reported for the loaded model (None before a load).
    """

    facts: ModelFacts | None

    @property
    def loaded(self) -> bool:
        """Whether a model is ready to answer."""
        ...

    def backend_info(self) -> BackendInfo:
        """Where models run: the llama.cpp backend, or the remote server."""
        ...

    def load(self, params: LoadParams, progress: ProgressCallback | None = None) -> ModelFacts:
        """Load a model; raise an ``EngineError`` with a sentence for the user when it cannot.
        A failed load leaves no model loaded."""
        ...

    def unload(self) -> None: ...

    def render_prompt(self, messages: list[ChatMessage], options: ChatOptions | None = None) -> RenderedPrompt:
        """The exact prompt a chat request would evaluate, without generating."""
        ...

    def count_tokens(
        self, texts: list[str], messages: list[ChatMessage] | None = None, options: ChatOptions | None = None
    ) -> TokenCount:
        """Tokens of each text and, with ``messages``, of the whole rendered prompt; counted with
        the model's own tokenizer where the engine has it (else estimated, and marked so)."""
        ...

    def stream_chat(
        self, messages: list[ChatMessage], sampling: Sampling | None = None, options: ChatOptions | None = None
    ) -> Generator[Event, None, None]:
        """``Delta`` events as the model writes (a ``Tick`` now and then), then one ``Stats``.

        After :meth:`cancel` the stream ends with a ``Stats`` whose finish reason is
        "cancelled"; closing the generator early cancels too.
        """
        ...

    def cancel(self) -> None:
        """Stop the running generation (or load) as soon as possible. Safe from any thread."""
        ...

    def answer_now(self) -> None:
        """Close the reasoning now and let the model write its answer. Safe from any thread."""
        ...

    def close(self) -> None:
        """Release everything (processes, connections). Idempotent."""
        ...
