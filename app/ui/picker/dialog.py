"""The model picker: the catalog with fit badges, a model card, a memory picture, downloads.

A view over the core's catalog, fit and library, and the window's DownloadManager. Choosing an
installed file emits ``model_chosen(path)``; the window loads it. The "Endpoints" tab keeps
remote servers; their models join the list with a "remote: host" badge and emit
``remote_chosen(endpoint, model)``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.models.catalog import CatalogModel, Variant, load_catalog
from app.core.models.fit import DEFAULT_CONTEXT, Fit, judge_variant, ram_budget, recommend
from app.core.models.hardware import Hardware
from app.core.models.installed import installed_path
from app.ui.picker.endpoints_tab import EndpointsTab
from app.ui.picker.memory_bar import MemoryBar
from app.ui.picker.remote_rows import add_remote_rows, remote_card, remote_of
from app.ui.workers.downloads import DownloadManager, DownloadState

BADGE_COLOURS = {"gpu": "#16a34a", "partial": "#d97706", "cpu": "#2563eb", "too_large": "#dc2626"}
BADGE_TEXT = {"gpu": "GPU", "partial": "partial offload", "cpu": "CPU only", "too_large": "too large"}
CONTEXTS = [("8K context", 8192), ("32K context (R1's thinking)", DEFAULT_CONTEXT), ("native (128K)", 0)]
SIZES = [("any size", 0), ("under 5 GB", 5 * 10**9), ("under 10 GB", 10 * 10**9), ("under 20 GB", 20 * 10**9)]
BENCH_NAMES = {
    "aime24": "AIME 2024",
    "math500": "MATH-500",
    "livecodebench": "LiveCodeBench",
    "gpqa_diamond": "GPQA Diamond",
}


def _key(item: QTreeWidgetItem | None) -> str | None:
    """The variant key a row stands for (None for a model's header row)."""
    return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None


def badge_text(fit: Fit) -> str:
    if fit.verdict == "partial":
        return f"partial: {fit.gpu_layers}/{fit.layers} layers"
    return BADGE_TEXT[fit.verdict]


class ModelPicker(QDialog):
    """Signals:
    model_chosen(str path): load this file.
    remote_chosen(object Endpoint, str model): use this model on a remote server.
    """

    model_chosen = Signal(str)
    remote_chosen = Signal(object, str)

    def __init__(self, hardware: Hardware, manager: DownloadManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Choose a model")
        self.resize(1040, 640)
        self.hw = hardware
        self.manager = manager
        self.catalog = load_catalog()
        self.n_ctx = DEFAULT_CONTEXT
        self.rec = recommend(self.catalog, hardware, self.n_ctx)
        self.endpoints_tab = EndpointsTab(self)

        self.machine = QLabel(hardware.describe(), self)
        self.machine.setObjectName("Muted")
        self.machine.setWordWrap(True)
        self.recommendation = QLabel(self)
        self.recommendation.setWordWrap(True)
        self.context = QComboBox(self)
        self.context.addItems([c for c, _ in CONTEXTS])
        self.context.setCurrentIndex(1)
        self.context.setAccessibleName("Context length for the memory estimate")
        self.fits_only = QCheckBox("Fits this machine", self)
        self.size_filter = QComboBox(self)
        self.size_filter.addItems([s for s, _ in SIZES])
        self.size_filter.setAccessibleName("Largest download size")
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Model", "Size", "Memory", "Fit", ""])
        self.tree.setAccessibleName("Models and their quantizations")
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        hdr = self.tree.header()
        hdr.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for i in (1, 2, 3, 4):
            hdr.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)

        self.card_title = QLabel(self)
        f = self.card_title.font()
        f.setPointSize(f.pointSize() + 3)
        f.setBold(True)
        self.card_title.setFont(f)
        self.card = QLabel(self)
        self.card.setWordWrap(True)
        self.card.setTextFormat(Qt.TextFormat.RichText)
        self.card.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.bar = MemoryBar(self)
        self.fit_detail = QLabel(self)
        self.fit_detail.setWordWrap(True)
        self.fit_detail.setObjectName("Muted")
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.download = QPushButton("Download", self)
        self.cancel_dl = QPushButton("Cancel download", self)
        self.delete = QPushButton("Delete", self)
        self.use = QPushButton("Load", self)
        self.use.setDefault(True)
        self.add_hf = QPushButton("Add from Hugging Face…", self)
        self.open_file = QPushButton("Open GGUF file…", self)
        self.close_btn = QPushButton("Close", self)
        for b in (self.download, self.cancel_dl, self.delete, self.use, self.add_hf, self.open_file, self.close_btn):
            b.setAccessibleName(b.text().rstrip("…"))

        filters = QHBoxLayout()
        filters.addWidget(self.context)
        filters.addWidget(self.fits_only)
        filters.addWidget(self.size_filter)
        filters.addStretch(1)
        left = QWidget(self)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(filters)
        ll.addWidget(self.tree)
        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.addWidget(self.card_title)
        rl.addWidget(self.card)
        rl.addWidget(self.bar)
        rl.addWidget(self.fit_detail)
        rl.addStretch(1)
        rl.addWidget(self.progress)
        rl.addWidget(self.status)
        actions = QHBoxLayout()
        for b in (self.download, self.cancel_dl, self.delete, self.use):
            actions.addWidget(b)
        rl.addLayout(actions)
        split = QSplitter(self)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([600, 440])
        bottom = QHBoxLayout()
        bottom.addWidget(self.add_hf)
        bottom.addWidget(self.open_file)
        bottom.addStretch(1)
        bottom.addWidget(self.close_btn)
        models_page = QWidget(self)
        ml = QVBoxLayout(models_page)
        ml.addWidget(self.machine)
        ml.addWidget(self.recommendation)
        ml.addWidget(split, 1)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(models_page, "Models")
        self.tabs.addTab(self.endpoints_tab, "Endpoints")
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs, 1)
        lay.addLayout(bottom)
        self._connect_signals()
        self.refresh()

    def _connect_signals(self) -> None:
        self.context.currentIndexChanged.connect(self._on_context)
        self.fits_only.toggled.connect(lambda _: self.refresh())
        self.size_filter.currentIndexChanged.connect(lambda _: self.refresh())
        self.tree.currentItemChanged.connect(lambda *_: self._show_selected())
        self.tree.itemActivated.connect(lambda *_: self._on_use())
        self.download.clicked.connect(self._on_download)
        self.cancel_dl.clicked.connect(self._on_cancel)
        self.delete.clicked.connect(self._on_delete)
        self.use.clicked.connect(self._on_use)
        self.add_hf.clicked.connect(self._on_add_hf)
        self.open_file.clicked.connect(self._on_open_file)
        self.close_btn.clicked.connect(self.reject)
        self.manager.progress.connect(self._on_progress)
        self.manager.finished.connect(lambda *_: self._after_download())
        self.manager.failed.connect(self._on_failed)
        self.manager.cancelled.connect(lambda *_: self._after_download())
        self.endpoints_tab.changed.connect(self.refresh)

    # ---- the list ---------------------------------------------------------------------------------

    def _ctx_for(self, m: CatalogModel) -> int:
        return self.n_ctx or m.context_length

    def _on_context(self, i: int) -> None:
        self.n_ctx = CONTEXTS[i][1]
        self.rec = recommend(self.catalog, self.hw, self.n_ctx or DEFAULT_CONTEXT)
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected_variant()
        self.tree.clear()
        rec_key = self.rec.variant.key if self.rec else None
        self.recommendation.setText(
            f"★ Recommended for this machine: <b>{self.rec.variant.model.name} {self.rec.variant.quant}</b> "
            f"({self.rec.variant.size / 1e9:.1f} GB). {self.rec.why}"
            if self.rec
            else "No model in the catalog runs at a usable speed here; the smallest ones still work, slowly."
        )
        max_size = SIZES[self.size_filter.currentIndex()][1]
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for m in self.catalog:
            top = QTreeWidgetItem([f"{m.name.removeprefix('DeepSeek-')}  ({m.params_label})"])
            top.setToolTip(0, m.name)
            top.setData(0, Qt.ItemDataRole.UserRole, None)
            for v in m.variants:
                fit = judge_variant(v, self.hw, self._ctx_for(m))
                if self.fits_only.isChecked() and fit.verdict == "too_large":
                    continue
                if max_size and v.size > max_size:
                    continue
                installed = installed_path(v) is not None
                st = self.manager.states.get(v.key)
                state = "downloading" if st and st.status == "running" else "installed" if installed else ""
                star = "★ " if v.key == rec_key else ""
                it = QTreeWidgetItem(
                    [
                        f"{star}{v.quant}",
                        f"{v.size / 1e9:.1f} GB",
                        f"{fit.memory.total / 1e9:.1f} GB",
                        badge_text(fit),
                        state,
                    ]
                )
                it.setData(0, Qt.ItemDataRole.UserRole, v.key)
                it.setForeground(3, QBrush(QColor(BADGE_COLOURS[fit.verdict])))
                it.setToolTip(3, fit.detail)
                it.setToolTip(2, fit.detail)
                if v.key == rec_key:
                    for col in range(5):
                        it.setFont(col, bold)
                top.addChild(it)
            if top.childCount():
                self.tree.addTopLevelItem(top)
                if any(_key(top.child(i)) in (rec_key, selected and selected.key) for i in range(top.childCount())):
                    top.setExpanded(True)
        add_remote_rows(self.tree, self.endpoints_tab.endpoints)
        self._select(selected.key if selected else rec_key)

    def _select(self, key: str | None) -> None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount() if top is not None else 0):
                child = top.child(j) if top is not None else None
                if child is not None and _key(child) == key:
                    self.tree.setCurrentItem(child)
                    return
        self._show_selected()

    def selected_variant(self) -> Variant | None:
        it = self.tree.currentItem() if hasattr(self, "tree") else None
        key = it.data(0, Qt.ItemDataRole.UserRole) if it else None
        if not key:
            return None
        mid, quant = key.split(":")
        return next(m for m in self.catalog if m.id == mid).variant(quant)

    def select_key(self, key: str) -> None:
        self._select(key)

    # ---- the card ---------------------------------------------------------------------------------

    def _show_selected(self) -> None:
        v = self.selected_variant()
        remote = remote_of(self.tree.currentItem(), self.endpoints_tab.endpoints)
        if remote is not None:
            self.card_title.setText(remote_card(*remote)[0])
            self.card.setText(remote_card(*remote)[1])
            self.bar.set_data(None, [])
            self.fit_detail.setText("")
            self.status.setText("")
            for b in (self.download, self.cancel_dl, self.delete):
                b.setEnabled(False)
            self.use.setEnabled(True)
            self.progress.hide()
            return
        if v is None:
            self.card_title.setText("")
            self.card.setText("Choose a quantization on the left.")
            self.bar.set_data(None, [])
            self.fit_detail.setText("")
            for b in (self.download, self.cancel_dl, self.delete, self.use):
                b.setEnabled(False)
            return
        m = v.model
        fit = judge_variant(v, self.hw, self._ctx_for(m))
        bench = " · ".join(f"{BENCH_NAMES[k]} {val:g}" for k, val in m.benchmarks.items() if k in BENCH_NAMES)
        note = f"<br><i>{m.benchmarks_note}</i>" if m.benchmarks_note else ""
        self.card_title.setText(f"{m.name} · {v.quant}")
        self.card.setText(
            f"{m.good_for}<br><br><b>Base model</b> {m.base_model} · <b>Parameters</b> {m.params_label} · "
            f"<b>Licence</b> {m.licence}<br><b>Benchmarks</b> {bench}{note}<br>"
            f"<b>From</b> {m.repos[0].id}" + (f" ({v.parts} parts)" if v.parts > 1 else "")
        )
        gpu = self.hw.usable_gpu
        marks = [("usable RAM", ram_budget(self.hw))]
        if gpu is not None and not gpu.unified:
            marks.append((gpu.name, gpu.free_bytes))
        self.bar.set_data(fit.memory, marks)
        speed = f" About {fit.tokens_per_s:.0f} tokens/s (estimate)." if fit.tokens_per_s else ""
        self.fit_detail.setText(f"{fit.label[0].upper()}{fit.label[1:]}: {fit.detail}.{speed}")
        self._update_buttons()

    def _update_buttons(self) -> None:
        v = self.selected_variant()
        st = self.manager.states.get(v.key) if v else None
        running = bool(st and st.status == "running")
        installed = v is not None and installed_path(v) is not None
        self.download.setEnabled(v is not None and not installed and not running)
        self.download.setText("Resume download" if st and st.status in ("cancelled", "failed") else "Download")
        self.cancel_dl.setEnabled(running)
        self.delete.setEnabled(installed and not running)
        self.use.setEnabled(installed)
        self.progress.setVisible(running)
        if not running and st is None:
            self.status.setText("Installed." if installed else "")

    # ---- actions ----------------------------------------------------------------------------------

    def _on_download(self) -> None:
        v = self.selected_variant()
        if v is None:
            return
        repo = v.model.repos[0]
        self.manager.start(v.key, repo.id, v.files(repo))
        self.status.setText(f"Downloading {v.model.name} {v.quant}…")
        self._update_buttons()
        self.refresh()

    def _on_cancel(self) -> None:
        v = self.selected_variant()
        if v is not None:
            self.manager.cancel(v.key)

    def _on_delete(self) -> None:
        from app.core.models.installed import remove_variant

        v = self.selected_variant()
        if v is None:
            return
        if (
            QMessageBox.question(self, "Delete model", f"Delete {v.model.name} {v.quant} from this computer?")
            != QMessageBox.StandardButton.Yes
        ):
            return
        remove_variant(v)
        self.refresh()

    def _on_use(self) -> None:
        remote = remote_of(self.tree.currentItem(), self.endpoints_tab.endpoints)
        if remote is not None:
            self.remote_chosen.emit(*remote)
            self.accept()
            return
        v = self.selected_variant()
        path = installed_path(v) if v else None
        if path is not None:
            self.model_chosen.emit(str(path))
            self.accept()

    def _on_progress(self, key: str, st: DownloadState) -> None:
        v = self.selected_variant()
        if v is None or v.key != key or st.status != "running":
            return
        self.progress.show()
        self.progress.setRange(0, 1000)
        self.progress.setValue(int(1000 * st.done / st.total) if st.total else 0)
        eta = (
            f", {st.eta_s / 60:.0f} min left"
            if st.eta_s and st.eta_s > 90
            else (f", {st.eta_s:.0f} s left" if st.eta_s else "")
        )
        self.status.setText(f"{st.done / 1e9:.2f} of {st.total / 1e9:.2f} GB · {st.speed_bps / 1e6:.1f} MB/s{eta}")

    def _after_download(self) -> None:
        self.refresh()
        v = self.selected_variant()
        st = self.manager.states.get(v.key) if v else None
        if st is not None:
            self.status.setText(
                {
                    "done": "Downloaded and verified.",
                    "cancelled": "Cancelled; the bytes so far are kept and the download resumes from there.",
                }.get(st.status, self.status.text())
            )

    def _on_failed(self, key: str, message: str) -> None:
        self.refresh()
        v = self.selected_variant()
        if v is not None and v.key == key:
            self.status.setText(f"Download failed: {message} Press Resume download to try again.")

    def _on_add_hf(self) -> None:
        from app.core.errors import R1DeskError
        from app.core.models import hub
        from app.core.models.catalog import group_parts, quant_of

        text, ok = QInputDialog.getText(self, "Add from Hugging Face", "Repository id or URL (org/name):")
        if not ok or not text.strip():
            return
        try:
            files = hub.list_gguf_files(text)
        except R1DeskError as e:
            QMessageBox.warning(self, "Cannot list that repository", str(e))
            return
        repo = files[0].repo
        groups = group_parts([f.path for f in files])
        sizes = {f.path: f.size or 0 for f in files}
        labels = [
            f"{g[0]}  ({quant_of(g[0])}, {sum(sizes[p] for p in g) / 1e9:.2f} GB"
            + (f", {len(g)} parts)" if len(g) > 1 else ")")
            for g in groups
        ]
        choice, ok = QInputDialog.getItem(self, f"GGUF files in {repo}", "Download:", labels, 0, False)
        if ok:
            group = groups[labels.index(choice)]
            key = f"{repo}/{group[0]}"
            self.manager.start(key, repo, group)
            self.status.setText(f"Downloading {group[0]} from {repo}…")

    def _on_open_file(self) -> None:
        from app.core.errors import R1DeskError
        from app.core.models.installed import import_gguf

        path, _ = QFileDialog.getOpenFileName(self, "Open a GGUF model", "", "GGUF models (*.gguf)")
        if not path:
            return
        try:
            import_gguf(path)
        except R1DeskError as e:
            QMessageBox.warning(self, "This file cannot be used", str(e))
            return
        self.model_chosen.emit(path)
        self.accept()
