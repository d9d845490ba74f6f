"""A fixture project for proposed edits: an LF file, a CRLF file, a file without a last line
break, a long file for SEARCH/REPLACE, and the answer a model might write about them."""

from __future__ import annotations

from pathlib import Path

APP = "import sys\n\n\ndef main():\n    print('hi')\n\n\nmain()\n"
APP_NEW = "import sys\n\n\ndef main():\n    print('hello', file=sys.stderr)\n\n\nmain()\n"
WIN = "first\r\nsecond\r\nthird\r\n"
NO_EOL = "A = 1\nB = 2"
LONG = "".join(f"def f{i}():\n    return {i}\n\n\n" for i in range(60))

ANSWER = f"""The greeting goes to stderr now.

File: src/app.py
```python
{APP_NEW}```

win.txt
```
<<<<<<< SEARCH
second
=======
SECOND
>>>>>>> REPLACE
```

Then `src/no_eol.py`:
```python
A = 1
B = 3
```

src/long.py
```python
<<<<<<< SEARCH
def f30():
    return 30
=======
def f30():
    return 3000
>>>>>>> REPLACE
<<<<<<< SEARCH
def f59():
    return 59
=======
def f59():
    return 59


def f60():
    return 60
>>>>>>> REPLACE
```
"""


def make_edit_project(parent: Path) -> Path:
    root = parent / "proj"
    (root / "src").mkdir(parents=True)
    (root / "src" / "app.py").write_text(APP)
    (root / "win.txt").write_bytes(WIN.encode())
    (root / "src" / "no_eol.py").write_text(NO_EOL)
    (root / "src" / "long.py").write_text(LONG)
    return root


def attached_texts(root: Path) -> dict[str, str]:
    """The files as attach reads them (LF, as the model sees them)."""
    rels = ["src/app.py", "win.txt", "src/no_eol.py", "src/long.py"]
    return {r: (root / r).read_bytes().decode().replace("\r\n", "\n") for r in rels}
