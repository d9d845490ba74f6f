"""``r1desk ask``: stream a model's answer to stdout and its reasoning to stderr (so a pipe gets
only the answer); ``--json`` prints one object at the end instead."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from app.cli.attach import add_attach_args, attached_files, check_fit, with_files
from app.cli.common import EXIT_INTERRUPTED, EXIT_OK, dump_json
from app.cli.edits import add_edit_args, check_edit_args, wants_edits
from app.cli.load_args import add_draft_arg, add_load_args, config_json, draft_path, load_request
from app.cli.printer import Printer
from app.cli.remote import add_endpoint_args, open_remote
from app.cli.terminal import escaped, for_stream
from app.core.code.attach import FileText
from app.core.errors import EngineError, R1DeskError
from app.core.inference.engine import Engine
from app.core.inference.events import ChatMessage, ChatOptions, Delta, LoadParams, Reading, Stats
from app.core.r1.reasoning import FORCED_NOTE
from app.core.r1.sampling import R1_MAX_TOKENS, Sampling


def add_command(sub: Any) -> None:
    ask = sub.add_parser(
        "ask",
        help="ask a model a question and stream the answer",
        description="Stream a model's answer to stdout (its reasoning to stderr).",
    )
    ask.add_argument("prompt", nargs="?", help="the question; '-' reads it from stdin")
    ask.add_argument(
        "--model",
        "-m",
        required=True,
        help="a .gguf file, a catalog id (r1-qwen-7b, r1-qwen-7b:Q8_0) or org/repo/file.gguf, downloaded; "
        "with --endpoint, the server's model name",
    )
    add_endpoint_args(ask)
    ask.add_argument(
        "--messages",
        type=Path,
        metavar="FILE.json",
        help='a whole conversation: a JSON list of {"role", "content"} (the prompt, if given, is added as the last user turn)',
    )
    add_attach_args(ask)
    add_edit_args(ask)
    ask.add_argument("--json", action="store_true", help="print one JSON object at the end instead of streaming")
    ask.add_argument(
        "--dry-run",
        action="store_true",
        help="print the exact prompt that would be evaluated (special tokens included) and generate nothing",
    )
    ask.add_argument(
        "--preset",
        help="sampling preset (default 'R1 (paper)'; also Math, Code, 'Precise (0.5)', 'Exploratory (0.7)', or your own)",
    )
    ask.add_argument(
        "--system", help="instructions for the model; merged into the first user turn, as the R1 model cards advise"
    )
    ask.add_argument(
        "--no-think",
        action="store_true",
        help="Deep Thinking off: pre-fill an empty reasoning block so the model answers directly",
    )
    ask.add_argument(
        "--think-budget", type=int, metavar="N", help="close the reasoning after N tokens and let the model answer"
    )
    ask.add_argument("--no-loop-guard", action="store_true", help="do not stop reasoning that repeats itself")
    add_draft_arg(ask)
    ask.add_argument(
        "--no-draft",
        action="store_true",
        help="no speculative decoding (drafted tokens verified in one batch where that pays; the answer is the same)",
    )
    ask.add_argument(
        "--no-force-think",
        action="store_true",
        help="do not append <think> for an R1 model whose template does not open the reasoning itself",
    )
    ask.add_argument(
        "--samples",
        type=int,
        default=1,
        metavar="K",
        help="sample K answers and report each boxed answer and the majority (the paper's cons@K); "
        "they are decoded together, as many at once as fit in memory",
    )
    ask.add_argument("--max-tokens", type=int, help=f"most tokens to generate (default {R1_MAX_TOKENS})")
    ask.add_argument("--temperature", type=float, help="sampling temperature (default 0.6)")
    ask.add_argument("--top-p", type=float, help="nucleus sampling (default 0.95)")
    ask.add_argument("--seed", type=int, help="random seed, for repeatable answers")
    add_load_args(ask)
    ask.add_argument("--hide-thinking", action="store_true", help="do not print the reasoning")
    ask.add_argument("--grammar", help=argparse.SUPPRESS)  # GBNF text; used by tests
    ask.set_defaults(func=cmd_ask)


def _conversation(args: argparse.Namespace) -> list[ChatMessage]:
    messages: list[ChatMessage] = []
    if args.messages is not None:
        try:
            data = json.loads(args.messages.read_text(encoding="utf-8"))
        except UnicodeDecodeError as e:
            raise EngineError(f"{args.messages} is not UTF-8 text (byte {e.start}); save it as UTF-8.") from None
        except RecursionError:
            raise EngineError(f"{args.messages} is nested too deeply to be a conversation.") from None
        except (OSError, ValueError) as e:
            raise EngineError(f"Cannot read the conversation {args.messages}: {e}") from None
        if not isinstance(data, list) or not all(
            isinstance(m, dict) and isinstance(m.get("role"), str) and isinstance(m.get("content"), str) for m in data
        ):
            raise EngineError(f'{args.messages} must be a JSON list of {{"role": ..., "content": ...}} objects.')
        messages = [{"role": m["role"], "content": m["content"]} for m in data]
        if any(m["role"] == "system" for m in messages):
            print(
                "r1desk: note: the conversation has a system message; R1 models work best without one "
                "(--system merges instructions into the first user turn instead).",
                file=sys.stderr,
            )
    if args.prompt is not None or not messages:
        if args.prompt in (None, "-") and not (args.prompt is None and sys.stdin.isatty()):
            prompt = _utf8(sys.stdin.buffer.read(), "stdin")
        elif args.prompt is None:
            raise EngineError("Give a question, or '-' to read it from stdin.")
        else:
            # Bytes that are not UTF-8 reach Python's argv as lone surrogates (surrogateescape).
            prompt = _utf8(str(args.prompt).encode("utf-8", "surrogateescape"), "the question")
        if not prompt.strip():
            raise EngineError("The question is empty.")
        messages.append({"role": "user", "content": prompt})
    if messages[-1]["role"] != "user":
        raise EngineError("The conversation must end with a user message for the model to answer.")
    return messages


def _utf8(data: bytes, where: str) -> str:
    """Text from bytes; bytes that are not UTF-8 become U+FFFD, and the user is told."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        print(
            f"r1desk: note: {where} is not all UTF-8 (byte 0x{data[e.start]:02x} at {e.start}); such bytes were "
            "replaced with \ufffd. Check your terminal's or file's encoding.",
            file=sys.stderr,
        )
        return data.decode("utf-8", "replace")


