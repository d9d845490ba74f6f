"""User settings: a JSON file in the config folder, validated field by field.

A value that fails validation is rejected with a message (``Settings.validate``); a file that
cannot be read at all is moved aside (``settings.json.bad-<time>``) and the defaults are used,
so a broken file never stops the app from starting.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from app.core.paths import config_dir

PANE_MODES = ("collapse", "open", "collapsed")  # collapse when done / always open / always collapsed
THEMES = ("system", "light", "dark")
KV_TYPES = ("f16", "q8_0", "q4_0")


@dataclass(frozen=True)
class Settings:
    # Inference
    context_length: int = 32_768
    gpu_layers: int | None = None  # None: automatic (all that fit)
    threads: int | None = None  # None: physical cores
    flash_attn: bool = False
    kv_cache_type: str = "f16"
    think_budget: int | None = None
    loop_guard: bool = True
    preset: str = "R1 (paper)"
    # Interface
    thinking_pane: str = "collapse"
    theme: str = "system"
    font_size: int = 0  # 0: the system's
    language: str = "en"
    # Storage
    models_folder: str = ""  # "": the Hugging Face cache
    chats_database: str = ""  # "": chats.sqlite3 in the data folder
    last_model: str = ""
    recent_models: list[str] = field(default_factory=list)

    def validate(self) -> list[str]:
        """Problems, as sentences for the settings dialog (empty when all is well)."""
        p: list[str] = []
        if not 256 <= self.context_length <= 1_048_576:
            p.append("The context length must be between 256 and 1,048,576 tokens.")
        if self.gpu_layers is not None and not -1 <= self.gpu_layers <= 1000:
            p.append("GPU layers must be automatic, -1 (all) or a number of layers.")
        if self.threads is not None and not 1 <= self.threads <= 512:
            p.append("Threads must be automatic or between 1 and 512.")
        if self.kv_cache_type not in KV_TYPES:
            p.append(f"The KV-cache type must be one of {', '.join(KV_TYPES)}.")
        if self.kv_cache_type != "f16" and not self.flash_attn:
            p.append("A quantized KV cache (q8_0, q4_0) needs flash attention on.")
        if self.think_budget is not None and not 16 <= self.think_budget <= 1_000_000:
            p.append("The thinking budget must be off or at least 16 tokens.")
        if self.thinking_pane not in PANE_MODES:
            p.append("Unknown thinking-pane behaviour.")
        if self.theme not in THEMES:
            p.append("The theme must be system, light or dark.")
        if not 0 <= self.font_size <= 48:
            p.append("The font size must be between 0 (system) and 48.")
        return p

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings() -> tuple[Settings, str | None]:
    """The saved settings (or the defaults) and, if the file was broken, a note for the user."""
    path = settings_path()
    if not path.exists():
        return Settings(), None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("not an object")
        known = {f.name for f in fields(Settings)}
        s = Settings(**{k: v for k, v in raw.items() if k in known})
        problems = s.validate()
        if problems:
            raise ValueError(problems[0])
        return s, None
    except (OSError, ValueError, TypeError) as e:
        backup = path.with_name(f"settings.json.bad-{int(time.time())}")
        try:
            path.replace(backup)
        except OSError:
            pass
        return Settings(), f"Your settings file was invalid ({e}); it was moved to {backup.name} and the defaults are used."


def save_settings(s: Settings) -> None:
    problems = s.validate()
    if problems:
        raise ValueError(" ".join(problems))
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(s), indent=2), encoding="utf-8")
    tmp.replace(path)
