"""The packaging files stay valid (the full bundle build runs from packaging/build.py, not in CI)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_spec_and_desktop_files_are_valid() -> None:
    r = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--check"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "packaging files are valid" in r.stdout


def test_assets_resolve_as_they_will_in_a_bundle() -> None:
    from app.core.config.paths import ASSETS

    # PyInstaller puts app/ and assets/ side by side, as they are in the source tree.
    assert (ASSETS.parent / "app").is_dir() and (ASSETS / "icons" / "r1desk.svg").is_file()
