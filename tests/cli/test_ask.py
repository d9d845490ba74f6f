"""`r1desk ask` end to end: real text from SmolLM2, Ctrl+C mid-stream, errors, stdin."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.tiny_model import gbnf_literal

CLI = [sys.executable, "-m", "app"]


def r1desk(*args: str, stdin: str | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], input=stdin, capture_output=True, text=True, timeout=timeout)


def test_help_lists_the_commands() -> None:
    r = r1desk("--help")
    assert r.returncode == 0
    assert all(c in r.stdout for c in ("ask", "models", "pull", "rm", "import"))


def test_no_command_opens_the_window(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", R1DESK_HOME=str(tmp_path), R1DESK_EXIT_AFTER_MS="300")
    r = subprocess.run(CLI, capture_output=True, text=True, timeout=120, env=env)
    assert r.returncode == 0, r.stderr
    assert "window shown" in r.stderr


def test_version() -> None:
    r = r1desk("--version")
    assert r.returncode == 0 and r.stdout.startswith("r1desk ")


def test_haiku_with_smollm2_json(smollm_path: Path) -> None:
    r = r1desk(
        "ask",
        "--model",
        str(smollm_path),
        "--json",
        "--seed",
        "7",
        "--max-tokens",
        "120",
        "Write a haiku about the sea",
    )
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    text = out["answer"] + out["reasoning"]
    assert len(text.split()) >= 5, out  # real words, not noise
    assert out["stats"]["tokens_per_s"] > 0
    assert out["stats"]["generated_tokens"] > 5
    assert out["stats"]["finish_reason"] in ("stop", "length")
    assert out["sampling"] == {
        "temperature": 0.6,
        "top_p": 0.95,
        "top_k": 0,
        "min_p": 0.0,
        "repeat_penalty": 1.0,
        "max_tokens": 120,
        "seed": 7,
    }


def test_ctrl_c_stops_cleanly_and_keeps_the_partial_answer(smollm_path: Path) -> None:
    proc = subprocess.Popen(
        [
            *CLI,
            "ask",
            "--model",
            str(smollm_path),
            "--seed",
            "4",  # a long answer (with seed 1 SmolLM2 stops after ten numbers)
            "--max-tokens",
            "3000",
            "List the numbers from 1 to 1000, one per line.",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
        start_new_session=True,  # a terminal's Ctrl+C goes to the whole process group
    )
    assert proc.stdout is not None
    got = ""
    deadline = time.monotonic() + 120
    while len(got) < 40 and time.monotonic() < deadline:
        got += proc.stdout.read(1)
    assert len(got) >= 40, "the answer should stream before the end"
    os.killpg(proc.pid, signal.SIGINT)
    rest, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "Traceback" not in err
    assert "stopped" in err
    assert len(got + rest) >= 40


def test_prompt_from_stdin_and_grammar(tiny_model: Path) -> None:
    r = r1desk(
        "ask",
        "--model",
        str(tiny_model),
        "--ctx",
        "512",
        "--grammar",
        gbnf_literal("Hmm.\n</think>\n\nForty-two."),
        "-",
        stdin="What is 6*7?\n",
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "Forty-two."
    assert "Hmm." in r.stderr  # reasoning goes to stderr, so a pipe gets only the answer


def test_a_grammar_llama_cpp_cannot_take_is_one_sentence(tiny_model: Path) -> None:
    # issue 29: this one passed the check and killed the model process (SIGSEGV)
    r = r1desk("ask", "--model", str(tiny_model), "--ctx", "512", "--grammar", 'root ::= "a" ""?', "hi")
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("r1desk: The grammar is not valid GBNF (line 1)"), r.stderr
    assert "crashed" not in r.stderr


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.gguf", "not found"),
        (lambda d: (d / "junk.gguf").write_bytes(b"GGML" + b"\0" * 100) and d / "junk.gguf", "not a GGUF"),
    ],
)
def test_errors_are_one_line_and_nonzero(tmp_path: Path, make, message: str) -> None:
    r = r1desk("ask", "--model", str(make(tmp_path)), "hello")
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("r1desk: ") and message in lines[0]


def test_second_start_hands_over_to_the_running_window(tmp_path: Path) -> None:
    # The first window stays until the test ends it (its own exit timer is only a safety net: a
    # second start that took longer than a short timer on a loaded machine found no window).
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", R1DESK_HOME=str(tmp_path), R1DESK_EXIT_AFTER_MS="600000")
    first = subprocess.Popen(CLI, stderr=subprocess.PIPE, text=True, env=env)
    assert first.stderr is not None
    while "window shown" not in (line := first.stderr.readline()):
        assert line, "the first instance never showed its window"
    second = subprocess.run(CLI, capture_output=True, text=True, timeout=60, env=env)
    assert second.returncode == 0 and "already running" in second.stderr
    first.terminate()
    first.wait(timeout=60)


def test_ask_leaves_no_process_behind(tiny_model: Path) -> None:
    # The model process and multiprocessing's helper process are waited for before `ask` returns,
    # so none is orphaned (an init that reaps lazily showed them as defunct for seconds).
    import psutil

    cmd = [
        *CLI,
        "ask",
        "--model",
        str(tiny_model),
        "--ctx",
        "512",
        "--grammar",
        gbnf_literal("Hm.\n</think>\n\nOk."),
        "hi",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent, seen = psutil.Process(proc.pid), set()
    deadline = time.monotonic() + 300
    while proc.poll() is None:
        assert time.monotonic() < deadline, "ask did not return"
        with contextlib.suppress(psutil.Error):
            seen.update(c.pid for c in parent.children(recursive=True))
        time.sleep(0.02)
    left = {pid: psutil.Process(pid).status() for pid in seen if psutil.pid_exists(pid)}
    assert proc.returncode == 0 and seen, "the model runs in a child process"
    assert not left, f"still there after ask returned: {left}"
