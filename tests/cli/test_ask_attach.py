"""`r1desk ask --attach`: the prompt with the files (--dry-run), what was skipped and why, token
counts checked against the tokenizer, --messages, and the refusal when it will not fit."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.code_fixture import ATTACHED, SKIPPED, make_project
from tests.support.tiny_model import gbnf_literal, write_tiny_model

CLI = [sys.executable, "-m", "app"]


def r1desk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]))
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300, cwd=cwd, env=env)


@pytest.fixture()
def work(tmp_path: Path) -> Path:
    make_project(tmp_path)
    return tmp_path


def test_dry_run_shows_the_files_in_the_prompt_and_says_what_was_skipped(work: Path, tiny_model: Path) -> None:
    r = r1desk("ask", "-m", str(tiny_model), "What does app.py print?", "--attach", "project", "--dry-run", cwd=work)
    assert r.returncode == 0, r.stderr
    heads = re.findall(r"^(?:<｜begin▁of▁sentence｜><｜User｜>)?File: (.+)$", r.stdout, re.MULTILINE)
    assert heads == ATTACHED
    assert 'File: project/app.py\n```python\n"""A tiny app."""\n' in r.stdout
    assert r.stdout.rstrip().endswith("What does app.py print?<｜Assistant｜><think>")
    assert r.stderr.splitlines() == [f"r1desk: skipped {rel}: {why}" for rel, why in SKIPPED.items()]


def test_dry_run_json_counts_each_file_with_the_models_tokenizer(work: Path, smollm_path: Path) -> None:
    import llama_cpp

    r = r1desk("ask", "-m", str(smollm_path), "--json", "Explain.", "--attach", "project/util", "--dry-run", cwd=work)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert [a["path"] for a in out["attachments"]] == ["project/util/helpers.py", "project/util/nested/deep.py"]
    llm = llama_cpp.Llama(str(smollm_path), vocab_only=True, verbose=False)
    for a in out["attachments"]:
        start = out["prompt"].index(f"File: {a['path']}\n")
        end = out["prompt"].index("\n```", out["prompt"].index("\n```", start) + 1) + 4
        block = out["prompt"][start:end]
        assert a["tokens"] == len(llm.tokenize(block.encode(), add_bos=False, special=True))
    assert out["fits"] and out["context"] == 8192


def test_attachments_go_into_the_last_user_turn_of_a_conversation(work: Path, tiny_model: Path) -> None:
    convo = [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}]
    (work / "chat.json").write_text(json.dumps(convo))
    r = r1desk(
        "ask", "-m", str(tiny_model), "--messages", "chat.json", "Look at this.", "--attach", "project/app.py",
        "--dry-run", cwd=work,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "<｜User｜>Hi<｜Assistant｜>Hello!" in r.stdout
    assert "<｜User｜>File: project/app.py\n```python\n" in r.stdout
    assert r.stdout.index("File: project/app.py") < r.stdout.index("Look at this.")


def test_an_answer_about_attached_code_streams(work: Path, tiny_model: Path) -> None:
    r = r1desk(
        "ask", "-m", str(tiny_model), "--ctx", "2048", "--grammar", gbnf_literal("Ok.\n</think>\n\nIt greets."),
        "What does it do?", "--attach", "project/app.py", cwd=work,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "It greets."


@pytest.mark.parametrize(
    "words",
    [
        ["-a", "project/app.py", "Explain it"],  # -a takes one path: the question may follow it
        ["--attach", "project/app.py", "Explain it"],  # the question after the old option (it was swallowed)
        ["Explain it", "-a", "project/app.py"],
        ["--attach", "project/app.py", "project/util", "Explain it"],  # the older form: paths, then the question
        ["-a", "project/app.py", "Explain it", "-a", "project/util"],
    ],
)
def test_the_question_can_stand_anywhere(work: Path, tiny_model: Path, words: list[str]) -> None:
    r = r1desk("ask", "-m", str(tiny_model), "--dry-run", *words, cwd=work)
    assert r.returncode == 0, r.stderr
    assert "Explain it<｜Assistant｜>" in r.stdout  # the question, after the files, ends the user turn
    assert "project/app.py" in r.stdout
    assert ("project/util" in r.stdout) == ("project/util" in words)


def test_two_loose_words_are_not_guessed(work: Path, tiny_model: Path) -> None:
    r = r1desk("ask", "-m", str(tiny_model), "--attach", "project/app.py", "Explain", "it", "--dry-run", cwd=work)
    assert r.returncode == 2
    assert "more than one question ('Explain', 'it'): quote the question as one argument" in r.stderr


def test_a_missing_path_is_named(work: Path, tiny_model: Path) -> None:
    r = r1desk("ask", "-m", str(tiny_model), "Explain it", "-a", "project/nope.py", "--dry-run", cwd=work)
    assert r.returncode == 1
    assert "Cannot attach project/nope.py: no such file or folder." in r.stderr


def test_a_message_that_will_not_fit_is_refused_with_the_numbers(work: Path, tmp_path: Path) -> None:
    model = write_tiny_model(tmp_path / "tiny8k.gguf", context_length=8192)
    turns = []
    for i in range(6):
        turns += [
            {"role": "user", "content": f"Question {i}: " + "tell me more about the tiny app. " * 6},
            {"role": "assistant", "content": "It prints a greeting. " * 12},
        ]
    (work / "long.json").write_text(json.dumps(turns))
    r = r1desk(
        "ask", "-m", str(model), "--ctx", "2048", "--messages", "long.json", "And now?", "--attach", "project/app.py",
        cwd=work,
    )  # fmt: skip
    assert r.returncode == 1
    [line] = r.stderr.strip().splitlines()
    assert line.startswith(
        "r1desk: This message does not fit: the prompt is 2,940 tokens (earlier turns 2,736, attachments 171 (1 file), "
        "your message 8, chat template 25), more than the model's context of 2,048. To send it: leave out the oldest 4 turns of "
        "--messages; or attach less (the attachments take 171 tokens; not enough alone); or load with a longer "
        "context: --ctx 8192 (needs "
    ), line
    assert re.search(r"--ctx 8192 \(needs \d+ MB \(weights \d+ MB \+ KV cache \d+ MB \+ buffers \d+ MB\)", line), line
    assert r.stdout == ""
