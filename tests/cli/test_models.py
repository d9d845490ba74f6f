"""`r1desk models | pull | rm | import` and `ask --model <catalog id>` against the fake Hub."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.fake_hub import FakeHub
from tests.support.tiny_model import gbnf_literal

REPO = "bartowski/DeepSeek-R1-Distill-Qwen-1.5B-GGUF"
FILE = "DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf"


@pytest.fixture()
def env(tmp_path: Path, tiny_model: Path) -> Iterator[tuple[dict[str, str], FakeHub]]:
    with FakeHub() as hub:
        hub.add(REPO, {FILE: tiny_model.read_bytes()})
        e = dict(os.environ)
        e.update(HF_ENDPOINT=hub.url, HF_HUB_CACHE=str(tmp_path / "hub"), R1DESK_HOME=str(tmp_path / "home"))
        e.pop("HF_HUB_OFFLINE", None)
        yield e, hub


def r1desk(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, env=env, timeout=300)


def test_pull_then_ask_by_catalog_id_then_rm(env: tuple[dict[str, str], FakeHub]) -> None:
    e, hub = env
    r = r1desk(e, "ask", "--model", "r1-qwen-1.5b", "hi")
    assert r.returncode == 1 and "not downloaded yet" in r.stderr and "r1desk pull r1-qwen-1.5b:Q4_K_M" in r.stderr

    r = r1desk(e, "pull", "r1-qwen-1.5b")
    assert r.returncode == 0, r.stderr
    path = Path(r.stdout.strip().splitlines()[-1])
    assert path.name == FILE and path.is_file()
    assert "MB" in r.stderr  # progress lines (plain, not a terminal)

    r = r1desk(
        e, "ask", "--model", "r1-qwen-1.5b", "--ctx", "512", "--grammar", gbnf_literal("Hm.</think>Hello."), "hi"
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "Hello."

    r = r1desk(e, "models", "--json")
    rows = {row["id"]: row for row in json.loads(r.stdout)["models"]}
    assert rows["r1-qwen-1.5b:Q4_K_M"]["installed"] and not rows["r1-qwen-7b:Q4_K_M"]["installed"]

    assert r1desk(e, "rm", "r1-qwen-1.5b").returncode == 0
    assert r1desk(e, "ask", "--model", "r1-qwen-1.5b", "hi").returncode == 1


def test_models_lists_fit_and_a_recommendation(env: tuple[dict[str, str], FakeHub]) -> None:
    e, _ = env
    r = r1desk(e, "models")
    assert r.returncode == 0, r.stderr
    assert "This machine:" in r.stdout and "★ Recommended:" in r.stdout
    assert "too large" in r.stdout  # the 70B on any CI machine
    out = json.loads(r1desk(e, "models", "--json", "--ctx", "8192").stdout)
    assert out["context"] == 8192 and sum(row["recommended"] for row in out["models"]) <= 1
    row = out["models"][0]
    assert {"size", "memory", "memory_8k", "memory_native", "fit", "detail", "installed"} <= set(row)


def test_models_online_takes_sizes_from_the_hub(env: tuple[dict[str, str], FakeHub], tiny_model: Path) -> None:
    e, _ = env
    out = json.loads(r1desk(e, "models", "--json", "--online").stdout)
    row = next(r for r in out["models"] if r["id"] == "r1-qwen-1.5b:Q4_K_M")
    assert row["size_exact"] and row["size"] == tiny_model.stat().st_size


def test_pull_of_a_checksum_failure_exits_nonzero(env: tuple[dict[str, str], FakeHub]) -> None:
    e, hub = env
    hub.faults.wrong_bytes.add(FILE)
    r = r1desk(e, "pull", "r1-qwen-1.5b")
    assert r.returncode == 1 and "checksum" in r.stderr
    assert "Traceback" not in r.stderr


def test_pull_any_repo_lists_then_fetches(env: tuple[dict[str, str], FakeHub]) -> None:
    e, hub = env
    hub.add("someone/Other-GGUF", {"Other-Q8_0.gguf": b"GGUF" + b"\0" * 100, "README.md": b"hi"})
    r = r1desk(e, "pull", "https://huggingface.co/someone/Other-GGUF")
    assert r.returncode == 0, r.stderr
    assert "Other-Q8_0.gguf" in r.stdout and "Q8_0" in r.stdout
    r = r1desk(e, "pull", "someone/Other-GGUF", "--file", "Other-Q8_0.gguf")
    assert r.returncode == 0, r.stderr
    hub.add("someone/No-GGUF", {"model.safetensors": b"x"})
    r = r1desk(e, "pull", "someone/No-GGUF")
    assert r.returncode == 1 and "no GGUF files" in r.stderr


def test_import_checks_the_file(env: tuple[dict[str, str], FakeHub], tiny_model: Path, tmp_path: Path) -> None:
    e, _ = env
    bad = tmp_path / "bad.gguf"
    bad.write_bytes(b"nope")
    r = r1desk(e, "import", str(bad))
    assert r.returncode == 1 and "not a GGUF" in r.stderr
    r = r1desk(e, "import", str(tiny_model), "--copy")
    assert r.returncode == 0, r.stderr
    copied = Path(r.stdout.strip())
    assert copied.read_bytes() == tiny_model.read_bytes() and copied != tiny_model
