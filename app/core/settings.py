"""User settings: a JSON file in the config folder, checked field by field against a schema.

The schema is data (``SCHEMA``): each field's type, allowed values and the sentence shown when a
value is wrong. A field with a wrong value or type is reset to its default and the user is told
which one (the file is backed up first); a file that cannot be read at all is moved aside
(``settings.json.bad-<time>``) and the defaults are used. A broken file never stops the app.
"""

from __future__ import annotations

import contextlib
import json
import time
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from app.core.code.attach import DEFAULT_MAX_KB
from app.core.config.paths import config_dir
from app.core.models.kv_cache import KV_TYPE_NAMES, KV_TYPES, KVCacheType
from app.core.models.load_config import FLASH_CHOICES, FlashAttn, LoadConfig
from app.core.r1.presets import DEFAULT_PRESET
from app.core.r1.sampling import DEFAULT_CONTEXT

PANE_MODES = ("collapse", "open", "collapsed", "remember")  # collapse when done / open / collapsed / as last left
THEMES = ("system", "light", "dark")
LANGUAGES = ("system", "en", "de")  # "system": the OS's language when the app has it, else English
KV_TYPE_CHOICES = KV_TYPE_NAMES
MAX_SLOTS = 4  # the local server's requests side by side (each keeps a KV cache)


@dataclass(frozen=True)
class Rule:
    """What one setting may hold. ``optional``: None is allowed (it means "automatic"/"off")."""

    kind: type
    problem: str
    lo: int | None = None
    hi: int | None = None
    choices: tuple[str, ...] = ()
    optional: bool = False

    def check(self, value: Any) -> bool:
        if value is None:
            return self.optional
        if self.kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            return False
        if not isinstance(value, self.kind):
            return False
        if isinstance(value, int) and self.lo is not None and value < self.lo:
            return False
        if isinstance(value, int) and self.hi is not None and value > self.hi:
            return False
        return not self.choices or value in self.choices


SCHEMA: dict[str, Rule] = {
    "context_length": Rule(int, "The context length must be between 256 and 1,048,576 tokens.", 256, 1_048_576),
    "gpu_layers": Rule(int, "GPU layers must be automatic, -1 (all) or a number of layers.", -1, 1000, optional=True),
    "threads": Rule(int, "Threads must be automatic or between 1 and 512.", 1, 512, optional=True),
    "flash_attn": Rule(str, "Flash attention is auto, on or off.", choices=FLASH_CHOICES),
    "kv_cache_type": Rule(str, f"The KV-cache type must be one of {', '.join(KV_TYPE_NAMES)}.", choices=KV_TYPE_NAMES),
    "think_budget": Rule(int, "The thinking budget must be off or at least 16 tokens.", 16, 1_000_000, optional=True),
    "deep_thinking": Rule(bool, "Deep Thinking is on or off."),
    "samples": Rule(int, "Solve k times must be between 1 and 16.", 1, 16),
    "loop_guard": Rule(bool, "The loop guard is on or off."),
    "speculative": Rule(bool, "Speculative decoding is on or off."),
    "preset": Rule(str, "The preset must be a preset's name."),
    "thinking_pane": Rule(str, "Unknown thinking-pane behaviour.", choices=PANE_MODES),
    "attachment_max_kb": Rule(int, "The largest file to attach must be between 1 and 100,000 KB.", 1, 100_000),
    "thinking_pane_open": Rule(bool, "The remembered thinking pane is open, closed or not set.", optional=True),
    "force_think": Rule(bool, "Forcing the reasoning open is on or off."),
    "theme": Rule(str, "The theme must be system, light or dark.", choices=THEMES),
    "font_size": Rule(int, "The font size must be between 0 (system) and 48.", 0, 48),
    "language": Rule(str, "The language must be system, en or de.", choices=LANGUAGES),
    "models_folder": Rule(str, "The models folder must be a folder's path (or empty for the Hugging Face cache)."),
    "chats_database": Rule(str, "The chats database must be a file's path (or empty for the default)."),
    "last_model": Rule(str, "The last model must be a file's path."),
    "server_enabled": Rule(bool, "The local server is on or off."),
    "server_port": Rule(int, "The local server's port must be between 1024 and 65535.", 1024, 65535),
    "server_slots": Rule(
        int,
        f"The local server answers 1 to {MAX_SLOTS} requests at once, or as many as fit.",
        1,
        MAX_SLOTS,
        optional=True,
    ),
    "window_geometry": Rule(str, "The window's place is x,y,width,height (or empty)."),
}


