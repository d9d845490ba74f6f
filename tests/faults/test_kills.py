"""Kills at random points: the model process, its parent (the CLI), a pull, and Ctrl+C during the
window's and the CLI's start-up and model load. Nothing is lost, nothing lingers, nothing hangs,
and no traceback reaches the user's terminal."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil

from app.core import errors
from app.core.inference.events import ChatOptions, LoadParams
from app.core.inference.local_engine import LocalEngine
from app.core.r1.sampling import Sampling
from tests.faults.tally import Tries
from tests.support.fake_hub import FakeHub
from tests.support.tiny_model import gbnf_literal

ASK = [{"role": "user", "content": "hi"}]
LONG = gbnf_literal("q" * 3000)


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1", **extra)
    return env


def _gone(pid: int, within: float) -> bool:
    end = time.monotonic() + within
    while time.monotonic() < end:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.05)
    return False


def run_model_process_kills(t: Tries, tiny_model: Path, n: int, seed: int) -> None:
    """SIGKILL the model process while it loads, renders or generates: one sentence naming the
    signal, and the next load works."""
    rng = random.Random(seed)
    with LocalEngine() as engine:
        for i in range(n):
            phase = rng.choice(["loading", "generating", "idle"])
            delay = rng.uniform(0.0, 0.3)
            with t(f"seed {seed} try {i}: {phase} +{delay:.2f} s"):
                engine.backend_info()
                pid = engine._proc.pid
                if phase == "loading":
                    os.kill(pid, signal.SIGKILL) if delay < 0.1 else None
                    try:
                        engine.load(LoadParams(str(tiny_model), n_ctx=256))
                        # A process found dead before the load is replaced, and the load works:
                        # then kill the one that loaded.
                        os.kill(engine._proc.pid, signal.SIGKILL)
                        engine.render_prompt(ASK)
                        raise AssertionError("no crash reported")
                    except errors.EngineCrashed as e:
                        assert "SIGKILL" in str(e) and "crashed while" in str(e)
                else:
                    engine.load(LoadParams(str(tiny_model), n_ctx=256))
                    stream = engine.stream_chat(ASK, Sampling(max_tokens=3000), ChatOptions(grammar=LONG))
                    if phase == "generating":
                        next(stream)
                    time.sleep(delay)
                    os.kill(engine._proc.pid, signal.SIGKILL)
                    try:
                        for _ in stream:
                            pass
                        raise AssertionError("no crash reported")
                    except errors.EngineCrashed as e:
                        assert "SIGKILL" in str(e), str(e)
                assert _gone(pid, 5)
                engine.load(LoadParams(str(tiny_model), n_ctx=256))
                assert engine.render_prompt(ASK).n_tokens > 0


PARENT = textwrap.dedent(
    """
    import sys, time
    from app.core.inference.local_engine import LocalEngine
    from app.core.inference.events import ChatOptions, LoadParams
    from app.core.r1.sampling import Sampling
    e = LocalEngine()
    e.load(LoadParams(sys.argv[1], n_ctx=4096))
    print(e._proc.pid, flush=True)
    for ev in e.stream_chat([{"role": "user", "content": "hi"}], Sampling(max_tokens=4000),
                            ChatOptions(grammar=sys.argv[2])):
        pass
    """
)


def run_parent_kills(t: Tries, tiny_model: Path, n: int, seed: int) -> None:
    """SIGKILL the app while its model process generates: the model process ends at once (no
    100 % CPU orphan under PID 1) and prints nothing into the user's terminal."""
    rng = random.Random(seed)
    for i in range(n):
        delay = rng.uniform(0.0, 1.0)
        with t(f"seed {seed} try {i}: kill after {delay:.2f} s"):
            p = subprocess.Popen(
                [sys.executable, "-c", PARENT, str(tiny_model), LONG],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=_env(),
            )
            try:
                child = int(p.stdout.readline())  # type: ignore[union-attr]
                time.sleep(delay)
                p.kill()
                p.wait(10)
                assert _gone(child, 5), "the model process outlived its parent"
                err = p.stderr.read()  # type: ignore[union-attr]
                assert "Traceback" not in err and "BrokenPipe" not in err, err[-500:]
            finally:
                p.kill()


