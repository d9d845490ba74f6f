""" "Save as…" names: a path the answer mentions just before the block, else one from the language."""

from __future__ import annotations

import pytest

from app.core.code.filenames import suggest_name


@pytest.mark.parametrize(
    ("before", "language", "name"),
    [
        ("Here is the updated `src/app.py`:", "python", "src/app.py"),
        ("Save this as **run.sh** and run it:", "bash", "run.sh"),
        ("Change utils.py and main.py like this:", "python", "main.py"),
        ("First edit config.yaml, then app.py:", "yaml", "config.yaml"),  # the one in the block's language
        ("./build.sh:", "bash", "build.sh"),
        ("The Dockerfile:", "dockerfile", "Dockerfile"),
        ("See https://example.com/page.html for details. Then:", "python", "code.py"),
        ("In Python 3.11, e.g. this:", "python", "code.py"),
        ("", "rust", "code.rs"),
        ("", "", "code.txt"),
    ],
)
def test_suggested_names(before: str, language: str, name: str) -> None:
    assert suggest_name(before, language) == name