@dataclass(frozen=True)
class Settings:
    # Inference
    context_length: int = DEFAULT_CONTEXT
    gpu_layers: int | None = None  # None: automatic (from the memory estimate)
    threads: int | None = None  # None: inference/threads.py chooses
    flash_attn: FlashAttn = "auto"  # auto: llama.cpp turns it on where the backend supports it
    kv_cache_type: KVCacheType = "f16"
    think_budget: int | None = None
    # The composer keeps what was set in it (with the preset and budget) for new chats and the
    # next start: one rule, whatever the control.
    deep_thinking: bool = True
    samples: int = 1  # Solve k times
    loop_guard: bool = True
    # Verify drafted tokens (prompt lookup, a draft model) in one batch where that pays (drafts.py)
    speculative: bool = True
    # R1 models: with Deep Thinking on, start the answer with "<think>\n" when the model's own
    # template does not (older GGUF conversions), as DeepSeek's usage notes ask.
    force_think: bool = True
    preset: str = DEFAULT_PRESET
    # Interface
    thinking_pane: str = "collapse"
    attachment_max_kb: int = DEFAULT_MAX_KB  # larger files are left out of an attached folder
    thinking_pane_open: bool | None = None  # the last manual open/close, for the "remember" mode
    theme: str = "system"
    font_size: int = 0  # 0: the system's
    language: str = "system"  # the window's language (the CLI speaks English); applies at the next start
    # Storage
    models_folder: str = ""  # "": the Hugging Face cache
    chats_database: str = ""  # "": chats.sqlite3 in the data folder
    last_model: str = ""
    # Local server (the OpenAI-compatible API; its key is kept apart, see config/server_key.py)
    server_enabled: bool = False
    server_port: int = 8080
    server_slots: int | None = None  # requests answered side by side; None: as many as fit, up to 4
    # Where the main window was left ("x,y,width,height"; used again when a screen still fits it)
    window_geometry: str = ""

    @property
    def slots(self) -> int | None:
        """Answers a load should make room for: the server's slots while it is on (None: one)."""
        return (self.server_slots or MAX_SLOTS) if self.server_enabled else None

    def validate(self) -> list[str]:
        """Problems, as sentences for the settings dialog (empty when all is well)."""
        p = [SCHEMA[f.name].problem for f in fields(self) if not SCHEMA[f.name].check(getattr(self, f.name))]
        if (
            KV_TYPES.get(self.kv_cache_type)
            and KV_TYPES[self.kv_cache_type].needs_flash_attn
            and self.flash_attn == "off"
        ):
            p.append("A quantized KV cache (q8_0, q4_0) needs flash attention on.")
        return p

    def load_config(self) -> LoadConfig:
        """The general load settings, as every load path takes them (``models/load_config.py``)."""
        return LoadConfig(
            n_ctx=self.context_length,
            n_gpu_layers=self.gpu_layers,
            type_k=self.kv_cache_type,
            type_v=self.kv_cache_type,
            flash_attn=self.flash_attn,
            n_threads=self.threads,
        )

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)


assert set(SCHEMA) == {f.name for f in fields(Settings)}, "every setting needs a rule"


def settings_path() -> Path:
    return config_dir() / "settings.json"


def _backup(path: Path, suffix: str) -> Path:
    backup = path.with_name(f"{path.name}.{suffix}-{int(time.time())}")
    try:
        if suffix == "bad":
            path.replace(backup)
        else:
            backup.write_bytes(path.read_bytes())
    except OSError:
        pass
    return backup


def load_settings() -> tuple[Settings, str | None]:
    """The saved settings (or the defaults) and, if something was wrong, a note for the user."""
    path = settings_path()
    if not path.exists():
        return Settings(), None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except RecursionError:
        raw = None
    except (OSError, ValueError) as e:
        backup = _backup(path, "bad")
        return (
            Settings(),
            f"Your settings file could not be read ({e}); it was moved to {backup.name} and the defaults are used.",
        )
    if not isinstance(raw, dict):
        backup = _backup(path, "bad")
        return (
            Settings(),
            f"Your settings file was not a settings object; it was moved to {backup.name} and the defaults are used.",
        )
    if isinstance(raw.get("flash_attn"), bool):  # older settings files: a checkbox, on or off
        raw["flash_attn"] = "on" if raw["flash_attn"] else "off"
    values: dict[str, Any] = {}
    reset: list[str] = []
    for name, rule in SCHEMA.items():
        if name not in raw:
            continue
        if rule.check(raw[name]):
            values[name] = raw[name]
        else:
            reset.append(name)
    s = Settings(**values)
    if "needs flash attention" in " ".join(s.validate()):
        s, reset = s.with_(kv_cache_type="f16"), [*reset, "kv_cache_type"]
    if not reset:
        return s, None
    backup = _backup(path, "before-reset")
    with contextlib.suppress(OSError, ValueError):
        save_settings(s)  # so the same note does not come back at every start
    names = ", ".join(n.replace("_", " ") for n in reset)
    return (
        s,
        f"Some settings had values that cannot be used ({names}); they were reset to their defaults. The old file was saved as {backup.name}.",
    )


def save_settings(s: Settings) -> None:
    problems = s.validate()
    if problems:
        raise ValueError(" ".join(problems))
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(s), indent=2), encoding="utf-8")
    tmp.replace(path)
