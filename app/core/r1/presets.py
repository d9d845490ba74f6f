"""Sampling presets: the paper's (``assets/presets.json``, read-only) and the user's own.

Both files are validated on load. A broken built-in file is a bug and raises; a broken user
file is moved aside (``presets.json.bad-<time>``) and the user's presets start empty, so the app
still starts.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.config.datafile import versioned_items
from app.core.config.paths import asset, config_dir
from app.core.errors import PresetError
from app.core.r1.sampling import Sampling

__all__ = ["DEFAULT_PRESET", "Preset", "PresetError", "all_presets", "apply_preset", "get_preset"]

DEFAULT_PRESET = "R1 (paper)"
SYSTEM_MERGE_NOTE = (
    "R1 models work best without a system prompt, so it was put at the start of the first message instead."
)


@dataclass(frozen=True)
class Preset:
    """A named set of sampling settings and an instruction appended to the user's message."""

    name: str
    sampling: Sampling = field(default_factory=Sampling)
    instruction: str = ""
    description: str = ""
    builtin: bool = False

    def to_dict(self) -> dict[str, Any]:
        s = self.sampling.to_dict()
        s.pop("seed", None)
        return {"name": self.name, "description": self.description, "sampling": s, "instruction": self.instruction}


def _parse(data: Any, *, builtin: bool, source: str) -> list[Preset]:
    out: list[Preset] = []
    for i, item in enumerate(versioned_items(data, "presets", source, PresetError)):
        where = f"{source}, preset {i + 1}"
        if not isinstance(item, dict):
            raise PresetError(f"{where}: not an object")
        unknown = set(item) - {"name", "description", "sampling", "instruction"}
        if unknown:
            raise PresetError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise PresetError(f"{where}: a preset needs a name")
        instruction = item.get("instruction", "")
        description = item.get("description", "")
        if not isinstance(instruction, str) or not isinstance(description, str):
            raise PresetError(f"{where}: instruction and description must be text")
        try:
            sampling = Sampling.from_dict(dict(item.get("sampling", {})))
        except (ValueError, TypeError) as e:
            raise PresetError(f"{where} ({name}): {e}") from None
        out.append(Preset(name.strip(), sampling, instruction, description, builtin))
    names = [p.name.casefold() for p in out]
    if len(set(names)) != len(names):
        raise PresetError(f"{source}: two presets have the same name")
    return out


def builtin_presets() -> list[Preset]:
    path = asset("presets.json")
    return _parse(json.loads(path.read_text(encoding="utf-8")), builtin=True, source=str(path))


def user_presets_path() -> Path:
    return config_dir() / "presets.json"


def user_presets() -> list[Preset]:
    path = user_presets_path()
    if not path.exists():
        return []
    try:
        presets = _parse(json.loads(path.read_text(encoding="utf-8")), builtin=False, source=str(path))
    except RecursionError:
        raise _set_aside(path, "it is nested too deeply to be a presets file") from None
    except (OSError, ValueError, PresetError) as e:
        raise _set_aside(path, str(e)) from None
    builtin = {p.name.casefold() for p in builtin_presets()}
    return [p for p in presets if p.name.casefold() not in builtin]


def _set_aside(path: Path, why: str) -> PresetError:
    backup = path.with_name(f"{path.name}.bad-{int(time.time())}")
    try:
        path.replace(backup)
    except OSError:
        return PresetError(f"Your presets file {path} is unreadable ({why}); your own presets are not used.")
    return PresetError(
        f"Your presets file was unreadable ({why}); it was saved as {backup.name} in {backup.parent}, and your own "
        "presets start empty."
    )


def check_user_presets() -> str | None:
    """Read the user's presets once, at start: the sentence to show when the file was broken
    and set aside (later reads then find no file and say nothing)."""
    try:
        user_presets()
    except PresetError as e:
        return str(e)
    return None


def all_presets() -> list[Preset]:
    """Built-in presets first, then the user's. A broken user file is set aside (see module doc)."""
    try:
        mine = user_presets()
    except PresetError:
        mine = []
    return builtin_presets() + mine


def get_preset(name: str) -> Preset:
    for p in all_presets():
        if p.name.casefold() == name.strip().casefold():
            return p
    names = ", ".join(f"'{p.name}'" for p in all_presets())
    raise PresetError(f"No preset called '{name}'. Presets: {names}.")


def save_user_preset(preset: Preset) -> None:
    """Add or replace one of the user's presets. Built-in names are refused."""
    if any(p.name.casefold() == preset.name.casefold() for p in builtin_presets()):
        raise PresetError(f"'{preset.name}' is a built-in preset; choose another name.")
    mine = [p for p in user_presets() if p.name.casefold() != preset.name.casefold()] + [preset]
    _write(mine)


def delete_user_preset(name: str) -> None:
    mine = user_presets()
    kept = [p for p in mine if p.name.casefold() != name.casefold()]
    if len(kept) == len(mine):
        raise PresetError(f"You have no preset called '{name}'.")
    _write(kept)


def _write(presets: list[Preset]) -> None:
    path = user_presets_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(
        json.dumps({"version": 1, "presets": [p.to_dict() for p in presets]}, indent=2, ensure_ascii=False),
        encoding="utf-8",
    )
    tmp.replace(path)


def apply_preset(messages: list[dict[str, str]], preset: Preset, system: str = "") -> list[dict[str, str]]:
    """The messages to send: ``system`` merged into the first user turn (R1 takes no system
    prompt) and the preset's instruction appended to the last user turn."""
    out = [dict(m) for m in messages]
    users = [i for i, m in enumerate(out) if m.get("role") == "user"]
    if not users:
        raise PresetError("The conversation has no user message to answer.")
    if system.strip():
        first = out[users[0]]
        first["content"] = f"{system.strip()}\n\n{first['content']}"
    if preset.instruction:
        last = out[users[-1]]
        if preset.instruction not in last["content"]:
            last["content"] = f"{last['content'].rstrip()}\n{preset.instruction}"
    return out
