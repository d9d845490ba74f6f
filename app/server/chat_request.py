"""Read an OpenAI-style request body into what the engine needs, applying the R1 protocol.

Wrong types are refused with a 400 that names the field; unknown fields are ignored (clients
send many: ``user``, ``presence_penalty``, ...). The R1 protocol applies to every request:
sampling the request leaves out comes from the R1 preset (temperature 0.6, top-p 0.95, top-k
off, min-p 0, up to 32,768 tokens, capped by the context); system (and ``developer``) messages
are merged into the first user turn; earlier assistant turns go back without their reasoning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from app.core.errors import PresetError
from app.core.inference.events import ChatMessage, ChatOptions
from app.core.inference.grammar_check import GrammarError, check_grammar
from app.core.r1.presets import DEFAULT_PRESET, apply_preset, get_preset
from app.core.r1.sampling import Sampling, validate_sampling
from app.core.r1.templates import answer_part
from app.server.errors import ApiError, bad_request
from app.server.tool_request import Tools, assistant_turn, parse_tools, tool_turn

# reasoning_effort -> thinking budget in tokens (None: no budget, only max_tokens limits it).
EFFORT_BUDGETS: dict[str, int | None] = {"minimal": 256, "low": 1024, "medium": 4096, "high": None}
REASONING_FORMATS = ("deepseek", "auto", "none")
MAX_STOPS = 16

ReasoningFormat = Literal["deepseek", "none"]


@dataclass(frozen=True)
class Call:
    """One generation request, ready for the engine.

    Attributes:
        model: the model the client named ("" for whichever is loaded).
        messages: the conversation after the R1 protocol (no system message).
        system_merged: whether a system message was merged into the first user turn.
        raw: ``reasoning_format: "none"``: the reasoning stays in ``content`` inside ``<think>``.
        prompt: for ``/v1/completions``, the raw prompt (no chat template).
        tools: the request's tools (``options.tools`` once the model is known to call them).
    """

    model: str
    messages: list[ChatMessage]
    sampling: Sampling
    options: ChatOptions
    stream: bool = False
    include_usage: bool = False
    raw: bool = False
    stop: tuple[str, ...] = ()
    system_merged: bool = False
    prompt: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    tools: Tools = field(default_factory=Tools)


def _get(body: dict[str, Any], name: str, kinds: type | tuple[type, ...], what: str) -> Any:
    """``body[name]`` when present and not null, checked against ``kinds``."""
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bool) and bool not in (kinds if isinstance(kinds, tuple) else (kinds,)):
        raise bad_request(f"'{name}' must be {what}, not {value!r}.", name)
    if not isinstance(value, kinds):
        raise bad_request(f"'{name}' must be {what}, not {type(value).__name__}.", name)
    return value


def _text(content: Any, where: str) -> str:
    """A message's text: a string, or the text parts of a list (as Cline and Continue send)."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = []
        for part in content:
            if not isinstance(part, dict) or not isinstance(part.get("type"), str):
                raise bad_request(f"{where}: each content part must be an object with a 'type'.", "messages")
            if part["type"] in ("text", "input_text"):
                if not isinstance(part.get("text"), str):
                    raise bad_request(f"{where}: a text part needs a 'text' string.", "messages")
                parts.append(part["text"])
            else:
                raise bad_request(
                    f"{where}: R1 models read text only; a '{part['type']}' part cannot be sent.", "messages"
                )
        return "\n".join(parts)
    raise bad_request(f"{where}: 'content' must be a string or a list of parts.", "messages")


