"""Download throughput: R1 Desk's verified, resumable pull next to a plain HTTP read.

    .venv/bin/python -m tests.benchmarks.bench_download [--mb 256] [--rounds 3]

Both read the same file from the loopback fake Hub in one run; the pull also writes it to the
cache and hashes it (sha256). Two runs: the server paced like a fast home connection
(--rate-mbps, default 800 Mbit/s), which is where the goal pull / plain read >= 0.9 applies,
and unpaced loopback, where the pull's sha256 and disk write (single-core, ~1.4 GB/s each on the
reference machine) are the limit and the ratio only shows the cost of verifying.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
import urllib.request
from pathlib import Path

from app.core.models import hub as downloads
from tests.support.fake_hub import FakeHub

REPO, NAME = "bench/Bench-GGUF", "bench-Q4_K_M.gguf"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=int, default=256)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--rate-mbps", type=float, default=800.0)
    args = ap.parse_args()
    data = os.urandom(args.mb * 2**20)
    for rate in (args.rate_mbps * 1e6 / 8, 0.0):
        run(data, args.rounds, rate)


def run(data: bytes, rounds: int, rate: float) -> None:
    plain, pulled = [], []
    with FakeHub() as hub:
        hub.faults.chunk = 1 << 20
        hub.faults.rate_bps = rate
        hub.add(REPO, {NAME: data})
        os.environ["HF_ENDPOINT"] = hub.url
        os.environ.pop("HF_HUB_OFFLINE", None)
        url = f"{hub.url}/{REPO}/resolve/main/{NAME}"
        for _ in range(rounds):
            t = time.perf_counter()
            with urllib.request.urlopen(url) as r:
                while r.read(1 << 20):
                    pass
            plain.append(len(data) / (time.perf_counter() - t))

            cache = Path(tempfile.mkdtemp())
            t = time.perf_counter()
            downloads.pull(REPO, [NAME], cache=cache)
            pulled.append(len(data) / (time.perf_counter() - t))
            shutil.rmtree(cache)
    p, q = statistics.median(plain), statistics.median(pulled)
    link = f"server paced at {rate * 8 / 1e6:.0f} Mbit/s" if rate else "unpaced loopback"
    print(f"{len(data) / 2**20:.0f} MiB file, {link}, {rounds} rounds (median)")
    print(f"  plain HTTP read     {p / 1e6:8.0f} MB/s   (rounds: {', '.join(f'{x / 1e6:.0f}' for x in plain)})")
    print(
        f"  r1desk pull         {q / 1e6:8.0f} MB/s   (rounds: {', '.join(f'{x / 1e6:.0f}' for x in pulled)})"
        "  [metadata + write + sha256 + link]"
    )
    print(f"pull / plain = {q / p:.3f}   (goal >= 0.9)")


if __name__ == "__main__":
    main()
