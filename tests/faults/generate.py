"""Generated hostile inputs for the fault suite and its soak script: damaged files, wrong-typed
values, deep nesting, crafted models, grammars, templates and Markdown. Each generator takes a
``random.Random``, so a failing try is reproduced from its seed."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

# ---- files ---------------------------------------------------------------------------------------


def nested_json(depth: int, kind: str = "list") -> str:
    """JSON nested ``depth`` deep (what made every JSON reader end in a RecursionError)."""
    if kind == "dict":
        return '{"a":' * depth + "1" + "}" * depth
    return "[" * depth + "1" + "]" * depth


def damage_bytes(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One way a file gets damaged: garbage, a bad header, cut short, bytes flipped in the middle."""
    kind = rng.choice(["garbage", "header", "truncate", "middle", "flips", "zeros"])
    b = bytearray(data)
    if kind == "garbage":
        b = bytearray(os.urandom(len(b)))
    elif kind == "header":
        b[0:100] = os.urandom(100)
    elif kind == "truncate":
        b = b[: rng.randrange(1, max(2, len(b)))]
    elif kind == "middle":
        at = rng.randrange(len(b) // 4, max(len(b) // 4 + 1, 3 * len(b) // 4))
        b[at : at + 4096] = os.urandom(min(4096, len(b) - at))
    elif kind == "flips":
        for _ in range(rng.randrange(1, 64)):
            b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
    else:
        at = rng.randrange(len(b))
        b[at : at + 8192] = bytes(min(8192, len(b) - at))
    return kind, bytes(b)


def wild_value(rng: random.Random, depth: int = 0) -> Any:
    """Any JSON value, often of the wrong type for whatever reads it."""
    choices = ["int", "neg", "big", "float", "str", "empty", "bool", "null", "list", "dict"]
    if depth > 2:
        choices = choices[:8]
    k = rng.choice(choices)
    if k == "int":
        return rng.randrange(0, 100)
    if k == "neg":
        return -rng.randrange(1, 10**6)
    if k == "big":
        return 2 ** rng.randrange(31, 80)
    if k == "float":
        return rng.choice([0.5, -1.5, 1e308, float("inf")]) if rng.random() < 0.9 else 1e-300
    if k == "str":
        return rng.choice(["", "x", "🙂" * 3, "/no/such/dir", "a" * 5000, "\x00", "../../etc/passwd"])
    if k == "empty":
        return rng.choice([[], {}, ""])
    if k == "bool":
        return rng.random() < 0.5
    if k == "null":
        return None
    if k == "list":
        return [wild_value(rng, depth + 1) for _ in range(rng.randrange(0, 4))]
    return {str(wild_value(rng, 3)): wild_value(rng, depth + 1) for _ in range(rng.randrange(0, 4))}


def wild_json_file(path: Path, rng: random.Random, fields: list[str]) -> str:
    """Write a settings-like file: right keys with wild values, or no object at all, or not JSON."""
    k = rng.choice(["fields", "fields", "fields", "not-object", "not-json", "binary"])
    if k == "fields":
        obj = {f: wild_value(rng) for f in rng.sample(fields, rng.randrange(1, len(fields) + 1))}
        text = json.dumps(obj, allow_nan=True)
    elif k == "not-object":
        text = json.dumps(wild_value(rng))
    elif k == "not-json":
        text = rng.choice(["{", '{"a": }', "[1,2", "nul", '{"x": "\\ud800"}', "\ufeff{}"])
    else:
        path.write_bytes(os.urandom(rng.randrange(1, 512)))
        return k
    path.write_text(text, encoding="utf-8")
    return k


# ---- models --------------------------------------------------------------------------------------


def crafted_model_faults(rng: random.Random) -> dict[str, Any]:
    """Keyword faults for ``tests.support.tiny_model.write_tiny_model``: one or two at a time."""
    tensors = ["token_embd.weight", "output_norm.weight", "blk.0.attn_q.weight", "blk.0.attn_k.weight",
               "blk.1.attn_v.weight", "blk.1.attn_output.weight", "blk.0.ffn_up.weight", "blk.1.ffn_down.weight",
               "blk.0.attn_norm.weight"]  # fmt: skip
    faults: dict[str, Any] = {}
    for _ in range(rng.choice([1, 1, 2])):
        k = rng.choice(["kv", "ctx", "drop", "shape", "arch", "none"])
        if k == "kv":
            faults["head_count_kv"] = rng.choice([0, 1, 3, 4, 5, 8, 2**31])
        elif k == "ctx":
            faults["context_length"] = rng.choice([0, 1, 2**31, 2**32 - 1, 2**40])
        elif k == "drop":
            faults["drop"] = frozenset({rng.choice(tensors)})
        elif k == "shape":
            name = rng.choice(tensors[2:8])
            faults["shapes"] = {name: (rng.choice([16, 32, 48, 64, 128]), rng.choice([64, 128, 16]))}
        elif k == "arch":
            faults["arch"] = rng.choice(["foo", "qwen2", "gpt2", "llama4", "x" * 40])
        else:
            faults["no_tensors"] = True
    return faults


# ---- grammars ------------------------------------------------------------------------------------


def random_grammar(rng: random.Random) -> str:
    """A GBNF grammar that is often valid and often broken in the ways llama.cpp cannot take."""

    def item(depth: int) -> str:
        k = rng.choice(["lit", "lit", "class", "ref", "group", "dot"] if depth < 3 else ["lit", "class", "dot"])
        if k == "lit":
            return '"' + rng.choice(["a", "ok", " ", "\\n", "\\x41", "é", "", '\\"']) + '"'
        if k == "class":
            return rng.choice(["[a-z]", "[0-9]", "[^\\n]", "[ \\t]", "[abc]"])
        if k == "ref":
            return rng.choice(["x", "y", "root", "ws"])
        if k == "group":
            return "(" + " | ".join(seq(depth + 1) for _ in range(rng.randrange(1, 3))) + ")"
        return "."

    def seq(depth: int) -> str:
        parts = []
        for _ in range(rng.randrange(0, 4)):
            s = item(depth)
            r = rng.random()
            if r < 0.15:
                s += rng.choice(["*", "+", "?"])
            elif r < 0.2:
                s += rng.choice(["{2}", "{1,3}", "{,2}", "{2,}", "{3000}"])
            parts.append(s)
        return " ".join(parts)

    rules = ["root ::= " + " | ".join(seq(0) for _ in range(rng.randrange(1, 3)))]
    for name in rng.sample(["x", "y", "ws"], rng.randrange(0, 3)):
        rules.append(f"{name} ::= " + seq(1))
    text = "\n".join(rules) + "\n"
    if rng.random() < 0.2:  # a typo somewhere
        at = rng.randrange(len(text))
        text = text[:at] + rng.choice(['"', "[", "(", "::=", "\\", ""]) + text[at + 1 :]
    return text


# ---- templates -----------------------------------------------------------------------------------

ESCAPES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{% for c in [].__class__.__base__.__subclasses__() %}{% endfor %}",
]