def cmd_ask(args: argparse.Namespace) -> int:
    from app.core.inference.load_policy import choose_context, effective_config, load_model, probe
    from app.core.inference.local_engine import LocalEngine
    from app.core.models.gguf_header import read_gguf
    from app.core.models.installed import resolve_model
    from app.core.r1.presets import DEFAULT_PRESET, SYSTEM_MERGE_NOTE, apply_preset, check_user_presets, get_preset

    note = check_user_presets()
    if note:
        print(f"r1desk: {note}", file=sys.stderr)
    check_edit_args(args)
    preset = get_preset(args.preset or ("Code" if wants_edits(args) else DEFAULT_PRESET))
    try:
        sampling = preset.sampling.with_(
            temperature=args.temperature, top_p=args.top_p, max_tokens=args.max_tokens, seed=args.seed
        )
    except ValueError as e:
        raise EngineError(f"Bad sampling setting: {e}.") from None
    if args.samples < 1:
        raise EngineError("--samples must be at least 1.")
    if args.think_budget is not None and args.think_budget < 0:
        raise EngineError("--think-budget must be 0 or more tokens.")
    files = attached_files(args)
    messages = apply_preset(with_files(_conversation(args), files), preset, system=args.system or "")
    if args.system and not args.json and not args.dry_run:
        print(f"r1desk: note: {SYSTEM_MERGE_NOTE}", file=sys.stderr)
    options = ChatOptions(
        think=not args.no_think,
        think_budget=args.think_budget,
        loop_guard=not args.no_loop_guard,
        grammar=args.grammar,
        force_think=not args.no_force_think,
        draft=not args.no_draft,
    )
    if args.endpoint:
        if args.dry_run:
            raise EngineError("--dry-run shows a prompt rendered here; a remote server renders its own.")
        if args.ctx or args.gpu_layers is not None or args.threads or args.kv_type or args.flash_attn:
            print(
                "r1desk: note: --ctx, --gpu-layers, --threads, --kv-type and --flash-attn are the server's "
                "business; ignored.",
                file=sys.stderr,
            )
        with open_remote(args.endpoint, args.model, args.api_key_env, args.kind) as remote:
            label = f"{args.model} @ {remote.endpoint.base_url}"
            n_ctx = remote.facts.n_ctx if remote.facts is not None else 0
            check_fit(remote, messages, files, sampling, options, n_ctx=n_ctx)
            return _run(remote, messages, sampling, options, args, preset.name, label, files)
    model = str(resolve_model(args.model))
    request = replace(load_request(args), parallel=args.samples if args.samples > 1 else None, draft=draft_path(args))

    with LocalEngine() as engine:
        if args.dry_run:
            info = read_gguf(model)
            config, notes, _ = effective_config(model, info, request)
            n_ctx = choose_context(config.n_ctx, info)
            for note in notes:
                print(f"r1desk: note: {note}", file=sys.stderr)
            engine.load(LoadParams(model, n_ctx=n_ctx, vocab_only=True))
            rendered = engine.render_prompt(messages, options)
            fit = check_fit(engine, messages, files, sampling, options, n_ctx=n_ctx, refuse=False)
            if args.json:
                print(
                    json.dumps(
                        {
                            "prompt": rendered.text,
                            "n_tokens": rendered.n_tokens,
                            "template": rendered.template,
                            "template_problem": rendered.template_problem,
                            "context": n_ctx,
                            "config": config_json(config, n_ctx),
                            "notes": notes,
                            "fits": fit.budget.fits,
                            "attachments": [{"path": f.rel, "tokens": n} for f, n in zip(files, fit.file_tokens)],
                            "think_forced": rendered.think_forced,
                        },
                        ensure_ascii=False,
                    )
                )
            else:
                sys.stdout.write(for_stream(rendered.text, sys.stdout))  # exact into a pipe; safe on a terminal
                if rendered.think_forced:
                    print(f"r1desk: note: {FORCED_NOTE}", file=sys.stderr)
            return EXIT_OK
        hardware = probe(engine)
        facts = load_model(
            engine,
            model,
            request,
            hardware=hardware,
            notice=lambda text: print(f"r1desk: {escaped(text)}", file=sys.stderr),
        )
        check_fit(engine, messages, files, sampling, options, n_ctx=facts.n_ctx, model_path=model, hardware=hardware)
        return _run(engine, messages, sampling, options, args, preset.name, model, files)


