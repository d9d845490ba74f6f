"""The one family of errors the core raises towards the UI and the CLI.

Every message is written for the person using the app: what went wrong and, where there is one,
what to do next. Code that catches these shows ``str(error)`` as it is.
"""

from __future__ import annotations


class R1DeskError(Exception):
    """Anything the app reports to the user as a plain message."""


class EngineError(R1DeskError):
    """A model could not be loaded or run."""


class ModelFileError(EngineError):
    """The model file is missing, unreadable, or not a usable GGUF."""


class UnsupportedModelError(EngineError):
    """The file is a valid GGUF, but this build of llama.cpp cannot run it."""


class OutOfMemoryError(EngineError):
    """The model or its context does not fit in memory."""


class EngineCrashed(EngineError):
    """The model process died (a native fault in llama.cpp or a GPU driver)."""


class TemplateError(EngineError):
    """A model's chat template failed or ran past its budget (the app's R1 format is used instead)."""


class GrammarError(EngineError):
    """A request's GBNF grammar is not one llama.cpp can use (checked in ``grammar_check``)."""


class EngineBusy(EngineError):
    """A request arrived while another one was still streaming."""


class ContextOverflow(EngineError):
    """A message (with the room its reply needs) does not fit the model's context."""


class DownloadError(R1DeskError):
    """A model could not be listed or downloaded."""


class DownloadCancelled(DownloadError):
    """The user cancelled; what was downloaded is kept and the next pull resumes from it."""


class ChecksumMismatch(DownloadError):
    """The downloaded bytes do not match the Hub's sha256; the file was deleted."""


class NotEnoughSpace(DownloadError):
    """The disk cannot hold the download."""


class OfflineError(DownloadError):
    """A network operation was asked for while offline."""


class NotFoundError(DownloadError):
    """The repository or file does not exist (or is private)."""


class AccessDenied(DownloadError):
    """The repository is gated or private and needs a token."""


class NetworkError(DownloadError):
    """The Hub could not be reached, or the connection failed."""


class CatalogError(R1DeskError):
    """The model catalog is invalid, or a model id is unknown."""


class PresetError(R1DeskError):
    """A preset or a presets file is invalid."""


class StoreError(R1DeskError):
    """The chats database cannot be opened or written, or an export cannot be read."""


class DiskFullError(StoreError):
    """The disk is full: a chat could not be written (what was not written is kept in memory)."""


class RemoteError(EngineError):
    """A remote OpenAI-compatible server could not be reached or could not answer."""


class RemoteUnreachable(RemoteError):
    """No connection: refused, unknown host, TLS failure, or no answer in time."""


class RemoteAuthError(RemoteError):
    """The server refused the API key (401) or the key may not use this model (403)."""


class RemoteModelMissing(RemoteError):
    """The server has no model by that name (404)."""


class RemoteBusy(RemoteError):
    """The server asked us to slow down (429), also after waiting once."""


class RemoteServerError(RemoteError):
    """The server failed (5xx) or refused the request."""


class RemoteStreamBroken(RemoteError):
    """The answer's stream dropped or stalled midway; what arrived is kept."""


class EndpointError(R1DeskError):
    """An endpoints file or an endpoint's settings are invalid."""


class KeyringUnavailable(R1DeskError):
    """No system keyring can hold an API key on this machine."""


class CheckError(R1DeskError):
    """A model check (MATH-500) cannot go on."""


class SuiteError(CheckError):
    """An unknown suite name, or shipped problem data that does not read (a broken install)."""


class CheckStoreError(CheckError):
    """A check's results file cannot be written (a full disk, no permission)."""
