"""The window in another language and at large fonts (issue 16), offscreen. For looking at, not a test.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.screenshots.languages OUT_DIR [LANG] [SCREEN ...]

LANG is ``de`` (the default) or ``en``. Each screen (the main window with an answer, attachment
chips and the meter, the "does not fit" banner, the notice band, the welcome, the picker's two
tabs, each settings tab, the shortcuts) at 1400×900 and 800×600, light and dark, at the
system's font size and at 200 % of it: ``SCREEN-WxH-THEME-PCT.png``. ``clipped.txt`` lists every
label, button, box and tab whose text does not fit where it is shown (German words are long);
an empty list is the goal. Model dialogs are recorded, not shown.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("HF_HUB_OFFLINE", None)
os.environ["HF_ENDPOINT"] = "http://127.0.0.1:9"  # nothing listens: every request to the Hub fails at once

from PySide6.QtGui import (
    Qt,  # (its Qt namespace has mightBeRichText)
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QLabel,
    QTabBar,
    QWidget,
)

from app.core.chats.store import Message, Store
from app.core.settings import Settings
from app.ui.style import theme
from app.ui.text import i18n
from app.ui.window.main_window import MainWindow
from app.ui.workers.generation import GenerationWorker
from tests.benchmarks.bench_chat_view import pump
from tests.screenshots.window_tour import Combo, Tour
from tests.support.code_fixture import make_project
from tests.support.fake_engine import FakeEngine, script
from tests.support.full_disk import FullDisk
from tests.support.tiny_model import write_tiny_model
from tests.ui.screens import DIALOGS

SIZES = ((1400, 900), (800, 600))
THEMES = ("light", "dark")
SCALES = (100, 200)
THINKING = (
    "Die Frage ist, wie viele Primzahlen unter 30 liegen. Ich zähle: 2, 3, 5, 7, 11, 13, 17, 19, 23, 29. "
    "Das sind zehn. Prüfen wir 27 = 3·9 und 25 = 5·5: keine Primzahlen."
)
ANSWER = (
    "Unter 30 liegen **zehn** Primzahlen: 2, 3, 5, 7, 11, 13, 17, 19, 23 und 29.\n\n"
    "$$\\boxed{10}$$\n\n```python\nprint([n for n in range(2, 30) if all(n % d for d in range(2, n))])\n```\n"
)


def _plain(text: str) -> str:
    if Qt.mightBeRichText(text):
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text.replace("&", "")


def clipped(root: QWidget) -> list[str]:
    """Shown texts that do not fit their widget: a label narrower or shorter than its text, a
    button, check box or combo box narrower than it asks for, an elided tab."""
    out = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root) or w.width() <= 0:
            continue
        if isinstance(w, QLabel) and w.text() and w.objectName() != "Title":
            fm = w.fontMetrics()
            if w.wordWrap() or Qt.mightBeRichText(w.text()):
                need = w.heightForWidth(w.width())
                if need > w.height() + 2:
                    out.append(f"label {_plain(w.text())[:50]!r}: {w.height()} px tall, needs {need}")
            else:
                room = w.contentsRect().width()
                need = max(fm.horizontalAdvance(line) for line in _plain(w.text()).splitlines() or [""])
                if need > room + 1:
                    out.append(f"label {_plain(w.text())[:50]!r}: {room} px wide, needs {need}")
        elif isinstance(w, (QAbstractButton, QComboBox)):
            hint = w.sizeHint().width()
            text = w.currentText() if isinstance(w, QComboBox) else w.text()
            if text and hint > w.width() + 1 and w.objectName() != "ThinkingHeader":
                out.append(f"{type(w).__name__} {_plain(text)[:50]!r}: {w.width()} px wide, needs {hint}")
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                if w.tabRect(i).width() + 1 < w.tabSizeHint(i).width():
                    out.append(f"tab {w.tabText(i)!r}: {w.tabRect(i).width()} px, needs {w.tabSizeHint(i).width()}")
    return out


class Shots(Tour):
    def __init__(self, out: Path, lang: str) -> None:
        super().__init__(out)
        i18n.install(self.app, lang)
        self.system_pt = theme.system_point_size()
        self.report: list[str] = []

    def combo(self, size: tuple[int, int], mode: str, scale: int) -> Combo:
        return Combo(size, mode, round(self.system_pt * scale / 100))

    def take(self, w: QWidget, name: str, c: Combo, scale: int) -> None:
        pump(self.app, 150)
        tag = f"{name}-{c.size[0]}x{c.size[1]}-{c.mode}-{scale}"
        w.grab().save(str(self.out / f"{tag}.png"))
        for problem in clipped(w):
            self.report.append(f"{tag}: {problem}")


def screen_chat(s: Shots, c: Combo, scale: int) -> None:
    engine = FakeEngine()
    engine.streams.append(script(THINKING, ANSWER, piece=6))
    w = s.window(c, engine)
    s.send(w, "Wie viele Primzahlen liegen unter 30?")
    w.chat.follow_bottom()
    s.take(w, "chat", c, scale)


def screen_welcome(s: Shots, c: Combo, scale: int) -> None:
    w = s.window(c, load=False)
    s.wait(lambda: w.chat.empty.welcome.isVisible(), 3000)
    pump(s.app, 300)
    s.take(w, "welcome", c, scale)


def _dialog(s: Shots, c: Combo, scale: int, name: str, w: MainWindow) -> QDialog:
    d = DIALOGS[name](w)
    d.resize(min(1040, c.size[0] - 40), min(640, c.size[1] - 40))
    d.show()
    s.windows.append(d)
    return d


def screen_picker(s: Shots, c: Combo, scale: int) -> None:
    w = s.window(c)
    p = _dialog(s, c, scale, "picker", w)
    p.select_key("r1-qwen-7b:Q4_K_M")  # type: ignore[attr-defined]
    s.take(p, "picker", c, scale)
    p.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
    s.take(p, "picker-endpoints", c, scale)


def screen_settings(s: Shots, c: Combo, scale: int) -> None:
    w = s.window(c)
    d = _dialog(s, c, scale, "settings", w)
    for i in range(d.tabs.count()):  # type: ignore[attr-defined]
        d.tabs.setCurrentIndex(i)  # type: ignore[attr-defined]
        s.take(d, f"settings-{i + 1}", c, scale)


def screen_shortcuts(s: Shots, c: Combo, scale: int) -> None:
    w = s.window(c, load=False)
    s.take(_dialog(s, c, scale, "shortcuts", w), "shortcuts", c, scale)


def _window(s: Shots, c: Combo, store: Store, settings: Settings, engine: FakeEngine) -> MainWindow:
    """A window on this store and these settings (the tour's own takes a fresh store)."""
    from tests.ui.test_model_picker import machine

    colours = theme.apply(s.app, c.mode, c.font)
    settings = replace(settings, theme=c.mode, font_size=c.font)
    w = MainWindow(store, settings, colours, GenerationWorker(engine))  # type: ignore[arg-type]
    w.hardware = machine(16)
    w.resize(*c.size)
    w.show()
    s.windows.append(w)
    pump(s.app, 250)
    return w


def _load(s: Shots, w: MainWindow, home: Path, n_ctx: int = 8192) -> None:
    w.load_model(str(write_tiny_model(home / "DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf", context_length=n_ctx)))
    s.wait(lambda: w.controller.model_ready, 5000)


def screen_attached(s: Shots, c: Combo, scale: int) -> None:
    """Three files and a folder attached to the next message: the chips, the summary, the meter."""
    home = s.home()
    project = make_project(home)
    w = _window(s, c, Store(home / "chats.sqlite3"), Settings(), FakeEngine())
    _load(s, w, home)
    w.attach.add_paths([project / "app.py", project / "util", project / "README.md"])
    s.wait(lambda: bool(w.composer.attachments.chips), 3000)
    w.composer.set_text("Lass greet() auch einen Titel annehmen und passe app.py an.")
    pump(s.app, 1200)
    s.take(w, "attached", c, scale)


def screen_overflow(s: Shots, c: Combo, scale: int) -> None:
    """A long chat on a 2K context: the warning before sending and its ways out."""
    home = s.home()
    project = make_project(home)
    store = Store(home / "chats.sqlite3")
    cid = store.create_conversation("Ein langes Gespräch über die kleine App", "tiny")
    for i in range(6):
        store.add_message(cid, Message("user", f"Frage {i}: " + "Erzähl mir mehr über die kleine App. " * 20))
        store.add_message(cid, Message("assistant", "Sie gibt einen Gruß aus. " * 40))
    w = _window(s, c, store, Settings(context_length=2048), FakeEngine())
    _load(s, w, home, 2048)
    w._refresh_conversations()
    w.controller.open_conversation(cid)
    w.attach.add_paths([project / "app.py"])
    s.wait(lambda: bool(w.composer.attachments.chips), 3000)
    w.composer.set_text("Und wie würde ich sie testen?")
    w.composer.send.click()
    s.wait(w.composer.overflow.isVisible, 3000)
    s.take(w, "overflow", c, scale)


def screen_notices(s: Shots, c: Combo, scale: int) -> None:
    """The notice band: a damaged chats database recovered, and a full disk while answering."""
    home = s.home()
    path = home / "chats.sqlite3"
    store = Store(path)
    for title in ("Summe der ersten 100 ungeraden Zahlen", "Ist 1001 eine Primzahl?"):
        cid = store.create_conversation(title)
        store.add_message(cid, Message("user", title))
        store.add_message(cid, Message("assistant", "Eine Antwort. " * 100))
    store.close()
    data = bytearray(path.read_bytes())
    data[0:100] = bytes(100)  # a wiped header: the rows come back, the file is set aside
    path.write_bytes(bytes(data))
    engine = FakeEngine(delay=0.004)
    engine.streams.append(script(THINKING, ANSWER, piece=8))
    store = Store(path)
    w = _window(s, c, store, Settings(), engine)
    _load(s, w, home)
    FullDisk(store).full = True
    s.send(w, "Wie viele Primzahlen liegen unter 30?")
    s.take(w, "notices", c, scale)


SCREENS: dict[str, Callable[[Shots, Combo, int], None]] = {
    "chat": screen_chat,
    "attached": screen_attached,
    "overflow": screen_overflow,
    "notices": screen_notices,
    "welcome": screen_welcome,
    "picker": screen_picker,
    "settings": screen_settings,
    "shortcuts": screen_shortcuts,
}


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots-lang")
    args = sys.argv[2:]
    lang = args.pop(0) if args and args[0] in i18n.NATIVE_NAMES else "de"
    chosen = args or list(SCREENS)
    out.mkdir(parents=True, exist_ok=True)
    s = Shots(out, lang)
    for name in chosen:
        for size in SIZES:
            for mode in THEMES:
                for scale in SCALES:
                    c = s.combo(size, mode, scale)
                    try:
                        SCREENS[name](s, c, scale)
                    except Exception as e:  # one broken screen must not hide the others
                        s.report.append(f"{name} {c.tag}: FAILED {type(e).__name__}: {e}")
                    s.close_all()
    (out / "clipped.txt").write_text("\n".join(s.report) + "\n", encoding="utf-8")
    print(f"{len(s.report)} clipped texts; screenshots in {out} (system font {s.system_pt} pt)")


if __name__ == "__main__":
    main()
