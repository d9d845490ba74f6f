"""``--endpoint``: the sub-commands against a remote OpenAI-compatible server.

``--endpoint`` takes a base URL (``http://gpu-box:8000/v1``) or the name of an endpoint saved in
the window's Endpoints tab. The key comes from ``--api-key-env VAR``, else the saved endpoint's
keyring entry, else ``R1DESK_API_KEY`` (see ``core/config/secrets.py``); it is never printed.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from app.cli.common import EXIT_OK
from app.cli.terminal import note_line
from app.core.config.endpoints import Endpoint, find_endpoint, load_endpoints, normalize_url, url_problems
from app.core.config.secrets import resolve_key
from app.core.config.server_kinds import KINDS
from app.core.errors import EndpointError
from app.core.inference.events import LoadParams


def add_endpoint_args(parser: Any) -> None:
    parser.add_argument(
        "--endpoint",
        metavar="URL|NAME",
        help="use a remote OpenAI-compatible server (vLLM, llama-server, Ollama, the DeepSeek API, another "
        "R1 Desk): its base URL, e.g. http://gpu-box:8000/v1, or a saved endpoint's name",
    )
    parser.add_argument(
        "--api-key-env",
        metavar="VAR",
        help="read the endpoint's API key from the environment variable VAR (default: the keyring, then R1DESK_API_KEY)",
    )
    parser.add_argument(
        "--kind",
        choices=sorted(KINDS),
        help="the kind of server, for what it accepts beyond the common API (default: saved, or recognised)",
    )


def resolve_endpoint(name_or_url: str, api_key_env: str | None, kind: str | None) -> tuple[Endpoint, str | None]:
    """The endpoint ``--endpoint`` names and the key to use with it."""
    from app.core.inference.remote_engine import probe

    saved = find_endpoint(load_endpoints(), name_or_url)
    if saved is not None:
        key, _ = resolve_key(saved.name, api_key_env)
        return (Endpoint(saved.name, saved.base_url, saved.models, kind) if kind else saved), key
    problems = url_problems(name_or_url)
    if problems:
        raise EndpointError(f"--endpoint {name_or_url!r} is not a saved endpoint. {problems[0]}")
    url = normalize_url(name_or_url)
    key, _ = resolve_key(None, api_key_env)
    ep = Endpoint(url, url, kind=kind or "openai")
    if kind is None:
        ep = Endpoint(url, url, kind=probe(ep, key, hints="cli").kind)
    return ep, key


def open_remote(name_or_url: str, model: str, api_key_env: str | None, kind: str | None) -> Any:
    """A loaded ``RemoteEngine`` (a context manager) for ``r1desk ask --endpoint``."""
    from app.core.inference.remote_engine import RemoteEngine

    ep, key = resolve_endpoint(name_or_url, api_key_env, kind)
    engine = RemoteEngine(ep, key, hints="cli")
    engine.load(LoadParams(model))
    return engine


def cmd_remote_models(args: argparse.Namespace) -> int:
    """``r1desk models --endpoint URL``: the server's models and the round trip."""
    from app.core.inference.remote_engine import probe

    ep, key = resolve_endpoint(args.endpoint, args.api_key_env, args.kind)
    found = probe(ep, key, hints="cli")
    if args.json:
        json.dump(
            {
                "endpoint": ep.base_url,
                "kind": ep.kind,
                "latency_s": round(found.latency_s, 4),
                "models": [{"id": m.id, "owned_by": m.owned_by, "context": m.context or None} for m in found.models],
            },
            sys.stdout,
            indent=2,
        )
        print()
        return EXIT_OK
    print(
        f"{ep.base_url} ({KINDS[ep.kind].label if ep.kind in KINDS else ep.kind}), answered in {found.latency_s * 1000:.0f} ms"
    )
    if not found.models:
        print("  (it lists no models)")
    for m in found.models:
        ctx = f"  context {m.context:,}" if m.context else ""
        print(f"  {note_line(m.id)}{ctx}")  # a name the server chose
    print(f'\nr1desk ask --endpoint {args.endpoint} --model {found.models[0].id if found.models else "NAME"} "..."')
    return EXIT_OK
