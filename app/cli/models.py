"""``r1desk models | pull | rm | import``: the catalog, this machine's fit, and downloads."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from app.cli.common import EXIT_INTERRUPTED, EXIT_OK
from app.cli.load_args import add_load_args, config_json, load_request
from app.cli.remote import add_endpoint_args, cmd_remote_models
from app.core.models import hf_cache, hub, model_defaults
from app.core.models.catalog import group_parts, load_catalog, quant_of
from app.core.models.file_fit import variant_fit
from app.core.models.fit import judge_variant, recommend
from app.core.models.hardware import Hardware


def add_commands(sub: Any) -> None:
    models = sub.add_parser(
        "models", help="list the R1 distills, their memory needs and fit for this machine (or a server's models)"
    )
    models.add_argument("--json", action="store_true", help="print JSON")
    add_load_args(models, placement=False)
    models.add_argument(
        "--online", action="store_true", help="refresh file sizes and checksums from Hugging Face first"
    )
    add_endpoint_args(models)
    models.set_defaults(func=cmd_models)

    pull = sub.add_parser("pull", help="download a model (resumes an interrupted download)")
    pull.add_argument("model", help="catalog id (r1-qwen-7b, r1-qwen-7b:Q8_0) or a Hugging Face repo id / URL")
    pull.add_argument(
        "--file", action="append", help="with a repo id: the .gguf file to get (repeatable); without: list them"
    )
    pull.set_defaults(func=cmd_pull)

    rm = sub.add_parser("rm", help="delete a downloaded model")
    rm.add_argument("model", help="catalog id[:QUANT] or a repo id with --file")
    rm.add_argument("--file", action="append")
    rm.set_defaults(func=cmd_rm)

    imp = sub.add_parser("import", help="add a local .gguf file (checked first)")
    imp.add_argument("path")
    imp.add_argument("--copy", action="store_true", help="copy it into the app's models folder")
    imp.set_defaults(func=cmd_import)


def _hardware() -> Hardware:
    """This machine now, with llama.cpp's devices (asked in a model process)."""
    from app.core.inference.load_policy import probe
    from app.core.inference.local_engine import LocalEngine

    with LocalEngine() as engine:
        return probe(engine)


def cmd_models(args: argparse.Namespace) -> int:
    if args.endpoint:
        return cmd_remote_models(args)
    from app.core.models.hub_sizes import cached_hub_sizes, refresh_hub_sizes, variant_size
    from app.core.models.installed import installed_path

    hw = _hardware()

    def warn(text: str) -> None:
        print(f"r1desk: {text}", file=sys.stderr)

    sizes = refresh_hub_sizes(warn) if args.online else cached_hub_sizes(warn)
    catalog = load_catalog()
    request = load_request(args)
    chosen = request.chosen()
    config, note = model_defaults.apply(request.base, chosen, None).checked()  # for files not downloaded
    n_ctx = config.context()
    rec = recommend(catalog, hw, n_ctx, config)
    rows: list[dict[str, Any]] = []
    for m in catalog:
        for v in m.variants:
            size, exact = variant_size(v, sizes)
            path = installed_path(v)
            ff = variant_fit(v, hw, request.base, chosen=chosen, size=size)
            fit, own, ctx = ff.fit, ff.config, ff.n_ctx
            correction = ff.remembered.correction if ff.remembered is not None else 1.0
            rows.append(
                {
                    "id": v.key,
                    "model": m.name,
                    "quant": v.quant,
                    "params": m.params,
                    "size": size,
                    "size_exact": exact,
                    "memory": fit.memory.total,
                    "memory_8k": judge_variant(v, hw, 8192, own, size, correction).memory.total,
                    "memory_native": judge_variant(v, hw, m.context_length, own, size, correction).memory.total,
                    "fit": fit.verdict,
                    "fit_label": fit.label,
                    "gpu_layers": fit.gpu_layers,
                    "tokens_per_s_estimate": fit.tokens_per_s,
                    "detail": fit.detail,
                    "installed": path is not None,
                    "path": str(path) if path else None,
                    "recommended": rec is not None and rec.variant.key == v.key,
                    "config": config_json(own, ctx),
                    "own_settings": ff.own,
                    "correction": correction,
                    "drafts": list(m.drafts),
                }
            )
    if args.json:
        json.dump(
            {
                "machine": hw.describe(),
                "memory": hw.memory_line(),
                "memory_source": hw.memory_source or None,
                "gpus": [
                    {
                        "name": g.name,
                        "device": g.device,
                        "backend": g.kind,
                        "total": g.total_bytes,
                        "free": g.free_bytes,
                    }
                    for g in hw.gpus
                ],
                "context": n_ctx,
                "config": config_json(config, n_ctx),
                "notes": [note] if note else [],
                "models": rows,
                "recommended": {"id": rec.variant.key, "why": rec.why} if rec else None,
            },
            sys.stdout,
            indent=2,
        )
        print()
        return EXIT_OK
    print(f"This machine: {hw.describe()}")
    print(hw.memory_line())
    if note:
        print(f"Note: {note}")
    print(f"Assumed load: {config.describe(n_ctx)}.")
    print(
        f"Memory at {n_ctx:,} tokens of context; ≈ marks catalog estimates"
        f"{'' if sizes else ' (run with --online for exact sizes)'}; * a downloaded file's own load settings.\n"
    )
    print(f"  {'model':28s} {'size':>9s} {'memory':>9s} {'speed':>9s}  fit")
    for r in rows:
        mark = "★" if r["recommended"] else " "
        inst = "  [installed]" if r["installed"] else ""
        star = "*" if r["own_settings"] else " "
        size_text = ("" if r["size_exact"] else "≈") + f"{r['size'] / 1e9:.1f} GB"
        speed = f"~{r['tokens_per_s_estimate']:.0f} t/s" if r["tokens_per_s_estimate"] else "-"
        print(
            f"{mark} {r['id']:28s} {size_text:>9s} {r['memory'] / 1e9:6.1f} GB{star}{speed:>9s}  {r['fit_label']}{inst}"
        )
    drafted = [m for m in catalog if m.drafts]
    if drafted:
        print("\nDraft models (--draft; each drafts tokens for the larger ones to verify in one batch):")
        for d in dict.fromkeys(x for m in drafted for x in m.drafts):
            print(f"  {d} for {', '.join(m.id for m in drafted if d in m.drafts)}")
    if rec:
        print(f"\n★ Recommended: {rec.variant.key} — {rec.why}\n  r1desk pull {rec.variant.key}")
    else:
        print("\nNo catalog model runs at a usable speed on this machine.")
    return EXIT_OK


