"""``r1desk check MODEL``: does this quantization still reason? MATH-500 pass@1 by the R1 paper's
protocol (``core/checks``), beside the paper's figure for the distill.

A progress line on stderr (problems done, tokens, elapsed, time left from the measured speed);
Ctrl+C keeps every finished sample and ``--resume`` continues; ``--json`` prints per-problem
records and the summary at the end.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from typing import Any

from app.cli.check_report import Progress, as_json, duration, paper_figure, result_line
from app.cli.common import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, dump_json
from app.cli.load_args import add_load_args, load_request
from app.cli.remote import add_endpoint_args, open_remote
from app.core.checks.runner import DEFAULT_K, Plan, forced_answers
from app.core.checks.suites import DEFAULT_SUITE, Problem
from app.core.errors import EngineError
from app.core.inference.engine import Engine
from app.core.r1.sampling import R1_MAX_TOKENS

# Test seams: after N stored samples the command sends itself SIGKILL (a crash) or, with
# R1DESK_TEST_KILL_SIGNAL=INT, SIGINT (Ctrl+C), at an exact point whatever the machine's speed.
KILL_AFTER_ENV = "R1DESK_TEST_KILL_AFTER_SAMPLES"
KILL_SIGNAL_ENV = "R1DESK_TEST_KILL_SIGNAL"


def add_command(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="measure a model's MATH-500 pass@1 with the R1 paper's protocol",
        description="Does this quantization still reason? Runs MATH-500 problems with the paper's protocol "
        "(the Math preset, k samples each, up to 32,768 new tokens) and prints pass@1 and cons@k beside the "
        "paper's figure. Every finished sample is stored at once: Ctrl+C keeps them, --resume continues.",
    )
    p.add_argument(
        "model", help="a .gguf file or a catalog id (r1-qwen-7b:Q4_K_M); with --endpoint, the server's model"
    )
    add_endpoint_args(p)
    p.add_argument("--suite", default=DEFAULT_SUITE, help="math500-20, math500-50 (default) or math500 (all 500)")
    p.add_argument(
        "--k", type=int, default=DEFAULT_K, help=f"samples per problem (default {DEFAULT_K}); pass@1 is their mean"
    )
    p.add_argument("--json", action="store_true", help="print per-problem records and the summary as JSON at the end")
    p.add_argument("--resume", action="store_true", help="continue a stopped check of this model, load and settings")
    p.add_argument("--restart", action="store_true", help="start again; the stored results are kept aside")
    p.add_argument(
        "--max-tokens",
        type=int,
        default=R1_MAX_TOKENS,
        help=f"most new tokens per answer (default {R1_MAX_TOKENS:,}, the paper's; less is faster but not the paper's protocol)",
    )
    p.add_argument("--seed", type=int, default=0, help="first seed: sample j of each problem uses seed+j (default 0)")
    add_load_args(p)  # the same load options as ask and serve (a result is keyed by them)
    p.add_argument("--force-answer", choices=("reference", "wrong"), help=argparse.SUPPRESS)  # tests: a grammar
    p.set_defaults(func=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    if args.k < 1 or args.k > 64:
        raise EngineError("--k must be between 1 and 64.")
    if args.max_tokens < 1:
        raise EngineError("--max-tokens must be at least 1.")
    if args.resume and args.restart:
        raise EngineError("--resume and --restart ask for opposite things; give one.")
    from app.core.checks.suites import suite

    problems = suite(args.suite)  # an unknown suite is refused before a model loads
    plan = Plan(args.suite, args.k, args.max_tokens, args.seed)
    if args.endpoint:
        with open_remote(args.endpoint, args.model, args.api_key_env, args.kind) as remote:
            return _check(remote, plan, problems, args)
    from app.core.inference.load_policy import load_model
    from app.core.inference.local_engine import LocalEngine
    from app.core.models.hardware import detect
    from app.core.models.installed import resolve_model

    model = str(resolve_model(args.model))
    with LocalEngine() as engine:
        backend = engine.backend_info()
        request = load_request(args)
        load_model(engine, model, request, hardware=detect(backend.name, backend.gpu_offload), notice=_say)
        return _check(engine, plan, problems, args)


def _say(text: str) -> None:
    print(f"r1desk: {text}", file=sys.stderr, flush=True)


def _check(engine: Engine, plan: Plan, problems: list[Problem], args: argparse.Namespace) -> int:
    from app.core.checks.runner import CheckEnded, CheckRun, SampleDone, SampleStarted, SampleTokens
    from app.core.checks.setup import prepare
    from app.core.checks.store import set_aside

    facts = engine.facts
    if facts is not None and not facts.backend.startswith("remote") and os.path.getsize(facts.path) > 2**30:
        _say("reading the model file's checksum (once per file)…")
    first = prepare(engine, plan, probe=False)
    if first.stored and args.restart:
        _say(f"the earlier results were kept as {set_aside(first.results).name}")
    elif first.stored and not args.resume and not first.complete:
        raise EngineError(
            f"{first.stored} of this check's {first.total} samples are stored from an earlier run "
            f"({first.results.path}); add --resume to continue it, or --restart to start again."
        )
    setup = prepare(engine, plan)
    identity, results, stored, total, est = setup.identity, setup.results, setup.stored, setup.total, setup.estimate
    if est is not None and not setup.complete:
        lengths = (
            "this model's own answer lengths so far"
            if est.measured_lengths
            else f"an assumed {setup.assumed_tokens:,.0f} tokens per answer on average "
            "(what R1 distills typically write on MATH-500; not measured here), each capped at --max-tokens"
        )
        speed = "its measured speed" if est.measured_speed else "a short probe"
        _say(
            f"{est.samples} samples to run; estimated {duration(est.seconds)} at {est.tokens_per_s:,.1f} tokens/s "
            f"({speed}), from {lengths}."
        )
    options_for = forced_answers(args.force_answer) if args.force_answer else None
    run = CheckRun(engine, plan, results, problems, options_for=options_for)
    progress = Progress(sys.stderr, problems, plan, results, setup.probe_tokens_per_s)
    kill_after = int(os.environ.get(KILL_AFTER_ENV, "0") or 0)
    kill_with = signal.SIGINT if os.environ.get(KILL_SIGNAL_ENV) == "INT" else signal.SIGKILL
    done_here = 0
    ended = None
    try:
        for ev in run.events():
            if isinstance(ev, SampleStarted):
                progress.started(ev.index, ev.problem.level)
            elif isinstance(ev, SampleTokens):
                progress.tokens(ev.tokens)
            elif isinstance(ev, SampleDone):
                done_here += 1
                progress.done(ev.record, ev.summary)
                if kill_after and done_here == kill_after:
                    os.kill(os.getpid(), kill_with)
            else:
                ended = ev
    except KeyboardInterrupt:  # Ctrl+C between answers (during one, the run itself stops)
        run.stop()
        ended = CheckEnded(run.summary(), stopped=True)
    progress.close()
    summary = ended.summary if ended is not None else run.summary()
    paper = paper_figure(identity.catalog_id)
    if args.json:
        dump_json(as_json(identity, plan, problems, results, summary, paper, ended, stored, results.path))
    else:
        print(result_line(summary, plan.suite, paper))
        for level, (n, p1) in summary.by_level.items():
            print(f"  level {level}: {100 * p1:.0f} % of {n} problem{'s' * (n != 1)}")
        print(f"results: {results.path}")
    if ended is not None and ended.error:
        _say(f"{ended.error} The {summary.samples} finished samples are kept; --resume continues.")
        return EXIT_ERROR
    if ended is not None and ended.stopped:
        _say(f"stopped; {summary.samples} of {total} samples are kept. Add --resume to continue.")
        return EXIT_INTERRUPTED
    return EXIT_OK
