"""Does a GGUF's content fit its own settings? Checked before llama.cpp sees the file.

llama.cpp trusts a file's hyper-parameters: a head count that does not divide by the KV-head
count, or tensors whose shapes disagree with the settings, end in an assertion that kills the
model process (with a native backtrace) instead of an error. This checks what the app's model
families (the llama, qwen2 and qwen3 architectures of the R1 distills) need: every tensor a
layer must have, each with the shape the settings imply; counts that llama.cpp's integer types
can hold; a file with no tensors; and an architecture llama.cpp does not know at all. It is the
one check for ``import`` and for loading (both call ``gguf_header.read_gguf``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from app.core.errors import ModelFileError, UnsupportedModelError

INT32_MAX = 2**31 - 1  # llama.cpp keeps n_ctx_train, n_embd, head counts, n_vocab in int32
CHECKED = ("llama", "qwen2", "qwen3")  # the R1 distills' families: shapes checked tensor by tensor
_Dims = tuple[int, ...]


def known_architectures() -> frozenset[str]:
    """The architectures llama.cpp knows (the gguf package's table is kept in step with it)."""
    from gguf.constants import MODEL_ARCH_NAMES

    return frozenset(MODEL_ARCH_NAMES.values())


def check_model(path: Path, meta: Mapping[str, Any], tensors: Mapping[str, _Dims], split_count: int) -> None:
    """Raise ModelFileError (or UnsupportedModelError) when the file cannot be a working model."""
    name = path.name
    arch = meta.get("general.architecture")
    if not isinstance(arch, str) or not arch:
        raise ModelFileError(f"{name} does not say which model architecture it is (general.architecture).")
    if arch not in known_architectures():
        raise UnsupportedModelError(
            f"{name} uses the model architecture '{arch[:60]}', which llama.cpp does not know. R1 Desk runs the "
            "DeepSeek-R1 distills (llama, qwen2 and qwen3 architectures) and other models llama.cpp supports."
        )
    if not tensors:
        raise ModelFileError(f"{name} has no tensors: it holds no model weights (a vocabulary-only file?).")
    for key, value in meta.items():
        if key.startswith(f"{arch}.") and _too_big(value):
            raise ModelFileError(
                f"{name} is not a usable model: {key} is {value!r}, more than llama.cpp can hold (at most "
                f"{INT32_MAX:,})."
            )
    if arch in CHECKED:
        _check_family(name, arch, meta, tensors, split_count)


def _too_big(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value > INT32_MAX
    if isinstance(value, list):
        return any(_too_big(v) for v in value)
    return False


def _int(meta: Mapping[str, Any], key: str) -> int | None:
    v = meta.get(key)
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def _check_family(name: str, arch: str, meta: Mapping[str, Any], tensors: Mapping[str, _Dims], split: int) -> None:
    def bad(what: str) -> ModelFileError:
        return ModelFileError(f"{name} is not a usable {arch} model: {what}. The file is damaged or was made wrongly.")

    emb = _int(meta, f"{arch}.embedding_length")
    layers = _int(meta, f"{arch}.block_count")
    heads = _int(meta, f"{arch}.attention.head_count")
    ctx = _int(meta, f"{arch}.context_length")
    for key, v in (("embedding_length", emb), ("block_count", layers), ("context_length", ctx)):
        if v is None or v <= 0:
            raise bad(f"{arch}.{key} is missing or not a positive number")
    assert emb is not None and layers is not None
    if heads is None:
        return  # per-layer head counts (a list): llama.cpp checks those itself
    kv = _int(meta, f"{arch}.attention.head_count_kv")
    kv = heads if kv is None else kv
    if heads <= 0 or kv <= 0:
        raise bad(f"it has {heads} attention heads and {kv} KV heads")
    if heads % kv:
        raise bad(f"its {heads} attention heads do not divide into groups for its {kv} KV heads")
    key_len = _int(meta, f"{arch}.attention.key_length")
    val_len = _int(meta, f"{arch}.attention.value_length")
    if (key_len is None or val_len is None) and emb % heads:
        raise bad(f"its embedding length {emb} does not divide by its {heads} heads")
    dk = key_len if key_len is not None else emb // heads
    dv = val_len if val_len is not None else emb // heads
    if dk <= 0 or dv <= 0:
        raise bad("its attention head size is not positive")

    vocab = tensors.get("token_embd.weight")
    n_vocab = vocab[1] if vocab is not None and len(vocab) == 2 else None
    ff = meta.get(f"{arch}.feed_forward_length")
    experts = _int(meta, f"{arch}.expert_count") or 0

    def expect(tensor: str, dims: _Dims, required: bool = True) -> None:
        got = tensors.get(tensor)
        if got is None:
            if required and split == 1:  # a split model's other parts hold the rest
                raise bad(f"the tensor {tensor} is missing")
            return
        if tuple(got) != dims:
            raise bad(f"the tensor {tensor} has shape {list(got)}, but the model's settings need {list(dims)}")

    if vocab is None and split == 1:
        raise bad("the tensor token_embd.weight is missing")
    if n_vocab is not None:
        expect("token_embd.weight", (emb, n_vocab))
        expect("output.weight", (emb, n_vocab), required=False)  # absent: tied to the embeddings
        tokens = meta.get("tokenizer.ggml.tokens")
        if tokens is not None and len(tokens) != n_vocab:
            raise bad(f"its vocabulary has {len(tokens):,} tokens but its embeddings {n_vocab:,}")
    expect("output_norm.weight", (emb,))
    for i in range(layers):
        b = f"blk.{i}"
        expect(f"{b}.attn_norm.weight", (emb,))
        expect(f"{b}.attn_q.weight", (emb, heads * dk))
        expect(f"{b}.attn_k.weight", (emb, kv * dk))
        expect(f"{b}.attn_v.weight", (emb, kv * dv))
        expect(f"{b}.attn_output.weight", (heads * dv, emb))
        biases = arch == "qwen2"  # required there, optional in llama
        expect(f"{b}.attn_q.bias", (heads * dk,), required=biases)
        expect(f"{b}.attn_k.bias", (kv * dk,), required=biases)
        expect(f"{b}.attn_v.bias", (kv * dv,), required=biases)
        if arch == "qwen3":
            expect(f"{b}.attn_q_norm.weight", (dk,))
            expect(f"{b}.attn_k_norm.weight", (dk,))
        expect(f"{b}.ffn_norm.weight", (emb,))
        n_ff = _layer_value(ff, i)
        if experts == 0 and n_ff is not None:
            expect(f"{b}.ffn_gate.weight", (emb, n_ff))
            expect(f"{b}.ffn_up.weight", (emb, n_ff))
            expect(f"{b}.ffn_down.weight", (n_ff, emb))
    extra = sorted(t for t in tensors if t.startswith("blk.") and _block_of(t) >= layers)
    if extra:
        raise bad(f"it has {layers} layers but holds the tensor {extra[0]}")


def _layer_value(v: Any, i: int) -> int | None:
    if isinstance(v, int) and not isinstance(v, bool):
        return v
    if isinstance(v, Sequence) and i < len(v) and isinstance(v[i], int):
        return int(v[i])
    return None


def _block_of(tensor: str) -> int:
    part = tensor.split(".")[1] if tensor.count(".") >= 1 else ""
    return int(part) if part.isdigit() else -1
