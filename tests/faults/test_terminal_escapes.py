"""File names, answers and errors that carry terminal control sequences (``ESC ]0;…BEL`` retitles
the window, ``ESC[2J`` clears it) or bytes that are not UTF-8: the CLI prints them escaped, to a
terminal and to a pipe, and never ends in a traceback. The model is still sent the real names."""

from __future__ import annotations

import io
import os
import select
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli.printer import Printer
from app.cli.terminal import escaped, for_stream, note_line
from app.core.inference.events import Delta
from tests.faults.tally import Tries

CLI = [sys.executable, "-m", "app"]
TITLE = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J"
HOSTILE = [TITLE, CLEAR, "\x9b31m", "\x1bP+q\x1b\\", "\r\x1b[1A", "\x08\x08\x7f"]
posix_only = pytest.mark.skipif(os.name != "posix", reason="byte names and pseudo-terminals are POSIX")


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]))


def _run_on_a_terminal(args: list[str], cwd: Path) -> tuple[int, bytes]:
    """Run the CLI with stdout and stderr on a pseudo-terminal; its exit status and all it wrote."""
    import pty

    master, slave = pty.openpty()
    p = subprocess.Popen(args, stdout=slave, stderr=slave, stdin=subprocess.DEVNULL, cwd=cwd, env=_env())
    os.close(slave)
    out = bytearray()
    while True:
        ready, _, _ = select.select([master], [], [], 300)
        if not ready:
            p.kill()
            raise AssertionError("the command did not finish")
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    return p.wait(timeout=60), bytes(out)


def _raw_controls(text: str) -> list[str]:
    return [c for c in text if (ord(c) < 0x20 and c not in "\n\t\r") or 0x7F <= ord(c) <= 0x9F]


def _hostile_project(root: Path) -> Path:
    p = root / "project"
    p.mkdir(parents=True)
    (p / f"{TITLE}.bin").write_bytes(b"\0\1")  # skipped: its name goes into a note
    (p / f"{CLEAR}notes.py").write_text("x = 1\n")  # attached: its name goes into the prompt
    (p / ".gitignore").write_text("*.log\n[z-a]\n")  # a line pathspec refuses
    with open(os.fsencode(p) + b"/caf\xe9.py", "wb") as f:
        f.write(b"y = 2\n")
    return p


@posix_only
def test_the_cli_escapes_names_in_notes_and_on_a_terminal(
    tmp_path: Path, tiny_model: Path, tries: Callable[[str], Tries]
) -> None:
    t = tries("CLI: terminal escapes and byte names")
    _hostile_project(tmp_path)
    args = [*CLI, "ask", "-m", str(tiny_model), "What is here?", "--attach", "project", "--dry-run"]
    with t("--dry-run into a pipe"):
        r = subprocess.run(args, capture_output=True, timeout=300, cwd=tmp_path, env=_env())
        err, out = r.stderr.decode("utf-8"), r.stdout.decode("utf-8")
        assert r.returncode == 0 and "Traceback" not in err, err
        assert _raw_controls(err) == [], err
        assert "r1desk: skipped project/\\x1b]0;pwned\\x07.bin: binary (it contains NUL bytes)" in err
        assert "project/.gitignore: line 2 is not a pattern git can read" in err
        assert f"File: project/{CLEAR}notes.py\n" in out  # into a pipe the prompt is exact
        assert "File: project/caf\\xe9.py\n" in out
    with t("--dry-run on a terminal"):
        code, raw = _run_on_a_terminal(args, tmp_path)
        text = raw.decode("utf-8")
        assert code == 0 and "Traceback" not in text, text
        assert _raw_controls(text) == [], text
        assert "File: project/\\x1b[2Jnotes.py" in text and "\\x1b]0;pwned\\x07.bin" in text
    with t("an error naming a hostile path"):
        r = subprocess.run(
            [*args[:-3], "--attach", f"{CLEAR}gone.py"], capture_output=True, timeout=300, cwd=tmp_path, env=_env()
        )
        err = r.stderr.decode("utf-8")
        assert r.returncode == 1 and _raw_controls(err) == [] and "Cannot attach \\x1b[2Jgone.py" in err, err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_answers_are_escaped_on_a_terminal_and_exact_into_a_pipe(tries: Callable[[str], Tries]) -> None:
    t = tries("CLI: terminal escapes and byte names")
    for seq in HOSTILE:
        with t(f"answer with {seq!r}"):
            out, err = _Terminal(), _Terminal()
            p = Printer(out, err, show_thinking=True)
            p.delta(Delta("reasoning", f"think {seq}\n"))
            p.delta(Delta("answer", f"say {seq}\tok\n"))
            assert _raw_controls(out.getvalue()) == []
            assert _raw_controls(err.getvalue().replace("\x1b[2m", "").replace("\x1b[0m", "")) == []
            assert "\tok\n" in out.getvalue()  # tabs and line breaks are the answer's own
            piped = io.StringIO()
            Printer(piped, io.StringIO(), show_thinking=False).delta(Delta("answer", seq))
            assert piped.getvalue() == seq


def test_the_escaping_rules() -> None:
    assert escaped(f"a{TITLE}b\n\tc") == "a\\x1b]0;pwned\\x07b\n\tc"
    assert note_line("two\nlines\r") == "two\\x0alines\\x0d"
    assert escaped("caf\udce9") == "caf\\xe9" and escaped("\x9b") == "\\x9b" and escaped("é ✓") == "é ✓"
    assert for_stream(CLEAR, io.StringIO()) == CLEAR and for_stream(CLEAR, _Terminal()) == "\\x1b[2J"
