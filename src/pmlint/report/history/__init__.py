"""Rendering `pmlint report` metrics: html (charts, needs `pmlint[report]`), markdown, json.

Each format is a module with `render(model, stream)`, imported only when chosen, so
Markdown and JSON never import the charting library.
"""

from __future__ import annotations

import importlib
from typing import Any, TextIO

FORMATS = {"html": "html", "markdown": "markdown", "json": "json_format"}


def render(fmt: str, model: dict[str, Any], stream: TextIO) -> None:
    importlib.import_module(f"{__name__}.{FORMATS[fmt]}").render(model, stream)


def default_format(output: str | None) -> str:
    """html when writing to a .html/.htm file, otherwise markdown."""
    if output and output.lower().endswith((".html", ".htm")):
        return "html"
    if output and output.lower().endswith(".json"):
        return "json"
    return "markdown"