def _run(
    engine: Engine,
    messages: list[ChatMessage],
    sampling: Sampling,
    options: ChatOptions,
    args: argparse.Namespace,
    preset: str,
    model: str,
    files: list[FileText],
) -> int:
    """Answer once (streamed or as JSON) or ``--samples K`` times, with a loaded engine; with
    ``--diff``/``--apply`` the answer goes to stderr and its edits to stdout (``edits.py``)."""
    if args.samples > 1:
        return _ask_samples(engine, messages, sampling, options, args, preset, model)
    out = sys.stderr if wants_edits(args) else sys.stdout
    printer = None if args.json else Printer(out, sys.stderr, show_thinking=not args.hide_thinking)
    result = _answer(engine, messages, sampling, options, printer)
    if args.json:
        dump_json({"model": model, "preset": preset, **result.to_json(), "sampling": sampling.to_dict()})
    elif printer is not None:
        printer.end(result.stats)
    if result.interrupted:
        return EXIT_INTERRUPTED
    if wants_edits(args):
        from app.cli.edits import finish

        return finish(args, result.answer, files)
    return EXIT_OK


@dataclass
class _Result:
    reasoning: str
    answer: str
    stats: Stats | None
    interrupted: bool

    @property
    def boxed(self) -> str | None:
        from app.core.r1.answers import extract_boxed

        return extract_boxed(self.answer)

    def to_json(self) -> dict[str, Any]:
        text = self.answer if not self.reasoning else f"<think>\n{self.reasoning}\n</think>\n\n{self.answer}"
        return {
            "reasoning": self.reasoning,
            "answer": self.answer,
            "text": text,
            "boxed": self.boxed,
            "stats": self.stats.to_dict() if self.stats else None,
            "interrupted": self.interrupted,
        }


