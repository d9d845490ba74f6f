r"""Hostile TeX and Markdown (issue 29, item 13): every formula is typeset within its budget or
shown as written with the reason; the Markdown step's work grows linearly with the input; the
app quits at once while a formula is being typeset, and the next start opens its window.

Before: a 100-deep ``\left(``, a 20 KB ``\boxed{}`` or a 1 MB ``$$…$$`` each typeset for more
than 90 s, 20,000 lines starting with ``\[`` took 73 s to render, and after a chat with a 24-deep
``\left(`` was opened, the process outlived its window (the next start said "already running").
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import psutil

from app.ui.render.incremental import IncrementalMarkdown
from app.ui.render.markdown import LABELS, MarkdownRenderer
from app.ui.render.math import Formula, Typesetter
from app.ui.render.tex_budget import DEEP, LONG, MAX_AREA_PX, MAX_SVG_BYTES, MAX_WIDTH_PX, Refused
from tests.faults.tally import Tries

HANG = r"x + \hangs"  # the helper never answers this formula (R1DESK_TEST_TYPESET_HANG)


def _nest(open_: str, close: str, n: int) -> str:
    return open_ * n + "x" + close * n


def hostile_tex(rng: random.Random) -> tuple[str, str | None]:
    """A formula built to make the typesetter hang or blow up, and the refusal it must get
    (None: typeset, or refused for its time or size: what ziamath makes of it decides)."""
    kind = rng.choice(["left", "brace", "frac", "sqrt", "boxed", "sum", "flat", "dollars", "huge", "mixed"])
    if kind == "left":
        n = rng.choice([9, 12, 24, 100, 1000])
        return _nest("\\left(", "\\right)", n), DEEP if 13 * n + 1 <= 2000 else LONG
    if kind == "brace":
        n = rng.choice([9, 20, 50, 500])
        return _nest("{", "}", n), DEEP
    if kind == "frac":
        n = rng.choice([9, 16, 40])
        return _nest("\\frac{1}{", "}", n), DEEP
    if kind == "sqrt":
        return _nest("\\sqrt{", "}", rng.choice([9, 30])), DEEP
    if kind == "boxed":
        return "\\boxed{" + "x+" * rng.choice([1_500, 10_000]) + "1}", LONG
    if kind == "sum":
        return " + ".join(f"a_{{{i}}}" for i in range(rng.choice([500, 5_000]))), LONG
    if kind == "flat":
        return "x+" * rng.choice([400, 999]) + "1", None
    if kind == "dollars":
        n = rng.choice([1_000, 100_000])
        return "$" * n, LONG if n > 2000 else None
    if kind == "huge":
        return "x+" * 500_000, LONG
    # deep but within budget, and long but within budget, together
    return "\\left(" * 4 + "\\frac{a}{b}+" * 150 + "x" + "\\right)" * 4, None


def run_typesetter(t: Tries, n: int, seed: int) -> None:
    """Each formula comes back typeset within the size caps, or refused with a reason the
    window can say; nothing is left waiting."""
    rng = random.Random(seed)
    renderer = MarkdownRenderer()
    for i in range(n):
        tex, expected = hostile_tex(rng)
        with t(f"seed {seed} try {i}: {tex[:40]!r}… ({len(tex)} characters)"):
            got = Typesetter("#102030", size=15.0 + i / 100).typeset(tex, True)
            if expected is not None:
                assert isinstance(got, Refused) and got.reason == expected, got
            if isinstance(got, Formula):
                assert len(got.svg) <= MAX_SVG_BYTES and got.width <= MAX_WIDTH_PX
                assert got.width * got.height <= MAX_AREA_PX
            else:
                reason = renderer.refusal(got)
                assert reason.startswith("Shown as written"), got
                html = renderer.render(f"$$\n{tex}\n$$\n").html
                assert reason in html.replace("&#x27;", "'")  # the source, with why on hover
                assert not renderer.typesetter.busy


def _work(fn: Callable[[], object]) -> int:
    """Python calls (its own and into C) made while ``fn`` runs: a count of work that does not
    depend on the machine's speed."""
    count = 0

    def tick(_frame: object, event: str, _arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(tick)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return count


HOSTILE_MARKDOWN: dict[str, Callable[[int], str]] = {
    "lines starting with \\[": lambda n: "\\[x\n" * n,
    "unclosed \\( in one paragraph": lambda n: "\\(a " * n,
    "unclosed \\boxed{ in one paragraph": lambda n: "\\boxed{a " * n,
    "a long $$ display": lambda n: "$$" + "x+" * (20 * n) + "$$\n",
    "a long \\[ display": lambda n: "\\[" + "x+" * (20 * n) + "\\]\n",
    "dollars": lambda n: "$" * (20 * n),
    "\\[ then blank lines": lambda n: "\\[\nx\n\n" * n,
}


MAX_TAIL = 5_000  # the unfinished tail an append renders again: SOFT_LIMIT, MATH_LIMIT, a piece


def run_markdown_linear(t: Tries, sizes: tuple[int, int] = (600, 1_200)) -> None:
    """Twice the input costs about twice the work, rendered whole and fed as a stored answer is
    (1,000 characters at a time): a quadratic step would cost four times. Work is counted in
    Python calls, which a scan inside one C call (a regex over the whole tail) does not show; so
    the tail that each append scans again must stay short too (a 1 MB ``$$`` display grew it to 1 MB)."""
    renderer = MarkdownRenderer()
    longest = [0]

    def whole(text: str) -> Callable[[], object]:
        return lambda: renderer.render(text, wait=False)

    def fed(text: str) -> Callable[[], object]:
        def feed() -> None:
            inc = IncrementalMarkdown(renderer)
            for i in range(0, len(text), 1000):
                inc.append(text[i : i + 1000], render_tail=i + 1000 >= len(text))
                longest[0] = max(longest[0], len(inc._tail))

        return feed

    small, big = sizes
    for name, make in HOSTILE_MARKDOWN.items():
        for how, step in (("whole", whole), ("fed", fed)):
            with t(f"{name}, {how}"):
                longest[0] = 0
                a, b = _work(step(make(small))), _work(step(make(big)))
                assert b < 2.6 * a, f"{b / a:.1f} times the work for twice the input ({a} → {b} calls)"
                assert longest[0] <= MAX_TAIL, f"an append rendered a tail of {longest[0]} characters"
    with t("a 100 KB $$ display, fed"):
        longest[0] = 0
        fed("$$" + "x+" * 50_000 + "$$\n")()
        assert longest[0] <= MAX_TAIL, f"an append rendered a tail of {longest[0]} characters"


def test_hostile_formulas_are_typeset_within_budget_or_refused_with_a_reason(tries) -> None:
    run_typesetter(tries("hostile TeX (typeset budget)"), n=12, seed=290)


def test_the_markdown_step_is_linear_in_the_input(tries) -> None:
    run_markdown_linear(tries("hostile Markdown linear in size"))


DRIVER = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from app.ui.app import run_gui
    from app.ui.render import typeset_worker

    app = QApplication(sys.argv[:1])

    def open_chat() -> None:
        from app.ui.window.main_window import MainWindow

        w = next(x for x in app.topLevelWidgets() if isinstance(x, MainWindow))
        w.controller.open_conversation(int(sys.argv[1]))

        def quit_while_typesetting() -> None:
            helper = typeset_worker.worker()._proc
            if not w.renderer.typesetter.busy or helper is None:
                QTimer.singleShot(50, quit_while_typesetting)
                return
            print(f"helper {helper.pid}", file=sys.stderr, flush=True)
            w.actions_["quit"].trigger()  # Ctrl+Q

        quit_while_typesetting()

    QTimer.singleShot(300, open_chat)
    sys.exit(run_gui())
    """
)


def run_quit_while_typesetting(t: Tries, home: Path, n: int, seed: int) -> None:
    """A stored chat with hostile formulas is opened and the app quits while one is being
    typeset: the process exits (before: it stayed at 50-90 % CPU), the typesetting helper is
    gone, and the next start opens its window (before: "already running")."""
    from app.core.chats.store import Message, Store

    rng = random.Random(seed)
    for i in range(n):
        h = home / f"q{i}"
        store = Store(h / "data" / "chats.sqlite3")
        cid = store.create_conversation("hostile", "m")
        answers = [
            "$$" + _nest("\\left(", "\\right)", 24) + "$$",
            "$" * 100_000,
            f"Then ${HANG}$ and $y^{{{i}}}$.",
            *(f"${tex}$" for tex, _ in (hostile_tex(rng) for _ in range(3))),
        ]
        rng.shuffle(answers)
        for a in answers:
            store.add_message(cid, Message("user", "Go."))
            store.add_message(cid, Message("assistant", a))
        store.close()
        env = dict(
            os.environ,
            R1DESK_HOME=str(h),
            QT_QPA_PLATFORM="offscreen",
            R1DESK_TEST_TYPESET_HANG=HANG,
            HF_HUB_OFFLINE="1",
        )
        env.pop("R1DESK_EXIT_AFTER_MS", None)
        with t(f"seed {seed} try {i}"):
            r = subprocess.run(
                [sys.executable, "-c", DRIVER, str(cid)], capture_output=True, text=True, env=env, timeout=120
            )
            assert r.returncode == 0, r.stderr[-1500:]
            helper = int(r.stderr.split("helper ", 1)[1].split()[0])
            if psutil.pid_exists(helper):
                assert psutil.Process(helper).status() == psutil.STATUS_ZOMBIE, (
                    "the typesetting helper outlived the app"
                )
            again = subprocess.run(
                [sys.executable, "-m", "app"],
                capture_output=True,
                text=True,
                env=dict(env, R1DESK_EXIT_AFTER_MS="500"),
                timeout=120,
            )
            assert again.returncode == 0 and "window shown" in again.stderr, again.stderr[-1500:]
            assert "already running" not in again.stderr


def test_the_app_quits_while_a_formula_is_typeset_and_starts_again(tries, tmp_path: Path) -> None:
    run_quit_while_typesetting(tries("quit while typesetting"), tmp_path, n=1, seed=291)


def test_labels_for_every_refusal() -> None:
    from app.ui.render import tex_budget

    reasons = [getattr(tex_budget, k) for k in ("LONG", "DEEP", "SLOW", "LARGE", "UNKNOWN", "UNSUPPORTED")]
    assert all(LABELS[f"math_{r}"] for r in reasons)
