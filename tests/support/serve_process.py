"""``r1desk serve`` in a child process, read up to the line that says where it listens."""

from __future__ import annotations

import subprocess
import sys

READY = "R1 Desk API at"


def start_serve(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "app", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )


def read_start(proc: subprocess.Popen[str]) -> str:
    """What serve printed up to its ready line (all of it, when it ended before)."""
    lines = []
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.append(line)
        if READY in line:
            break
    return "".join(lines)
