"""A mutation pass by hand: replace one statement line at a time with ``pass`` and run the tests
that guard the module. A mutant the tests still pass with is a line no test needs: either a test
is missing an assertion, or the line does nothing a user could notice (say which, in the note).

    python -m tests.tools.one_line_mutants app/core/models/transfer.py tests/faults/test_disk_full.py
    python -m tests.tools.one_line_mutants app/core/r1/reasoning.py tests/core/r1 --sample 20 --seed 1

Run it in a worktree of its own (it edits the module in place and puts it back after each run).
Not a test: it takes minutes to hours, so CI does not run it.
"""

from __future__ import annotations

import argparse
import ast
import os
import random
import subprocess
import sys
import time
from pathlib import Path


def candidates(source: str) -> list[int]:
    """Line numbers (1-based) of single-line statements worth removing: not docstrings, imports,
    ``pass``, bare ``...`` or anything under ``if TYPE_CHECKING``."""
    tree = ast.parse(source)
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Module)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
                skip.add(body[0].lineno)
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.stmt) or node.lineno != node.end_lineno or node.lineno in skip:
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom, ast.Pass, ast.Global, ast.Nonlocal)):
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        if isinstance(node, ast.AnnAssign) and node.value is None:
            continue  # a dataclass field or an annotation: removing it breaks the class, not a behaviour
        lines.append(node.lineno)
    return sorted(set(lines))


def mutate(lines: list[str], lineno: int) -> list[str]:
    line = lines[lineno - 1]
    indent = line[: len(line) - len(line.lstrip())]
    out = list(lines)
    out[lineno - 1] = f"{indent}pass  # mutant\n"
    return out


def run_tests(tests: list[str], timeout: float) -> tuple[str, float]:
    env = dict(os.environ, CI="1")
    t0 = time.monotonic()
    try:
        r = subprocess.run(
            [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", *tests],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",  # pytest may echo a test's non-UTF-8 bytes; a crash here lost a whole pass
            timeout=timeout,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return "killed (timeout)", time.monotonic() - t0
    return ("survived" if r.returncode == 0 else "killed"), time.monotonic() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("module")
    ap.add_argument("tests", nargs="+")
    ap.add_argument("--sample", type=int, default=0, help="try this many lines at random (0: all)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--lines", help="only these line numbers, comma-separated (e.g. the survivors of a run)")
    args = ap.parse_args()
    path = Path(args.module)
    original = path.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    todo = candidates(original)
    if args.lines:
        wanted = {int(n) for n in args.lines.split(",")}
        todo = [n for n in todo if n in wanted]
    if args.sample and args.sample < len(todo):
        todo = sorted(random.Random(args.seed).sample(todo, args.sample))
    base, secs = run_tests(args.tests, args.timeout)
    if base != "survived":
        print(f"the tests fail without any mutant ({base}); fix that first", file=sys.stderr)
        return 2
    print(f"{path}: {len(todo)} mutants, {secs:.0f} s per run unmutated", flush=True)
    survivors = 0
    try:
        for n in todo:
            path.write_text("".join(mutate(lines, n)), encoding="utf-8")
            outcome, secs = run_tests(args.tests, args.timeout)
            survivors += outcome == "survived"
            print(f"{path}:{n}\t{outcome}\t{secs:.0f} s\t{lines[n - 1].strip()}", flush=True)
    finally:
        path.write_text(original, encoding="utf-8")
    print(f"{path}: {len(todo) - survivors} of {len(todo)} killed, {survivors} survived", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
