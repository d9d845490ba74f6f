"""The tool-call parser: both formats, however the text is cut, and calls it cannot use."""

from __future__ import annotations

import json

import pytest

from app.core.r1.tool_calls import ToolCallDelta, ToolCallParser, ToolFormat, tool_format
from tests.support.tool_templates import official_template

DS_CALL = "<｜tool▁call▁begin｜>function<｜tool▁sep｜>{name}\n```json\n{args}\n```<｜tool▁call▁end｜>"
CODE_ARGS = {"path": "a.md", "text": "```python\nprint('<｜tool▁call▁end｜>')\n```\n</tool_call> {}"}


def ds(*calls: tuple[str, object], before: str = "Let me look.\n\n", after: str = "") -> str:
    body = "\n".join(DS_CALL.format(name=n, args=json.dumps(a)) for n, a in calls)
    return f"{before}<｜tool▁calls▁begin｜>{body}<｜tool▁calls▁end｜>{after}"


def hermes(*calls: tuple[str, object], before: str = "Let me look.\n\n") -> str:
    body = "\n".join(f'<tool_call>\n{{"name": "{n}", "arguments": {json.dumps(a)}}}\n</tool_call>' for n, a in calls)
    return before + body


def run(fmt: ToolFormat, text: str, cuts: int | None = None) -> tuple[str, dict[int, dict[str, str]], ToolCallParser]:
    """Feed ``text`` in pieces of ``cuts`` characters (None: whole); join what comes out."""
    ids = iter(f"call_{i}" for i in range(100))
    parser = ToolCallParser(fmt, make_id=lambda: next(ids))
    step = cuts or len(text)
    out = []
    for i in range(0, len(text), step):
        out += parser.feed(text[i : i + step])
    out += parser.finish()
    content = "".join(o for o in out if isinstance(o, str))
    calls: dict[int, dict[str, str]] = {}
    for o in out:
        if isinstance(o, ToolCallDelta):
            c = calls.setdefault(o.index, {"id": "", "name": "", "arguments": ""})
            c["id"] += o.id
            c["name"] += o.name
            c["arguments"] += o.arguments
    return content, calls, parser


@pytest.mark.parametrize("cuts", [None, 1, 2, 3, 7])
@pytest.mark.parametrize("fmt", ["deepseek", "hermes"])
def test_calls_come_out_whole_however_the_text_is_cut(fmt: ToolFormat, cuts: int | None) -> None:
    write = ds if fmt == "deepseek" else hermes
    text = write(("get_weather", {"city": "Paris"}), ("write_file", CODE_ARGS))
    content, calls, parser = run(fmt, text, cuts)
    assert content.strip() == "Let me look."
    assert [c["name"] for c in calls.values()] == ["get_weather", "write_file"]
    assert [c["id"] for c in calls.values()] == ["call_0", "call_1"]
    assert json.loads(calls[0]["arguments"]) == {"city": "Paris"}
    assert json.loads(calls[1]["arguments"]) == CODE_ARGS, "a fence or marker inside a string does not end the call"
    assert parser.problem() == "" and all(c.closed for c in parser.calls)


def test_text_without_calls_is_all_content_and_half_markers_are_released() -> None:
    for fmt in ("deepseek", "hermes"):
        text = "a < b and <tool or <｜tool▁ are not calls <"
        content, calls, parser = run(fmt, text, 1)  # type: ignore[arg-type]
        assert content == text and calls == {} and not parser.triggered


def test_deepseek_opening_variants_the_distills_write_are_accepted() -> None:
    text = ds(("f", {"x": 1})).replace("<｜tool▁calls▁begin｜>", "<｜tool_calls_begin｜>")
    _, calls, _ = run("deepseek", text, 2)
    assert calls[0]["name"] == "f" and json.loads(calls[0]["arguments"]) == {"x": 1}


def test_hermes_object_with_arguments_first_is_read_whole() -> None:
    text = '<tool_call>{"arguments": {"q": "x"}, "name": "search"}</tool_call>'
    _, calls, parser = run("hermes", text, 3)
    assert calls[0]["name"] == "search" and json.loads(calls[0]["arguments"]) == {"q": "x"}
    assert parser.problem() == ""


@pytest.mark.parametrize(
    ("fmt", "text", "why"),
    [
        ("deepseek", ds(("f", {"x": 1})).replace('{"x": 1}', '{"x": 1,}'), "not valid JSON"),
        ("deepseek", ds(("f", {"x": 1})).replace('{"x": 1}', "Paris"), "not valid JSON"),
        ("deepseek", ds(("f", {"x": 1})).replace('{"x": 1}', "[1, 2]"), "not a JSON object"),
        ("hermes", hermes(("f", {"x": 1})).replace('{"x": 1}', '{"x": tru}'), "not valid JSON"),
        ("hermes", "<tool_call>not json</tool_call>", "does not name a function"),
        ("deepseek", ds(("f", {"x": 1}))[:-40], "ended in the middle"),
        ("hermes", hermes(("f", {"city": "Par"}))[:-20], "ended in the middle"),
    ],
)
def test_calls_it_cannot_use_are_reported_not_crashed_on(fmt: ToolFormat, text: str, why: str) -> None:
    for cuts in (None, 1):
        _, _, parser = run(fmt, text, cuts)
        assert why in parser.problem()
        assert any(c.raw for c in parser.calls), "what the model wrote is kept"


def test_formats_are_read_from_the_template() -> None:
    assert tool_format(official_template("Qwen-32B")) == "deepseek"
    assert tool_format(official_template("Llama-8B")) == "deepseek"
    assert tool_format("{{ '<tool_call>' }}") == "hermes"
    assert tool_format("{{ messages }}") is None and tool_format(None) is None
