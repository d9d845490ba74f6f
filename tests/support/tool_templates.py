"""Chat templates for tool-call tests: the R1 distills' official ones (``templates/``) and a
Hermes-style one written as Qwen3's template writes tools and calls."""

from __future__ import annotations

from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates"


def official_template(which: str = "Qwen-32B") -> str:
    """The official DeepSeek-R1-Distill template (``Qwen-32B`` or ``Llama-8B``)."""
    return (TEMPLATES / f"deepseek-ai-DeepSeek-R1-Distill-{which}.jinja").read_text(encoding="utf-8")


# Qwen3's tool sections (system block with <tools>, <tool_call> in assistant turns, tool results
# as <tool_response> in a user turn) around R1's generation prompt, which opens the reasoning.
HERMES_TEMPLATE = """\
{%- if tools %}<|im_start|>system
{% if messages[0].role == 'system' %}{{ messages[0].content }}

{% endif %}# Tools

You may call one or more functions to assist with the user query.

You are provided with function signatures within <tools></tools> XML tags:
<tools>
{%- for tool in tools %}
{{ tool | tojson }}
{%- endfor %}
</tools>

For each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:
<tool_call>
{"name": <function-name>, "arguments": <args-json-object>}
</tool_call><|im_end|>
{% endif %}
{%- for message in messages %}
{%- if message.role == 'user' %}<|im_start|>user
{{ message.content }}<|im_end|>
{% elif message.role == 'assistant' %}<|im_start|>assistant
{{ message.content or '' }}
{%- for tc in message.tool_calls or [] %}
<tool_call>
{"name": "{{ tc.function.name }}", "arguments": {{ tc.function.arguments }}}
</tool_call>
{%- endfor %}<|im_end|>
{% elif message.role == 'tool' %}<|im_start|>user
<tool_response>
{{ message.content }}
</tool_response><|im_end|>
{% endif %}
{%- endfor %}
{%- if add_generation_prompt %}<|im_start|>assistant
<think>
{% endif %}"""
