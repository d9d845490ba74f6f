"""The GBNF grammar that holds a tool call to its format and its function's schema.

Lazy, as llama.cpp's: the model writes freely until it opens a call, then this grammar takes
over from just after the opening marker, so the call names a declared function and its
arguments are JSON that fits that function's ``parameters``; after the calls only the end of the
answer may follow. When a call is required (``tool_choice: "required"`` or a named function)
it takes over where the answer begins, after the reasoning, and the opening marker is its own.

The arguments' rules come from a JSON-schema converter the caller passes in (llama-cpp-python's,
in the one module that imports it); this module only writes the rules around them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from app.core.r1.tool_calls import (
    DS_CALL_BEGIN,
    DS_CALL_END,
    DS_CALLS_BEGIN,
    DS_CALLS_END,
    DS_SEP,
    HERMES_CLOSE,
    HERMES_OPEN,
    ToolFormat,
    ToolSpec,
)

ArgsRule = Callable[[dict[str, Any], str], str]  # (schema, rule name) -> the rule that matches it
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def literal(text: str) -> str:
    """``text`` as a GBNF string literal."""
    return '"' + "".join(_ESCAPES.get(c, c) for c in text) + '"'


def parameters(function: dict[str, Any]) -> dict[str, Any]:
    """A function's parameter schema (an empty object schema when it declares none)."""
    schema = function.get("parameters")
    return schema if isinstance(schema, dict) and schema else {"type": "object"}


def tool_rules(fmt: ToolFormat, spec: ToolSpec, args_rule: ArgsRule, *, opened: bool) -> dict[str, str]:
    """The rules besides the arguments': ``root`` starts just after the opening marker when
    ``opened`` (the model began the call), else where the answer begins (a required call)."""
    rules: dict[str, str] = {"tool-ws": "[ \\t\\n]{0,8}"}
    names = []
    for i, fn in enumerate(spec.functions()):
        args = args_rule(parameters(fn), f"tool-{i}-args")
        name = f"tool-{i}-call"
        if fmt == "deepseek":
            head = literal(f"{DS_CALL_BEGIN}function{DS_SEP}{fn['name']}\n```json\n")
            rules[name] = f'{head} {args} "\\n"? {literal("```" + DS_CALL_END)}'
        else:
            head = literal('{"name": ' + json.dumps(fn["name"], ensure_ascii=False) + ', "arguments": ')
            rules[name] = f'{head} {args} tool-ws "}}"'
        names.append(name)
    rules["tool-call"] = " | ".join(names) if names else literal("")
    if fmt == "deepseek":
        more = ' ( "\\n" tool-call )*' if spec.parallel else ""
        rules["tool-calls"] = f"tool-call{more} {literal(DS_CALLS_END)}"
        opening = literal(DS_CALLS_BEGIN)
    else:
        body = f"tool-ws tool-call tool-ws {literal(HERMES_CLOSE)}"
        more = f" ( tool-ws {literal(HERMES_OPEN)} {body} )*" if spec.parallel else ""
        rules["tool-calls"] = f"{body}{more}"
        opening = literal(HERMES_OPEN)
    rules["root"] = "tool-calls" if opened else f"tool-ws {opening} tool-calls"
    return rules
