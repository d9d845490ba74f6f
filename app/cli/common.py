"""What every ``r1desk`` sub-command shares: exit codes and JSON output."""

from __future__ import annotations

import json
import sys
from typing import Any

EXIT_OK, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 130


def dump_json(obj: dict[str, Any]) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
