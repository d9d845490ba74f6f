"""Attachments and the context budget in the window: the composer's chips, the meter, and the
check before sending.

Files are read off the GUI thread (``workers/files.py``); tokens are counted in the engine, on
the worker thread (``GenerationWorker.measure``: the model's tokenizer lives in the model
process), a moment after the user stops typing. The arithmetic is core's (``core/code``); this
only asks, shows and acts. A message that will not fit is stopped before it is sent, and the
banner offers the ways out: leave out the oldest turns, send without the attachments, reload
with a longer context (when the memory estimate says it fits), or send anyway.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog

from app.core.code.attach import Attachment, FileText, compose, files_of, skips_of, split_message
from app.core.code.budget import Budget, upper_bound
from app.core.code.measure import Measurement, MeasureRequest, loaded_config
from app.core.inference.events import ChatOptions, ModelFacts
from app.core.models.hardware import Hardware
from app.core.settings import Settings
from app.ui.chat.attach_text import WORDS
from app.ui.chat.attachments import ChipInfo
from app.ui.chat.composer import Composer
from app.ui.chat.controller import ChatController
from app.ui.workers.files import FileReader

DEBOUNCE_MS = 300
SKIPS_SHOWN = 3
LARGEST_SHOWN = 3  # files the "does not fit" banner offers to leave out, largest first


class AttachController(QObject):
    """Signals:
    request_measure(int job, object MeasureRequest): to the worker.
    reload_requested(str path, int n_ctx): load the model again with a longer context.
    sent(int prompt_tokens): a message went out; its measured prompt (0: not measured).
    notice(str): for the status bar.
    adding(list paths): about to read these (the chat's project may bind to the first; direct).
    about_to_send(): a message is about to be measured and sent (project files are read again).
    removed(object Attachment): the user removed a chip.

    Attributes:
        attachments: what is attached to the next message, in the order attached.
        measurement: the last measurement of the next message (None: none yet, or it failed).
        base: the chat's project folder: attached paths are taken from it (None: none).
    """

    request_measure = Signal(int, object)
    reload_requested = Signal(str, int)
    sent = Signal(int)
    notice = Signal(str)
    adding = Signal(list)
    about_to_send = Signal()
    removed = Signal(object)

    def __init__(
        self,
        composer: Composer,
        chat: ChatController,
        settings: Settings,
        hardware: Callable[[], Hardware | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.composer = composer
        self.chat = chat
        self.settings = settings
        self._hardware = hardware
        self.reader = FileReader(self)
        self.attachments: list[Attachment] = []
        self.measurement: Measurement | None = None
        self.base: Path | None = None
        self.facts: ModelFacts | None = None
        self.local = True
        self.job = 0
        self._measured_key: tuple[Any, ...] | None = None
        self._job_key: tuple[Any, ...] | None = None
        self._pending: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.measure_now)
        self.reader.read.connect(self._on_read)
        self.reader.failed.connect(self.notice)
        composer.attachments.remove_requested.connect(self.remove)
        composer.overflow.chosen.connect(self._on_banner)
        composer.attach_files_requested.connect(self.choose_files)
        composer.attach_folder_requested.connect(self.choose_folder)
        # What the next message would send changes with the prompt and the composer's controls.
        composer.edit.textChanged.connect(self.schedule)
        composer.preset.currentIndexChanged.connect(self.schedule)
        composer.budget.valueChanged.connect(self.schedule)
        composer.deep_thinking.toggled.connect(self.schedule)

    # ---- attaching ----------------------------------------------------------------------------

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.composer, self.tr("Attach files"), str(Path.home()))
        if paths:
            self.add_paths(paths)

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self.composer, self.tr("Attach a folder"), str(Path.home()))
        if path:
            self.add_paths([path])

    def add_paths(self, paths: Sequence[str | Path]) -> None:
        """Attach files or folders (read on another thread; the chips appear when they are read)."""
        if paths:
            self.adding.emit(list(paths))
            self.notice.emit(WORDS.reading(len(paths)))
            self.reader.start(paths, self.settings.attachment_max_kb * 1024, self.base)

    def _on_read(self, new: list[Attachment]) -> None:
        for a in new:
            self.attachments = [x for x in self.attachments if x.source is None or x.source != a.source] + [a]
        if new:
            n = sum(len(a.files) for a in new)
            self.notice.emit(WORDS.attached(n, WORDS.skips(skips_of(new), limit=SKIPS_SHOWN)))
        self._changed()

    def remove(self, index: int) -> None:
        if 0 <= index < len(self.attachments):
            gone = self.attachments.pop(index)
            self._changed()
            self.removed.emit(gone)

    def put(self, source: Path, a: Attachment | None) -> None:
        """The attachment that comes from ``source`` is now ``a`` (None: there is none)."""
        self.attachments = [x for x in self.attachments if x.source != source] + ([a] if a is not None else [])
        self._changed()

    def _leave_out(self, file_key: str) -> None:
        """One file out of whichever attachment brought it (a folder keeps its other files)."""
        kept = [replace(a, files=tuple(f for f in a.files if f.key != file_key)) for a in self.attachments]
        self.attachments = [a for a in kept if a.files or a.skipped]
        self._changed()

    def clear(self) -> None:
        self.attachments = []
        self._changed()

    def restore(self, content: str) -> None:
        """Editing a sent message: its words back in the prompt, its files back as chips (as sent,
        not read again from disk). "" (editing cancelled): the chips go with the words."""
        if not content:
            self.clear()
            return
        words, files = split_message(content)
        if not files:
            return
        self.composer.set_text(words)
        self.attachments = [Attachment(f.rel, (f,)) for f in files]
        self._changed()

    def files(self) -> list[FileText]:
        return files_of(self.attachments)

    def _changed(self) -> None:
        self._show_chips()
        self.composer.overflow.hide()
        self.schedule()

    # ---- the model and the conversation --------------------------------------------------------

    def set_model(self, facts: ModelFacts | None) -> None:
        """The model the next message goes to (a remote one's tokens are estimated)."""
        self.facts = facts
        self.local = facts is None or not facts.backend.startswith("remote")
        self.measurement = None
        self.schedule()

    def on_no_model(self, _why: str = "") -> None:
        """A load began or failed: no model to measure against until one is loaded."""
        self.set_model(None)

    def schedule(self) -> None:
        """Measure again a moment after the last change (typing, chips, preset, the chat)."""
        if self._pending is None:
            self.composer.overflow.hide()  # its numbers are about to change
        if self.measurement is not None:
            self.composer.meter.set_budget(self.measurement.budget, stale=True)
        self._timer.start()

    def _request(self) -> tuple[tuple[Any, ...], MeasureRequest] | None:
        facts = self.facts
        if facts is None or not self.chat.model_ready:
            return None
        preset = self.chat._preset()
        think = self.composer.think_enabled()
        files = self.files()
        text = self.composer.edit.toPlainText()
        messages = self.chat.session.preview(compose(text, files), preset)
        hardware = self._hardware() if self.local else None  # known once the worker probed it
        budget = self.composer.think_budget() if think else None
        key = (tuple(m["content"] for m in messages), preset.name, budget, think, facts.path, facts.n_ctx)
        request = MeasureRequest(
            messages,
            files,
            n_ctx=facts.n_ctx,
            max_tokens=preset.sampling.max_tokens,
            think_budget=budget,
            options=ChatOptions(think=think, think_budget=budget),
            model_path=facts.path if self.local else "",
            hardware=hardware,
            load_config=loaded_config(facts),
        )
        return key, request

    def _key(self) -> tuple[Any, ...] | None:
        made = self._request()
        return made[0] if made is not None else None

    def measure_now(self) -> None:
        self._timer.stop()
        if self.chat.loader.reading:  # a long chat is still being read (turn_loader.py): measured once it is
            self._timer.start()
            return
        if self.chat.generating:
            self.composer.meter.set_budget(None)  # the status bar shows the live use meanwhile
            return  # the engine is busy answering; measured again when it is done
        made = self._request()
        if made is None:
            self.measurement = None
            self.composer.meter.set_budget(None)
            self._show_chips()
            return
        key, request = made
        if key == self._measured_key and self.measurement is not None:
            self.composer.meter.set_budget(self.measurement.budget)
            self._decide_pending()
            return
        if key == self._job_key:
            return  # already asked
        self.job += 1
        self._job_key = key
        self.request_measure.emit(self.job, request)

    def on_measured(self, job: int, m: Measurement) -> None:
        if job != self.job:
            return
        self.measurement, self._measured_key = m, self._job_key
        self._job_key = None
        self.composer.meter.set_budget(m.budget)
        self._show_chips()
        self._decide_pending()

    def on_measure_failed(self, job: int, message: str) -> None:
        if job != self.job:
            return
        self._job_key = None
        self.measurement = None
        self.composer.meter.set_budget(None)
        if self._pending is not None:  # counting failed: send, and let the engine say what it thinks
            text, self._pending = self._pending, None
            self._send(text)

    # ---- chips ---------------------------------------------------------------------------------

    def _show_chips(self) -> None:
        m = self.measurement
        fresh = m is not None and m.budget.files == len(self.files())
        counts: dict[str, int] = {}
        if m is not None and fresh:
            counts = {f.key: n for f, n in zip(self.files(), m.file_tokens)}
        estimated = bool(m and m.budget.estimated)
        seen: set[str] = set()
        chips: list[ChipInfo] = []
        total = 0
        for a in self.attachments:
            mine = [f for f in a.files if f.key not in seen]
            seen.update(f.key for f in mine)
            tokens = sum(counts[f.key] for f in mine) if all(f.key in counts for f in mine) else None
            total += tokens or 0
            n = len(a.files)
            detail = WORDS.chip_detail(n, a.is_folder, WORDS.tokens(tokens, estimated))
            listing = "\n".join(f"{f.rel}: {WORDS.tokens(counts.get(f.key), estimated)}" for f in a.files)
            skipped = "\n".join(self.tr("skipped {file}").format(file=WORDS.skip(s)) for s in a.skipped)
            chips.append(ChipInfo(a.label, detail, "\n".join(x for x in (listing, skipped) if x)))
        n_files = len(seen)
        summary = ""
        if chips:
            counted = WORDS.tokens(total if counts or not n_files else None, estimated)
            summary = f"{WORDS.files(n_files)} · {counted}"
        skips = skips_of(self.attachments)
        self.composer.attachments.set_chips(
            chips,
            summary,
            WORDS.skips(skips, limit=SKIPS_SHOWN),
            "\n".join(WORDS.skip(s) for s in skips),
        )

    # ---- sending -------------------------------------------------------------------------------

    def request_send(self, text: str) -> None:
        """Send, after checking the message fits (measured first when the numbers are stale)."""
        if self.chat.generating:
            return
        self.about_to_send.emit()
        if not self.chat.model_ready or self.facts is None:
            self.chat.send(text)  # says what is missing
            return
        made = self._request()
        if made is not None and self._surely_fits(made[1]):
            self._send(text)  # no need to wait for a count: even a byte per token fits
            return
        self._pending = text
        self.measure_now()

    def _surely_fits(self, r: MeasureRequest) -> bool:
        bound = upper_bound([m["content"] for m in r.messages])
        return Budget(r.n_ctx, bound, max_tokens=r.max_tokens, think_budget=r.think_budget).fits

    def _decide_pending(self) -> None:
        if self._pending is None or self.measurement is None:
            return
        text, self._pending = self._pending, None
        if self.measurement.budget.fits:
            self._send(text)
        else:
            self._offer(self.measurement)

    def _send(self, text: str) -> None:
        m = self.measurement if self._measured_key is not None and self._measured_key == self._key() else None
        if self.chat.send(compose(text, self.files())):
            self.sent.emit(m.budget.prompt if m is not None else 0)
            self.composer.overflow.hide()
            self.composer.meter.set_budget(None)
            self.attachments = []
            self.measurement = None
            self._show_chips()
            self.schedule()

    def _offer(self, m: Measurement) -> None:
        text, actions = WORDS.ways_out(m.budget, m.remedies)
        files = self.files()
        if len(files) > 1 and len(m.file_tokens) == len(files):  # one file: "Send without" says it
            ranked = sorted(zip(files, m.file_tokens, strict=True), key=lambda p: -p[1])[:LARGEST_SHOWN]
            fits, ways = WORDS.file_ways(m.budget, [(f.key, f.rel, n) for f, n in ranked])
            text, actions = f"{text} {fits}", ways + actions
        self.composer.overflow.offer(text, actions)  # the banner says it (its first button has the focus)

    def _on_banner(self, key: str) -> None:
        text = self.composer.edit.toPlainText()
        if key.startswith("drop:"):
            n = int(key.split(":")[1])
            self.chat.session.leave_out_turns(n)
            self.notice.emit(WORDS.turns_left_out(n))
            self.request_send(text)
        elif key.startswith("file:"):
            self._leave_out(key.removeprefix("file:"))
            self.request_send(text)
        elif key == "strip":
            self.attachments = []
            self._show_chips()
            self.request_send(text)
        elif key.startswith("reload:") and self.facts is not None:
            n_ctx = int(key.split(":")[1])
            self.notice.emit(WORDS.reloading(n_ctx))
            self.reload_requested.emit(self.facts.path, n_ctx)
        elif key == "anyway":
            self._send(text)
