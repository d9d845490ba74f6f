"""The one family of errors the core raises towards the UI and the CLI.

Every message is written for the person using the app: what went wrong and, where there is one,
what to do next. Code that catches these shows ``str(error)`` as it is.
"""

from __future__ import annotations


class EngineError(Exception):
    """A model could not be loaded or run."""


class ModelFileError(EngineError):
    """The model file is missing, unreadable, or not a usable GGUF."""


class UnsupportedModelError(EngineError):
    """The file is a valid GGUF, but this build of llama.cpp cannot run it."""


class OutOfMemoryError(EngineError):
    """The model or its context does not fit in memory."""


class TemplateError(EngineError):
    """The model's chat template failed to render the conversation."""


class EngineCrashed(EngineError):
    """The model process died (a native fault in llama.cpp or a GPU driver)."""


class EngineBusy(EngineError):
    """A request arrived while another one was still streaming."""
