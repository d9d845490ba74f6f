"""Model templates render as llama-cpp-python renders them, within a time and size budget."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.core.errors import TemplateError
from app.core.inference.template_sandbox import TemplateSandbox, render
from app.core.r1.templates import fallback_template

TEMPLATES = sorted((Path(__file__).parents[2] / "support" / "templates").glob("*.jinja"))
BOS, EOS = "<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>"
CHAT = [
    {"role": "user", "content": "What is 6 × 7?"},
    {"role": "assistant", "content": "It is 42."},
    {"role": "user", "content": "And {{ 6 * 8 }}? <script>"},
]


@pytest.fixture(scope="module")
def sandbox():
    """A budget no size or memory case comes near even on a loaded machine, so each of those
    fails for its own reason, never for the time limit."""
    s = TemplateSandbox(budget_s=120.0)
    yield s
    s.close()


@pytest.mark.parametrize("path", TEMPLATES + [None], ids=[p.name for p in TEMPLATES] + ["r1.jinja (the app's)"])
def test_the_same_text_as_llama_cpp_pythons_formatter(path: Path | None) -> None:
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    template = path.read_text(encoding="utf-8") if path else fallback_template()
    theirs = Jinja2ChatFormatter(template=template, eos_token=EOS, bos_token=BOS)(messages=CHAT).prompt  # type: ignore[arg-type]
    assert render(template, CHAT, BOS, EOS) == theirs


def test_a_template_that_never_ends_is_stopped_within_the_budget() -> None:
    sandbox = TemplateSandbox(budget_s=2.0)
    try:
        sandbox.render(fallback_template(), CHAT, BOS, EOS)  # started and warm
        loop = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}x"
        t0 = time.perf_counter()
        with pytest.raises(TemplateError, match="took longer than 2 s"):
            sandbox.render(loop, CHAT, BOS, EOS)
        # 10^10 loop steps would take hours: a minute, on any machine, means it was stopped.
        assert time.perf_counter() - t0 < 60
        # The helper comes back for the next template.
        assert sandbox.render(fallback_template(), CHAT, BOS, EOS).endswith("<｜Assistant｜><think>\n")
    finally:
        sandbox.close()


@pytest.mark.parametrize(
    "template",
    [
        "{% for i in range(100000) %}{{ 'x' * 100 }}{% endfor %}",  # 10 MB in small pieces
        "{{ 'x' * 50000000 }}",  # one 50 MB piece
    ],
)
def test_a_template_that_writes_too_much_is_cut_off(sandbox: TemplateSandbox, template: str) -> None:
    with pytest.raises(TemplateError, match="more than 4 MB"):
        sandbox.render(template, CHAT, BOS, EOS)


def test_a_memory_bomb_fails_in_the_helper_not_the_model(sandbox: TemplateSandbox) -> None:
    bomb = "{{ ('x' * 1000000) | replace('x', 'y' * 100000) }}"  # 100 GB in one C call
    with pytest.raises(TemplateError, match="memory|more than"):
        sandbox.render(bomb, CHAT, BOS, EOS)
    assert sandbox.render("{{ messages[0].content }}", CHAT, BOS, EOS) == "What is 6 × 7?"


@pytest.mark.parametrize(
    "escape",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{{ messages.append(1) }}",
        "{{ raise_exception('no') }}",
        "{% if %}",
    ],
)
def test_the_sandbox_still_refuses_escapes_and_errors_are_reported(sandbox: TemplateSandbox, escape: str) -> None:
    with pytest.raises(TemplateError, match="failed"):
        sandbox.render(escape, CHAT, BOS, EOS)
