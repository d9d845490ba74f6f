"""KV-cache prefix reuse: how many prompt tokens llama.cpp evaluates for a second turn, a
regenerate, and the continuation after "answer now".

    .venv/bin/python -m tests.benchmarks.bench_kv_reuse [--tokens 300]

SmolLM2 with the R1 template (tests/benchmarks/models.py), in this process, counting the tokens
handed to ``Llama.eval`` (the first call of a request is its prompt; then one per token).
"New tokens" of a second turn are the tokens of its prompt that the first turn's prompt did not
have: under the R1 template that is the previous *answer* (the template drops its reasoning,
so the cache, which holds reasoning then answer, stops matching right after the previous
``<｜Assistant｜>``), the new question and the turn markup. Goal: evaluated / new <= 1.1.
"""

from __future__ import annotations

import argparse
import threading

from tests.benchmarks.models import smollm_r1

Q1 = "Why is the sky blue? Explain it to a child."
Q2 = "And why are sunsets red?"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tokens", type=int, default=300, help="tokens per answer (half reasoning)")
    args = ap.parse_args()

    from app.core.inference.events import ChatOptions, Delta, LoadParams, Stats
    from app.core.inference.llama_runner import LlamaRunner
    from app.core.inference.wire import ChatRequest
    from app.core.r1.sampling import Sampling

    runner = LlamaRunner(LoadParams(str(smollm_r1()), n_ctx=4096))
    evals: list[int] = []
    real_eval = runner.llm.eval

    def counting_eval(tokens: list[int]) -> None:
        evals.append(len(tokens))
        real_eval(tokens)

    runner.llm.eval = counting_eval  # type: ignore[method-assign]
    sampling = Sampling(max_tokens=args.tokens, temperature=0.0)
    budget = ChatOptions(think_budget=args.tokens // 2, loop_guard=False)

    def ask(messages: list[dict[str, str]], answer_now_after: int | None = None) -> tuple[str, Stats, list[int]]:
        evals.clear()
        answer_now = threading.Event()
        answer: list[str] = []
        stats = None
        n = 0
        options = budget if answer_now_after is None else ChatOptions(loop_guard=False)
        for ev in runner.stream(ChatRequest(messages, sampling, options), threading.Event(), answer_now):
            if isinstance(ev, Delta):
                n += 1
                if answer_now_after is not None and n >= answer_now_after:
                    answer_now.set()
                if ev.kind == "answer":
                    answer.append(ev.text)
            elif isinstance(ev, Stats):
                stats = ev
        assert stats is not None
        return "".join(answer).strip(), stats, list(evals)

    def tokens_of(messages: list[dict[str, str]]) -> list[int]:
        return runner.render(ChatRequest(messages))[1]

    def common(a: list[int], b: list[int]) -> int:
        n = 0
        for x, y in zip(a, b):
            if x != y:
                break
            n += 1
        return n

    turn1 = [{"role": "user", "content": Q1}]
    answer1, s1, e1 = ask(turn1)
    turn2 = [*turn1, {"role": "assistant", "content": answer1}, {"role": "user", "content": Q2}]
    p1, p2 = tokens_of(turn1), tokens_of(turn2)
    new = len(p2) - common(p1, p2)
    _, s2, e2 = ask(turn2)
    _, s3, e3 = ask(turn2)  # regenerate: the same prompt again
    # "Answer now" mid-reasoning: the continuation evaluates the closing tag, not the prompt.
    _, s4, e4 = ask([{"role": "user", "content": "Tell me about the moon."}], answer_now_after=40)
    continuation = next((x for x in e4[1:] if x > 1), 1)

    print(f"model: SmolLM2-135M with the R1 template; answers of up to {args.tokens} tokens, greedy")
    print(
        f"  turn 1: prompt {len(p1)} tokens, evaluated {e1[0]}; answer {s1.generated_tokens} tokens "
        f"({s1.reasoning_tokens} reasoning)"
    )
    print(
        f"  turn 2: prompt {len(p2)} tokens; new since turn 1: {new} (previous answer + question + markup); "
        f"evaluated {e2[0]}; ratio evaluated / new = {e2[0] / new:.2f}   (goal <= 1.1)"
    )
    print(
        f"          Stats.cached_tokens {s2.cached_tokens} = prompt - evaluated: {s2.cached_tokens == len(p2) - e2[0]}"
    )
    q_only = len(tokens_of([{"role": "user", "content": Q2}])) - len(tokens_of([{"role": "user", "content": ""}]))
    print(f"          (the question alone is {q_only} tokens; the rest of 'new' is the previous answer and markup)")
    print(f"  regenerate: prompt {s3.prompt_tokens} tokens, evaluated {e3[0]} (llama.cpp needs one to get logits)")
    print(
        f"  answer now after 40 deltas: continuation evaluated {continuation} tokens (the last token + '</think>'), "
        f"answered_early={s4.answered_early!r}"
    )
    runner.close()


if __name__ == "__main__":
    main()