def _messages(body: dict[str, Any]) -> tuple[list[ChatMessage], str]:
    """The turns without system messages, and the system text (joined)."""
    raw = body.get("messages")
    if not isinstance(raw, list) or not raw:
        raise bad_request("'messages' must be a non-empty list of {role, content} objects.", "messages")
    turns: list[ChatMessage] = []
    system: list[str] = []
    names: dict[str, str] = {}  # tool call id -> the function called, for the results
    for i, m in enumerate(raw):
        where = f"messages[{i}]"
        if not isinstance(m, dict) or not isinstance(m.get("role"), str):
            raise bad_request(f"{where} must be an object with a 'role'.", "messages")
        role = m["role"]
        text = _text(m.get("content"), where)
        if role in ("system", "developer"):
            if text.strip():
                system.append(text.strip())
        elif role == "user":
            turns.append({"role": "user", "content": text})
        elif role == "assistant":
            # Earlier reasoning never goes back to the model (nor does reasoning_content).
            if m.get("tool_calls") or m.get("function_call"):
                turn = assistant_turn(m, answer_part(text), where)
                names.update((c["id"], c["function"]["name"]) for c in turn["tool_calls"])
                turns.append(turn)
            else:
                turns.append({"role": "assistant", "content": answer_part(text)})
        elif role in ("tool", "function"):
            turns.append(tool_turn(m, text, names))
        else:
            raise bad_request(f"{where}: unknown role '{role}' (use system, user, assistant or tool).", "messages")
    if not any(t["role"] == "user" for t in turns):
        raise bad_request("The conversation has no user message to answer.", "messages")
    if turns[-1]["role"] not in ("user", "tool"):
        raise bad_request(
            "The conversation must end with a user message (or a tool result) for the model to answer.", "messages"
        )
    return turns, "\n\n".join(system)


def _thinking(body: dict[str, Any]) -> tuple[bool, int | None]:
    """Deep Thinking on or off, and the thinking budget (``thinking_budget`` in tokens, else
    ``reasoning_effort``'s, see ``EFFORT_BUDGETS``)."""
    think = True
    budget: int | None = None
    effort = _get(body, "reasoning_effort", str, "one of none, minimal, low, medium, high")
    if effort is not None:
        if effort == "none":
            think = False
        elif effort in EFFORT_BUDGETS:
            budget = EFFORT_BUDGETS[effort]
        else:
            raise bad_request(
                f"'reasoning_effort' must be none, minimal, low, medium or high, not '{effort}'.", "reasoning_effort"
            )
    kwargs = _get(body, "chat_template_kwargs", dict, "an object")
    if kwargs is not None and "enable_thinking" in kwargs:
        if not isinstance(kwargs["enable_thinking"], bool):
            raise bad_request("'chat_template_kwargs.enable_thinking' must be true or false.", "chat_template_kwargs")
        think = think and kwargs["enable_thinking"]
    ollama = _get(body, "think", bool, "true or false")
    if ollama is False:
        think = False
    tokens = _get(body, "thinking_budget", int, "a number of tokens")  # R1 Desk's own, kept to the token
    if tokens is not None:
        if tokens < 1:
            raise bad_request("'thinking_budget' must be at least 1 token.", "thinking_budget")
        budget = tokens
    return think, budget


def _sampling(body: dict[str, Any]) -> Sampling:
    """The request's sampling over the R1 preset's; out-of-range values are a 400."""
    try:
        preset = get_preset(DEFAULT_PRESET)
    except PresetError as e:  # the built-in presets file is part of the app
        raise ApiError(500, str(e), type="server_error") from None
    number = (int, float)
    max_name = "max_completion_tokens" if body.get("max_completion_tokens") is not None else "max_tokens"
    fields = {  # Sampling's name -> (the request's field, its value)
        "temperature": ("temperature", _get(body, "temperature", number, "a number")),
        "top_p": ("top_p", _get(body, "top_p", number, "a number")),
        "top_k": ("top_k", _get(body, "top_k", int, "an integer")),
        "min_p": ("min_p", _get(body, "min_p", number, "a number")),
        "repeat_penalty": ("repeat_penalty", _get(body, "repeat_penalty", number, "a number")),
        "seed": ("seed", _get(body, "seed", int, "an integer")),
        "max_tokens": (max_name, _get(body, max_name, int, "an integer")),
    }
    base = preset.sampling.to_dict()
    for name, (api_name, value) in fields.items():  # one at a time, so the 400 names the field
        problems = validate_sampling({**base, name: value}) if value is not None else []
        if problems:
            raise bad_request(f"Bad sampling setting: {problems[0].replace(name, api_name, 1)}.", api_name)
    try:
        return preset.sampling.with_(**{name: value for name, (_, value) in fields.items()})
    except ValueError as e:
        raise bad_request(f"Bad sampling setting: {e}.") from None


