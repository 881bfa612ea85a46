"""`--format json`: a stable, documented shape for scripts (see README, "JSON output").

Keys never change meaning within a `version`; new keys may be added.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from .. import __version__

if TYPE_CHECKING:
    from ..lint import LintResult
    from . import ReportContext

JSON_VERSION = 1


def finding_dict(finding: Any) -> dict[str, Any]:
    span = finding.span
    return {
        "path": finding.path,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "rule": finding.rule_id,
        "name": finding.rule_name,
        "category": finding.category,
        "severity": finding.severity.label,
        "message": finding.message,
        "fix": finding.fix,
        "pointer": finding.pointer,
    }


def render(result: "LintResult", stream: TextIO, context: "ReportContext") -> None:
    from ..model import Severity

    document = {
        "version": JSON_VERSION,
        "tool": {"name": "pmlint", "version": __version__},
        "summary": {
            "files": len(result.files),
            "findings": len(result.findings),
            "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING),
            "info": result.count(Severity.INFO),
        },
        "findings": [finding_dict(finding) for finding in result.findings],
    }
    json.dump(document, stream, indent=2, ensure_ascii=False)
    stream.write("\n")
