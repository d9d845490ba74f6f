"""Check results on disk: one append-only JSONL file per model identity (``checks/<key>.jsonl``
in the data folder): a header line with the identity, then one line per finished sample, written
and flushed to disk as each sample ends. A stop, a crash or a kill loses at most the sample that
was running; a line cut short by a crash is dropped when the file is next opened.

Samples are keyed by problem and sample number, not by suite: the slices overlap (math500-20 lies
inside math500-50, both inside the full set), so what one run stored counts for every suite
that has the problem.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from app.core.checks.identity import ModelIdentity, checks_dir
from app.core.errors import CheckStoreError

VERSION = 1


@dataclass(frozen=True)
class SampleRecord:
    """One graded sample, as stored.

    Attributes:
        extracted: the boxed answer the app took from the model's answer (None: none was boxed).
        reference: the data file's answer.
        parsed: math-verify's reading of ``extracted`` ("" when it could not read it).
        seed: the sampling seed this sample used.
        tokens: generated tokens (reasoning and answer); ``seconds`` the time they took,
            prompt included.
        finish_reason: "stop", "length" (the token limit) or "loop" (the loop guard).
        answer: the text after the reasoning, for the record (the reasoning is not kept).
    """

    unique_id: str
    sample: int
    seed: int
    level: int
    subject: str
    extracted: str | None
    reference: str
    parsed: str
    correct: bool
    tokens: int
    reasoning_tokens: int
    seconds: float
    finish_reason: str
    answer: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "sample", **asdict(self)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SampleRecord:
        return cls(
            str(d["unique_id"]),
            int(d["sample"]),
            int(d["seed"]),
            int(d["level"]),
            str(d["subject"]),
            None if d.get("extracted") is None else str(d["extracted"]),
            str(d["reference"]),
            str(d.get("parsed", "")),
            bool(d["correct"]),
            int(d["tokens"]),
            int(d.get("reasoning_tokens", 0)),
            float(d["seconds"]),
            str(d.get("finish_reason", "stop")),
            str(d.get("answer", "")),
        )


def _read_lines(path: Path) -> Iterator[dict[str, Any]]:
    """The file's complete JSON lines (a last line cut short by a crash is left out)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return
    for line in data.split(b"\n"):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if isinstance(obj, dict):
            yield obj


class ResultFile:
    """The stored results of one model identity.

    Attributes:
        identity: what was measured.
        samples: the samples stored so far, by (unique_id, sample number).
    """

    def __init__(self, identity: ModelIdentity, folder: Path | None = None) -> None:
        self.identity = identity
        self.path = (folder or checks_dir()) / f"{identity.key}.jsonl"
        self.samples: dict[tuple[str, int], SampleRecord] = {}
        for obj in _read_lines(self.path):
            if obj.get("kind") == "sample":
                try:
                    rec = SampleRecord.from_dict(obj)
                except (KeyError, ValueError, TypeError):
                    continue
                self.samples.setdefault((rec.unique_id, rec.sample), rec)

    def has(self, unique_id: str, sample: int) -> bool:
        return (unique_id, sample) in self.samples

    def append(self, rec: SampleRecord) -> None:
        """Store one sample, on disk before this returns."""
        self._write(rec.to_dict())
        self.samples[(rec.unique_id, rec.sample)] = rec

    def _write(self, obj: dict[str, Any]) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fresh = not self.path.exists() or self.path.stat().st_size == 0
            with open(self.path, "ab") as f:
                if fresh:
                    header = {"kind": "header", "version": VERSION, "identity": self.identity.to_dict()}
                    f.write(json.dumps(header, ensure_ascii=False).encode() + b"\n")
                elif not self._ends_with_newline():
                    f.write(b"\n")  # after a line a crash cut short: start a clean one
                f.write(json.dumps(obj, ensure_ascii=False).encode() + b"\n")
                f.flush()
                os.fsync(f.fileno())
        except OSError as e:
            raise CheckStoreError(
                f"The check's result could not be saved to {self.path} ({e.strerror or e}); "
                "the samples saved before it are kept."
            ) from None

    def _ends_with_newline(self) -> bool:
        with open(self.path, "rb") as f:
            f.seek(-1, os.SEEK_END)
            return f.read(1) == b"\n"


def stored_results(folder: Path | None = None) -> list[ResultFile]:
    """Every results file in the data folder (what the picker's card shows beside the paper)."""
    out: list[ResultFile] = []
    base = folder or checks_dir()
    for path in sorted(base.glob("*.jsonl")) if base.is_dir() else []:
        header = next((o for o in _read_lines(path) if o.get("kind") == "header"), None)
        if header is None or not isinstance(header.get("identity"), dict):
            continue
        try:
            identity = ModelIdentity.from_dict(header["identity"])
        except (TypeError, ValueError):
            continue
        rf = ResultFile(identity, base)
        if rf.path == path and rf.samples:
            out.append(rf)
    return out


def set_aside(results: ResultFile) -> Path:
    """Move a results file out of the way (``--restart``); nothing is deleted."""
    target = results.path.with_name(f"{results.path.stem}.set-aside-{int(time.time())}.jsonl.old")
    try:
        results.path.replace(target)
    except OSError as e:
        raise CheckStoreError(
            f"The earlier results {results.path} could not be set aside ({e.strerror or e})."
        ) from None
    return target
