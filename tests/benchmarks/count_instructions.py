"""Instructions per generated token, counted by valgrind (callgrind): deterministic where wall
time on a shared machine is not.

    python -m tests.benchmarks.count_instructions [--checkout DIR] [--python PY] [--tokens 8,40]

Runs SmolLM2 (greedy, 1 thread, so no spin-waiting thread adds a random count) under
``valgrind --tool=callgrind`` twice per contender, with two token counts, and prints
(instructions at the larger count - at the smaller) / (difference in tokens): the cost of one
token with load and prompt cancelled out. Contenders: the runner of this checkout (and of
``--checkout DIR``, e.g. an unpacked ``git archive main``), and a plain ``Llama.generate()``
loop with one ``detokenize`` per token.

valgrind cannot execute AVX-512 instructions: ``--python`` must be an interpreter whose
llama-cpp-python was built without them (e.g. ``CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX2=ON
-DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=OFF" pip wheel --no-binary llama-cpp-python
llama-cpp-python==0.3.36`` installed into a separate virtual environment).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROMPT = "Write a long, detailed story about a dragon who learns to bake bread. Use many chapters."

_CHILD = r"""
import sys, threading
which, model, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
if which == "loop":
    import llama_cpp
    from llama_cpp import Llama
    llm = Llama(model, n_ctx=512, n_threads=1, n_threads_batch=1, verbose=False)
    toks = llm.tokenize(("<|im_start|>user\n" + sys.argv[4] + "<|im_end|>\n<|im_start|>assistant\n").encode(), special=True)
    got = 0
    for tok in llm.generate(toks, top_k=0, top_p=0.95, min_p=0.0, temp=0.0, repeat_penalty=1.0):
        if llama_cpp.llama_vocab_is_eog(llm._model.vocab, tok) or got >= n:
            break
        llm.detokenize([tok])
        got += 1
else:
    from app.core.inference.events import LoadParams, Stats
    from app.core.inference.llama_runner import LlamaRunner
    from app.core.inference.wire import ChatRequest
    from app.core.r1.sampling import Sampling
    runner = LlamaRunner(LoadParams(model, n_ctx=512, n_threads=1))
    request = ChatRequest([{"role": "user", "content": sys.argv[4]}], Sampling(max_tokens=n, temperature=0.0))
    for ev in runner.stream(request, threading.Event(), threading.Event()):
        if isinstance(ev, Stats):
            got = ev.generated_tokens
print("tokens", got)
"""


def count(python: str, checkout: Path, which: str, model: Path, n: int) -> tuple[int, int]:
    """(instructions, tokens generated) of one run under callgrind."""
    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "cg.out"
        env = dict(os.environ, PYTHONPATH=str(checkout), OMP_NUM_THREADS="1")
        r = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", python, "-c", _CHILD]
            + [which, str(model), str(n), PROMPT],
            cwd=checkout,
            env=env,
            capture_output=True,
            text=True,
        )
        m = re.search(r"Collected : (\d+)", r.stderr)
        t = re.search(r"tokens (\d+)", r.stdout)
        if r.returncode != 0 or m is None or t is None:
            raise SystemExit(f"{which} failed under valgrind:\n{r.stderr[-3000:]}")
        return int(m.group(1)), int(t.group(1))


def main() -> None:
    from tests.benchmarks.models import smollm

    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default=sys.executable, help="an interpreter whose llama.cpp has no AVX-512")
    ap.add_argument("--checkout", type=Path, action="append", default=[], help="another checkout's runner")
    ap.add_argument("--tokens", default="8,40")
    args = ap.parse_args()
    lo, hi = (int(x) for x in args.tokens.split(","))
    model = smollm()
    contenders = [("loop", ROOT, "generate() loop")]
    contenders += [("runner", ROOT, f"runner ({ROOT.name})")]
    contenders += [("runner", Path(c).resolve(), f"runner ({c})") for c in args.checkout]
    print(f"SmolLM2-135M, greedy, 1 thread, instructions per token from runs of {lo} and {hi} tokens:")
    per_token: dict[str, float] = {}
    for which, checkout, label in contenders:
        i_lo, n_lo = count(args.python, checkout, which, model, lo)
        i_hi, n_hi = count(args.python, checkout, which, model, hi)
        per_token[label] = (i_hi - i_lo) / (n_hi - n_lo)
        print(f"  {label:40s} {per_token[label] / 1e6:9.2f} M instructions/token", flush=True)
    base = per_token["generate() loop"]
    for label, v in per_token.items():
        if label != "generate() loop":
            print(f"  {label}: {v / base:.4f} x the loop's instructions per token")


if __name__ == "__main__":
    main()
