"""A request's tools and tool turns, read into what the engine needs.

``tools`` and ``tool_choice`` are accepted for every model: whether the model can call them is
decided once the model is known (``ApiService.tool_use``), and a model that cannot answers as
text. Only a malformed ``tools`` list or turn is a 400, naming what is wrong. The legacy
``functions`` / ``function_call`` fields and ``role: "function"`` turns read the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.core.r1.tool_calls import ToolSpec, new_call_id
from app.core.r1.tool_prompt import arguments_text
from app.server.errors import bad_request


@dataclass(frozen=True)
class Tools:
    """What a request asks of tools.

    Attributes:
        spec: the tools the model may call (None: none offered, or ``tool_choice: "none"``).
        ignored: why tools the request offered are not used ("" when they are, or none came).
        skipped: tools of a type other than ``function`` (left out).
    """

    spec: ToolSpec | None = None
    ignored: str = ""
    skipped: int = 0


def _function(tool: Any, i: int) -> dict[str, Any] | None:
    """One ``tools`` entry as ``{"type": "function", "function": {...}}``; None for other types."""
    where = f"tools[{i}]"
    if not isinstance(tool, dict):
        raise bad_request(f"{where} must be an object.", "tools")
    if tool.get("type", "function") != "function":
        return None
    fn = tool.get("function", tool)  # the legacy ``functions`` list holds the function objects
    if not isinstance(fn, dict) or not isinstance(fn.get("name"), str) or not fn["name"].strip():
        raise bad_request(f"{where} must have a 'function' with a 'name'.", "tools")
    params = fn.get("parameters")
    if params is not None and not isinstance(params, dict):
        raise bad_request(f"{where}: 'parameters' must be a JSON schema object.", "tools")
    out: dict[str, Any] = {"name": fn["name"].strip()}
    if isinstance(fn.get("description"), str):
        out["description"] = fn["description"]
    out["parameters"] = params if params is not None else {"type": "object", "properties": {}}
    return {"type": "function", "function": out}


def parse_tools(body: dict[str, Any]) -> Tools:
    """The request's ``tools``, ``tool_choice`` and ``parallel_tool_calls``."""
    raw = body.get("tools")
    choice = body.get("tool_choice")
    if raw is None and body.get("functions") is not None:
        raw = body["functions"]
        legacy = body.get("function_call")
        choice = legacy if legacy in ("none", "auto", None) else {"type": "function", "function": legacy}
    if raw is None or raw == []:
        return Tools()
    if not isinstance(raw, list):
        raise bad_request("'tools' must be a list of function tools.", "tools")
    found = [_function(t, i) for i, t in enumerate(raw)]
    tools = tuple(t for t in found if t is not None)
    skipped = len(found) - len(tools)
    parallel = body.get("parallel_tool_calls", True)
    if not isinstance(parallel, bool):
        raise bad_request("'parallel_tool_calls' must be true or false.", "parallel_tool_calls")
    names = [t["function"]["name"] for t in tools]
    required, name = False, ""
    if choice in (None, "auto"):
        pass
    elif choice == "none":
        return Tools(ignored="tool_choice is none", skipped=skipped)
    elif choice in ("required", "any"):
        required = True
    elif isinstance(choice, dict) and isinstance((choice.get("function") or {}).get("name"), str):
        name = choice["function"]["name"]
        if name not in names:
            raise bad_request(f"'tool_choice' names '{name}', which is not among the tools.", "tool_choice")
        required = True
    else:
        raise bad_request(
            "'tool_choice' must be none, auto, required or {type: function, function: {name}}.", "tool_choice"
        )
    if not tools:
        return Tools(ignored="no function tools", skipped=skipped)
    return Tools(ToolSpec(tools, required=required, name=name, parallel=parallel), skipped=skipped)


def _calls(raw: Any, where: str) -> list[dict[str, Any]]:
    if not isinstance(raw, list):
        raise bad_request(f"{where}: 'tool_calls' must be a list.", "messages")
    calls = []
    for j, c in enumerate(raw):
        fn = c.get("function") if isinstance(c, dict) else None
        if not isinstance(fn, dict) or not isinstance(fn.get("name"), str):
            raise bad_request(f"{where}.tool_calls[{j}] must have a 'function' with a 'name'.", "messages")
        calls.append(
            {
                "id": c.get("id") if isinstance(c.get("id"), str) else new_call_id(),
                "type": "function",
                "function": {"name": fn["name"], "arguments": arguments_text(fn.get("arguments") or "{}")},
            }
        )
    return calls


def assistant_turn(m: dict[str, Any], answer: str, where: str) -> dict[str, Any]:
    """An assistant turn that made calls (the legacy ``function_call`` too); its reasoning stays out."""
    raw = m.get("tool_calls")
    if raw is None:
        raw = [{"function": m["function_call"]}]
    return {"role": "assistant", "content": answer, "tool_calls": _calls(raw, where)}


def tool_turn(m: dict[str, Any], text: str, names: dict[str, str]) -> dict[str, Any]:
    """A tool result (``role: "tool"``, or the legacy ``"function"``), with the called function's name."""
    call_id = m.get("tool_call_id")
    call_id = call_id if isinstance(call_id, str) else ""
    name = m.get("name")
    name = name if isinstance(name, str) else names.get(call_id, "")
    return {"role": "tool", "content": text, "tool_call_id": call_id, "name": name}
