"""The picker judges each file as it would load (issue 26): its badges follow the settings' KV
cache and flash attention, a downloaded file's own load settings, the free memory of the
latest probe; the card says which configuration it assumed, and the machine line where the GPU
figures came from. The settings dialog lists each model's remembered load and resets it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.core.chats.store import Store
from app.core.models import model_defaults
from app.core.models.hardware import GPU, Hardware
from app.core.models.load_config import LoadConfig
from app.core.models.model_defaults import Remembered
from app.core.settings import Settings
from app.ui.picker.dialog import ModelPicker
from app.ui.render.markdown import LIGHT
from app.ui.settings.dialog import SettingsDialog
from app.ui.window.main_window import MainWindow
from app.ui.workers import generation
from app.ui.workers.downloads import DownloadManager
from app.ui.workers.generation import GenerationWorker
from tests.support.fake_engine import FakeEngine

GB = 10**9
KEY = "r1-qwen-7b:Q4_K_M"


def machine(free_vram_gb: float, gpus: int = 1) -> Hardware:
    cards = tuple(
        GPU(f"Test GPU {i}", 24 * GB, int(free_vram_gb * GB), "Vulkan", device=f"Vulkan{i}") for i in range(gpus)
    )
    return Hardware(32 * GB, 30 * GB, "Test CPU", 8, 16, cards, "Vulkan", True, "llama.cpp")


def badge(p: ModelPicker, key: str = KEY) -> str:
    item = p.tree.findItems("", Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive)
    row = next(it for it in item if it.data(0, Qt.ItemDataRole.UserRole) == key)
    return row.text(3)


def test_the_badges_follow_the_settings_and_the_free_memory(
    qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    hw = machine(8)
    monkeypatch.setattr(generation, "probe", lambda engine: hw)  # the probe answers with this machine
    settings = Settings(flash_attn="off", kv_cache_type="f16")
    w = MainWindow(Store(tmp_path / "c.sqlite3"), settings, LIGHT, GenerationWorker(FakeEngine()))  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w.hardware = hw
    w.open_picker()
    p = w.picker
    p.select_key(KEY)
    # r1-qwen-7b Q4_K_M at 32K: 8.8 GB with f16 and no flash attention, more than 8 GB free
    assert badge(p).startswith("partial: ")
    assert "KV cache f16, flash attention off" in p.fit_detail.text()
    assert "GPU memory from llama.cpp" in p.machine.text() and "Vulkan0 8.0 GB" in p.machine.text()
    w.apply_settings(w.settings.with_(kv_cache_type="q4_0", flash_attn="on"))  # Settings ▸ Inference, OK
    assert badge(p) == "GPU"  # 5.6 GB now
    assert "KV cache q4_0, flash attention on" in p.fit_detail.text()
    # another program took GPU memory: the next probe's verdicts say so
    hw = machine(4)
    w.request_probe.emit()
    qtbot.waitUntil(lambda: badge(p).startswith("partial: "), timeout=60_000)
    # two such GPUs pool: every layer fits again, and the bar marks each GPU and their sum
    w._on_hardware(machine(4, gpus=2))
    assert badge(p) == "GPU"
    assert [name for name, _ in p.bar.marks] == ["usable RAM", "Vulkan0", "Vulkan1", "all GPUs"]
    w.close()


def test_a_downloaded_file_is_judged_with_its_own_load_settings(
    qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from app.core.models import file_fit

    installed = tmp_path / "DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf"
    installed.write_bytes(b"")
    monkeypatch.setattr(file_fit, "installed_path", lambda v: installed if v.key == KEY else None)
    own = LoadConfig(n_ctx=32768, type_k="q4_0", type_v="q4_0", flash_attn="on")
    general = LoadConfig(n_ctx=32768, flash_attn="off")
    model_defaults.remember(installed, Remembered(own, general, estimate=5_600_000_000, used=5_400_000_000))
    p = ModelPicker(machine(8), DownloadManager(), config=general)
    qtbot.addWidget(p)
    p.select_key(KEY)
    assert badge(p) == "GPU" and badge(p, "r1-qwen-7b:Q5_K_M").startswith("partial: ")
    assert "own load settings" in p.fit_detail.text()
    assert "Last load: estimated 5.6 GB, used 5.4 GB." in p.fit_detail.text()


def test_the_settings_dialog_shows_and_resets_each_model_s_load_settings(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b = tmp_path / "a.gguf", tmp_path / "b.gguf"
    general = LoadConfig(n_ctx=32768)
    model_defaults.remember(
        a, Remembered(LoadConfig(n_ctx=65536, type_k="q8_0", type_v="q8_0"), general, 6 * GB, 5 * GB)
    )
    model_defaults.remember(b, Remembered(general, general))
    d = SettingsDialog(Settings())
    qtbot.addWidget(d)
    box = d.model_defaults
    texts = [box.list.item(i).text() for i in range(box.list.count())]
    assert texts[0].startswith("a.gguf\nOwn settings: context 65,536 tokens, KV cache q8_0.")
    assert "Last load: estimated 6.0 GB, used 5.0 GB." in texts[0]
    assert texts[1] == "b.gguf\nLoads with the general settings."
    box.list.setCurrentRow(0)
    box.reset.click()
    assert box.list.count() == 1 and model_defaults.remembered(a) is not None, "only OK applies it"
    d._on_ok()
    assert model_defaults.remembered(a) is None and model_defaults.remembered(b) is not None
