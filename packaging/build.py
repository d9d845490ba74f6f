"""Build the R1 Desk bundle for this platform, pack it, and smoke-test it.

    .venv/bin/pip install -e ".[packaging]"
    .venv/bin/python packaging/build.py              # icons, PyInstaller bundle, archive, smoke test
    .venv/bin/python packaging/build.py --smoke-only # test an existing dist/r1desk
    .venv/bin/python packaging/build.py --check      # validate the spec and packaging files only (CI)

Output: dist/r1desk/ (the one-folder bundle), dist/R1 Desk.app on macOS, and on Linux
dist/r1desk-<version>-linux-<arch>.tar.gz with install.sh, which installs into ~/.local and
registers the desktop entry. The bundle carries whatever llama.cpp backend the installed
llama-cpp-python was built with: build a CUDA or Metal llama-cpp-python first (README, "GPU
builds") to get a GPU bundle.
"""

from __future__ import annotations

import argparse
import ast
import os
import platform
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
BUILD = ROOT / "build"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

INSTALL_SH = """#!/bin/sh
# Install R1 Desk for this user: ~/.local/opt/r1desk, ~/.local/bin/r1desk, a menu entry and icon.
set -e
here=$(cd "$(dirname "$0")" && pwd)
dest="${XDG_DATA_HOME:-$HOME/.local/share}"
mkdir -p "$HOME/.local/opt" "$HOME/.local/bin" "$dest/applications" "$dest/icons/hicolor/256x256/apps" "$dest/metainfo"
rm -rf "$HOME/.local/opt/r1desk"
cp -r "$here/r1desk" "$HOME/.local/opt/r1desk"
ln -sf "$HOME/.local/opt/r1desk/r1desk" "$HOME/.local/bin/r1desk"
sed "s|^Exec=r1desk|Exec=$HOME/.local/opt/r1desk/r1desk|" "$here/r1desk.desktop" > "$dest/applications/r1desk.desktop"
cp "$here/r1desk.png" "$dest/icons/hicolor/256x256/apps/r1desk.png"
cp "$here/io.github.r1desk.R1Desk.metainfo.xml" "$dest/metainfo/"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$dest/applications" || true
echo "R1 Desk installed: run r1desk, or find it in your applications menu."
"""


