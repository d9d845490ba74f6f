"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every void Qt call, and the
interpreter dies after a few thousand. pyproject excludes that release; this test catches a
future one with the same fault."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import os
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication, QLabel, QTextEdit
app = QApplication([])
label = QLabel()
edit = QTextEdit()
cursor = edit.textCursor()
for i in range(10_000):
    label.setText(str(i))
    cursor.insertText("x")
print("survived", sys.getrefcount(None) > 0)
"""


def test_twenty_thousand_void_qt_calls_survive() -> None:
    r = subprocess.run([sys.executable, "-c", "import sys\n" + CODE], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "survived True" in r.stdout
