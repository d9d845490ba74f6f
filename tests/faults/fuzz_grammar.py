"""Fuzz the grammar check against llama.cpp itself: every grammar the check accepts must run.

    .venv/bin/python -m tests.faults.fuzz_grammar [--n 5000] [--seed 1] [--all]

Generates GBNF grammars (well-formed ones, the shapes that crashed llama.cpp, and random damage to
both), runs ``check_grammar`` on each, and feeds the ones it accepts (``--all``: every one) to
llama.cpp in a throwaway child process with a memory cap (RLIMIT_AS) and a time limit: the parser
(``llama_sampler_init_grammar``; NULL is what segfaults the model process) and then a few tokens
of generation through ``Llama.generate``, the app's own path. A child that dies, hangs or runs
out of memory is restarted. Prints how many were tried, refused by the check, and how many
accepted ones llama.cpp refused, crashed on or hung on (must be 0). ``test_grammar_fuzz.py`` runs
a bounded share of it in the suite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import select
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TIME_LIMIT_S = 60.0  # per grammar; generous: a healthy one takes milliseconds on a tiny model
MEMORY_HEADROOM = 512 << 20  # what a child may allocate beyond what it holds after loading the model
TOKENS = 8

# ---- grammars ------------------------------------------------------------------------------------

CHARS = [
    "a", "ok", " ", "\\n", "\\x41", "é", "😀", '\\"', "\\\\", "\\-", "\\t", "\\r", "\\[", "\\]", "\\u00e9",
    "\\x00", "\\u0000", "\\U00000000", "\\U00110000", "\\uD800", "\\U7FFFFFFF", "\\q", "\\x4", "\x00", "\ud800",
    "\\U0010FFFF",
]  # fmt: skip
CLASSES = [
    "[a-z]", "[0-9]", "[^\\n]", "[ \\t]", "[abc]", "[]", "[^]", "[z-a]", "[\\x00]", "[\\x00-\\x1f]",
    "[^\\x00-\\U0010FFFF]", "[^\\x01-\\U0010FFFF]", "[a-]", "[-a]", "[\\]]", '[^"\\\\\\x7F\\x00-\\x1F]',
    "[\\U00110000]", "[^a]", "[\\x00a]", "[a-\\x00]", "[^\\x01-\\uFFFF]",
]  # fmt: skip
REPEATS = [
    "*", "+", "?", "{2}", "{1,3}", "{0,2}", "{2,}", "{,2}", "{0}", "{0,0}", "{3,1}", "{1999}", "{2000}", "{0,1999}",
    "{99999999999999999999}", "{ 2 , 3 }", "{١}", "{1,\n2}", "*?", "+*", "{40}", "{0,45}", "??", "{1}+",
]  # fmt: skip
NAMES = ["x", "y", "ws", "root", "item-1", "9a", "undefined"]
ODD = ["<[5]>", "!<[5]>", "<think>", '""', "()", "( | )", "\\", "::=", "|", "#c\n", "\r\n", "\r", "wörd"]
SAFE = {"chars": 15, "classes": 5, "repeats": 7, "names": 5}  # the leading entries of each list are harmless


@dataclass
class _Writer:
    """Writes one grammar; ``hostile`` is how often a part is drawn from the whole list, not the
    harmless head of it (0: a grammar llama.cpp should take, if the rules it names are defined)."""

    rng: random.Random
    hostile: float

    def pick(self, items: list[str], safe: int) -> str:
        return self.rng.choice(items if self.rng.random() < self.hostile else items[:safe])

    def item(self, depth: int) -> str:
        rng = self.rng
        weights = [8, 4, 4, 3 if depth < 4 else 0, 1, 3 * self.hostile]
        k = rng.choices(["lit", "class", "ref", "group", "dot", "odd"], weights=weights)[0]
        if k == "lit":
            n = rng.randrange(0 if rng.random() < self.hostile else 1, 4)
            return '"' + "".join(self.pick(CHARS, SAFE["chars"]) for _ in range(n)) + '"'
        if k == "class":
            return self.pick(CLASSES, SAFE["classes"])
        if k == "ref":
            return self.pick(NAMES, SAFE["names"])
        if k == "group":
            return "(" + " | ".join(self.seq(depth + 1) for _ in range(rng.randrange(1, 4))) + ")"
        return "." if k == "dot" else rng.choice(ODD)

    def seq(self, depth: int, least: int = 0) -> str:
        parts = []
        for _ in range(self.rng.randrange(least, 4)):
            s = self.item(depth)
            if self.rng.random() < 0.3:
                s += self.pick(REPEATS, SAFE["repeats"])
            parts.append(s)
        return " ".join(parts)

    def rules(self) -> str:
        rng = self.rng
        rules = ["root ::= " + " | ".join(self.seq(0, 1) for _ in range(rng.randrange(1, 3)))]
        for name in NAMES[:5]:
            if name == "root" and rng.random() > self.hostile:
                continue  # a second root replaces the first, as in llama.cpp
            if rng.random() < 0.9:
                rules.append(f"{name} ::= " + " | ".join(self.seq(1, 1) for _ in range(rng.randrange(1, 3))))
        rng.shuffle(rules)
        return "\n".join(rules) + rng.choice(["\n", "", "\r\n", "\n\n# end\n"])


def _shape(rng: random.Random) -> str:
    """A grammar of a shape that costs llama.cpp time, memory or stack, at a random size."""
    kind = rng.choice(["fork", "chain", "nest", "product", "hidden-empty", "long", "wide"])
    n = rng.choice([3, 10, 30, 100, 1000, 5000])
    if kind == "fork":  # each rule starts with the next one twice: an exponential search
        k = min(n, rng.choice([8, 20, 24, 40]))
        return "root ::= r0\n" + "".join(f"r{i} ::= r{i + 1} | r{i + 1}\n" for i in range(k)) + f'r{k} ::= "a"\n'
    if kind == "chain":  # rules that start with one another, deep
        return "root ::= r0\n" + "".join(f'r{i} ::= r{i + 1} "a"\n' for i in range(n)) + f'r{n} ::= "b" | ""\n'
    if kind == "nest":
        return "root ::= " + "(" * n + '"a"' + ")" * n + "\n"
    if kind == "product":  # repetition of repetition
        a, b = rng.choice([1, 10, 40, 44, 45, 100, 1999]), rng.choice([1, 2, 40, 45, 1000])
        return f'root ::= ("a"{{0,{a}}}){{0,{b}}}\n'
    if kind == "hidden-empty":  # left recursion through a rule that is empty only by way of another
        return 'root ::= x\nx ::= y x "c" | "d"\ny ::= z\nz ::= "" | "b"\n'
    if kind == "long":
        return (
            'root ::= "' + "a" * rng.choice([10, 1000, 100_000]) + '"' + rng.choice(["", "{1999}", "{0,1999}"]) + "\n"
        )
    return "root ::= " + " | ".join(f'"{i}"' for i in range(n)) + "\n"


def _damage(rng: random.Random, text: str) -> str:
    for _ in range(rng.randrange(1, 4)):
        at = rng.randrange(len(text) + 1)
        what = rng.choice(["insert", "delete", "repeat"])
        if what == "insert":
            text = (
                text[:at]
                + rng.choice(['"', "[", "]", "(", ")", "{", "}", "\\", "|", "*", "\n", "\x00", "-", "^"])
                + text[at:]
            )
        elif what == "delete":
            text = text[:at] + text[at + rng.randrange(1, 4) :]
        else:
            text = text[:at] + text[at : at + 8] * 2 + text[at + 8 :]
    return text


def grammars(seed: int) -> Iterator[str]:
    """An endless, reproducible stream of grammars."""
    rng = random.Random(seed)
    while True:
        r = rng.random()
        hostile = rng.choice([0.0, 0.0, 0.0, 0.05, 0.2, 0.5])
        g = _shape(rng) if r < 0.15 else _Writer(rng, hostile).rules()
        if rng.random() < 0.2:
            g = _damage(rng, g)
        yield g


# ---- llama.cpp in a throwaway process --------------------------------------------------------------


def child(model: str) -> None:
    """Read grammars (JSON lines) on stdin; answer each with ok / refused, after real tokens."""
    import resource

    answers = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # what llama.cpp prints goes to the log, not into the answers

    import llama_cpp
    import llama_cpp.llama_cpp as lib
    from llama_cpp.llama_grammar import LlamaGrammar

    llm = llama_cpp.Llama(model_path=model, n_ctx=256, n_threads=1, seed=1, verbose=False)
    try:  # Linux; elsewhere the time limit alone catches an allocation without end
        with open("/proc/self/statm") as f:
            held = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (held + MEMORY_HEADROOM, held + MEMORY_HEADROOM))
    except OSError:
        pass
    prompt = llm.tokenize(b"hi")
    for line in sys.stdin:
        text = json.loads(line)
        sampler = lib.llama_sampler_init_grammar(llm._model.vocab, text.encode("utf-8"), b"root")
        if not sampler:
            print(json.dumps({"verdict": "refused"}), file=answers, flush=True)
            continue
        lib.llama_sampler_free(sampler)
        out = []
        llm.reset()
        for tok in llm.generate(prompt, temp=0.6, top_p=0.95, grammar=LlamaGrammar.from_string(text)):
            if tok == llm.token_eos() or len(out) >= TOKENS:
                break
            out.append(tok)
        print(json.dumps({"verdict": "ok", "tokens": out}), file=answers, flush=True)


class Llama:
    """The child process, restarted after each death. ``verdict(text)``: "ok", "refused" (the
    parser returned NULL), "crashed (…)" or "hung"."""

    def __init__(self, model: Path) -> None:
        self.model = model
        self.proc: subprocess.Popen[str] | None = None
        self.log_path = ""  # the running child's stderr

    def _start(self) -> subprocess.Popen[str]:
        if self.proc is None or self.proc.poll() is not None:
            self._forget_log()
            fd, self.log_path = tempfile.mkstemp(prefix="fuzz-grammar-", suffix=".log")
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "tests.faults.fuzz_grammar", "--child", str(self.model)],
                cwd=ROOT,
                env=dict(os.environ, GGML_NO_BACKTRACE="1"),  # no debugger attached to print one
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=fd,
                text=True,
            )
            os.close(fd)
        return self.proc

    def verdict(self, text: str) -> str:
        proc = self._start()
        assert proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write(json.dumps(text) + "\n")
            proc.stdin.flush()
        except BrokenPipeError:
            pass
        ready, _, _ = select.select([proc.stdout], [], [], TIME_LIMIT_S)
        line = proc.stdout.readline() if ready else ""
        if line:
            return str(json.loads(line)["verdict"])
        if not ready:  # no answer in time: it hangs (or allocates without end)
            proc.kill()
        proc.wait()
        self.proc = None
        if not ready:
            return "hung"
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            said = [x for x in f.read().splitlines() if "error" in x.lower() or "what()" in x][-1:]
        return f"crashed (exit {proc.returncode}{': ' + said[0].strip() if said else ''})"

    def _forget_log(self) -> None:
        if self.log_path:
            os.unlink(self.log_path)
            self.log_path = ""

    def close(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
        self._forget_log()


# ---- the run --------------------------------------------------------------------------------------


@dataclass
class Tally:
    tried: int = 0
    refused: int = 0  # by the check
    ran: int = 0  # accepted, and llama.cpp generated
    failures: list[str] = field(default_factory=list)  # accepted, and llama.cpp refused/crashed/hung
    refused_and_broke: int = 0  # --all: refused by the check, and llama.cpp would have failed
    refused_but_ran: int = 0  # --all: refused by the check, though llama.cpp took it

    def line(self) -> str:
        return (
            f"{self.tried} grammars tried: {self.refused} refused by the check, {self.ran} accepted and run, "
            f"{len(self.failures)} accepted and then refused, crashed or hung in llama.cpp"
        )


def run(n: int, seed: int, model: Path, every: bool = False) -> Tally:
    from app.core.inference.grammar_check import GrammarError, check_grammar

    tally = Tally()
    llama = Llama(model)
    try:
        for text in grammars(seed):
            if tally.tried >= n:
                break
            tally.tried += 1
            try:
                check_grammar(text)
            except GrammarError:
                tally.refused += 1
                if every and "\ud800" not in text:
                    v = llama.verdict(text)
                    tally.refused_but_ran += v == "ok"
                    tally.refused_and_broke += v != "ok"
                continue
            v = llama.verdict(text)
            if v == "ok":
                tally.ran += 1
            else:
                tally.failures.append(f"{v}: {text[:300]!r}")
    finally:
        llama.close()
    return tally


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--all", action="store_true", help="also feed the refused grammars to llama.cpp")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child)
        return 0
    from tests.support.tiny_model import write_tiny_model

    with tempfile.TemporaryDirectory() as tmp:
        model = write_tiny_model(Path(tmp) / "tiny.gguf")
        t0 = time.perf_counter()
        tally = run(args.n, args.seed, model, every=args.all)
    print(tally.line() + f" ({time.perf_counter() - t0:.0f} s)")
    if args.all:
        print(
            f"of the refused: {tally.refused_and_broke} would have been refused by llama.cpp or crashed it, "
            f"{tally.refused_but_ran} ran in llama.cpp (refused for a reason of the check's own)"
        )
    for f in tally.failures[:20]:
        print("  " + f)
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
