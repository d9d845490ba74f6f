"""Whether a request's tools reach the model, decided once the model is known, before any text
is sent: a local model calls tools when its chat template has tool-call turns (read from the
GGUF's header, without loading it); the window's remote model gets them as they came. Otherwise
the request is answered as text, and the response's ``X-R1Desk-Tools`` header and the log say why.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from pathlib import Path

from app.core.errors import R1DeskError
from app.core.r1.templates import fallback_template
from app.core.r1.tool_calls import ToolFormat, tool_format
from app.server.chat_request import Call
from app.server.models import ModelEntry

HEADER = "X-R1Desk-Tools"


@lru_cache(maxsize=64)
def _format_of(path: str, mtime_ns: int) -> ToolFormat | None:
    from app.core.models.gguf_header import read_gguf

    try:
        template = read_gguf(path).chat_template
    except (R1DeskError, OSError):
        return None
    return tool_format(template or fallback_template())  # no template: the app's R1 format is used


def model_tool_format(path: str) -> ToolFormat | None:
    """How the model in ``path`` writes tool calls, or None when its template cannot."""
    try:
        mtime = Path(path).stat().st_mtime_ns
    except OSError:
        return None
    return _format_of(path, mtime)


def tool_use(call: Call, entry: ModelEntry, remote: bool) -> tuple[Call, str]:
    """``call`` with its tools handed to the engine when the model can call them, and what the
    ``X-R1Desk-Tools`` header says ("" when the request offered no tools).

    ``remote``: the engine serves the window's remote model, which gets the tools as they came.
    """
    offered = call.tools
    if offered.spec is None:
        return call, f"ignored ({offered.ignored})" if offered.ignored else ""
    n = len(offered.spec.tools)
    count = f"{n} tool{'s' if n != 1 else ''}" + (f", {offered.skipped} not functions" if offered.skipped else "")
    if remote:
        used = "passed to the remote server"
    else:
        fmt = model_tool_format(entry.path)
        if fmt is None:
            return call, f"ignored ({entry.id}'s chat template has no tool-call turns; {count})"
        used = f"{fmt} format"
    options = dataclasses.replace(call.options, tools=offered.spec)
    return dataclasses.replace(call, options=options), f"used ({used}; {count})"
