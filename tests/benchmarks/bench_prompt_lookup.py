"""Prompt-lookup decoding (llama-cpp-python's ``LlamaPromptLookupDecoding``) on a code edit:
"rewrite this 150-line file with one change", SmolLM2-135M, greedy, alternating runs.

    .venv/bin/python -m tests.benchmarks.bench_prompt_lookup [--rounds 3] [--tokens 1500]

Prints tokens/s for a plain ``Llama.generate()`` loop and for the same loop with a prompt-lookup
draft (10 and 4 tokens drafted per step), on the code edit and on free text (a story: little to
copy, so most drafts are rejected and cost a batch evaluation each), how much of the file the
answer copied, and whether the drafted runs wrote the same tokens. llama-cpp-python applies a draft model inside
``generate()`` only when the ``Llama`` was created with it, and then forces ``logits_all``:
every evaluated position's logits are copied into an ``n_ctx x n_vocab`` float array
(SmolLM2 at 4K: 0.8 GB; an R1 Qwen distill at 32K: 152K x 32K x 4 B = 20 GB), which is why the
app could not simply switch it on per request even if it won.
"""

from __future__ import annotations

import argparse
import difflib
import statistics
import time

from tests.benchmarks.models import smollm


def source_file() -> str:
    """A 150-line Python module: 15 small functions of 10 lines each."""
    lines: list[str] = []
    names = ["total_price", "apply_discount", "tax_for", "shipping_cost", "round_cents", "parse_sku", "stock_level"]
    names += ["reorder_point", "is_backordered", "format_money", "invoice_lines", "merge_orders", "split_order"]
    names += ["refund_amount", "loyalty_points"]
    for i, name in enumerate(names):
        lines += [
            f"def {name}(order, rate={i + 1}):",
            f'    """Compute {name.replace("_", " ")} for an order."""',
            "    result = 0",
            "    for item in order.items:",
            "        if item.quantity <= 0:",
            "            continue",
            f"        result += item.price * item.quantity * rate / {10 + i}",
            "    if result < 0:",
            "        raise ValueError('negative')",
            "    return round(result, 2)",
        ]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--tokens", type=int, default=1500)
    ap.add_argument("--threads", type=int, default=None)
    args = ap.parse_args()

    import llama_cpp
    from llama_cpp import Llama  # the benchmark's own baseline, not app code
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter
    from llama_cpp.llama_speculative import LlamaPromptLookupDecoding

    from app.core.inference.threads import choose_threads
    from tests.benchmarks.bench_cli import PROMPT as STORY

    threads = args.threads or choose_threads(None).generate
    src = source_file()
    tasks = {
        "code edit": (
            "Rewrite this file with one change: rename the function total_price to order_total. "
            f"Reply with the complete file only.\n\n```python\n{src}\n```"
        ),
        "free text": STORY,
    }

    def make(draft: int | None) -> Llama:
        if draft is None:
            return Llama(str(smollm()), n_ctx=4096, n_threads=threads, verbose=False)
        return Llama(
            str(smollm()),
            n_ctx=4096,
            n_threads=threads,
            verbose=False,
            logits_all=True,  # 0.3.36 sizes its logits array from this argument, not from the draft model
            draft_model=LlamaPromptLookupDecoding(num_pred_tokens=draft),
        )

    models = {"plain": make(None), "lookup 10": make(10), "lookup 4": make(4)}
    plain = models["plain"]
    m = plain._model
    fmt = Jinja2ChatFormatter(
        template=str(plain.metadata["tokenizer.chat_template"]),
        eos_token=m.token_get_text(m.token_eos()),
        bos_token=m.token_get_text(m.token_bos()),
        add_generation_prompt=True,
    )

    def tokens(question: str) -> list[int]:
        text = fmt(messages=[{"role": "user", "content": question}]).prompt  # type: ignore[arg-type]
        return plain.tokenize(text.encode(), add_bos=False, special=True)

    def run(llm: Llama, prompt: list[int]) -> tuple[float, list[int]]:
        llm.reset()
        out: list[int] = []
        t0 = 0.0
        for tok in llm.generate(prompt, top_k=0, top_p=1.0, min_p=0.0, temp=0.0, repeat_penalty=1.0):
            if t0 == 0.0:
                t0 = time.perf_counter()
            if llama_cpp.llama_vocab_is_eog(llm._model.vocab, tok) or len(out) >= args.tokens:
                break
            llm.detokenize([tok])
            out.append(tok)
        return (len(out) - 1) / (time.perf_counter() - t0), out

    print(f"SmolLM2-135M, greedy, up to {args.tokens} tokens, {threads} threads, {args.rounds} rounds alternating:")
    for task, question in tasks.items():
        prompt = tokens(question)
        rates: dict[str, list[float]] = {k: [] for k in models}
        outputs: dict[str, list[int]] = {}
        for r in range(args.rounds):
            for name in list(models) if r % 2 == 0 else list(reversed(models)):
                rate, out = run(models[name], prompt)
                rates[name].append(rate)
                outputs[name] = out
                print(f"    {task}, round {r + 1}, {name:10s} {rate:6.1f} tok/s ({len(out)} tokens)", flush=True)
        print(f"  {task} (prompt {len(prompt)} tokens):")
        base = statistics.median(rates["plain"])
        for name in models:
            med = statistics.median(rates[name])
            same = "same tokens" if outputs[name] == outputs["plain"] else "different tokens"
            print(f"    {name:10s} {med:6.1f} tok/s   x{med / base:.2f}   ({len(outputs[name])} tokens, {same})")
        if task == "code edit":
            text = plain.detokenize(outputs["plain"]).decode("utf-8", "replace")
            blocks = difflib.SequenceMatcher(None, src, text, autojunk=False).get_matching_blocks()
            copied = sum(b.size for b in blocks) / max(1, len(text))
            print(f"    {copied:.0%} of the answer is text copied from the file; renamed: {'order_total' in text}")


if __name__ == "__main__":
    main()
