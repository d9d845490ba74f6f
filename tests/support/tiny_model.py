"""Tiny R1-style GGUF models for tests, written with the gguf package.

Random weights (their output is noise), but a real tokenizer layout: the 256 GPT-2 byte tokens,
the R1 special tokens, and the project's own R1 chat template. A GBNF grammar passed with a
request makes the output exact, which makes streams deterministic.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from gguf import GGUFWriter, TokenType

from app.core.r1.templates import fallback_template

BOS, EOS = "<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>"
SPECIALS = [
    (BOS, TokenType.CONTROL),
    (EOS, TokenType.CONTROL),
    ("<｜User｜>", TokenType.CONTROL),
    ("<｜Assistant｜>", TokenType.CONTROL),
    ("<think>", TokenType.USER_DEFINED),
    ("</think>", TokenType.USER_DEFINED),
]
# DeepSeek's tool-call markers are control tokens in the distills' vocabulary (llama.cpp shows
# them only when asked); Qwen3's <tool_call> tags are ordinary added tokens.
TOOL_TOKENS = (
    *(
        (t, TokenType.CONTROL)
        for t in (
            "<｜tool▁calls▁begin｜>",
            "<｜tool▁calls▁end｜>",
            "<｜tool▁call▁begin｜>",
            "<｜tool▁call▁end｜>",
            "<｜tool▁sep｜>",
            "<｜tool▁outputs▁begin｜>",
            "<｜tool▁outputs▁end｜>",
            "<｜tool▁output▁begin｜>",
            "<｜tool▁output▁end｜>",
        )
    ),
    ("<tool_call>", TokenType.USER_DEFINED),
    ("</tool_call>", TokenType.USER_DEFINED),
)
N_EMBD, N_LAYERS, N_HEAD, N_HEAD_KV, N_FF = 64, 2, 4, 2, 128


def _byte_tokens() -> list[str]:
    """GPT-2's byte-to-unicode table, in byte order."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    table = dict(zip(bs, cs))
    return [chr(table[b]) for b in range(256)]


def write_tiny_model(
    path: Path,
    *,
    template: str | None = "r1",
    arch: str = "llama",
    context_length: int = 4096,
    seed: int = 0,
    head_count_kv: int = N_HEAD_KV,
    drop: frozenset[str] = frozenset(),
    shapes: dict[str, tuple[int, ...]] | None = None,
    no_tensors: bool = False,
    extra_tokens: tuple[tuple[str, TokenType], ...] = (),
    token_texts: dict[int, str] | None = None,
) -> Path:
    """Write a tiny model. ``template``: "r1" (the project's own), None (no template), or text.

    The fault suite crafts broken files with the rest: ``head_count_kv`` says a KV-head count
    the tensors do not have, ``drop`` leaves tensors out, ``shapes`` gives tensors other shapes
    (numpy order), ``no_tensors`` writes a file with none. ``extra_tokens`` come after the R1
    special tokens (``TOOL_TOKENS``: the tool-call markers, typed as the real vocabularies type them).
    ``token_texts`` spell some ids otherwise (another vocabulary, for the draft-model check).
    """
    rng = np.random.default_rng(seed)
    specials = SPECIALS + list(extra_tokens)
    tokens = _byte_tokens() + [t for t, _ in specials]
    for i, text in (token_texts or {}).items():
        tokens[i] = text
    types = [TokenType.NORMAL] * 256 + [k for _, k in specials]
    n_vocab = len(tokens)
    head_dim = N_EMBD // N_HEAD

    w = GGUFWriter(str(path), arch)
    w.add_name("tiny-r1-test")
    w.add_context_length(context_length)
    w.add_embedding_length(N_EMBD)
    w.add_block_count(N_LAYERS)
    w.add_feed_forward_length(N_FF)
    w.add_head_count(N_HEAD)
    w.add_head_count_kv(head_count_kv)
    w.add_rope_dimension_count(head_dim)
    w.add_layer_norm_rms_eps(1e-5)
    w.add_vocab_size(n_vocab)
    w.add_file_type(0)  # all F32
    w.add_tokenizer_model("gpt2")
    w.add_tokenizer_pre("default")
    w.add_token_list(tokens)
    w.add_token_types(types)
    w.add_token_merges(["Ġ t"])
    w.add_bos_token_id(256)
    w.add_eos_token_id(257)
    w.add_add_bos_token(True)
    if template == "r1":
        w.add_chat_template(fallback_template())
    elif template is not None:
        w.add_chat_template(template)

    def t(name: str, *shape: int) -> None:
        if name in drop or no_tensors:
            return
        shape = (shapes or {}).get(name, shape)
        if len(shape) == 1:
            w.add_tensor(name, np.ones(shape, dtype=np.float32))
        else:
            w.add_tensor(name, (rng.standard_normal(shape) * 0.02).astype(np.float32))

    t("token_embd.weight", n_vocab, N_EMBD)
    t("output_norm.weight", N_EMBD)
    t("output.weight", n_vocab, N_EMBD)
    for i in range(N_LAYERS):
        t(f"blk.{i}.attn_norm.weight", N_EMBD)
        t(f"blk.{i}.attn_q.weight", N_EMBD, N_EMBD)
        t(f"blk.{i}.attn_k.weight", N_HEAD_KV * head_dim, N_EMBD)
        t(f"blk.{i}.attn_v.weight", N_HEAD_KV * head_dim, N_EMBD)
        t(f"blk.{i}.attn_output.weight", N_EMBD, N_EMBD)
        t(f"blk.{i}.ffn_norm.weight", N_EMBD)
        t(f"blk.{i}.ffn_gate.weight", N_FF, N_EMBD)
        t(f"blk.{i}.ffn_up.weight", N_FF, N_EMBD)
        t(f"blk.{i}.ffn_down.weight", N_EMBD, N_FF)

    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path


def gbnf_literal(text: str) -> str:
    """A grammar that forces exactly ``text`` (then the model may only end)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'root ::= "{escaped}"'


def write_nested_metadata(path: Path, depth: int) -> Path:
    """A GGUF header whose one metadata value is an array nested ``depth`` deep (written by hand:
    the gguf package's writer recurses and could not write it)."""
    import struct

    key = b"general.nested"
    body = bytearray(b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", len(key)) + key)
    body += struct.pack("<I", 9)  # an array ...
    body += struct.pack("<IQ", 9, 1) * (depth - 1)  # ... of one array, depth - 1 times ...
    body += struct.pack("<IQ", 0, 0)  # ... of no bytes
    path.write_bytes(bytes(body) + bytes(64))
    return path
