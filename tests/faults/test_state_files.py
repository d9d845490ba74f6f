"""Corrupt and nested state files: every one is read, set aside or reset with a sentence, and
the app starts. (The window's start with all of them broken at once: test_window_start.py.)"""

from __future__ import annotations

import contextlib
import json
import random
from collections.abc import Callable
from pathlib import Path

from app.core import errors
from app.core import settings as settings_mod
from app.core.chats.store import Message, Store
from app.core.config.endpoints import endpoints_path, load_endpoints
from app.core.config.paths import cache_dir, config_dir, data_dir
from app.core.models.hub_sizes import cached_hub_sizes
from app.core.models.installed import imported_models
from app.core.r1.presets import check_user_presets, user_presets_path
from tests.faults.generate import damage_bytes, nested_json, wild_json_file
from tests.faults.tally import Tries

SETTINGS_FIELDS = list(settings_mod.SCHEMA)


def _healthy_db(path: Path, rng: random.Random) -> int:
    s = Store(path)
    n = 0
    for c in range(rng.randrange(3, 25)):
        cid = s.create_conversation(f"chat {c}")
        for i in range(rng.randrange(1, 12)):
            s.add_message(cid, Message(("user", "assistant")[i % 2], "x" * rng.randrange(1, 6000)))
            n += 1
    s.close()
    return n


def run_chats_database(t: Tries, folder: Path, n: int, seed: int) -> None:
    rng = random.Random(seed)
    for i in range(n):
        path = folder / f"try{i}" / "chats.sqlite3"
        path.parent.mkdir(parents=True)
        total = _healthy_db(path, rng)
        kind, data = damage_bytes(path.read_bytes(), rng)
        with t(f"seed {seed} try {i}: {kind}"):
            path.write_bytes(data)
            s = Store(path)  # never raises: the app starts
            if s.damage is not None:
                assert s.damage.backup.exists() and s.damage.backup.name.startswith("chats.sqlite3.corrupt-")
                assert s.damage.backup.name in s.damage.note()
                assert s.damage.messages <= total
            cid = s.create_conversation("after")  # and the database works
            s.add_message(cid, Message("user", "hello"))
            assert [m.content for m in s.messages(cid)] == ["hello"]
            s.close()


def run_settings(t: Tries, n: int, seed: int) -> None:
    rng = random.Random(seed)
    path = settings_mod.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        kind = wild_json_file(path, rng, SETTINGS_FIELDS)
        with t(f"seed {seed} try {i}: {kind}"):
            s, note = settings_mod.load_settings()
            assert s.validate() == [], "whatever the file held, the settings in use are valid"
            if note is not None:
                assert "settings" in note
            settings_mod.load_settings()  # and the next start is quiet about it, or says it again clearly
        for p in path.parent.glob("settings.json*"):
            p.unlink()


def run_presets(t: Tries, n: int, seed: int) -> None:
    rng = random.Random(seed)
    path = user_presets_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        if rng.random() < 0.5:
            kind = "presets"
            items = [
                {"name": rng.choice(["A", "", 5, None]), "sampling": {"temperature": rng.choice([0.5, -1, "hot"])}}
            ]
            path.write_text(json.dumps({"version": rng.choice([1, 2, None]), "presets": items}))
        else:
            kind = wild_json_file(path, rng, ["version", "presets"])
        with t(f"seed {seed} try {i}: {kind}"):
            note = check_user_presets()
            if note is not None:
                assert "presets file" in note and ("saved as presets.json.bad-" in note or "not used" in note)
                assert not path.exists() or "not used" in note
        for p in path.parent.glob("presets.json*"):
            p.unlink()


