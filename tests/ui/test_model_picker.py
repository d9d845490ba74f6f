"""The model picker, downloads from the fake Hub, the welcome screen and the settings dialog."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.core.chats.store import Store
from app.core.models.hardware import GPU, Hardware
from app.core.settings import Settings, load_settings, settings_path
from app.ui.picker.dialog import ModelPicker
from app.ui.render.markdown import LIGHT
from app.ui.settings.dialog import SettingsDialog
from app.ui.window.main_window import MainWindow
from app.ui.workers.downloads import DownloadManager
from app.ui.workers.generation import GenerationWorker
from tests.support.fake_engine import FakeEngine
from tests.support.fake_hub import FakeHub

GB = 10**9
REPO = "bartowski/DeepSeek-R1-Distill-Qwen-1.5B-GGUF"
FILE = "DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf"
KEY = "r1-qwen-1.5b:Q4_K_M"


def machine(ram_gb: float, vram_gb: float | None = None, cores: int = 8) -> Hardware:
    gpus = (GPU("Test GPU", int(vram_gb * GB), int(vram_gb * GB), "CUDA"),) if vram_gb else ()
    return Hardware(
        int(ram_gb * GB), int(ram_gb * GB), "Test CPU", cores, cores * 2, gpus, "CUDA" if gpus else "CPU", bool(gpus)
    )


@pytest.fixture()
def hub(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, tiny_model: Path) -> Iterator[FakeHub]:
    with FakeHub() as h:
        h.add(REPO, {FILE: tiny_model.read_bytes()})
        monkeypatch.setenv("HF_ENDPOINT", h.url)
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
        monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
        yield h


def rows(picker: ModelPicker) -> dict[str, tuple[str, ...]]:
    out = {}
    for i in range(picker.tree.topLevelItemCount()):
        top = picker.tree.topLevelItem(i)
        for j in range(top.childCount()):
            it = top.child(j)
            out[it.data(0, Qt.ItemDataRole.UserRole)] = tuple(it.text(c) for c in range(5))
    return out


def test_fit_badges_on_a_small_and_a_large_machine(qtbot, hub) -> None:
    small = ModelPicker(machine(8, cores=4), DownloadManager())
    qtbot.addWidget(small)
    r = rows(small)
    assert r["r1-llama-70b:Q4_K_M"][3] == "too large" and r["r1-qwen-1.5b:Q4_K_M"][3] == "CPU only"
    assert small.selected_variant().model.id == "r1-qwen-1.5b"  # the recommendation is preselected
    assert "Recommended" in small.recommendation.text() and any(v[0].startswith("★") for v in r.values())
    assert "needs" in small.tree.findItems("★", Qt.MatchFlag.MatchStartsWith | Qt.MatchFlag.MatchRecursive)[0].toolTip(
        3
    )
    big = ModelPicker(machine(128, vram_gb=80), DownloadManager())
    qtbot.addWidget(big)
    r = rows(big)
    assert r["r1-llama-70b:Q4_K_M"][3] == "GPU" and big.selected_variant().model.id == "r1-llama-70b"
    assert r["r1-qwen-32b:Q8_0"][3] == "GPU"
    mid = ModelPicker(machine(64, vram_gb=12), DownloadManager())
    qtbot.addWidget(mid)
    assert rows(mid)["r1-qwen-14b:Q4_K_M"][3].startswith("partial: ")


def test_filters_and_context(qtbot, hub) -> None:
    p = ModelPicker(machine(16), DownloadManager())
    qtbot.addWidget(p)
    p.fits_only.setChecked(True)
    assert all(v[3] != "too large" for v in rows(p).values())
    p.size_filter.setCurrentIndex(1)  # under 5 GB
    assert all(float(v[1].split()[0]) < 5 for v in rows(p).values())
    before = rows(p)[KEY][2]
    p.context.setCurrentIndex(1)  # 8K (0: the load settings' 32K): less memory for the KV cache
    assert float(rows(p)[KEY][2].split()[0]) < float(before.split()[0])


def test_pick_download_verify_load_and_chat(qtbot, hub, tmp_path: Path) -> None:
    w = MainWindow(Store(tmp_path / "c.sqlite3"), Settings(context_length=1024), LIGHT)  # the real engine
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w._backend is not None, timeout=60_000)
    w.hardware = machine(16)
    w.open_picker()
    p = w.picker
    p.select_key(KEY)
    assert p.download.isEnabled() and not p.use.isEnabled()
    p.download.click()
    qtbot.waitUntil(lambda: p.status.text() == "Downloaded and verified.", timeout=60_000)
    assert rows(p)[KEY][4] == "installed" and p.use.isEnabled()
    p.use.click()
    qtbot.waitUntil(lambda: w.controller.model_ready, timeout=60_000)
    # the catalog's name for a catalog file, not the file's own general.name (issue 17, item 10)
    assert w.status_bar.model_text().startswith("DeepSeek-R1-Distill-Qwen-1.5B")
    w.close()


def test_cancel_then_resume_in_the_picker(qtbot, hub) -> None:
    hub.faults.chunk = 8 * 1024
    # The file waits at 64 KB while the test cancels; released, one more chunk goes out before
    # it waits again (until the client hangs up), so the cancel lands midway on any machine.
    hub.faults.hold_at[FILE] = [64 * 1024, 72 * 1024]
    mgr = DownloadManager()
    p = ModelPicker(machine(16), mgr)
    qtbot.addWidget(p)
    p.select_key(KEY)
    p.download.click()
    qtbot.waitUntil(lambda: hub.holding and p.cancel_dl.isEnabled(), timeout=60_000)
    p.cancel_dl.click()
    hub.release()  # the transfer sees the cancel at its next chunk
    qtbot.waitUntil(lambda: p.download.text() == "Resume download", timeout=60_000)
    assert "Cancelled" in p.status.text()
    p.download.click()
    qtbot.waitUntil(lambda: p.status.text() == "Downloaded and verified.", timeout=60_000)
    last = [r for r in hub.responses if r["name"] == FILE][-1]
    assert str(last["range"]).startswith("bytes=") and last["range"] != "bytes=0-"


def test_failed_download_says_why_and_offers_retry(qtbot, hub) -> None:
    hub.faults.wrong_bytes.add(FILE)
    mgr = DownloadManager()
    p = ModelPicker(machine(16), mgr)
    qtbot.addWidget(p)
    p.select_key(KEY)
    p.download.click()
    qtbot.waitUntil(lambda: "failed" in p.status.text(), timeout=60_000)
    # the wrong file was deleted: nothing to resume from, and the status says so (issue 17, item 5)
    assert "checksum" in p.status.text() and p.download.text() == "Retry download" and p.download.isEnabled()
    assert "Nothing was downloaded" in p.status.text()


def test_welcome_screen_on_first_run(qtbot, hub, tmp_path: Path, tiny_model: Path) -> None:
    w = MainWindow(Store(tmp_path / "c.sqlite3"), Settings(), LIGHT, GenerationWorker(FakeEngine()))  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w.hardware = machine(8, cores=4)
    w.show()
    qtbot.waitUntil(lambda: w.chat.empty.welcome.isVisible(), timeout=60_000)
    assert "DeepSeek-R1-Distill-Qwen-1.5B" in w.chat.empty.welcome.text()
    assert w.chat.empty.download.isVisible()
    rec = w.first_run.recommended.variant
    hub.add(REPO, {rec.files()[0]: tiny_model.read_bytes()})  # serve whichever quant was recommended
    w.chat.empty.download.click()  # download, verify, then load: the chat is ready
    qtbot.waitUntil(lambda: w.controller.model_ready, timeout=60_000)
    w.close()


def test_welcome_offline(qtbot, hub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    w = MainWindow(Store(tmp_path / "c.sqlite3"), Settings(), LIGHT, GenerationWorker(FakeEngine()))  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w.hardware = machine(8)
    w.show()
    qtbot.waitUntil(lambda: w.chat.empty.welcome.isVisible(), timeout=60_000)
    # the pick stays in view, Download is disabled and the reason is said (issue 17, item 3)
    empty = w.chat.empty
    assert "offline" in empty.offline.text() and empty.offline.isVisible()
    assert empty.download.isVisible() and not empty.download.isEnabled()
    assert empty.open.isVisible() and "DeepSeek-R1-Distill-Qwen-1.5B" in empty.welcome.text()
    w.close()


def test_settings_are_validated_and_saved(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    d = SettingsDialog(Settings())
    qtbot.addWidget(d)
    d.flash.setCurrentIndex(d.flash.findData("off"))
    d.kv.setCurrentText("q8_0")  # needs flash attention
    d._on_ok()
    assert d.result_settings is None and "flash attention" in warnings[-1]
    d.flash.setCurrentIndex(d.flash.findData("on"))
    d.ctx.setValue(16384)
    d.pane.setCurrentIndex(1)
    d._on_ok()
    assert d.result_settings is not None and d.needs_reload()
    from app.core.settings import save_settings

    save_settings(d.result_settings)
    loaded, note = load_settings()
    assert note is None and (loaded.context_length, loaded.kv_cache_type, loaded.thinking_pane) == (
        16384,
        "q8_0",
        "open",
    )


def test_user_presets_from_the_settings_dialog(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    d = SettingsDialog(Settings())
    qtbot.addWidget(d)
    d.presets.preset_list.setCurrentRow(1)  # Math (read-only): saving under a new name makes a copy
    assert not d.presets.p_delete.isEnabled()
    d.presets.p_name.setText("My math")
    d.presets.p_temp.setValue(0.55)
    d.presets.p_save.click()
    from app.core.r1.presets import PresetError, get_preset

    p = get_preset("My math")
    assert p.sampling.temperature == 0.55 and "boxed" in p.instruction
    d.presets.p_delete.click()
    with pytest.raises(PresetError):
        get_preset("My math")


def test_corrupt_settings_file_is_backed_up_and_reset() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json")
    s, note = load_settings()
    assert s == Settings() and note and "moved" in note
    assert list(path.parent.glob("settings.json.bad-*"))


def test_server_slots_and_speculative_decoding_from_the_settings_dialog(qtbot) -> None:
    d = SettingsDialog(Settings())
    qtbot.addWidget(d)
    assert d.speculative.isChecked()
    d.server_tab.enabled.setChecked(True)
    d.server_tab.slots.setValue(2)
    d.speculative.setChecked(False)
    d._on_ok()
    s = d.result_settings
    assert s is not None and (s.server_slots, s.slots, s.speculative) == (2, 2, False)
    assert d.needs_reload(), "the KV cache is made for the slots at load time"
