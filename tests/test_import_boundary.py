"""app.core never imports Qt; llama_cpp and huggingface_hub each enter through one module."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import app.core

CORE = Path(app.core.__file__).parent
APP = CORE.parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = [f"app.core.{m.name}" for m in pkgutil.iter_modules([str(CORE)])]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('PySide6', 'shiboken6') or n.startswith('app.ui'))\n"
        "print(','.join(bad))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "", f"app.core pulled in: {r.stdout}"


def test_llama_cpp_and_hub_each_imported_in_one_module() -> None:
    users: dict[str, list[str]] = {"llama_cpp": [], "huggingface_hub": []}
    for path in APP.rglob("*.py"):
        for name in _imports(path):
            top = name.split(".")[0]
            if top in users:
                users[top].append(str(path.relative_to(APP)))
    assert sorted(set(users["llama_cpp"])) == ["core/llama_runner.py"]
    assert len(set(users["huggingface_hub"])) <= 1


def test_app_process_never_loads_llama_cpp(tiny_model: Path) -> None:
    code = (
        "import sys\n"
        "from app.core.inference.local_engine import Engine\n"
        "if __name__ == '__main__':\n"
        "    with Engine() as e:\n"
        f"        e.load({str(tiny_model)!r}, n_ctx=256)\n"
        "    print('llama_cpp' in sys.modules)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "False"
