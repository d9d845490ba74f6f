"""``r1desk serve`` as a user runs it: the URL and the model, a line per request, Ctrl+C."""

from __future__ import annotations

import json
import os
import re
import signal
import urllib.request
from pathlib import Path

import psutil
import pytest

from tests.support.serve_process import read_start, start_serve
from tests.support.tiny_model import gbnf_literal


def test_serve_prints_url_and_requests_and_stops_cleanly_on_ctrl_c(tiny_model: Path) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = start_serve(["--model", str(tiny_model), "--port", "0", "--ctx", "512"], env)
    try:
        out = read_start(proc)
        assert "Model: tiny-r1-test" in out and str(tiny_model) in out
        url = re.search(r"(http://127\.0\.0\.1:\d+/v1)", out).group(1)  # type: ignore[union-attr]
        body = {"messages": [{"role": "user", "content": "Hi"}], "grammar": gbnf_literal("Hm.\n</think>\n\nHello.")}
        req = urllib.request.Request(f"{url}/chat/completions", data=json.dumps(body).encode())
        with urllib.request.urlopen(req, timeout=60) as r:
            assert json.loads(r.read())["choices"][0]["message"]["content"] == "Hello."
        line = proc.stdout.readline()
        assert re.search(r"POST /v1/chat/completions 200 · tiny-r1\.gguf · \d+ tokens · [\d.]+ tok/s", line), line
        children = psutil.Process(proc.pid).children(recursive=True)
        assert children, "the model runs in a child process"
        proc.send_signal(signal.SIGINT)
        rest, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, rest
    assert "Traceback" not in rest
    assert rest.strip().endswith("Stopped.")
    _, alive = psutil.wait_procs(children, timeout=60)
    assert not alive, f"the model process outlived serve: {alive}"


def test_serve_refuses_other_addresses_without_a_key(capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    assert main(["serve", "--host", "0.0.0.0", "--port", "0"]) == 1
    assert "set an API key" in capsys.readouterr().err
    assert main(["serve", "--api-key-env", "R1DESK_TEST_UNSET_VAR"]) == 1
    assert "R1DESK_TEST_UNSET_VAR is not set" in capsys.readouterr().err


def test_serve_refuses_slots_out_of_range(capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    assert main(["serve", "--slots", "17", "--port", "0"]) == 1
    assert "--slots must be between 1 and 16" in capsys.readouterr().err
