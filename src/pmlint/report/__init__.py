"""Reporting: the only stage that knows about output formats (findings → text, JSON, ...).

Each format is a module with `render(result, stream, context)`; they are imported
only when chosen, so a JSON run never pays for rich.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..lint import LintResult

FORMATS = {
    "text": "text",
    "json": "json_format",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "gitlab": "gitlab",
    "markdown": "markdown",
}


@dataclass(slots=True)
class ReportContext:
    color: bool | None = None          #: None: decide from the stream (terminal, NO_COLOR)
    root: Path = field(default_factory=Path.cwd)
    quiet: bool = False
    statistics: bool = False
    show_source: bool = True
    #: lowest severity that fails the run (`--fail-on`): JUnit marks only those findings as failures
    fail_on: str = "error"


def render(fmt: str, result: "LintResult", stream: TextIO, context: ReportContext) -> None:
    module = importlib.import_module(f"{__name__}.{FORMATS[fmt]}")
    module.render(result, stream, context)
