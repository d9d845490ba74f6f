"""Keep the window's translations in step with the code.

    .venv/bin/python packaging/translations.py          # update the .ts sources, then build the .qm files
    .venv/bin/python packaging/translations.py update   # pyside6-lupdate over app/ -> assets/i18n/*.ts
    .venv/bin/python packaging/translations.py build    # pyside6-lrelease: assets/i18n/*.ts -> *.qm

``update`` adds every new source string to ``r1desk_de.ts`` (unfinished until someone translates
it, in Qt Linguist or a text editor) and drops strings the code no longer has; ``r1desk_en.ts``
holds only the plural forms ("%n answer(s)" -> "1 answer" / "2 answers"), since English is the
source language. ``build`` compiles them; the .qm files are committed, so the wheel and the
PyInstaller bundle carry them without Qt's tools at install time.
``tests/ui/test_translations.py`` fails when a string is untranslated, unfinished or obsolete,
or a .qm file is stale.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "assets" / "i18n"
LANGUAGES = ("de", "en")
SOURCE_LANGUAGE = "en"


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease: beside this Python (a virtual environment), else on PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 (it comes with it)")
    return found


def ts_file(lang: str, folder: Path = I18N) -> Path:
    return folder / f"r1desk_{lang}.ts"


def qm_file(lang: str, folder: Path = I18N) -> Path:
    return folder / f"r1desk_{lang}.qm"


def sources() -> list[str]:
    """Every Python file of the app, in a stable order (lupdate reads them all)."""
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app").rglob("*.py"))


def update(folder: Path = I18N) -> None:
    """Merge the code's strings into the .ts files in ``folder`` (obsolete ones are dropped)."""
    folder.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        args = [tool("pyside6-lupdate"), *sources(), "-ts", str(ts_file(lang, folder))]
        args += ["-no-obsolete", "-locations", "none", "-source-language", SOURCE_LANGUAGE, "-target-language", lang]
        if lang == SOURCE_LANGUAGE:
            args.append("-pluralonly")
        subprocess.run(args, cwd=ROOT, check=True, capture_output=True, text=True)


def build(folder: Path = I18N, out: Path | None = None) -> None:
    """Compile the .ts files in ``folder`` into .qm files in ``out`` (default: beside them).
    Unfinished translations are left out: the window shows the English source instead."""
    out = out or folder
    for lang in LANGUAGES:
        subprocess.run(
            [
                tool("pyside6-lrelease"),
                "-nounfinished",
                "-silent",
                str(ts_file(lang, folder)),
                "-qm",
                str(qm_file(lang, out)),
            ],
            check=True,
            capture_output=True,
            text=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", nargs="?", choices=("update", "build", "all"), default="all")
    step = parser.parse_args().step
    if step in ("update", "all"):
        update()
        print(f"updated {', '.join(str(ts_file(lang).relative_to(ROOT)) for lang in LANGUAGES)}")
    if step in ("build", "all"):
        build()
        print(f"built {', '.join(str(qm_file(lang).relative_to(ROOT)) for lang in LANGUAGES)}")


if __name__ == "__main__":
    main()
