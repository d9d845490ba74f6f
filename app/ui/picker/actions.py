"""The picker's actions on the selected row: download (asking first when it is too large),
cancel, delete, use, add a file from the Hub, open a GGUF file; and what a download says.

A part of :class:`~app.ui.picker.dialog.ModelPicker` (a mixin); its sentences keep the dialog's
translation context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QProgressBar, QTreeWidget, QWidget

from app.core.models.catalog import Variant
from app.core.models.fit import Fit
from app.core.models.hardware import Hardware
from app.core.models.installed import installed_path
from app.ui.picker.add_from_hub import ask_for_hub_file
from app.ui.picker.card import progress_text
from app.ui.picker.endpoints_tab import EndpointsTab
from app.ui.picker.local_rows import local_of, remove, remove_label, remove_question
from app.ui.picker.remote_rows import remote_of
from app.ui.text.core_text import say
from app.ui.text.i18n import gb, translate
from app.ui.workers.downloads import DownloadManager, DownloadState, kept_text


class PickerActions:
    """The buttons under the picker's list, and download progress for the selected row."""

    if TYPE_CHECKING:
        hw: Hardware
        manager: DownloadManager
        tree: QTreeWidget
        status: QLabel
        progress: QProgressBar
        endpoints_tab: EndpointsTab
        model_chosen: Any
        remote_chosen: Any
        check_chosen: Any

        def window(self) -> QWidget: ...
        def accept(self) -> None: ...
        def refresh(self, *_: object) -> None: ...
        def selected_variant(self) -> Variant | None: ...
        def _fit(self, v: Variant) -> Fit: ...
        def _update_buttons(self) -> None: ...

    def _on_download(self) -> None:
        v = self.selected_variant()
        if v is None:
            return
        fit = self._fit(v)
        if (
            fit.verdict == "too_large"
            and QMessageBox.question(
                self.window(),
                translate("ModelPicker", "Too large for this machine"),
                translate(
                    "ModelPicker", "{model} {detail}: it will not run on this machine. Download {size} anyway?"
                ).format(model=f"{v.model.name} {v.quant}", detail=say(fit.detail), size=gb(v.size)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            != QMessageBox.StandardButton.Yes
        ):
            return
        repo = v.model.repos[0]
        self.manager.start(v.key, repo.id, v.files(repo), label=f"{v.model.name} {v.quant}")
        self.status.setText(translate("ModelPicker", "Downloading {model}…").format(model=f"{v.model.name} {v.quant}"))
        self._update_buttons()
        self.refresh()

    def _on_cancel(self) -> None:
        v = self.selected_variant()
        if v is not None:
            self.manager.cancel(v.key)

    def _on_delete(self) -> None:
        from app.core.models.installed import remove_variant

        local = local_of(self.tree.currentItem())
        if local is not None:
            if (
                QMessageBox.question(self.window(), remove_label(local), remove_question(local))
                == QMessageBox.StandardButton.Yes
            ):
                remove(local)
                self.refresh()
            return
        v = self.selected_variant()
        if v is None:
            return
        if (
            QMessageBox.question(
                self.window(),
                translate("ModelPicker", "Delete model"),
                translate("ModelPicker", "Delete {model} from this computer?").format(
                    model=f"{v.model.name} {v.quant}"
                ),
            )
            != QMessageBox.StandardButton.Yes
        ):
            return
        remove_variant(v)
        self.refresh()

    def _on_use(self, *_: object) -> None:
        remote = remote_of(self.tree.currentItem(), self.endpoints_tab.endpoints)
        if remote is not None:
            self.remote_chosen.emit(*remote)
            self.accept()
            return
        local = local_of(self.tree.currentItem())
        v = self.selected_variant()
        path = local.path if local is not None else installed_path(v) if v else None
        if path is not None:
            self.model_chosen.emit(str(path))
            self.accept()

    def _on_check(self) -> None:
        """Check this model…: the window loads the file if it is not the one in use."""
        local = local_of(self.tree.currentItem())
        v = self.selected_variant()
        path = local.path if local is not None else installed_path(v) if v else None
        if path is not None:
            self.check_chosen.emit(str(path))

    def _on_progress(self, key: str, st: DownloadState) -> None:
        v = self.selected_variant()
        if v is None or v.key != key or st.status != "running":
            return
        self.progress.show()
        self.progress.setRange(0, 1000)
        self.progress.setValue(int(1000 * st.done / st.total) if st.total else 0)
        self.status.setText(progress_text(st))

    def _after_download(self, *_: object) -> None:
        self.refresh()
        v = self.selected_variant()
        st = self.manager.states.get(v.key) if v else None
        if st is not None:
            self.status.setText(
                {
                    "done": translate("ModelPicker", "Downloaded and verified."),
                    "cancelled": translate("ModelPicker", "Cancelled.") + " " + kept_text(st),
                }.get(st.status, self.status.text())
            )

    def _on_failed(self, key: str, message: str) -> None:
        self.refresh()
        v = self.selected_variant()
        st = self.manager.states.get(key)
        if v is not None and v.key == key and st is not None:
            self.status.setText(
                translate("ModelPicker", "Download failed: {why}").format(why=say(message)) + " " + kept_text(st)
            )

    def _on_add_hf(self) -> None:
        choice = ask_for_hub_file(self.window())
        if choice is not None:
            self.manager.start(choice.key, choice.repo, choice.files, label=choice.files[0].rsplit("/", 1)[-1])
            self.status.setText(
                translate("ModelPicker", "Downloading {file} from {repo}…").format(
                    file=choice.files[0], repo=choice.repo
                )
            )

    def _on_open_file(self) -> None:
        from app.core.errors import R1DeskError
        from app.core.models.installed import import_gguf

        path, _ = QFileDialog.getOpenFileName(
            self.window(),
            translate("ModelPicker", "Open a GGUF model"),
            "",
            translate("ModelPicker", "GGUF models (*.gguf)"),
        )
        if not path:
            return
        try:
            import_gguf(path)
        except R1DeskError as e:
            QMessageBox.warning(self.window(), translate("ModelPicker", "This file cannot be used"), say(str(e)))
            return
        self.model_chosen.emit(path)
        self.accept()
