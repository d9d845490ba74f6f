"""The API loads a model the way it was last loaded (issue 26; LM Studio's API ignoring its
per-model defaults is lmstudio-bug-tracker #1463): a request that names a model whose file
remembers a context and flash attention gets them, and what the server was started with for
every load (``r1desk serve --ctx``) still wins."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.core.inference.gate import EngineGate
from app.core.inference.load_policy import LoadRequest
from app.core.models import model_defaults
from app.core.models.installed import import_gguf
from app.core.models.load_config import LoadConfig
from app.server.config import ServerConfig
from app.server.runner import Server
from app.server.service import ApiService
from tests.server.conftest import post
from tests.support.tiny_model import gbnf_literal


def ask(engine: Any, model: Path, request: LoadRequest) -> None:
    server = Server(ApiService(EngineGate(engine), lambda: request), ServerConfig(port=0))
    server.start()
    try:
        body = {
            "model": model.name,
            "messages": [{"role": "user", "content": "Hi"}],
            "grammar": gbnf_literal("Hm.\n</think>\n\nHello."),
        }
        status, _, answer = post(f"{server.url}/chat/completions", body)
        assert status == 200, answer
    finally:
        server.stop()


def test_a_request_loads_the_model_with_its_remembered_defaults(engine: Any, tiny_model: Path, tmp_path: Path) -> None:
    model = tmp_path / "remembered.gguf"
    model.write_bytes(tiny_model.read_bytes())
    import_gguf(model)
    general = LoadConfig(n_ctx=4096, flash_attn="auto")
    model_defaults.remember(model, model_defaults.Remembered(LoadConfig(n_ctx=1024, flash_attn="off"), general))
    ask(engine, model, LoadRequest(base=general))
    assert engine.facts.path == str(model.resolve())
    assert (engine.facts.n_ctx, engine.params.flash_attn, engine.facts.flash_attn) == (1024, "off", False)
    # the server's own options (``serve --ctx 2048``) apply to every load, over the file's
    engine.unload()
    ask(engine, model, LoadRequest(n_ctx=2048, base=general))
    assert engine.facts.n_ctx == 2048 and engine.params.flash_attn == "off"
    entry = model_defaults.remembered(model)
    assert entry is not None and entry.config.n_ctx == 2048 and entry.used > 0  # and this load is remembered
