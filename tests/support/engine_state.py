"""Each test gets the model it names: a module's engine is shared (spawning costs a second), so a
test that loads another model must not leave it behind for the next test."""

from __future__ import annotations

from typing import TypeVar

from app.core.inference.events import LoadParams
from app.core.inference.local_engine import LocalEngine

E = TypeVar("E", bound=LocalEngine)


def ensure_loaded(engine: E, params: LoadParams) -> E:
    """Load ``params`` unless exactly that model, with exactly those settings, is loaded."""
    if not (engine.loaded and getattr(engine, "params", None) == params):
        engine.load(params)
    assert engine.params == params
    return engine