def version() -> str:
    tree = ast.parse((ROOT / "app" / "__init__.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "__version__":
            return str(ast.literal_eval(node.value))
    raise SystemExit("no __version__ in app/__init__.py")


def make_icons() -> None:
    """PNG sizes, .ico and .icns from the SVG source, with Qt (no other image library needed)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (Qt needs it alive)
    out = BUILD / "icons"
    out.mkdir(parents=True, exist_ok=True)
    renderer = QSvgRenderer(str(ROOT / "assets" / "icons" / "r1desk.svg"))
    images = {}
    for size in ICON_SIZES:
        img = QImage(size, size, QImage.Format.Format_ARGB32)
        img.fill(Qt.GlobalColor.transparent)
        p = QPainter(img)
        renderer.render(p)
        p.end()
        img.save(str(out / f"r1desk-{size}.png"))
        images[size] = img
    formats = {bytes(f).decode() for f in QImageWriter.supportedImageFormats()}
    if "ico" in formats:
        images[256].save(str(out / "r1desk.ico"))
    if "icns" in formats:
        images[512].save(str(out / "r1desk.icns"))
    print(f"icons: {out} ({', '.join(sorted(p.suffix for p in out.iterdir()))})")


def check() -> None:
    """What CI can check without building: the spec compiles and every file it names exists."""
    spec = ROOT / "packaging" / "r1desk.spec"
    compile(spec.read_text(), str(spec), "exec")
    for rel in (
        "packaging/r1desk_main.py",
        "assets/icons/r1desk.svg",
        "assets/catalog.json",
        "assets/style.qss",
        "assets/i18n/r1desk_de.qm",  # built by packaging/translations.py, committed
        "assets/i18n/r1desk_en.qm",
        "packaging/linux/r1desk.desktop",
        "packaging/linux/io.github.r1desk.R1Desk.metainfo.xml",
    ):
        if not (ROOT / rel).is_file():
            raise SystemExit(f"missing {rel}")
    desktop = (ROOT / "packaging/linux/r1desk.desktop").read_text()
    for key in ("Type=Application", "Exec=r1desk", "Icon=r1desk", "Name=R1 Desk"):
        if key not in desktop:
            raise SystemExit(f"r1desk.desktop lacks {key}")
    import xml.dom.minidom

    xml.dom.minidom.parse(str(ROOT / "packaging/linux/io.github.r1desk.R1Desk.metainfo.xml"))
    print("packaging files are valid")


def build() -> Path:
    make_icons()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--distpath",
            str(DIST),
            "--workpath",
            str(BUILD / "pyinstaller"),
            str(ROOT / "packaging" / "r1desk.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    return DIST / "r1desk"


def pack_linux(bundle: Path) -> Path:
    name = f"r1desk-{version()}-linux-{platform.machine()}"
    archive = DIST / f"{name}.tar.gz"
    extras = {"install.sh": INSTALL_SH}
    with tempfile.TemporaryDirectory() as tmp:
        for fname, text in extras.items():
            p = Path(tmp) / fname
            p.write_text(text)
            p.chmod(0o755)
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(bundle, arcname=f"{name}/r1desk")
            tar.add(Path(tmp) / "install.sh", arcname=f"{name}/install.sh")
            tar.add(ROOT / "packaging/linux/r1desk.desktop", arcname=f"{name}/r1desk.desktop")
            tar.add(
                ROOT / "packaging/linux/io.github.r1desk.R1Desk.metainfo.xml",
                arcname=f"{name}/io.github.r1desk.R1Desk.metainfo.xml",
            )
            tar.add(BUILD / "icons" / "r1desk-256.png", arcname=f"{name}/r1desk.png")
    return archive


def size_mb(path: Path) -> float:
    """On-disk size, counting each file once (the bundle links some libraries)."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink()) / 1e6


def first_paint(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from starting ``cmd`` to the window's first paint (its 'window shown' line)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env=env)
    assert p.stderr is not None
    shown = None
    for line in p.stderr:
        if "window shown" in line and shown is None:
            shown = time.perf_counter() - t0
    p.wait(timeout=60)
    if p.returncode != 0 or shown is None:
        raise SystemExit(f"smoke test failed: exit {p.returncode}, window shown: {shown is not None}")
    return shown


def smoke(bundle: Path) -> None:
    exe = bundle / ("r1desk.exe" if sys.platform == "win32" else "r1desk")
    out = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60)
    if out.returncode != 0 or not out.stdout.startswith("r1desk "):
        raise SystemExit(f"--version failed: {out.stdout} {out.stderr}")
    print(f"--version: {out.stdout.strip()}")
    for qm in ("r1desk_de.qm", "qtbase_de.qm"):  # the window's German, and Qt's own (buttons, key names)
        if not any(bundle.rglob(qm)):
            raise SystemExit(f"the bundle lacks {qm}: the window would not speak German")
    home = tempfile.mkdtemp()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", R1DESK_HOME=home, R1DESK_EXIT_AFTER_MS="1500")
    cold = first_paint([str(exe)], env)
    warm = min(first_paint([str(exe)], env) for _ in range(2))
    src = min(first_paint([sys.executable, "-m", "app"], env) for _ in range(3))
    print("smoke test: the bundle started offscreen, showed its window and exited cleanly")
    print(f"start to first paint: bundle {cold:.2f} s (first run), {warm:.2f} s (again); from source {src:.2f} s")
    print(f"bundle size: {size_mb(bundle):.0f} MB in {bundle}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--smoke-only", action="store_true")
    args = ap.parse_args()
    check()
    if args.check:
        return
    bundle = DIST / "r1desk" if args.smoke_only else build()
    if sys.platform.startswith("linux") and not args.smoke_only:
        archive = pack_linux(bundle)
        print(f"archive: {archive} ({archive.stat().st_size / 1e6:.0f} MB)")
    smoke(bundle)


if __name__ == "__main__":
    main()
