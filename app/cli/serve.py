"""``r1desk serve``: the local OpenAI-compatible API in the foreground. Prints the URL, the model
and one line per request; Ctrl+C stops it cleanly (open streams end, the model process is joined)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from typing import Any

from app.cli.common import EXIT_INTERRUPTED, EXIT_OK
from app.cli.load_args import add_draft_arg, add_load_args, draft_path, load_request
from app.cli.terminal import escaped
from app.core.inference.events import ModelFacts


def add_command(sub: Any) -> None:
    from app.server.config import DEFAULT_HOST, DEFAULT_PORT

    p = sub.add_parser(
        "serve",
        help="serve the model over an OpenAI-compatible API (for editors and scripts)",
        description="Serve installed models over an OpenAI-compatible API on this computer.",
    )
    p.add_argument(
        "--model", "-m", help="the model to load now: a .gguf file or a catalog id (default: the first request's)"
    )
    p.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST}; others need a key)"
    )
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0 picks a free one)")
    p.add_argument(
        "--api-key-env",
        metavar="VAR",
        help="require the API key held in environment variable VAR (default: R1DESK_SERVER_KEY, else the key "
        "saved in R1 Desk's settings, else none)",
    )
    p.add_argument(
        "--cors",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="let web pages from ORIGIN call the API (repeatable)",
    )
    p.add_argument(
        "--slots",
        type=int,
        metavar="N",
        help="requests answered side by side, each with its own KV cache (default: the settings', else as many "
        "as fit in memory, up to 4; 1 answers one at a time)",
    )
    add_draft_arg(p)
    p.add_argument("--no-draft", action="store_true", help="no speculative decoding")
    add_load_args(p)
    p.set_defaults(func=cmd_serve)


def memory_line(facts: ModelFacts) -> str:
    """How the model was loaded and what it took: the estimate beside llama.cpp's allocation."""
    flash = "on" if facts.flash_attn else "off"
    kv = facts.type_k if facts.type_k == facts.type_v else f"K {facts.type_k}, V {facts.type_v}"
    memory = (
        f"; memory: estimated {_size(facts.memory_estimate)}, used {_size(facts.memory_used)}"
        if facts.memory_used
        else ""
    )
    return f"KV cache {kv}, flash attention {flash}{memory}"


def _size(n: int) -> str:
    return f"{n / 1e9:.1f} GB" if n >= 10**8 else f"{n / 1e6:.0f} MB"


def _say(text: str) -> None:
    """One log line: a request's path is the client's (controls escaped), and what the terminal
    cannot show (a client's stray bytes) is escaped too, not a traceback."""
    encoding = sys.stdout.encoding or "utf-8"
    line = f"{time.strftime('%H:%M:%S')}  {escaped(text)}".encode(encoding, "backslashreplace").decode(
        encoding, "replace"
    )
    print(line, flush=True)


def cmd_serve(args: argparse.Namespace) -> int:
    from app.core.config.server_key import key_and_source
    from app.core.inference.gate import EngineGate
    from app.core.inference.load_policy import load_model, probe
    from app.core.inference.local_engine import LocalEngine
    from app.core.models.installed import resolve_model
    from app.core.models.load_config import MAX_PARALLEL
    from app.core.settings import MAX_SLOTS, load_settings
    from app.server.config import ServerConfig, ServerConfigError
    from app.server.runner import Server
    from app.server.service import ApiService

    if args.api_key_env:
        key, source = os.environ.get(args.api_key_env, "").strip(), f"the environment variable {args.api_key_env}"
        if not key:
            raise ServerConfigError(f"The environment variable {args.api_key_env} is not set (or empty).")
    else:
        key, source = key_and_source()  # the key the user set for the window's server holds here too
    config = ServerConfig(host=args.host, port=args.port, api_key=key, cors=tuple(args.cors))
    settings, _ = load_settings()
    if args.slots is not None and not 1 <= args.slots <= MAX_PARALLEL:
        raise ServerConfigError(f"--slots must be between 1 and {MAX_PARALLEL}.")
    slots = args.slots or settings.server_slots or MAX_SLOTS
    # for every model it loads: each file's remembered defaults apply beneath it
    request = replace(load_request(args), parallel=slots, draft=draft_path(args))
    draft = settings.speculative and not args.no_draft
    model = str(resolve_model(args.model)) if args.model else ""

    engine = LocalEngine()
    serving = False
    try:
        gate = EngineGate(engine)
        service = ApiService(
            gate,
            lambda: request,
            on_log=lambda entry: _say(entry.line()),
            on_notice=lambda text: _say(text),
            draft=lambda: draft,
        )
        server = Server(service, config)  # binds now: a port in use fails before the model loads
        if model:
            _say(f"Loading {os.path.basename(model)}…")
            facts = load_model(engine, model, request, hardware=probe(engine), notice=_say)
            _say(f"Model: {facts.name or os.path.basename(facts.path)} ({facts.path}), context {facts.n_ctx:,} tokens")
            _say(memory_line(facts))
        else:
            _say("No model loaded yet: the first request's 'model' chooses one (see GET /v1/models).")
        key_note = f"; clients must send the API key from {source}" if key else "; no API key is set"
        _say(f"R1 Desk API at {server.url} (OpenAI-compatible{key_note}). Ctrl+C stops.")
        serving = True
        server.serve_forever()
    except KeyboardInterrupt:  # uvicorn re-raises Ctrl+C once it has shut down
        if not serving:
            _say("Interrupted.")
            return EXIT_INTERRUPTED
    finally:
        engine.close()  # joins the model process
    _say("Stopped.")
    return EXIT_OK
