"""Tools in the prompt: the instruction that lists them, tool turns in the history as each
format's template expects them, and the repairs the official R1 template needs.

The R1 distills' official template has tool-call and tool-output turns but never renders the
tool definitions, so (as llama.cpp does for it) an instruction listing the tools with an example
call goes into the prompt: at the start of the first user turn, because R1 takes no system
prompt. A Hermes-style template that renders ``tools`` itself gets them as template input.

The official template also leaves a single call's block open, leaves the chat dangling after tool
results, and never resets its flags, so a second round of calls or results comes out without
its opening markers. :func:`repair_deepseek` mends the rendered text (the first two as llama.cpp's
``common/chat.cpp`` does); the result is what the app's own R1 template writes
(``tests/core/inference/test_tool_prompt.py`` renders both and compares).
"""

from __future__ import annotations

import json
import re
from typing import Any

from app.core.r1.tool_calls import (
    DS_CALL_BEGIN,
    DS_CALL_END,
    DS_CALLS_BEGIN,
    DS_CALLS_END,
    HERMES_CLOSE,
    HERMES_OPEN,
    ToolFormat,
    ToolSpec,
)

EOS, ASSISTANT, USER = "<｜end▁of▁sentence｜>", "<｜Assistant｜>", "<｜User｜>"
OUTPUTS_BEGIN, OUTPUTS_END = "<｜tool▁outputs▁begin｜>", "<｜tool▁outputs▁end｜>"
OUTPUT_BEGIN, OUTPUT_END = "<｜tool▁output▁begin｜>", "<｜tool▁output▁end｜>"

_EXAMPLE_ARGS = '{"arg1": "some_value"}'
_EXAMPLES: dict[ToolFormat, str] = {
    "deepseek": f"{DS_CALLS_BEGIN}{DS_CALL_BEGIN}function<｜tool▁sep｜>tool_name\n```json\n{_EXAMPLE_ARGS}\n```"
    f"{DS_CALL_END}{DS_CALLS_END}",
    "hermes": f'{HERMES_OPEN}\n{{"name": "tool_name", "arguments": {_EXAMPLE_ARGS}}}\n{HERMES_CLOSE}',
}
# minja's wording (llama.cpp's template polyfill), which the distills are served with there.
_INSTRUCTION = "You can call any of the following tools to satisfy the user's requests: {tools}\n\nExample tool call syntax:\n\n{example}"
_REQUIRED = "\n\nAnswer with a call to {which}."

_REPAIRS = (
    # one call whose block the template left open (llama.cpp's repair)
    (re.compile(f"({DS_CALL_END})\\s*({OUTPUTS_BEGIN}|{USER})"), f"\\1{DS_CALLS_END}{EOS}\\2"),
    # a later round: its calls and outputs lack their opening markers, its calls close too early
    (re.compile(f"({DS_CALLS_END}{EOS})\n({DS_CALL_BEGIN})"), "\n\\2"),
    (re.compile(f"({OUTPUT_END})\n({DS_CALL_BEGIN})"), f"\\1{OUTPUTS_END}{EOS}{ASSISTANT}{DS_CALLS_BEGIN}\\2"),
    (re.compile(f"({EOS})\n({OUTPUT_BEGIN})"), f"\\1{OUTPUTS_BEGIN}\\2"),
    # outputs the next user turn follows without closing them
    (re.compile(f"({OUTPUT_END})({USER})"), f"\\1{OUTPUTS_END}{EOS}\\2"),
    # an answer after outputs: a turn of its own, as the generation prompt below makes it
    (re.compile(f"({OUTPUTS_END})(?!{EOS}|$)"), f"\\1{EOS}{ASSISTANT}"),
)


def renders_tools(template: str | None) -> bool:
    """Whether a template writes the tool definitions itself (Qwen3's ``{% if tools %}``)."""
    return bool(template) and re.search(r"\btools\b", template or "") is not None


def instruction(fmt: ToolFormat, spec: ToolSpec) -> str:
    """The text that tells the model its tools and how to call them."""
    text = _INSTRUCTION.format(tools=json.dumps(list(spec.tools), indent=2, ensure_ascii=False), example=_EXAMPLES[fmt])
    if spec.required:
        text += _REQUIRED.format(which=f"the function {spec.name}" if spec.name else "one of these tools")
    return text


def with_instruction(messages: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """``text`` at the start of the first user turn (R1 reads no system prompt)."""
    out = [dict(m) for m in messages]
    for m in out:
        if m["role"] == "user":
            m["content"] = f"{text}\n\n{m['content']}"
            break
    return out


def arguments_text(arguments: Any) -> str:
    """A call's arguments as the JSON text templates write (clients send a string or an object)."""
    return arguments if isinstance(arguments, str) else json.dumps(arguments, ensure_ascii=False)


def for_format(messages: list[dict[str, Any]], fmt: ToolFormat) -> list[dict[str, Any]]:
    """Tool turns as ``fmt``'s templates read them. The official R1 template renders a turn's
    calls only when its content is none, and has no place for text beside them."""
    out = []
    for m in messages:
        m = dict(m)
        if m["role"] == "assistant" and m.get("tool_calls") and fmt == "deepseek":
            m["content"] = None
        out.append(m)
    return out


def flatten(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Tool turns as plain text, for a template without tool turns: a call becomes a line of the
    assistant's turn, a result a user turn (merged with a user turn next to it)."""
    out: list[dict[str, Any]] = []
    names: dict[str, str] = {}
    for m in messages:
        role, content = m["role"], m.get("content") or ""
        if role == "assistant" and m.get("tool_calls"):
            lines = []
            for c in m["tool_calls"]:
                fn = c["function"]
                names[c.get("id", "")] = fn["name"]
                lines.append(f"[called {fn['name']} with {arguments_text(fn.get('arguments', '{}'))}]")
            m = {"role": "assistant", "content": "\n".join([content, *lines]).strip()}
        elif role == "tool":
            name = names.get(m.get("tool_call_id", ""), m.get("name", "")) or "the tool"
            m = {"role": "user", "content": f"[result of {name}]\n{content}"}
        else:
            m = {"role": role, "content": content}
        if out and m["role"] == "user" and out[-1]["role"] == "user":
            out[-1] = {"role": "user", "content": f"{out[-1]['content']}\n\n{m['content']}"}
        else:
            out.append(m)
    return out


def repair_deepseek(text: str) -> str:
    """The official R1 template's rendering, mended (see the module docstring)."""
    for pattern, replacement in _REPAIRS:
        text = pattern.sub(replacement, text)
    if text.endswith(OUTPUTS_END):  # the chat would dangle after the results (llama.cpp's repair)
        text += EOS + ASSISTANT
    return text
