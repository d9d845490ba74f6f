"""A small project folder to attach: source files, a nested folder, and everything a walk must
leave out (a .gitignore'd file and folder, .git, a binary, a huge file, a non-UTF-8 file)."""

from __future__ import annotations

from pathlib import Path

APP_PY = '''"""A tiny app."""

from util.helpers import greet


def main() -> None:
    print(greet("world"))


if __name__ == "__main__":
    main()
'''
HELPERS_PY = """def greet(name: str) -> str:
    return f"Hello, {name}!"
"""
DEEP_PY = "DEPTH = 3\n"
README = "# Tiny\n\nRun `python app.py`. A fence in text: ```not closed\n"
GITIGNORE = "*.log\nbuild/\n"

ATTACHED = [
    "project/.gitignore",
    "project/README.md",
    "project/app.py",
    "project/util/helpers.py",
    "project/util/nested/deep.py",
]
SKIPPED = {  # in the walk's order
    "project/.git/": "version-control data",
    "project/build/": "ignored by .gitignore",
    "project/debug.log": "ignored by .gitignore",
    "project/huge.txt": "too large (300 KB; the limit is 256 KB)",
    "project/latin1.txt": "binary or not UTF-8 text",
    "project/logo.png": "binary (it contains NUL bytes)",
}


def make_project(parent: Path) -> Path:
    """Write the project under ``parent`` and return its folder."""
    root = parent / "project"
    (root / "util" / "nested").mkdir(parents=True)
    (root / "build").mkdir()
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (root / ".gitignore").write_text(GITIGNORE)
    (root / "app.py").write_text(APP_PY)
    (root / "README.md").write_text(README)
    (root / "util" / "helpers.py").write_text(HELPERS_PY)
    (root / "util" / "nested" / "deep.py").write_text(DEEP_PY)
    (root / "debug.log").write_text("noise\n" * 10)
    (root / "build" / "out.js").write_text("console.log(1)\n")
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    (root / "huge.txt").write_text("x" * (300 * 1024))
    (root / "latin1.txt").write_bytes("café\n".encode("latin-1"))
    return root
