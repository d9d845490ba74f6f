"""The window starts with every state file broken at once, and says so in its notices."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

from tests.faults.generate import damage_bytes, nested_json
from tests.faults.tally import Tries


def run_window_start(t: Tries, home: Path, n: int, seed: int) -> None:
    rng = random.Random(seed)
    for i in range(n):
        h = home / f"h{i}"
        (h / "config").mkdir(parents=True)
        (h / "data").mkdir(parents=True)
        settings = rng.choice(
            ['{"last_model": 5}', '{"models_folder": 5}', '{"theme": [1], "threads": "x"}', "[1]", nested_json(100_000)]
        )
        (h / "config" / "settings.json").write_text(settings)
        (h / "config" / "presets.json").write_text(
            rng.choice(["{", nested_json(100_000), '{"version": 1, "presets": [5]}'])
        )
        kind, data = damage_bytes(bytes(64 * 1024), rng)
        (h / "data" / "chats.sqlite3").write_bytes(b"SQLite format 3\x00" + data[16:] if kind != "garbage" else data)
        with t(f"seed {seed} try {i}: settings {settings[:30]!r}, chats {kind}"):
            env = dict(os.environ, R1DESK_HOME=str(h), QT_QPA_PLATFORM="offscreen", R1DESK_EXIT_AFTER_MS="1500")
            r = subprocess.run([sys.executable, "-m", "app"], capture_output=True, text=True, env=env, timeout=120)
            assert r.returncode == 0, r.stderr[-800:]
            assert "Traceback" not in r.stderr, r.stderr[-800:]
            notices = [line for line in r.stderr.splitlines() if line.startswith("notice: ")]
            said = "\n".join(notices)
            assert "settings" in said.lower(), said
            assert "presets file" in said, said
            if list((h / "data").glob("chats.sqlite3.corrupt-*")):
                assert "chats database was damaged" in said, said


def test_window_starts_with_everything_broken(tries, tmp_path: Path) -> None:
    run_window_start(tries("window start with broken state files"), tmp_path, n=2, seed=40)
