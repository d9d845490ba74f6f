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
import threading
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
from tests.support.waiting import wait_for

ASK = [{"role": "user", "content": "hi"}]
STOP_IN_LOAD = "R1DESK_TEST_STOP_IN_LOAD"  # model_server's load seam (importing it would load llama.cpp here)
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


def _stopped(pid: int, within: float = 60) -> bool:
    """Whether the process stopped itself (the load seam) within ``within`` seconds."""
    end = time.monotonic() + within
    while time.monotonic() < end:
        with contextlib.suppress(psutil.NoSuchProcess):
            if psutil.Process(pid).status() == psutil.STATUS_STOPPED:
                return True
        time.sleep(0.01)
    return False


def run_model_process_kills(t: Tries, tiny_model: Path, n: int, seed: int, marker: Path) -> None:
    """SIGKILL the model process inside a load, inside a generation (at a random token) and while
    idle: each kill lands where it says (the load stops itself there; the generation is held at
    its token), the app reports one sentence naming the signal and the phase, and the next load
    works. ``marker`` is the load seam's file (``R1DESK_TEST_STOP_IN_LOAD`` names it)."""
    rng = random.Random(seed)
    phases = ["loading", "generating", "idle"]
    with LocalEngine() as engine:
        for i in range(n):
            phase = phases[i % len(phases)]
            token = rng.randint(1, 2000)
            with t(f"seed {seed} try {i}: {phase}" + (f" at token {token}" if phase == "generating" else "")):
                engine.backend_info()
                pid = engine._proc.pid
                if phase == "loading":
                    marker.touch()
                    failure: list[BaseException] = []

                    def load(failure: list[BaseException] = failure) -> None:
                        try:
                            engine.load(LoadParams(str(tiny_model), n_ctx=256))
                        except BaseException as e:
                            failure.append(e)

                    loader = threading.Thread(target=load)
                    loader.start()
                    try:
                        assert _stopped(pid), "the load never reached its middle"
                    finally:
                        marker.unlink()
                    os.kill(pid, signal.SIGKILL)
                    loader.join(60)
                    assert not loader.is_alive(), "the load hung after its process died"
                    assert failure and isinstance(failure[0], errors.EngineCrashed), failure
                    assert "SIGKILL" in str(failure[0]) and "while loading" in str(failure[0]), str(failure[0])
                else:
                    engine.load(LoadParams(str(tiny_model), n_ctx=4096))
                    options = ChatOptions(grammar=LONG, loop_guard=False, hold_at=token)
                    stream = engine.stream_chat(ASK, Sampling(max_tokens=3000), options)
                    if phase == "generating":
                        next(stream)  # the loop runs, then waits at its token: the kill lands there
                    os.kill(engine._proc.pid, signal.SIGKILL)
                    try:
                        for _ in stream:
                            pass
                        raise AssertionError("no crash reported")
                    except errors.EngineCrashed as e:
                        assert "SIGKILL" in str(e), str(e)
                        if phase == "generating":
                            assert "while generating" in str(e), str(e)
                assert _gone(pid, 60)
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
    stream = e.stream_chat([{"role": "user", "content": "hi"}], Sampling(max_tokens=4000),
                           ChatOptions(grammar=sys.argv[2], loop_guard=False, hold_at=int(sys.argv[3])))
    next(stream)  # generating: the model process now waits at that token for a Stop that never comes
    print(e._proc.pid, flush=True)
    for ev in stream:
        pass
    """
)


def run_parent_kills(t: Tries, tiny_model: Path, n: int, seed: int) -> None:
    """SIGKILL the app while its model process generates (held at a random token, so the kill
    lands inside the generation): the model process ends too (no 100 % CPU orphan under PID 1)
    and prints nothing into the user's terminal."""
    rng = random.Random(seed)
    for i in range(n):
        token = rng.randint(1, 2000)
        with t(f"seed {seed} try {i}: kill at token {token}"):
            p = subprocess.Popen(
                [sys.executable, "-c", PARENT, str(tiny_model), LONG, str(token)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=_env(),
            )
            try:
                child = int(p.stdout.readline())  # type: ignore[union-attr]
                assert psutil.Process(child).status() != psutil.STATUS_ZOMBIE, "killed while generating"
                p.kill()
                p.wait(60)
                assert _gone(child, 60), "the model process outlived its parent"
                err = p.stderr.read()  # type: ignore[union-attr]
                assert "Traceback" not in err and "BrokenPipe" not in err, err[-500:]
            finally:
                p.kill()


def run_pull_kills(t: Tries, folder: Path, n: int, seed: int) -> None:
    """SIGKILL ``r1desk pull`` in the middle of the file (the server holds the transfer at a
    random byte): the next pull resumes to a byte-identical, verified file."""
    import hashlib

    from app.core.models import hub

    rng = random.Random(seed)
    data = os.urandom(3_000_000)
    with FakeHub() as h:
        h.add("org/m-GGUF", {"m.gguf": data})
        for i in range(n):
            cache = folder / f"cache{i}"
            env = _env(HF_ENDPOINT=h.url, HF_HUB_CACHE=str(cache), HF_HUB_OFFLINE="0")
            at = rng.randrange(64 * 1024, len(data) - 64 * 1024)
            with t(f"seed {seed} try {i}: kill after {at:,} bytes"):
                h.faults.hold_at["m.gguf"] = [at]
                p = subprocess.Popen(
                    [sys.executable, "-m", "app", "pull", "org/m-GGUF", "--file", "m.gguf"],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    env=env,
                )
                try:
                    wait_for(lambda: h.holding, timeout=120)  # the server waits mid-file: kill now
                    partial = list(cache.rglob("*.incomplete"))
                    p.kill()
                    p.wait(60)
                finally:
                    p.kill()
                    h.faults.hold_at.pop("m.gguf", None)
                assert partial and partial[0].stat().st_size < len(data), "the kill landed mid-file"
                old = {k: os.environ.get(k) for k in ("HF_ENDPOINT", "HF_HUB_CACHE", "HF_HUB_OFFLINE")}
                os.environ.update(HF_ENDPOINT=h.url, HF_HUB_CACHE=str(cache), HF_HUB_OFFLINE="0")
                try:
                    [path] = hub.pull("org/m-GGUF", ["m.gguf"])
                finally:
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
                env=_env(R1DESK_HOME=str(home / f"h{i}"), PYTHONFAULTHANDLER="1"),
                start_new_session=True,
            )
            try:
                time.sleep(delay)
                os.killpg(p.pid, signal.SIGINT)
                t0 = time.monotonic()
                try:
                    rc = p.wait(120)  # a hang fails here; how fast it stops is bench_cli's to time
                except subprocess.TimeoutExpired:
                    os.killpg(p.pid, signal.SIGABRT)  # PYTHONFAULTHANDLER: every thread's stack to stderr
                    p.wait(30)
                    raise AssertionError(
                        f"no exit 120 s after Ctrl+C; its stacks:\n{p.stderr.read()[-6000:]}"
                    ) from None  # type: ignore[union-attr]
                took = time.monotonic() - t0
                err = p.stderr.read()  # type: ignore[union-attr]
                assert "Traceback" not in err and "KeyboardInterrupt" not in err, err[-800:]
                assert rc in (0, 130), (rc, err[-300:])
                print(f"stopped {took:.1f} s after Ctrl+C")
            finally:
                with_group_killed(p)


def with_group_killed(p: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(p.pid, signal.SIGKILL)
    p.wait(10)


def test_model_process_killed(tries, tiny_model: Path, tmp_path: Path, monkeypatch) -> None:
    marker = tmp_path / "stop-in-load"
    monkeypatch.setenv(STOP_IN_LOAD, str(marker))
    run_model_process_kills(tries("model process killed"), tiny_model, n=3, seed=20, marker=marker)


def test_parent_killed(tries, tiny_model: Path) -> None:
    run_parent_kills(tries("app killed under its model process"), tiny_model, n=2, seed=21)


def test_pull_killed(tries, tmp_path: Path) -> None:
    run_pull_kills(tries("pull killed"), tmp_path, n=2, seed=22)


def test_ctrl_c_window(tries, tiny_model: Path, tmp_path: Path) -> None:
    run_ctrl_c(tries("Ctrl+C at start-up (window)"), tiny_model, tmp_path, n=2, seed=23, gui=True)


def test_ctrl_c_ask(tries, tiny_model: Path, tmp_path: Path) -> None:
    run_ctrl_c(tries("Ctrl+C at start-up (ask)"), tiny_model, tmp_path, n=2, seed=24, gui=False)
