"""Ready-to-paste configurations for the editors and tools that speak the OpenAI API.

Plain text built from the server's URL, the model's id and the key (``none`` when the server
needs none: every client wants some value). The README shows the same configurations.
"""

from __future__ import annotations

import json


def continue_config(url: str, model: str, key: str = "") -> str:
    """Continue's ``config.yaml`` (``~/.continue/config.yaml``)."""
    return (
        "name: R1 Desk\nversion: 0.0.1\nschema: v1\nmodels:\n"
        "  - name: R1 Desk\n"
        "    provider: openai\n"
        f"    model: {model}\n"
        f"    apiBase: {url}\n"
        f"    apiKey: {key or 'none'}\n"
        "    roles:\n      - chat\n      - edit\n      - apply\n"
    )


def aider_command(url: str, model: str, key: str = "") -> str:
    """aider through its OpenAI-compatible provider (litellm's ``openai/`` prefix), with the
    ``.aider.model.settings.yml`` that gives it R1's sampling and a token limit (aider sends
    temperature 0 and no max_tokens otherwise)."""
    return (
        "# .aider.model.settings.yml (in the project or home folder)\n"
        f"- name: openai/{model}\n"
        "  edit_format: whole\n"
        "  use_temperature: 0.6\n"
        "  extra_params:\n"
        "    top_p: 0.95\n"
        "    max_tokens: 16384\n\n"
        f"aider --openai-api-base {url} --openai-api-key {key or 'none'} --model openai/{model}"
    )


def curl_command(url: str, model: str, key: str = "") -> str:
    """A streamed chat with curl: reasoning arrives in ``delta.reasoning_content``."""
    body = json.dumps(
        {"model": model, "stream": True, "messages": [{"role": "user", "content": "Is 1001 a prime number?"}]},
        ensure_ascii=False,
    )
    auth = f' -H "Authorization: Bearer {key}"' if key else ""
    return f"curl -N {url}/chat/completions -H \"Content-Type: application/json\"{auth} -d '{body}'"
