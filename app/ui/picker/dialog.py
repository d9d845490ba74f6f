"""The model picker: the catalog with fit badges, a model card, a memory picture, downloads.

A view over the core's catalog, fit and library, and the window's DownloadManager. Choosing an
installed file emits ``model_chosen(path)``; the window loads it. "On this computer" lists every
model file on this machine (``local_rows.py``). Offline, Download is disabled and says why; a
download of a file that is too large for this machine asks first. The "Endpoints" tab keeps
remote servers; their models join the list with a "remote: host" badge and emit
``remote_chosen(endpoint, model)``.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QWidget,
)

from app.core.models.catalog import Variant, load_catalog
from app.core.models.fit import ram_budget
from app.core.models.hardware import Hardware
from app.core.models.installed import installed_path
from app.core.models.load_config import LoadConfig
from app.ui.picker.actions import PickerActions
from app.ui.picker.card import catalog_card, check_html, fit_line, load_line, memory_marks
from app.ui.picker.catalog_rows import add_catalog_rows, key_of
from app.ui.picker.endpoints_tab import EndpointsTab
from app.ui.picker.fit_view import CONTEXTS, PickerFit
from app.ui.picker.layout import lay_out
from app.ui.picker.loaded_row import mark_loaded
from app.ui.picker.local_rows import (
    LOCAL_ROLE,
    add_local_rows,
    local_card,
    local_of,
    remove_label,
)
from app.ui.picker.memory_bar import MemoryBar
from app.ui.picker.remote_rows import REMOTE_ROLE, add_remote_rows, remote_card, remote_of
from app.ui.style.palette import PALETTES
from app.ui.text.core_text import say
from app.ui.text.i18n import QT_TRANSLATE_NOOP, gb
from app.ui.widgets.placement import place
from app.ui.workers.downloads import DownloadManager
from app.ui.workers.online import OnlineCheck

SIZES = [
    (QT_TRANSLATE_NOOP("ModelPicker", "any size"), 0),
    (QT_TRANSLATE_NOOP("ModelPicker", "under 5 GB"), 5 * 10**9),
    (QT_TRANSLATE_NOOP("ModelPicker", "under 10 GB"), 10 * 10**9),
    (QT_TRANSLATE_NOOP("ModelPicker", "under 20 GB"), 20 * 10**9),
]


class ModelPicker(PickerFit, PickerActions, QDialog):
    """Signals:
    model_chosen(str path): load this file.
    check_chosen(str path): check this file (MATH-500; the window loads it first if need be).
    remote_chosen(object Endpoint, str model): use this model on a remote server.

    The badges and the card judge each file as it would load (``config``, the general load
    settings, with a downloaded file's own remembered ones) on ``hardware`` as last probed;
    ``set_config`` and ``set_hardware`` bring them up to date.
    """

    model_chosen = Signal(str)
    remote_chosen = Signal(object, str)
    check_chosen = Signal(str)

    def __init__(
        self,
        hardware: Hardware,
        manager: DownloadManager,
        parent: QWidget | None = None,
        online: OnlineCheck | None = None,
        config: LoadConfig | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Choose a model"))
        place(self, QSize(1040, 640))
        self.hw = hardware
        self.config = config or LoadConfig()
        self.manager = manager
        self.catalog = load_catalog()
        self.n_ctx: int | None = None  # None: each file's configured context; 0: its native one
        self.rec = self._recommend()
        self.loaded_path = ""  # the model in use (``show_loaded``): marked, and the list opens on it
        self._opened_on_loaded = False
        self.online = online
        self.endpoints_tab = EndpointsTab(self)

        self.offline = QLabel(
            self.tr(
                "You are offline: downloading needs a connection to Hugging Face. Models on this computer still load."
            ),
            self,
        )
        self.offline.setObjectName("Offline")
        self.offline.setWordWrap(True)
        self.offline.setVisible(self._is_offline())
        self.machine = QLabel(self._machine_text(), self)
        self.machine.setObjectName("Muted")
        self.machine.setWordWrap(True)
        self.recommendation = QLabel(self)
        self.recommendation.setWordWrap(True)
        self.context = QComboBox(self)
        self.context.addItems([self.tr(c) for c, _ in CONTEXTS])
        self.context.setCurrentIndex(0)
        self.context.setAccessibleName(self.tr("Context length for the memory estimate"))
        self.fits_only = QCheckBox(self.tr("Fits this machine"), self)
        self.fits_only.setAccessibleDescription(self.tr("Hide the files that are too large for this machine"))
        self.size_filter = QComboBox(self)
        self.size_filter.addItems([self.tr(s) for s, _ in SIZES])
        self.size_filter.setAccessibleName(self.tr("Largest download size"))
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Model"), self.tr("Size"), self.tr("Memory"), self.tr("Fit"), ""])
        self.tree.setAccessibleName(self.tr("Models and their quantizations"))
        self.tree.setAccessibleDescription(
            self.tr("Arrow keys move through the list; Right opens a group; Enter loads an installed file")
        )
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        hdr = self.tree.header()
        for i in (0, 1, 2, 3, 4):  # names whole; a narrow dialog scrolls sideways rather than clip them
            hdr.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        hdr.setStretchLastSection(True)

        self.card_title = QLabel(self)
        self.card_title.setAccessibleName(self.tr("Selected model"))
        self.card_title.setWordWrap(True)
        f = self.card_title.font()
        f.setPointSize(f.pointSize() + 3)
        f.setBold(True)
        self.card_title.setFont(f)
        self.card = QLabel(self)
        self.card.setWordWrap(True)
        self.card.setTextFormat(Qt.TextFormat.RichText)
        self.card.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.card.setAccessibleName(self.tr("About the selected model"))
        self.bar = MemoryBar(self)
        self.fit_detail = QLabel(self)
        self.fit_detail.setWordWrap(True)
        self.fit_detail.setObjectName("Muted")
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Download progress"))
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Download status"))
        self.download = QPushButton(self.tr("Download"), self)
        self.cancel_dl = QPushButton(self.tr("Cancel download"), self)
        self.delete = QPushButton(self.tr("Delete"), self)
        self.use = QPushButton(self.tr("Load"), self)
        self.use.setDefault(True)
        self.check = QPushButton(self.tr("Check this model…"), self)
        self.check.setToolTip(self.tr("Measure its MATH-500 score here, beside the paper's figure"))
        self.add_hf = QPushButton(self.tr("Add from Hugging Face…"), self)
        self.open_file = QPushButton(self.tr("Open GGUF file…"), self)
        self.close_btn = QPushButton(self.tr("Close"), self)
        for b in (
            self.download,
            self.cancel_dl,
            self.delete,
            self.use,
            self.check,
            self.add_hf,
            self.open_file,
            self.close_btn,
        ):
            b.setAccessibleName(b.text().rstrip("…"))

        self.tabs, self.card_scroll = lay_out(self)
        self._connect_signals()
        self.refresh()

    def _connect_signals(self) -> None:
        self.context.currentIndexChanged.connect(self._on_context)
        self.fits_only.toggled.connect(self.refresh)
        self.size_filter.currentIndexChanged.connect(self.refresh)
        self.tree.currentItemChanged.connect(self._show_selected)
        self.tree.itemActivated.connect(self._on_use)
        self.download.clicked.connect(self._on_download)
        self.cancel_dl.clicked.connect(self._on_cancel)
        self.delete.clicked.connect(self._on_delete)
        self.use.clicked.connect(self._on_use)
        self.check.clicked.connect(self._on_check)
        self.add_hf.clicked.connect(self._on_add_hf)
        self.open_file.clicked.connect(self._on_open_file)
        self.close_btn.clicked.connect(self.reject)
        # Bound methods, not lambdas: the manager outlives the picker, and a lambda holding the
        # picker would keep it alive until exit (issue 17, item 13).
        self.manager.progress.connect(self._on_progress)
        self.manager.finished.connect(self._after_download)
        self.manager.failed.connect(self._on_failed)
        self.manager.cancelled.connect(self._after_download)
        self.endpoints_tab.changed.connect(self.refresh)
        if self.online is not None:
            self.online.changed.connect(self._on_online)
            self.online.check()

    # ---- the list ---------------------------------------------------------------------------------

    def _is_offline(self) -> bool:
        return self.online is not None and self.online.online is False

    def _on_online(self, online: bool) -> None:
        self.offline.setVisible(not online)
        self._update_buttons()

    def _badge_colour(self, verdict: str) -> QColor:
        """The fit badge's colour for the theme in use (each reads at 4.5:1 on the list)."""
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        return QColor(PALETTES["dark" if dark else "light"][f"badge_{verdict}"])

    def refresh(self, *_: object) -> None:
        selected = self.selected_variant()
        selected_key = selected.key if selected else key_of(self.tree.currentItem())
        current = self.tree.currentItem()
        local = current.data(0, LOCAL_ROLE) if current is not None else None
        remote = current.data(0, REMOTE_ROLE) if current is not None else None
        expanded = {
            top.text(0)
            for i in range(self.tree.topLevelItemCount())
            if (top := self.tree.topLevelItem(i)) is not None and top.isExpanded()
        }
        self.tree.clear()
        rec_key = self.rec.variant.key if self.rec else None
        self.recommendation.setText(
            "★ "
            + self.tr("Recommended for this machine: {model} ({size}).").format(
                model=f"<b>{self.rec.variant.model.name} {self.rec.variant.quant}</b>", size=gb(self.rec.variant.size)
            )
            + f" {say(self.rec.why)}"
            if self.rec
            else self.tr("No model in the catalog runs at a usable speed here; the smallest ones still work, slowly.")
        )
        add_catalog_rows(
            self.tree,
            self.catalog,
            self._fit,
            fits_only=self.fits_only.isChecked(),
            max_size=SIZES[self.size_filter.currentIndex()][1],
            rec_key=rec_key,
            open_groups=expanded,
            selected_key=selected_key,
            states=self.manager.states,
            colour=self._badge_colour,
        )
        add_local_rows(self.tree)
        add_remote_rows(self.tree, self.endpoints_tab.endpoints)
        loaded = mark_loaded(self.tree, self.loaded_path, self.endpoints_tab.endpoints)
        if loaded is not None and not self._opened_on_loaded:  # it opens on the model in use
            self._opened_on_loaded = True
            self.tree.setCurrentItem(loaded)
        elif local:
            self._select(local, LOCAL_ROLE)
        elif remote:
            self._select(remote, REMOTE_ROLE)
        else:
            self._select(selected_key or rec_key)

    def _select(self, key: str | None, role: int = Qt.ItemDataRole.UserRole) -> None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount() if top is not None else 0):
                child = top.child(j) if top is not None else None
                if child is not None and key is not None and child.data(0, role) == key:
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

    def show_loaded(self, path: str) -> None:
        """The model the window uses now (a file's path, or a remote "model @ base URL")."""
        self.loaded_path = path
        self.refresh()

    def select_key(self, key: str) -> None:
        self._select(key)

    # ---- the card ---------------------------------------------------------------------------------

    def _show_selected(self, *_: object) -> None:
        v = self.selected_variant()
        local = local_of(self.tree.currentItem())
        remote = remote_of(self.tree.currentItem(), self.endpoints_tab.endpoints)
        if remote is not None:
            self.card_title.setText(remote_card(*remote)[0])
            self.card.setText(remote_card(*remote)[1])
            self.bar.set_data(None, [])
            self.fit_detail.setText("")
            self.status.setText("")
            for b in (self.download, self.cancel_dl, self.delete, self.check):
                b.setEnabled(False)
            self.use.setEnabled(True)
            self.progress.hide()
            return
        if v is None:
            title, text = local_card(local) if local else ("", self.tr("Choose a quantization on the left."))
            if local:
                text += check_html(local.path)
            self.card_title.setText(title)
            self.card.setText(text)
            self.bar.set_data(None, [])
            self.fit_detail.setText("")
            self.status.setText("")  # nothing stale from another row
            self.progress.hide()
            for b in (self.download, self.cancel_dl):
                b.setEnabled(False)
            self.delete.setText(remove_label(local) if local else self.tr("Delete"))
            self.delete.setEnabled(local is not None)
            self.use.setEnabled(local is not None)
            self.check.setEnabled(local is not None)
            return
        self.delete.setText(self.tr("Delete"))
        ff = self._file_fit(v)
        title, text = catalog_card(v)
        text += check_html(installed_path(v), v.model.id)
        self.card_title.setText(title)
        self.card.setText(text)
        marks = [(self.tr("usable RAM"), ram_budget(self.hw)), *memory_marks(self.hw)]
        self.bar.set_data(ff.fit.memory, marks)
        self.fit_detail.setText("\n".join((fit_line(ff.fit), load_line(ff))))
        self._update_buttons()

    def _update_buttons(self) -> None:
        v = self.selected_variant()
        st = self.manager.states.get(v.key) if v else None
        running = bool(st and st.status == "running")
        installed = v is not None and installed_path(v) is not None
        offline = self._is_offline()
        self.download.setEnabled(v is not None and not installed and not running and not offline)
        self.download.setToolTip(self.tr("Unavailable offline") if offline else "")
        self.download.setAccessibleDescription(self.download.toolTip())
        ended = st is not None and st.status in ("cancelled", "failed")
        if ended:
            self.download.setText(self.tr("Resume download") if st and st.kept else self.tr("Retry download"))
        else:
            self.download.setText(self.tr("Download"))
        self.download.setAccessibleName(self.download.text())
        self.cancel_dl.setEnabled(running)
        self.delete.setEnabled(installed and not running)
        self.use.setEnabled(installed)
        self.check.setEnabled(installed)
        self.progress.setVisible(running)
        if not running and st is None:
            self.status.setText(
                self.tr("Installed.") if installed else self.tr("Downloading needs a connection.") if offline else ""
            )