def run_small_files(t: Tries, n: int, seed: int) -> None:
    """The hub-sizes cache, the imported-models list and the endpoints file."""
    rng = random.Random(seed)
    files: list[tuple[str, Callable[[], Path], Callable[[], object]]] = [
        ("hub sizes", lambda: cache_dir() / "hub_sizes.json", lambda: cached_hub_sizes(lambda _m: None)),
        ("imported models", lambda: data_dir() / "local_models.json", imported_models),
        ("endpoints", endpoints_path, load_endpoints),
    ]
    for i in range(n):
        name, where, read = files[i % len(files)]
        path = where()
        path.parent.mkdir(parents=True, exist_ok=True)
        kind = wild_json_file(path, rng, ["name", "url", "size", "sha256", "version", "endpoints"])
        # A sentence for the user (an R1DeskError) is fine; any other exception is a failed try.
        with t(f"seed {seed} try {i}: {name} {kind}"), contextlib.suppress(errors.R1DeskError):
            read()
        path.unlink(missing_ok=True)


def run_nesting(t: Tries, tmp: Path, depths: list[int]) -> None:
    """Every JSON file the app reads, and a GGUF's metadata, nested very deep."""
    from argparse import Namespace

    from app.cli.ask import _conversation
    from app.core.models.gguf_header import read_gguf
    from tests.support.tiny_model import write_nested_metadata

    for depth in depths:
        for kind in ("list", "dict"):
            text = nested_json(depth, kind)
            with t(f"settings.json, {depth} deep"):
                settings_mod.settings_path().parent.mkdir(parents=True, exist_ok=True)
                settings_mod.settings_path().write_text(text)
                s, note = settings_mod.load_settings()
                assert s.validate() == [] and (depth < 1000 or (note and "settings" in note))
            with t(f"presets.json, {depth} deep"):
                user_presets_path().write_text(text)
                note = check_user_presets()
                assert note and ("nested too deeply" in note or "presets file" in note)
            with t(f"hub_sizes.json, {depth} deep"):
                (cache_dir() / "hub_sizes.json").parent.mkdir(parents=True, exist_ok=True)
                (cache_dir() / "hub_sizes.json").write_text(text)
                said: list[str] = []
                assert cached_hub_sizes(said.append) == {} and "hub_sizes.json" in said[0]
            with t(f"local_models.json, {depth} deep"):
                (data_dir() / "local_models.json").parent.mkdir(parents=True, exist_ok=True)
                (data_dir() / "local_models.json").write_text(text)
                assert imported_models() == []
            with t(f"endpoints.json, {depth} deep"):
                endpoints_path().parent.mkdir(parents=True, exist_ok=True)
                endpoints_path().write_text(text)
                try:
                    load_endpoints()
                except errors.EndpointError as e:
                    assert "endpoints" in str(e)
            with t(f"--messages, {depth} deep"):
                f = tmp / "chat.json"
                f.write_text(text)
                try:
                    _conversation(Namespace(messages=f, prompt="hi"))
                    raise AssertionError("a nested conversation was accepted")
                except errors.EngineError as e:
                    assert "chat.json" in str(e)
        with t(f"GGUF metadata, {depth} deep"):
            try:
                read_gguf(write_nested_metadata(tmp / "nested.gguf", depth))
                raise AssertionError("accepted")
            except errors.ModelFileError as e:
                assert "nested.gguf" in str(e) and "nested" in str(e)
    for p in [*config_dir().glob("*.json*"), *cache_dir().glob("*.json"), *data_dir().glob("*.json")]:
        p.unlink()


def test_damaged_chats_databases(tries, tmp_path: Path) -> None:
    run_chats_database(tries("chats database damaged"), tmp_path, n=8, seed=1)


def test_wrong_settings(tries) -> None:
    run_settings(tries("settings file wrong or damaged"), n=40, seed=2)


def test_wrong_presets(tries) -> None:
    run_presets(tries("presets file wrong or damaged"), n=20, seed=3)


def test_wrong_small_files(tries) -> None:
    run_small_files(tries("caches and endpoints wrong or damaged"), n=24, seed=4)


def test_nested_input(tries, tmp_path: Path) -> None:
    run_nesting(tries("nested input"), tmp_path, depths=[9, 100_000])
