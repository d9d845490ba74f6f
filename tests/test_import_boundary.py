"""Imports point one way: core has no Qt and never reaches up into ui, cli or server; each heavy or
swappable library enters through one module; the app process never loads llama.cpp."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import app

APP = Path(app.__file__).parent

# library -> the one module allowed to import it (None: no module may, yet)
GATEWAYS: dict[str, str | None] = {
    "llama_cpp": "core/inference/llama_runner.py",
    "pathspec": "core/code/attach.py",
    "huggingface_hub": "core/models/hub.py",
    "ziamath": "ui/render/math.py",
    "ziafont": "ui/render/math.py",
    "starlette": "server/routes.py",
    "sse_starlette": "server/routes.py",
    "uvicorn": "server/runner.py",
    "openai": "core/inference/remote_engine.py",
    "keyring": "core/config/secrets.py",
    "jinja2": "core/inference/template_sandbox.py",  # model templates, rendered on a budget
}
# libraries that may enter through at most one module each (the server stack, the OpenAI client)
ONE_MODULE_EACH = ("openai", "keyring", "starlette", "fastapi", "uvicorn", "sse_starlette", "httpx")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules(package: str) -> list[str]:
    pkg = __import__(package, fromlist=["_"])
    return [package] + [m.name for m in pkgutil.walk_packages(pkg.__path__, f"{package}.")]


def _users() -> dict[str, set[str]]:
    users: dict[str, set[str]] = {}
    for path in APP.rglob("*.py"):
        for name in _imports(path):
            users.setdefault(name.split(".")[0], set()).add(path.relative_to(APP).as_posix())
    return users


def test_importing_every_core_module_loads_no_qt() -> None:
    code = (
        "import importlib, sys\n"
        f"for m in {[m for m in _modules('app.core') if not m.endswith('llama_runner')]!r}:\n"
        "    importlib.import_module(m)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('PySide6', 'shiboken6')\n"
        "             or n.startswith(('app.ui', 'app.cli', 'app.server')))\n"
        "print(','.join(bad))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "", f"app.core pulled in: {r.stdout}"


def test_core_never_imports_ui_cli_or_server() -> None:
    bad = []
    for path in (APP / "core").rglob("*.py"):
        for name in _imports(path):
            if name.split(".")[0] in ("PySide6", "shiboken6") or name.startswith(("app.ui", "app.cli", "app.server")):
                bad.append(f"{path.relative_to(APP)} imports {name}")
    assert bad == []


def test_the_renderer_is_pure_python() -> None:
    for path in (APP / "ui" / "render").rglob("*.py"):
        assert not any(n.startswith(("PySide6", "shiboken6")) for n in _imports(path)), path


def test_each_library_enters_through_one_module() -> None:
    users = _users()
    for lib, gateway in GATEWAYS.items():
        assert users.get(lib, set()) <= ({gateway} if gateway else set()), f"{lib} imported by {users.get(lib)}"
    for lib in ONE_MODULE_EACH:
        assert len(users.get(lib, set())) <= 1, f"{lib} imported by {sorted(users[lib])}"


def test_the_window_starts_without_the_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "import app.ui.app, app.ui.main_window\n"
        f"heavy = {('llama_cpp', 'huggingface_hub', 'numpy', 'ziamath', *ONE_MODULE_EACH)!r}\n"
        "print(','.join(sorted(n for n in heavy if n in sys.modules)))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "", f"the window's start-up imports: {r.stdout}"


def test_app_process_never_loads_llama_cpp(tiny_model: Path) -> None:
    code = (
        "import sys\n"
        "from app.core.inference.events import LoadParams\n"
        "from app.core.inference.local_engine import LocalEngine\n"
        "if __name__ == '__main__':\n"
        "    with LocalEngine() as e:\n"
        f"        e.load(LoadParams({str(tiny_model)!r}, n_ctx=256))\n"
        "    print('llama_cpp' in sys.modules)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "False"


def test_the_server_stack_loads_only_when_a_server_starts() -> None:
    """The CLI, the window's server controls and the server's own logic import no HTTP library;
    only building the app (routes) and running it (runner) do."""
    code = (
        "import sys\n"
        "import app.cli, app.server.service, app.server.snippets, app.server.models, app.server.shapes\n"
        "import app.ui.local_server, app.ui.server_indicator, app.ui.settings.server_tab\n"
        f"heavy = {ONE_MODULE_EACH!r}\n"
        "print(','.join(sorted(n for n in heavy if n in sys.modules)))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "", f"loaded before any server started: {r.stdout}"
