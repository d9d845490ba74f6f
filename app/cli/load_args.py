"""The load options ``ask``, ``serve`` and ``models`` share, over the settings file's general ones.

``--ctx``, ``--gpu-layers``, ``--threads``, ``--kv-type`` and ``--flash-attn`` apply to one load
(or estimate); what is not given comes from the model's remembered defaults, then from the
settings (the window's Settings ▸ Inference), as in the window and the API
(``core/inference/load_policy.py``).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.core.inference.load_policy import LoadRequest
from app.core.models.kv_cache import KV_TYPE_NAMES
from app.core.models.load_config import FLASH_CHOICES, LoadConfig
from app.core.r1.sampling import DEFAULT_CONTEXT


def add_load_args(p: Any, *, placement: bool = True) -> None:
    """``placement``: also the GPU layers and threads (a load's, not an estimate's)."""
    p.add_argument(
        "--ctx",
        type=int,
        help=f"context length in tokens (default: the model's remembered one, else the settings' ({DEFAULT_CONTEXT:,}), "
        "at most the model's maximum)",
    )
    if placement:
        p.add_argument(
            "--gpu-layers",
            type=int,
            default=None,
            help="layers to offload to the GPU (-1 = all; default: as many as the memory estimate says fit)",
        )
        p.add_argument("--threads", type=int, help="CPU threads (default: physical cores)")
    p.add_argument(
        "--kv-type",
        choices=KV_TYPE_NAMES,
        help="KV-cache element type for K and V (q8_0 and q4_0 need flash attention; default: the settings')",
    )
    p.add_argument(
        "--flash-attn",
        choices=FLASH_CHOICES,
        help="flash attention: auto lets llama.cpp decide (default: the settings')",
    )


def general_config() -> LoadConfig:
    """The settings file's load settings (a note on stderr when it had to be repaired)."""
    from app.core.settings import load_settings

    settings, note = load_settings()
    if note:
        print(f"r1desk: {note}", file=sys.stderr)
    return settings.load_config()


def load_request(args: argparse.Namespace, base: LoadConfig | None = None) -> LoadRequest:
    """What the command line asks for one load, over ``base`` (default: the settings')."""
    return LoadRequest(
        n_ctx=args.ctx,
        n_gpu_layers=getattr(args, "gpu_layers", None),
        n_threads=getattr(args, "threads", None),
        flash_attn=args.flash_attn,
        kv_type=args.kv_type,
        base=base if base is not None else general_config(),
    )


def config_json(config: LoadConfig, n_ctx: int) -> dict[str, Any]:
    """A configuration as ``--json`` prints it, with the context it comes to for the model."""
    return {**config.to_json(), "n_ctx": n_ctx, "flash_attn_counted": config.flash_counted}


def add_draft_arg(p: Any) -> None:
    p.add_argument(
        "--draft",
        metavar="MODEL",
        help="a small model with the same vocabulary that drafts tokens for this one to verify in one batch "
        "(an installed model's name or a GGUF path; e.g. r1-qwen-1.5b for the Qwen distills; see `r1desk models`)",
    )


def draft_path(args: argparse.Namespace) -> str | None:
    """The file ``--draft`` names (None: none asked for). Its vocabulary is checked at the load."""
    from app.core.models.installed import resolve_model

    return str(resolve_model(args.draft)) if getattr(args, "draft", None) else None
