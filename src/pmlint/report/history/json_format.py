"""The JSON report: the metrics model as computed (`format: pmlint-report`, `version: 1`).

Stable: keys are only ever added within a version; a rename or removal bumps `version`.
Keys are written in a fixed order and incidents, items and groups are sorted, so two runs
over the same files and `--today` are byte-identical.
"""

from __future__ import annotations

import json
from typing import Any, TextIO


def render(model: dict[str, Any], stream: TextIO) -> None:
    json.dump(model, stream, indent=2, ensure_ascii=False)
    stream.write("\n")