def hostile_template(rng: random.Random) -> tuple[str, str]:
    """(kind, template) that loops, writes too much, eats memory, recurses, escapes or is broken."""
    k = rng.choice(["loop", "huge", "bomb", "recursion", "escape", "broken"])
    if k == "loop":
        n = rng.randrange(2, 5)
        t = "".join(f"{{% for i{i} in range(100000) %}}" for i in range(n)) + "x" + "{% endfor %}" * n
    elif k == "huge":
        t = rng.choice([
            "{{ 'x' * 50000000 }}",
            "{% for i in range(100000) %}{{ 'y' * 500 }}{% endfor %}",
            "{{ ('x' * 4000) | center(90000000) }}",
            "{% for i in range(100000) %}{{ range(100000) | join(',') }}{% endfor %}",
        ])  # fmt: skip
    elif k == "bomb":
        t = rng.choice([
            "{{ ('x' * 1000000) | replace('x', 'y' * 100000) }}",
            "{{ ('ab' * 1000000) | wordwrap(1) | replace('\\n', 'z' * 100000) }}",
        ])  # fmt: skip
    elif k == "recursion":
        t = "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}"
    elif k == "escape":
        t = rng.choice(ESCAPES)
    else:
        good = "{% for m in messages %}{{ m['role'] }}: {{ m['content'] }}{% endfor %}{% if add_generation_prompt %}A:{% endif %}"
        cut = rng.randrange(1, len(good))
        t = good[:cut]
    return k, t


# ---- Markdown ------------------------------------------------------------------------------------

HOSTILE_MD = [
    "![zero](/dev/zero)",
    "![fifo]({fifo})",
    "![x](file:///etc/passwd)",
    "![rel](../../../../etc/shadow)",
    "![web](https://example.org/i.png)",
    '<img src="/dev/zero">',
    "<IMG SRC=/dev/zero onerror=alert(1)>",
    "[a](javascript:alert(1))",
    "[b](file:///etc/passwd)",
    "[c](data:text/html;base64,PHNjcmlwdD4=)",
    "<script>alert(1)</script>",
    "![r][ref]\n\n[ref]: /dev/zero\n",
    "[![nested](/dev/zero)](https://x.org)",
    "[" * 64,
    "![" * 40,
    "```\n![in code](/dev/zero)\n```\n",
    "| a | b |\n|---|---|\n| ![t](/dev/zero) | x |\n",
    "> " * 50 + "deep quote",
    "- " * 60 + "deep list",
    "$$\\boxed{42}$$",
    "\n\n",
    "plain text, then a space ",
]


def hostile_markdown(rng: random.Random, fifo: str) -> str:
    parts = [rng.choice(HOSTILE_MD).replace("{fifo}", fifo) for _ in range(rng.randrange(1, 12))]
    return rng.choice(["", " ", "\n", "\n\n"]).join(parts)


def random_deltas(text: str, rng: random.Random) -> list[str]:
    out, i = [], 0
    while i < len(text):
        n = rng.choice([1, 2, 7, 50, 500, 4000])
        out.append(text[i : i + n])
        i += n
    return out
