"""Every message between the app and its model process, as typed dataclasses matched one way.

The app sends a ``Request``; the model process answers with ``Reply`` messages. A ``Generate``
is answered by a stream of ``Delta``/``Tick`` events (merged to at most one message per
``model_server.FLUSH_S``, not one per token) and ends with ``Stats`` or ``Failed``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.inference.events import (
    BackendInfo,
    ChatMessage,
    ChatOptions,
    Delta,
    LoadParams,
    ModelFacts,
    Progress,
    Reading,
    RenderedPrompt,
    Stats,
    Tick,
    TokenCount,
    ToolCallDelta,
)
from app.core.models.hardware import Device
from app.core.r1.sampling import Sampling


@dataclass(frozen=True)
class ChatRequest:
    messages: list[ChatMessage]
    sampling: Sampling = field(default_factory=Sampling)
    options: ChatOptions = field(default_factory=ChatOptions)


# ---- requests: app -> model process ------------------------------------------------------------


@dataclass(frozen=True)
class Load:
    params: LoadParams


@dataclass(frozen=True)
class Render:
    request: ChatRequest


@dataclass(frozen=True)
class Generate:
    request: ChatRequest


@dataclass(frozen=True)
class GenerateMany:
    """Answer several requests together (``parallel.py``), each as ``streams[i]``: the samples of
    one question, or the API's concurrent requests. More may follow while they run; the replies
    are ``Tagged``."""

    requests: list[ChatRequest]
    streams: list[int]


@dataclass(frozen=True)
class StopStream:
    """Stop one of the answers a ``GenerateMany`` started (``answer_now``: close its reasoning)."""

    stream: int
    answer_now: bool = False


@dataclass(frozen=True)
class CountTokens:
    """Count each text's tokens and, when ``request`` is given, its rendered prompt's."""

    texts: list[str]
    request: ChatRequest | None = None


@dataclass(frozen=True)
class Unload:
    pass


@dataclass(frozen=True)
class ListDevices:
    """llama.cpp's devices and their free memory now (asked before a load is planned)."""


@dataclass(frozen=True)
class Close:
    pass


Request = Load | Render | CountTokens | Generate | GenerateMany | StopStream | Unload | ListDevices | Close


# ---- replies: model process -> app -------------------------------------------------------------


@dataclass(frozen=True)
class Hello:
    """The process is up; which backends its llama.cpp build has."""

    backend: BackendInfo


@dataclass(frozen=True)
class Loaded:
    facts: ModelFacts


@dataclass(frozen=True)
class Rendered:
    prompt: RenderedPrompt


@dataclass(frozen=True)
class Counted:
    count: TokenCount


@dataclass(frozen=True)
class Unloaded:
    pass


@dataclass(frozen=True)
class Devices:
    devices: tuple[Device, ...] | None


@dataclass(frozen=True)
class Log:
    """A warning or error line llama.cpp printed (kept so a crash can say what it said)."""

    line: str


@dataclass(frozen=True)
class Failed:
    """An error in the model process, re-raised in the app as ``errors.<error>``."""

    error: str
    message: str


@dataclass(frozen=True)
class Tagged:
    """An event of one of several answers: ``Delta``, ``ToolCallDelta``, ``Tick``, ``Reading``,
    then ``Stats`` or ``Failed``."""

    stream: int
    event: Delta | ToolCallDelta | Tick | Reading | Stats | Failed


Reply = (
    Hello
    | Loaded
    | Rendered
    | Counted
    | Unloaded
    | Devices
    | Log
    | Failed
    | Progress
    | Delta
    | Tick
    | Reading
    | ToolCallDelta
    | Stats
    | Tagged
)
