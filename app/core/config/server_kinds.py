"""What each kind of OpenAI-compatible server accepts beyond the common API, as data.

The common API (model, messages, temperature, top_p, max_tokens, seed, stream) works everywhere;
everything else is sent only to servers known to take it, because some servers reject unknown
fields and others silently apply their own defaults (llama-server samples with top-k 40 and
min-p 0.05 unless told otherwise, which the R1 paper's sampling does not use).

Sources, checked against each project's documentation and source (see the README's "When one
machine is not enough"): vLLM's chat-completion extra parameters (``top_k``, ``min_p``,
``repetition_penalty``, ``chat_template_kwargs``, ``continue_final_message``,
``add_generation_prompt``); llama-server's ``--reasoning-format deepseek``, per-request
``chat_template_kwargs`` and assistant prefill (``--prefill-assistant``, on by default); Ollama's
``/v1`` (``reasoning_effort: "none"`` turns thinking off; no top-k/min-p there); the DeepSeek
API (``deepseek-reasoner`` always thinks and ignores sampling settings); llama-cpp-python's
server (``/extras/tokenize``, which tells whether the model writes ``</think>``); another R1 Desk
(``r1desk serve``: the R1 protocol end to end, see the README's "R1 Desk as a server").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ThinkOff = Literal["", "template_kwargs", "reasoning_effort"]
Prefill = Literal["", "assistant", "continue_final_message"]


@dataclass(frozen=True)
class ServerKind:
    """One kind of server and what it accepts.

    Attributes:
        id: the name stored in the endpoints file.
        label: what the Endpoints tab shows.
        sampling_extras: takes ``top_k`` and ``min_p`` (and a repetition penalty) in the body.
        top_k_off: the value that switches top-k off on this server.
        repeat_key: the body field for the repetition penalty ("" when not sent).
        think_off: how Deep Thinking is switched off ("": it cannot be; the server decides).
        prefill: how "Answer now" continues an assistant message ("": it cannot; it stops).
        routes_by_name: the ``model`` field chooses among several models (else the server runs
            one model whatever the name says).
        owned_by: the ``owned_by`` values its ``/v1/models`` reports, to recognise it.
        answer_now_route: a route that tells a running answer to stop thinking and answer (R1
            Desk's ``POST /v1/r1desk/answer_now``): the stream goes on with the answer.
        budget_key: the body field that takes a thinking budget in tokens, which the server
            keeps itself ("": the budget is kept here, counting what arrives).
        tokenize: a route (from the server's root) that tokenizes text, to learn whether the
            model writes ``</think>`` when the server sends the reasoning inline.
    """

    id: str
    label: str
    sampling_extras: bool = False
    top_k_off: int = 0
    repeat_key: str = ""
    think_off: ThinkOff = ""
    prefill: Prefill = ""
    routes_by_name: bool = True
    owned_by: tuple[str, ...] = ()
    answer_now_route: str = ""
    budget_key: str = ""
    tokenize: str = ""


KINDS: dict[str, ServerKind] = {
    k.id: k
    for k in (
        ServerKind("openai", "Other OpenAI-compatible server"),
        ServerKind(
            "vllm",
            "vLLM",
            sampling_extras=True,
            top_k_off=-1,
            repeat_key="repetition_penalty",
            think_off="template_kwargs",
            prefill="continue_final_message",
            owned_by=("vllm",),
        ),
        ServerKind(
            "llama-server",
            "llama.cpp llama-server",
            sampling_extras=True,
            repeat_key="repeat_penalty",
            think_off="template_kwargs",
            prefill="assistant",
            routes_by_name=False,
            owned_by=("llamacpp",),
        ),
        ServerKind(
            "llama-cpp-python",
            "llama-cpp-python server",
            sampling_extras=True,
            repeat_key="repeat_penalty",
            routes_by_name=False,
            owned_by=("me",),
            tokenize="/extras/tokenize",
        ),
        ServerKind(
            "r1desk",
            "R1 Desk",
            sampling_extras=True,
            repeat_key="repeat_penalty",
            think_off="reasoning_effort",
            owned_by=("r1desk",),
            answer_now_route="r1desk/answer_now",
            budget_key="thinking_budget",
        ),
        ServerKind("ollama", "Ollama", think_off="reasoning_effort", owned_by=("library", "ollama")),
        ServerKind("deepseek", "DeepSeek API", owned_by=("deepseek",)),
    )
}
DEFAULT_KIND = "openai"


def kind_of(kind_id: str) -> ServerKind:
    """The kind by its id; an unknown id is treated as a plain OpenAI-compatible server."""
    return KINDS.get(kind_id, KINDS[DEFAULT_KIND])


def guess_kind(owned_by: list[str], base_url: str = "") -> str:
    """The kind a server's ``/v1/models`` answer (and URL) suggests; ``openai`` when unsure."""
    if "api.deepseek.com" in base_url:
        return "deepseek"
    for kind in KINDS.values():
        if any(o in kind.owned_by for o in owned_by):
            return kind.id
    return DEFAULT_KIND
