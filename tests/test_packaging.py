"""The packaging stays valid: the spec and desktop files, the package list, and a real wheel that
works when installed the way pip, pipx and distro packagers install it (not editable)."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

import app

ROOT = Path(__file__).resolve().parent.parent


def test_spec_and_desktop_files_are_valid() -> None:
    r = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py"), "--check"], capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "packaging files are valid" in r.stdout


def test_pyproject_lists_every_package() -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    on_disk = {"app", "app.assets"} | {m.name for m in pkgutil.walk_packages(app.__path__, "app.") if m.ispkg}
    assert listed == on_disk


def test_assets_are_found_from_a_checkout() -> None:
    from app.core.config.paths import asset, assets_dir

    assert assets_dir().name == "assets" and asset("icons", "r1desk.svg").is_file()


def test_the_wheel_works_when_installed(tmp_path: Path) -> None:
    """``pip install .`` then ``r1desk models --json``: the catalog, presets and templates are in
    the wheel. Dependencies come from this test environment through a .pth file, so no download
    is needed and the editable install's path hook does not apply."""
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stderr
    [wheel] = (tmp_path / "dist").glob("r1desk-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    installed = subprocess.run(
        [str(py), "-m", "pip", "install", "--no-deps", "-q", str(wheel)], capture_output=True, text=True, timeout=300
    )
    assert installed.returncode == 0, installed.stderr
    site = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "r1desk-test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    exe = env_dir / ("Scripts/r1desk.exe" if os.name == "nt" else "bin/r1desk")
    env = {**os.environ, "R1DESK_HOME": str(tmp_path / "home"), "HF_HUB_OFFLINE": "1", "PYTHONPATH": ""}
    r = subprocess.run(
        [str(exe), "models", "--json"], capture_output=True, text=True, timeout=300, cwd=tmp_path, env=env
    )
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert any(m["id"].startswith("r1-qwen-7b") for m in data["models"])
    where = subprocess.run(
        [
            str(py),
            "-c",
            "import app, app.core.config.paths as p; print(app.__file__); "
            "print(p.asset('presets.json').read_text()[:1]); print(p.asset('templates', 'r1.jinja')); "
            "print(p.asset('i18n', 'r1desk_de.qm')); print(p.asset('eval', 'math500.jsonl'))",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert where.returncode == 0, where.stderr
    assert str(env_dir) in where.stdout.splitlines()[0], "the installed copy was used, not the checkout"
    assert Path(where.stdout.splitlines()[2]).is_file()
    qm = Path(where.stdout.splitlines()[3])  # the window's German translations
    assert qm.is_file() and qm.stat().st_size > 10_000 and str(env_dir) in str(qm)
    math500 = Path(where.stdout.splitlines()[4])  # "Check this model"'s problems, with their licence
    assert str(env_dir) in str(math500) and math500.stat().st_size == 446_564
    assert (math500.parent / "LICENSE-prm800k.txt").is_file() and (math500.parent / "math500_slices.json").is_file()
