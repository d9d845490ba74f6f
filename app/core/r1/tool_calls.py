"""Tool calls in an R1 model's answer: the two formats R1 models write, and a streaming parser
that turns them into OpenAI-style calls as the text arrives.

- ``deepseek``: the DeepSeek-R1 distills' official template (DeepSeek-V3's tool sections):
  ``<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>NAME\\n```json\\n{…}\\n```
  <｜tool▁call▁end｜>…<｜tool▁calls▁end｜>``. The spellings of the opening marker the distills are
  known to confuse are accepted too (as llama.cpp's ``common/chat.cpp`` does).
- ``hermes``: ``<tool_call>{"name": …, "arguments": {…}}</tool_call>``, as Qwen3-based models
  (DeepSeek-R1-0528-Qwen3-8B) write it.

The parser reads only the answer (what follows ``</think>``). Text that may be the start of a
marker is held back until it is known, so content never shows half a marker, however the text
was cut. Arguments stream piece by piece; a call's end is found by the JSON's own structure, so
a code fence or a marker inside an argument's string does not end it.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from app.core.r1.json_end import JsonEnd, check_arguments

ToolFormat = Literal["deepseek", "hermes"]

DS_CALLS_BEGIN = "<｜tool▁calls▁begin｜>"
DS_CALLS_BEGIN_VARIANTS = (
    DS_CALLS_BEGIN,
    "<｜tool_calls_begin｜>",
    "<｜tool calls begin｜>",
    "<｜tool\\_calls\\_begin｜>",
    "<｜tool▁calls｜>",
)
DS_CALLS_END = "<｜tool▁calls▁end｜>"
DS_CALL_BEGIN = "<｜tool▁call▁begin｜>"
DS_CALL_END = "<｜tool▁call▁end｜>"
DS_SEP = "<｜tool▁sep｜>"
DS_MARKERS = (*DS_CALLS_BEGIN_VARIANTS, DS_CALLS_END, DS_CALL_BEGIN, DS_CALL_END, DS_SEP)
HERMES_OPEN, HERMES_CLOSE = "<tool_call>", "</tool_call>"

# The tokens a tool call is written with: the model process shows them as text while tools are on
# (DeepSeek's are control tokens, which llama.cpp otherwise renders as nothing).
MARKERS: dict[ToolFormat, tuple[str, ...]] = {"deepseek": DS_MARKERS, "hermes": (HERMES_OPEN, HERMES_CLOSE)}

_DS_HEADER = re.compile(r"\s*(?:<｜tool▁call▁begin｜>)?\s*(\w*)<｜tool▁sep｜>([^\n]*)\n")
_HERMES_HEAD = re.compile(r'\s*\{\s*"name"\s*:\s*"((?:[^"\\]|\\.)*)"\s*,\s*"(?:arguments|parameters)"\s*:\s*')


def tool_format(template: str | None) -> ToolFormat | None:
    """The tool-call format a chat template writes, or None when it has no tool-call turns."""
    if not template:
        return None
    if "tool▁call▁begin" in template or "tool▁calls▁begin" in template:
        return "deepseek"
    if HERMES_OPEN in template:
        return "hermes"
    return None


@dataclass(frozen=True)
class ToolSpec:
    """The tools a request offers the model, and whether it must call one.

    Attributes:
        tools: OpenAI tool objects, ``{"type": "function", "function": {name, description,
            parameters}}``, as the client sent them (templates render them as they are).
        required: the answer must be a call (``tool_choice: "required"`` or a named function).
        name: the one function it must call ("" for any).
        parallel: more than one call per answer (``parallel_tool_calls``).
    """

    tools: tuple[dict[str, Any], ...]
    required: bool = False
    name: str = ""
    parallel: bool = True

    def functions(self) -> list[dict[str, Any]]:
        """The function objects the model may call (only the named one when one is forced)."""
        fns = [t["function"] for t in self.tools]
        return [f for f in fns if f["name"] == self.name] if self.name else fns


def new_call_id() -> str:
    return f"call_{secrets.token_hex(12)}"


@dataclass(frozen=True, slots=True)
class ToolCallDelta:
    """A piece of a tool call as it streams: the first piece of a call carries its ``id`` and
    ``name``, the following ones pieces of ``arguments`` (OpenAI's ``delta.tool_calls[]``)."""

    index: int
    id: str = ""
    name: str = ""
    arguments: str = ""


@dataclass
class ToolCall:
    """One whole call, checked at its end.

    Attributes:
        error: why its arguments are not usable ("" when they are a JSON object).
        raw: the text the model wrote for it (what a client sees of a call it cannot use).
    """

    index: int
    id: str
    name: str
    arguments: str = ""
    error: str = ""
    raw: str = ""
    closed: bool = False


def _partial_suffix(text: str, tags: tuple[str, ...]) -> int:
    """Length of the longest end of ``text`` that is a proper beginning of one of ``tags``."""
    best = 0
    for tag in tags:
        for n in range(min(len(tag) - 1, len(text)), best, -1):
            if text.endswith(tag[:n]):
                best = n
                break
    return best


Out = str | ToolCallDelta  # content text, or a piece of a call
State = Literal["content", "head", "args", "tail", "done"]


class ToolCallParser:
    """Answer text in, content text and ``ToolCallDelta`` pieces out, for one answer.

    Attributes:
        calls: every call begun, in order (check ``error`` after ``finish``).
        triggered: a tool call has begun (the grammar for its arguments may start).
    """

    def __init__(self, fmt: ToolFormat, make_id: Callable[[], str] = new_call_id) -> None:
        self.fmt = fmt
        self.make_id = make_id
        self.calls: list[ToolCall] = []
        self.triggered = False
        self._state: State = "content"
        self._buf = ""
        self._json: JsonEnd | None = None
        self._whole = False  # hermes: the object is read whole (its name does not come first)

    @property
    def in_call(self) -> bool:
        return self._state in ("head", "args", "tail")

    @property
    def at_call_start(self) -> bool:
        """Just past the opening marker, nothing of the first call written yet."""
        return self._state == "head" and not self._buf.strip() and not self.calls

    def feed(self, text: str) -> list[Out]:
        self._buf += text
        out: list[Out] = []
        while self._buf:
            before = (self._state, len(self._buf))
            self._step(out)
            if (self._state, len(self._buf)) == before:
                break  # waiting for more text
        return out

    def finish(self) -> list[Out]:
        """Release held-back content; a call still open is unfinished (its ``error`` says so)."""
        out: list[Out] = []
        if self._state in ("content", "done"):
            if self._buf:
                out.append(self._buf)
        elif self._state == "tail" and not self.calls[-1].error:
            self.calls[-1].closed = True  # whole arguments, only the end marker left out
        elif self.calls and not self.calls[-1].closed:
            call = self.calls[-1]
            call.raw += self._buf
            if self._state == "args" and self._json is None and not self._whole:
                self._args(out, self._buf)
            call.error = "the answer ended in the middle of it"
        elif self._state == "head" and self._buf.strip():
            self._bad_head(self._buf)
        self._buf = ""
        self._state = "done"
        return out

    def problem(self) -> str:
        """One sentence about the calls that cannot be used, or ""."""
        bad = [c for c in self.calls if c.error]
        return "; ".join(f"the call to {c.name or 'a tool'} (#{c.index + 1}): {c.error}" for c in bad)

    # ---- states -------------------------------------------------------------------------------

    def _step(self, out: list[Out]) -> None:
        match self._state:
            case "content" | "done":
                self._content(out)
            case "head":
                self._head(out)
            case "args":
                self._read_args(out)
            case "tail":
                self._tail()

    def _content(self, out: list[Out]) -> None:
        opens = DS_CALLS_BEGIN_VARIANTS if self.fmt == "deepseek" else (HERMES_OPEN,)
        if self._state == "done" and self.fmt == "deepseek":
            out.append(self._buf)  # text after the calls block: plain content
            self._buf = ""
            return
        found = [(i, m) for m in opens if (i := self._buf.find(m)) >= 0]
        if found:
            i, marker = min(found)
            if i:
                out.append(self._buf[:i])
            self._buf = self._buf[i + len(marker) :]
            self._state = "head"
            self.triggered = True
            return
        keep = _partial_suffix(self._buf, opens)
        if len(self._buf) > keep:
            out.append(self._buf[: len(self._buf) - keep])
            self._buf = self._buf[len(self._buf) - keep :]

    def _start(self, name: str, out: list[Out], raw: str) -> ToolCall:
        call = ToolCall(len(self.calls), self.make_id(), name.strip(), raw=raw)
        self.calls.append(call)
        out.append(ToolCallDelta(call.index, call.id, call.name))
        return call

    def _head(self, out: list[Out]) -> None:
        buf = self._buf
        if self.fmt == "deepseek":
            stripped = buf.lstrip()
            if stripped.startswith(DS_CALLS_END):
                self._buf = stripped[len(DS_CALLS_END) :]
                self._state = "done"
                return
            m = _DS_HEADER.match(buf)
            if m is None:
                if DS_CALL_END in buf or DS_CALLS_END in buf or len(buf) > 400:
                    self._bad_head(buf)
                return
            rest = buf[m.end() :]
            fence = rest.lstrip(" ")
            if "```".startswith(fence):
                return  # nothing after the name yet, or part of a fence
            if fence.startswith("```"):
                nl = fence.find("\n")
                if nl < 0:
                    return  # the fence's line is not complete yet
                rest = fence[nl + 1 :]
            self._start(m.group(2), out, buf[: len(buf) - len(rest)])
            self._buf = rest
            self._state = "args"
            self._json = None
            return
        # hermes
        m = _HERMES_HEAD.match(buf)
        if m is not None:
            self._start(json.loads(f'"{m.group(1)}"'), out, buf[: m.end()])
            self._buf = buf[m.end() :]
            self._state, self._json, self._whole = "args", None, False
            return
        stripped = buf.lstrip()
        if stripped and not stripped.startswith("{"):
            self._bad_head(buf)
            return
        # not (yet) name-first: read the whole object, then take it apart
        scanner = JsonEnd()
        end = scanner.feed(buf)
        if end < 0:
            if HERMES_CLOSE in buf:
                self._bad_head(buf)
            return
        obj_text, self._buf = buf[:end], buf[end:]
        try:
            obj = json.loads(obj_text)
        except ValueError:
            obj = None
        if not isinstance(obj, dict) or not isinstance(obj.get("name"), str):
            call = self._start("", out, obj_text)
            call.error = "it is not a {name, arguments} object"
            call.closed = True
        else:
            call = self._start(obj["name"], out, obj_text)
            args = obj.get("arguments", obj.get("parameters", {}))
            self._args(out, args if isinstance(args, str) else json.dumps(args, ensure_ascii=False))
            call.error = "" if isinstance(args, (dict, str)) else "its arguments are not a JSON object"
            if isinstance(args, str):
                call.error = check_arguments(args)
            call.closed = True
        self._whole = True
        self._state = "tail"

    def _bad_head(self, text: str) -> None:
        call = ToolCall(len(self.calls), "", "", raw=text, error="it does not name a function", closed=True)
        self.calls.append(call)
        self._buf = ""
        self._state = "tail"

    def _args(self, out: list[Out], text: str) -> None:
        if text:
            call = self.calls[-1]
            call.arguments += text
            out.append(ToolCallDelta(call.index, arguments=text))

    def _read_args(self, out: list[Out]) -> None:
        call = self.calls[-1]
        if self._json is None:
            stripped = self._buf.lstrip()
            if not stripped:
                self._buf = ""
                return
            call.raw += self._buf[: len(self._buf) - len(stripped)]
            self._buf = stripped
            if stripped[0] in "{[":
                self._json = JsonEnd()
            else:  # not JSON: read up to the call's end marker as it is
                self._read_loose(out)
                return
        end = self._json.feed(self._buf)
        piece = self._buf if end < 0 else self._buf[:end]
        call.raw += piece
        self._args(out, piece)
        self._buf = "" if end < 0 else self._buf[end:]
        if end >= 0:
            call.error = check_arguments(call.arguments)
            self._state = "tail"

    def _read_loose(self, out: list[Out]) -> None:
        call = self.calls[-1]
        ends = ("```", DS_CALL_END, DS_CALLS_END) if self.fmt == "deepseek" else (HERMES_CLOSE,)
        found = [i for e in ends if (i := self._buf.find(e)) >= 0]
        cut = min(found) if found else len(self._buf) - _partial_suffix(self._buf, ends)
        piece = self._buf[:cut]
        call.raw += piece
        self._args(out, piece.rstrip() if found else piece)
        self._buf = self._buf[cut:]
        if found:
            call.error = check_arguments(call.arguments)
            self._state = "tail"

    def _tail(self) -> None:
        """After a call's arguments: skip to its end marker (a closing fence, ``}``, spaces)."""
        call = self.calls[-1]
        end = DS_CALL_END if self.fmt == "deepseek" else HERMES_CLOSE
        i = self._buf.find(end)
        if i < 0:
            if self.fmt == "deepseek" and self._buf.lstrip().startswith(DS_CALLS_END):
                i, end = self._buf.find(DS_CALLS_END), ""  # the call's own end marker was left out
            else:
                keep = _partial_suffix(self._buf, (end,))
                call.raw += self._buf[: len(self._buf) - keep]
                self._buf = self._buf[len(self._buf) - keep :]
                return
        call.raw += self._buf[: i + len(end)]
        self._buf = self._buf[i + len(end) :]
        call.closed = True
        self._state = "head" if self.fmt == "deepseek" else "content"
