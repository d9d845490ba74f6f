"""``--kv-type`` and ``--flash-attn`` on ``ask``, ``models`` and ``serve``, the settings file beneath
them, and each model's remembered load defaults (issue 26), as a user runs the commands."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.models.load_config import FLASH_NEEDED, LoadConfig
from app.core.models.model_defaults import Remembered
from tests.support.serve_process import read_start, start_serve


def r1desk(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "R1DESK_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, env=env, timeout=300)


def remember(home: Path, model: Path, config: LoadConfig, base: LoadConfig | None = None) -> None:
    """What an earlier load of ``model`` left in ``home`` (as ``model_defaults`` writes it)."""
    path = home / "config" / "model_defaults.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    entry = Remembered(config, base or LoadConfig(n_ctx=32768))
    path.write_text(json.dumps({str(model.resolve()): entry.to_json()}))


def dry_run(home: Path, model: Path, *flags: str) -> dict[str, object]:
    r = r1desk(home, "ask", "-m", str(model), "--dry-run", "--json", *flags, "hi")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


@pytest.mark.smollm
def test_ask_dry_run_shows_the_configuration_a_load_would_use(smollm_path: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    plain = dry_run(home, smollm_path)
    assert plain["config"]["type_k"] == "f16" and plain["config"]["flash_attn"] == "auto"  # type: ignore[index]
    asked = dry_run(home, smollm_path, "--kv-type", "q8_0", "--flash-attn", "off", "--ctx", "4096")
    assert asked["config"] == {  # type: ignore[comparison-overlap]
        "n_ctx": 4096,
        "n_gpu_layers": None,
        "type_k": "q8_0",
        "type_v": "q8_0",
        "flash_attn": "on",  # switched on: the quantized cache needs it
        "n_threads": None,
        "parallel": 1,
        "draft": None,
        "flash_attn_counted": True,
    }
    assert asked["notes"] == [FLASH_NEEDED.format(kv="q8_0")] and asked["context"] == 4096
    # the settings file is the general configuration beneath the flags
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "settings.json").write_text(json.dumps({"kv_cache_type": "q4_0", "flash_attn": "on"}))
    assert dry_run(home, smollm_path)["config"]["type_v"] == "q4_0"  # type: ignore[index]
    # and the model's own remembered load beneath the flags, over the settings
    remember(home, smollm_path, LoadConfig(n_ctx=2048, type_k="q8_0", type_v="q8_0", flash_attn="on"),
             base=LoadConfig(n_ctx=32768, type_k="q4_0", type_v="q4_0", flash_attn="on"))  # fmt: skip
    own = dry_run(home, smollm_path)
    assert (own["context"], own["config"]["type_k"]) == (2048, "q8_0")  # type: ignore[index]
    assert dry_run(home, smollm_path, "--kv-type", "f16")["config"]["type_k"] == "f16"  # type: ignore[index]


def test_models_estimates_with_the_kv_cache_and_flash_attention_asked_for(tmp_path: Path) -> None:
    home = tmp_path / "home"

    def memory(*flags: str) -> tuple[int, dict[str, object]]:
        r = r1desk(home, "models", "--json", *flags)
        assert r.returncode == 0, r.stderr
        out = json.loads(r.stdout)
        row = next(m for m in out["models"] if m["id"] == "r1-qwen-7b:Q4_K_M")
        return row["memory"], out

    f16, out = memory("--kv-type", "f16", "--flash-attn", "off")
    assert out["config"]["type_k"] == "f16" and out["config"]["flash_attn"] == "off"  # type: ignore[index]
    q8, out = memory("--kv-type", "q8_0", "--flash-attn", "on")
    q4, out = memory("--kv-type", "q4_0", "--flash-attn", "off")
    assert out["notes"] == [FLASH_NEEDED.format(kv="q4_0")] and out["config"]["flash_attn"] == "on"  # type: ignore[index]
    # r1-qwen-7b Q4_K_M at 32K: the KV cache (1.9 GB at f16) and the attention scores (2 GB) shrink
    assert f16 > 8.5e9 and 5.9e9 < q8 < 6.3e9 and 5.4e9 < q4 < 5.8e9 and q4 < q8 < f16
    assert out["memory"].startswith("Free now: RAM")  # type: ignore[union-attr]
    text = r1desk(home, "models", "--kv-type", "q8_0", "--ctx", "8192").stdout
    assert "Assumed load: 8,192 tokens of context, KV cache q8_0, flash attention on" in text
    text = r1desk(home, "models").stdout
    assert "Assumed load: 32,768 tokens of context, KV cache f16, flash attention auto (counted as on)" in text


def test_serve_loads_a_model_with_its_remembered_defaults(tiny_model: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    remember(home, tiny_model, LoadConfig(n_ctx=1024, flash_attn="off"))
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "R1DESK_HOME": str(home)}
    proc = start_serve(["--model", str(tiny_model), "--port", "0"], env)
    try:
        out = read_start(proc)
        assert "context 1,024 tokens" in out, out
        assert re.search(
            r"KV cache f16, flash attention off; memory: estimated [\d.]+ [MG]B, used [\d.]+ [MG]B", out
        ), out
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