class _ProgressPrinter:
    """A bar on a terminal, a line every few seconds otherwise."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self._last = 0.0

    def __call__(self, p: hub.DownloadProgress) -> None:
        now = time.monotonic()
        if not self.tty and now - self._last < 2.0 and p.done < p.total:
            return
        self._last = now
        pct = 100 * p.done / p.total if p.total else 0.0
        eta = f"{p.eta_s:.0f} s left" if p.eta_s is not None else ""
        line = f"{p.file.rsplit('/', 1)[-1]}: {p.done / 1e6:,.0f}/{p.total / 1e6:,.0f} MB ({pct:.0f}%) {p.speed_bps / 1e6:.1f} MB/s {eta}"
        if self.tty:
            bar = "#" * int(pct / 4)
            sys.stderr.write(f"\r[{bar:25s}] {line}\x1b[K")
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    def done(self) -> None:
        if self.tty:
            sys.stderr.write("\n")


def _targets(args: argparse.Namespace) -> list[tuple[str, list[str]]]:
    """(repo, files that download together): a catalog id comes from its first repository."""
    from app.core.models.catalog import find

    if "/" not in args.model:
        v = find(args.model)
        return [(v.model.repos[0].id, v.files())]
    repo = hub.parse_repo_id(args.model)
    return [(repo, group) for group in group_parts(args.file or [])]


def cmd_pull(args: argparse.Namespace) -> int:
    from app.core.errors import DownloadCancelled

    if "/" in args.model and not args.file:
        return _list_repo(args.model)
    targets = _targets(args)
    bar = _ProgressPrinter()
    try:
        for repo, files in targets:
            paths = hub.pull(repo, files, progress=bar)
            bar.done()
            print(paths[0])
    except KeyboardInterrupt:
        bar.done()
        print("r1desk: download stopped; `r1desk pull` again resumes it.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except DownloadCancelled:
        bar.done()
        raise
    return EXIT_OK


def _list_repo(repo_text: str) -> int:
    files = hub.list_gguf_files(repo_text)
    repo = files[0].repo
    hw = _hardware()
    from app.cli.load_args import general_config
    from app.core.models.fit import judge_config

    config, _ = general_config().checked()
    print(f"{repo}: GGUF files (pull one with --file NAME)")
    for group in group_parts([f.path for f in files]):
        size = sum(f.size or 0 for f in files if f.path in group)
        parts = f" ({len(group)} parts)" if len(group) > 1 else ""
        shape = _shape_guess(repo)
        fit = f"  {judge_config(shape, size, hw, config, config.context()).label}" if shape else ""
        print(f"  {group[0]}  {quant_of(group[0])}  {size / 1e9:.2f} GB{parts}{fit}")
    return EXIT_OK


def _shape_guess(repo: str) -> Any:
    """The catalog shape for a repo that publishes a catalog model, else None (fit unknown)."""
    for m in load_catalog():
        if any(r.id.lower() == repo.lower() for r in m.repos) or m.stem.lower() in repo.lower():
            return m.shape
    return None


def cmd_rm(args: argparse.Namespace) -> int:
    from app.core.errors import CatalogError
    from app.core.models.catalog import find
    from app.core.models.installed import remove_variant

    if "/" in args.model and not args.file:
        raise CatalogError("Name the file to delete with --file.")
    if "/" not in args.model:
        removed = remove_variant(find(args.model))  # from whichever repository it came
    else:
        removed = False
        for repo, files in _targets(args):
            for f in files:
                removed |= hf_cache.remove(repo, f)
    if not removed:
        print(f"r1desk: {args.model} is not downloaded.", file=sys.stderr)
        return 1
    print(f"Deleted {args.model}.")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from app.core.models.installed import import_gguf

    print(import_gguf(args.path, copy=args.copy))
    return EXIT_OK
