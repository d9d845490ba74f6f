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
    "pathspec": "core/code/ignores.py",
    "huggingface_hub": "core/models/hub.py",
    "ziamath": "ui/render/math.py",
    "ziafont": "ui/render/math.py",
    "starlette": "server/routes.py",
    "sse_starlette": "server/routes.py",
    "uvicorn": "server/runner.py",
    "openai": "core/inference/remote_engine.py",
    "keyring": "core/config/secrets.py",
    "jinja2": "core/inference/template_sandbox.py",  # model templates, rendered on a budget
    "math_verify": "core/checks/grading.py",  # MATH-500 grading; sympy comes with it, imported lazily
    "latex2sympy2_extended": None,
    "sympy": None,
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


# The core's floors, ground first: a folder imports only from its own floor and those below it.
# errors.py is under all of them; settings.py (the user's choices, each subject's default) is above
# them all and nothing in the core imports it.
FLOORS = ("config", "r1", "models", "inference", "code", "chats", "checks")


def _floor(path: Path) -> int:
    parts = path.relative_to(APP / "core").parts
    if parts == ("errors.py",) or parts == ("__init__.py",):
        return -1
    if parts == ("settings.py",):
        return len(FLOORS)
    return FLOORS.index(parts[0])


def _core_target(name: str) -> int | None:
    parts = name.split(".")
    if parts[:2] != ["app", "core"] or len(parts) < 3:
        return None
    if parts[2] == "errors":
        return -1
    if parts[2] == "settings":
        return len(FLOORS)
    return FLOORS.index(parts[2])


def _core_imports(path: Path) -> set[str]:
    """Absolute imports, with ``from app.core import errors`` read as ``app.core.errors``."""
    names = _imports(path)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module in ("app.core", "app.core.config", "app.core.r1"):
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def test_the_core_imports_only_downwards() -> None:
    assert {p.name for p in (APP / "core").iterdir() if p.is_dir() and p.name != "__pycache__"} == set(FLOORS)
    bad = []
    for path in (APP / "core").rglob("*.py"):
        here = _floor(path)
        for name in _core_imports(path):
            there = _core_target(name)
            if there is not None and there > here:
                bad.append(f"{path.relative_to(APP)} (floor {here}) imports {name} (floor {there})")
    assert bad == []


def test_the_floor_check_catches_an_upward_import(tmp_path: Path) -> None:
    assert _core_target("app.core.chats.store") == FLOORS.index("chats") > _floor(APP / "core" / "config" / "paths.py")
    assert _core_target("app.core.settings") == len(FLOORS) > _floor(APP / "core" / "chats" / "store.py")
    assert _core_target("app.core.errors") == -1


def test_the_window_package_has_no_loose_modules() -> None:
    """ui/ is grouped by screen and part (window, chat, picker, settings, render, style, text,
    widgets, workers); only the application's entry points sit at its top."""
    loose = {p.name for p in (APP / "ui").glob("*.py")} - {"__init__.py", "app.py", "single_instance.py"}
    assert loose == set()


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
        "import app.ui.app, app.ui.window.main_window\n"
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
        "import app.ui.window.local_server, app.ui.window.server_indicator, app.ui.settings.server_tab\n"
        f"heavy = {ONE_MODULE_EACH!r}\n"
        "print(','.join(sorted(n for n in heavy if n in sys.modules)))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "", f"loaded before any server started: {r.stdout}"
