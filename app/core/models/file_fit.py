"""A catalog file's fit as it would really load: the general load settings, and for a downloaded
file its own remembered defaults and estimate correction (``model_defaults``). One function for
the picker's badges and cards and ``r1desk models``, so they agree with what a load does."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.core.models import model_defaults
from app.core.models.catalog import Variant
from app.core.models.fit import Fit, judge_variant
from app.core.models.hardware import Hardware
from app.core.models.installed import installed_path
from app.core.models.load_config import LoadConfig


@dataclass(frozen=True)
class FileFit:
    """Attributes:
    fit: the verdict at ``n_ctx``.
    config: how the file would load (``own``: its remembered defaults differ from the general ones).
    remembered: the file's entry (its last load's estimate and allocation), if any.
    """

    fit: Fit
    config: LoadConfig
    n_ctx: int
    own: bool
    remembered: model_defaults.Remembered | None


def variant_fit(
    v: Variant,
    hw: Hardware,
    base: LoadConfig,
    n_ctx: int | None = None,
    *,
    chosen: dict[str, Any] | None = None,
    size: int | None = None,
) -> FileFit:
    """``v``'s fit on ``hw`` at ``n_ctx`` tokens (None: the context its configuration gives),
    loaded as ``chosen`` (one load's choices), its remembered defaults, then ``base`` say."""
    path = installed_path(v)
    entry = model_defaults.remembered(path) if path is not None else None
    general, _ = model_defaults.apply(base, chosen or {}, None).checked()
    config, _ = model_defaults.apply(base, chosen or {}, entry).checked()
    ctx = n_ctx or config.context(v.model.context_length)
    fit = judge_variant(v, hw, ctx, config, size, entry.correction if entry is not None else 1.0)
    return FileFit(fit, config, ctx, config != general, entry)