def _answer(
    engine: Engine, messages: list[ChatMessage], sampling: Sampling, options: ChatOptions, printer: Printer | None
) -> _Result:
    """Run one request to the end (or Ctrl+C), showing deltas through ``printer``."""
    parts: dict[str, list[str]] = {"reasoning": [], "answer": []}
    stats: Stats | None = None
    interrupted = False
    stream = engine.stream_chat(messages, sampling, options)
    try:
        for ev in stream:
            if isinstance(ev, Delta):
                parts[ev.kind].append(ev.text)
                if printer is not None:
                    printer.delta(ev)
            elif isinstance(ev, Stats):
                stats = ev
            elif isinstance(ev, Reading) and printer is not None:
                printer.reading(ev)
    except KeyboardInterrupt:
        interrupted = True
        engine.cancel()
        stream.close()
    except R1DeskError:
        if printer is not None:
            printer.break_line()  # the error goes on a line of its own, after what streamed
        raise
    return _Result("".join(parts["reasoning"]).strip(), "".join(parts["answer"]).strip(), stats, interrupted)


def _ask_samples(
    engine: Engine,
    messages: list[ChatMessage],
    sampling: Sampling,
    options: ChatOptions,
    args: argparse.Namespace,
    preset: str,
    model: str,
) -> int:
    from app.core.r1.answers import majority_vote

    if getattr(engine, "stream_many", None) is not None:
        results = _samples_together(engine, messages, sampling, options, args)
    else:
        results = []
        for i in range(args.samples):
            r = _answer(engine, messages, _seeded(sampling, i), options, None)
            results.append(r)
            if not args.json:
                _sample_line(i, r, args.samples)
            if r.interrupted:
                break
    vote = majority_vote([r.boxed for r in results])
    interrupted = any(r.interrupted for r in results)
    if args.json:
        dump_json(
            {
                "model": model,
                "preset": preset,
                "sampling": sampling.to_dict(),
                "samples": [r.to_json() for r in results],
                "majority": {"answer": vote.answer, "votes": vote.votes, "samples": vote.samples},
                "interrupted": interrupted,
            }
        )
    elif vote.answer is None:
        print("majority: no sample gave a boxed answer (try --preset Math)")
    else:
        print(f"majority: {for_stream(vote.answer, sys.stdout)}  ({vote.votes} of {vote.samples} samples)")
    return EXIT_INTERRUPTED if interrupted else EXIT_OK


def _seeded(sampling: Sampling, i: int) -> Sampling:
    """Sample ``i``'s sampling: a fixed seed moves on by one per sample."""
    return sampling if sampling.seed is None else sampling.with_(seed=sampling.seed + i)


def _sample_line(i: int, r: _Result, k: int) -> None:
    boxed = r.boxed
    n = r.stats.generated_tokens if r.stats else 0
    shown = for_stream(boxed, sys.stdout) if boxed is not None else "(no boxed answer)"
    print(f"sample {i + 1}/{k}: {shown}  [{n} tokens]", flush=True)


def _samples_together(
    engine: Any, messages: list[ChatMessage], sampling: Sampling, options: ChatOptions, args: argparse.Namespace
) -> list[_Result]:
    """The K samples decoded together (``LocalEngine.stream_many``), each reported as it ends."""
    k = args.samples
    parts: list[dict[str, list[str]]] = [{"reasoning": [], "answer": []} for _ in range(k)]
    stats: list[Stats | None] = [None] * k
    interrupted = False
    stream = engine.stream_many([(messages, _seeded(sampling, i), options) for i in range(k)])
    while True:
        try:
            for i, ev in stream:
                if isinstance(ev, Delta):
                    parts[i][ev.kind].append(ev.text)
                elif isinstance(ev, Stats):
                    stats[i] = ev
                    if not args.json:
                        _sample_line(i, _joined(parts[i], ev, interrupted), k)
            break
        except KeyboardInterrupt:  # stop them all, and keep what each wrote
            interrupted = True
            engine.cancel()
    return [_joined(p, s, interrupted) for p, s in zip(parts, stats)]


def _joined(parts: dict[str, list[str]], stats: Stats | None, interrupted: bool) -> _Result:
    return _Result("".join(parts["reasoning"]).strip(), "".join(parts["answer"]).strip(), stats, interrupted)