def run_pull_kills(t: Tries, folder: Path, n: int, seed: int) -> None:
    """SIGKILL ``r1desk pull`` at a random point: the next pull resumes to a byte-identical,
    verified file."""
    import hashlib

    from app.core.models import hub

    rng = random.Random(seed)
    data = os.urandom(3_000_000)
    with FakeHub() as h:
        h.add("org/m-GGUF", {"m.gguf": data})
        h.faults.rate_bps = 2_000_000  # 1.5 s for the file: the kill lands mid-transfer
        for i in range(n):
            cache = folder / f"cache{i}"
            env = _env(HF_ENDPOINT=h.url, HF_HUB_CACHE=str(cache), HF_HUB_OFFLINE="0")
            delay = rng.uniform(0.8, 2.0)
            with t(f"seed {seed} try {i}: kill after {delay:.2f} s"):
                p = subprocess.Popen(
                    [sys.executable, "-m", "app", "pull", "org/m-GGUF", "--file", "m.gguf"],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    env=env,
                )
                time.sleep(delay)
                p.kill()
                p.wait(10)
                old = {k: os.environ.get(k) for k in ("HF_ENDPOINT", "HF_HUB_CACHE", "HF_HUB_OFFLINE")}
                os.environ.update(HF_ENDPOINT=h.url, HF_HUB_CACHE=str(cache), HF_HUB_OFFLINE="0")
                try:
                    h.faults.rate_bps = 0
                    [path] = hub.pull("org/m-GGUF", ["m.gguf"])
                finally:
                    h.faults.rate_bps = 2_000_000
                    for k, v in old.items():
                        if v is None:
                            os.environ.pop(k, None)
                        else:
                            os.environ[k] = v
                assert path.read_bytes() == data
                assert path.resolve().name == hashlib.sha256(data).hexdigest()


def run_ctrl_c(t: Tries, tiny_model: Path, home: Path, n: int, seed: int, gui: bool) -> None:
    """Ctrl+C (SIGINT to the whole process group, as a terminal sends it) at a random moment of
    the start-up and the model load: a quick exit, no traceback."""
    rng = random.Random(seed)
    for i in range(n):
        delay = rng.uniform(0.2, 3.0)
        if gui:
            args = [sys.executable, "-m", "app", str(tiny_model)]
        else:
            args = [sys.executable, "-m", "app", "ask", "-m", str(tiny_model), "--grammar", LONG, "hi"]
        with t(f"seed {seed} try {i}: {'window' if gui else 'ask'}, Ctrl+C after {delay:.2f} s"):
            p = subprocess.Popen(
                args,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                env=_env(R1DESK_HOME=str(home / f"h{i}")),
                start_new_session=True,
            )
            try:
                time.sleep(delay)
                os.killpg(p.pid, signal.SIGINT)
                t0 = time.monotonic()
                rc = p.wait(20)
                took = time.monotonic() - t0
                err = p.stderr.read()  # type: ignore[union-attr]
                assert "Traceback" not in err and "KeyboardInterrupt" not in err, err[-800:]
                assert rc in (0, 130), (rc, err[-300:])
                assert took < 12, f"took {took:.1f} s to stop"
            finally:
                with_group_killed(p)


def with_group_killed(p: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(p.pid, signal.SIGKILL)
    p.wait(10)


def test_model_process_killed(tries, tiny_model: Path) -> None:
    run_model_process_kills(tries("model process killed"), tiny_model, n=3, seed=20)


def test_parent_killed(tries, tiny_model: Path) -> None:
    run_parent_kills(tries("app killed under its model process"), tiny_model, n=2, seed=21)


def test_pull_killed(tries, tmp_path: Path) -> None:
    run_pull_kills(tries("pull killed"), tmp_path, n=2, seed=22)


def test_ctrl_c_window(tries, tiny_model: Path, tmp_path: Path) -> None:
    run_ctrl_c(tries("Ctrl+C at start-up (window)"), tiny_model, tmp_path, n=2, seed=23, gui=True)


def test_ctrl_c_ask(tries, tiny_model: Path, tmp_path: Path) -> None:
    run_ctrl_c(tries("Ctrl+C at start-up (ask)"), tiny_model, tmp_path, n=2, seed=24, gui=False)
