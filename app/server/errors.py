"""Every failure the API reports, in the OpenAI error shape: ``{"error": {message, type, code}}``.

Clients (the ``openai`` package, Continue, aider) show ``message`` to the user, so each one is a
sentence that says what to do.
"""

from __future__ import annotations

from typing import Any

from app.core import errors
from app.core.inference.gate import QueueFull
from app.core.inference.grammar_check import GrammarError

RETRY_AFTER_S = 5


class ApiError(Exception):
    """An error answer: an HTTP status, the OpenAI ``type`` and ``code``, and a sentence."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        type: str = "invalid_request_error",
        code: str | None = None,
        param: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.type = type
        self.code = code
        self.param = param
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        return {"error": {"message": self.message, "type": self.type, "param": self.param, "code": self.code}}


def bad_request(message: str, param: str | None = None) -> ApiError:
    return ApiError(400, message, code="invalid_request", param=param)


def from_core(e: Exception) -> ApiError:
    """The API's answer to an error raised by the core (the engine, the model files, the gate)."""
    if isinstance(e, ApiError):
        return e
    if isinstance(e, QueueFull):
        return ApiError(
            429, str(e), type="rate_limit_error", code="queue_full", headers={"Retry-After": str(RETRY_AFTER_S)}
        )
    if isinstance(e, errors.EngineBusy):
        return ApiError(503, str(e), type="server_error", code="engine_busy")
    if isinstance(e, GrammarError):
        return ApiError(400, f"'grammar': {e}", code="invalid_request", param="grammar")
    if isinstance(e, errors.ModelFileError):
        return ApiError(404, str(e), code="model_not_found", param="model")
    if isinstance(e, errors.R1DeskError):
        too_long = "more than the context" in str(e)
        if too_long:
            return ApiError(400, str(e), code="context_length_exceeded", param="messages")
        return ApiError(500, str(e), type="server_error", code="engine_error")
    return ApiError(500, f"Internal error: {type(e).__name__}: {e}", type="server_error", code="internal_error")