def _common(body: dict[str, Any]) -> dict[str, Any]:
    model = _get(body, "model", str, "a model id from /v1/models")
    stream = _get(body, "stream", bool, "true or false")
    stream_options = _get(body, "stream_options", dict, "an object")
    include_usage = False
    if stream_options is not None:
        include_usage = stream_options.get("include_usage", False)
        if not isinstance(include_usage, bool):
            raise bad_request("'stream_options.include_usage' must be true or false.", "stream_options")
    n = _get(body, "n", int, "an integer")
    if n not in (None, 1):
        raise bad_request("Only one choice per request is supported ('n' must be 1).", "n")
    stop = body.get("stop")
    stops: list[str] = [stop] if isinstance(stop, str) else stop if isinstance(stop, list) else []
    if (stop is not None and not isinstance(stop, (str, list))) or not all(isinstance(s, str) for s in stops):
        raise bad_request("'stop' must be a string or a list of strings.", "stop")
    if len(stops) > MAX_STOPS:
        raise bad_request(f"At most {MAX_STOPS} stop strings.", "stop")
    grammar = _get(body, "grammar", str, "GBNF text")
    if grammar:
        try:
            check_grammar(grammar)  # refused here, before it waits for the model
        except GrammarError as e:
            raise bad_request(f"'grammar': {e}", "grammar") from None
    return {
        "model": (model or "").strip(),
        "stream": bool(stream),
        "include_usage": include_usage,
        "stop": tuple(s for s in stops if s),
        "grammar": grammar,
        "sampling": _sampling(body),
    }


def parse_chat(body: Any) -> Call:
    """A ``/v1/chat/completions`` body; raises ``ApiError`` (400) with the reason."""
    if not isinstance(body, dict):
        raise bad_request("The request body must be a JSON object.")
    tools = parse_tools(body)
    response_format = _get(body, "response_format", dict, "an object")
    if response_format is not None and response_format.get("type", "text") != "text":
        raise bad_request("Only text responses are supported ('response_format' must be text).", "response_format")
    fmt = _get(body, "reasoning_format", str, "deepseek or none")
    if fmt is not None and fmt not in REASONING_FORMATS:
        raise bad_request("'reasoning_format' must be deepseek or none.", "reasoning_format")
    common = _common(body)
    turns, system = _messages(body)
    think, budget = _thinking(body)
    messages = apply_preset(turns, get_preset(DEFAULT_PRESET), system=system)
    return Call(
        model=common["model"],
        messages=messages,
        sampling=common["sampling"],
        options=ChatOptions(think=think, think_budget=budget, grammar=common["grammar"]),
        stream=common["stream"],
        include_usage=common["include_usage"],
        raw=fmt == "none",
        stop=common["stop"],
        system_merged=bool(system),
        tools=tools,
    )


def parse_completion(body: Any) -> Call:
    """A ``/v1/completions`` body: a raw prompt, evaluated as written (no chat template)."""
    if not isinstance(body, dict):
        raise bad_request("The request body must be a JSON object.")
    prompt = body.get("prompt")
    if isinstance(prompt, list) and len(prompt) == 1 and isinstance(prompt[0], str):
        prompt = prompt[0]
    if not isinstance(prompt, str) or not prompt:
        raise bad_request("'prompt' must be a non-empty string (one prompt per request).", "prompt")
    if body.get("echo"):
        raise bad_request("'echo' is not supported.", "echo")
    common = _common(body)
    return Call(
        model=common["model"],
        messages=[{"role": "user", "content": prompt}],
        sampling=common["sampling"],
        options=ChatOptions(grammar=common["grammar"], raw_prompt=prompt),
        stream=common["stream"],
        include_usage=common["include_usage"],
        raw=True,
        stop=common["stop"],
        prompt=prompt,
    )
