"""`r1desk check` end to end on the tiny model: a grammar forces the right boxed answer (100 %)
or a wrong one (0 %); a run killed after an exact number of samples resumes without losing or
repeating one."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from app.cli.check import KILL_AFTER_ENV, KILL_SIGNAL_ENV

CLI = [sys.executable, "-m", "app", "check"]


def check(model: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, str(model), "--suite", "math500-20", *args],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **(env or {})},
    )


def _samples(path: str) -> list[dict]:
    lines = Path(path).read_text().splitlines()
    return [json.loads(line) for line in lines if '"kind": "sample"' in line]


def test_forced_right_answers_score_100_and_wrong_ones_0(tiny_model: Path) -> None:
    right = check(tiny_model, "--k", "1", "--json", "--force-answer", "reference", "--max-tokens", "400")
    assert right.returncode == 0, right.stderr
    doc = json.loads(right.stdout)
    assert doc["summary"]["pass_at_1"] == 1.0 and doc["summary"]["samples"] == 20
    assert (
        len(doc["problems"]) == 20 and doc["problems"][0]["samples"][0]["extracted"] == doc["problems"][0]["reference"]
    )
    assert "estimated" in right.stderr and "[20/20 problems" in right.stderr  # the estimate, the progress line
    wrong = check(tiny_model, "--k", "2", "--force-answer", "wrong", "--max-tokens", "300")
    assert wrong.returncode == 0, wrong.stderr
    assert wrong.stdout.startswith("MATH-500-20 pass@1 0 % ± 0 (k = 2) · cons@2 0 %")
    assert "level 5: 0 % of 5 problems" in wrong.stdout


def test_a_killed_check_resumes_where_it_was_killed(tiny_model: Path) -> None:
    args = ("--k", "1", "--force-answer", "reference", "--json", "--max-tokens", "500")
    killed = check(tiny_model, *args, env={KILL_AFTER_ENV: "5"})
    assert killed.returncode == -signal.SIGKILL
    # Without --resume the stored half-run is not silently mixed in or thrown away.
    again = check(tiny_model, *args)
    assert again.returncode == 1 and "5 of this check's 20 samples are stored" in again.stderr
    assert "--resume" in again.stderr
    resumed = check(tiny_model, *args, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    doc = json.loads(resumed.stdout)
    assert doc["resumed_samples"] == 5 and doc["summary"]["samples"] == 20 and doc["summary"]["pass_at_1"] == 1.0
    stored = _samples(doc["results_file"])
    assert len(stored) == 20 == len({(s["unique_id"], s["sample"]) for s in stored})  # none lost, none twice


def test_ctrl_c_keeps_what_is_done_and_prints_it(tiny_model: Path) -> None:
    args = ("--k", "1", "--force-answer", "wrong", "--json", "--max-tokens", "300")
    r = check(tiny_model, *args, env={KILL_AFTER_ENV: "3", KILL_SIGNAL_ENV: "INT"})
    assert r.returncode == 130, r.stderr
    assert "stopped; 3 of 20 samples are kept. Add --resume to continue." in r.stderr
    doc = json.loads(r.stdout)
    assert doc["stopped"] and doc["summary"]["samples"] == 3 and len(_samples(doc["results_file"])) == 3


def test_bad_arguments_are_one_sentence(tiny_model: Path) -> None:
    r = check(tiny_model, "--k", "0")
    assert r.returncode == 1 and r.stderr.strip() == "r1desk: --k must be between 1 and 64."
    r = subprocess.run([*CLI, str(tiny_model), "--suite", "aime"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and "No suite called 'aime'" in r.stderr


def test_a_remote_endpoints_model_is_checked_the_same_way(monkeypatch, capsys) -> None:
    from app.cli import main
    from tests.support.scripted_server import ScriptedServer

    with ScriptedServer(models=("deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",), owned_by="vllm") as server:
        server.script.answer = ["So ", "$\\boxed{4", "2}$."]
        monkeypatch.setenv("R1DESK_API_KEY", "none")
        args = ["check", "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B", "--endpoint", server.url, "--suite", "math500-20"]
        assert main([*args, "--k", "1", "--seed", "5"]) == 0
        out = capsys.readouterr().out
        body = server.requests[-1]
    # every answer is 42, which is the reference of none of the 20: 0 %, beside the 7B's paper figure
    assert out.startswith("MATH-500-20 pass@1 0 % ± 0 (k = 1) · paper 92.8 % (DeepSeek-R1-Distill-Qwen-7B, full model)")
    assert len(server.requests) == 21  # the speed probe, then one answer per problem
    assert body["messages"][0]["content"].endswith("put your final answer within \\boxed{}.")
    assert (body["temperature"], body["top_p"], body["seed"]) == (0.6, 0.95, 5)
