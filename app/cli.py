"""``r1desk`` sub-commands for terminals and scripts. Thin: parse, call the core, print.

``r1desk ask`` streams the answer to stdout and the reasoning to stderr (so a pipe gets only
the answer); ``--json`` prints one object at the end instead.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from app import __version__
from app.core.errors import EngineError
from app.core.protocol import Delta, Stats
from app.core.sampling import Sampling

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="r1desk",
        description="R1 Desk: chat with DeepSeek-R1 distilled models on your own machine.",
    )
    p.add_argument("--version", action="version", version=f"r1desk {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    ask = sub.add_parser("ask", help="ask a model one question and stream the answer",
                         description="Stream a model's answer to stdout (its reasoning to stderr).")
    ask.add_argument("prompt", nargs="?", help="the question; '-' reads it from stdin")
    ask.add_argument("--model", "-m", required=True, help="path of a .gguf file")
    ask.add_argument("--json", action="store_true", help="print one JSON object at the end instead of streaming")
    ask.add_argument("--max-tokens", type=int, help="most tokens to generate (default 32768)")
    ask.add_argument("--temperature", type=float, help="sampling temperature (default 0.6)")
    ask.add_argument("--top-p", type=float, help="nucleus sampling (default 0.95)")
    ask.add_argument("--seed", type=int, help="random seed, for repeatable answers")
    ask.add_argument("--ctx", type=int, help="context length in tokens (default: 32768 or the model's maximum)")
    ask.add_argument("--gpu-layers", type=int, default=None,
                     help="layers to offload to the GPU (-1 = all; default: all when this build can offload)")
    ask.add_argument("--threads", type=int, help="CPU threads (default: physical cores)")
    ask.add_argument("--hide-thinking", action="store_true", help="do not print the reasoning")
    ask.add_argument("--grammar", help=argparse.SUPPRESS)  # GBNF text; used by tests
    ask.set_defaults(func=cmd_ask)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_OK
    try:
        return int(args.func(args))
    except EngineError as e:
        print(f"r1desk: {e}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK


def _read_prompt(args: argparse.Namespace) -> str:
    if args.prompt in (None, "-"):
        if args.prompt is None and sys.stdin.isatty():
            raise EngineError("Give a question, or '-' to read it from stdin.")
        return sys.stdin.read()
    return str(args.prompt)


def _sampling(args: argparse.Namespace) -> Sampling:
    try:
        return Sampling().with_(temperature=args.temperature, top_p=args.top_p,
                                max_tokens=args.max_tokens, seed=args.seed)
    except ValueError as e:
        raise EngineError(f"Bad sampling setting: {e}.") from None


def cmd_ask(args: argparse.Namespace) -> int:
    from app.core.engine import Engine
    from app.core.gguf_info import read_gguf

    prompt = _read_prompt(args)
    if not prompt.strip():
        raise EngineError("The question is empty.")
    sampling = _sampling(args)
    info = read_gguf(args.model)
    n_ctx = args.ctx or min(32_768, info.context_length or 32_768)
    messages = [{"role": "user", "content": prompt}]
    with Engine() as engine:
        gpu_layers = args.gpu_layers
        if gpu_layers is None:
            gpu_layers = -1 if engine.backend_info().gpu_offload else 0
        engine.load(args.model, n_ctx=n_ctx, n_gpu_layers=gpu_layers, n_threads=args.threads)
        return _stream(engine, messages, sampling, args)


def _stream(engine: Any, messages: list[dict[str, str]], sampling: Sampling, args: argparse.Namespace) -> int:
    from app.core.protocol import ChatOptions

    out, err = sys.stdout, sys.stderr
    show_thinking = not args.json and not args.hide_thinking
    tty = err.isatty()
    parts: dict[str, list[str]] = {"reasoning": [], "answer": []}
    stats: Stats | None = None
    interrupted = False
    stream = engine.stream_chat(messages, sampling, ChatOptions(grammar=args.grammar))
    was_reasoning = False
    try:
        for ev in stream:
            if isinstance(ev, Delta):
                parts[ev.kind].append(ev.text)
                if args.json:
                    continue
                if ev.kind == "reasoning":
                    if show_thinking:
                        if not was_reasoning:
                            _dim(err, "Thinking…\n", tty)
                        _dim(err, ev.text, tty)
                    was_reasoning = True
                else:
                    if was_reasoning and show_thinking:
                        _dim(err, "\n—\n", tty)
                    was_reasoning = False
                    out.write(ev.text)
                    out.flush()
            else:
                stats = ev
    except KeyboardInterrupt:
        interrupted = True
        engine.cancel()
        stream.close()
    reasoning, answer = "".join(parts["reasoning"]).strip(), "".join(parts["answer"]).strip()
    if args.json:
        json.dump({
            "model": str(Path(args.model)),
            "reasoning": reasoning,
            "answer": answer,
            "text": answer if not reasoning else f"<think>\n{reasoning}\n</think>\n\n{answer}",
            "sampling": sampling.to_dict(),
            "stats": stats.to_dict() if stats else None,
            "interrupted": interrupted,
        }, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write("\n")
        if stats is not None or interrupted:
            _print_stats(err, stats, interrupted, tty)
    return EXIT_INTERRUPTED if interrupted else EXIT_OK


def _dim(f: TextIO, text: str, tty: bool) -> None:
    f.write(f"\x1b[2m{text}\x1b[0m" if tty else text)
    f.flush()


def _print_stats(f: TextIO, s: Stats | None, interrupted: bool, tty: bool) -> None:
    if s is None:
        _dim(f, "[stopped]\n", tty)
        return
    why = {"stop": "", "length": " · hit the token limit", "cancelled": " · stopped",
           "loop": " · stopped: the answer was repeating itself"}[s.finish_reason]
    think = f" · thought {s.thinking_s:.1f} s ({s.reasoning_tokens} tokens)" if s.thought else ""
    _dim(f, f"[{s.generated_tokens} tokens · {s.tokens_per_s:.1f} tok/s · first token {s.ttft_s:.2f} s"
            f"{think}{why}]\n", tty)

