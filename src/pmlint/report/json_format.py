"""`--format json`: a stable, documented shape for scripts (see README, "JSON output").

Keys never change meaning within a `version`; new keys may be added.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, TextIO

from .. import __version__

if TYPE_CHECKING:
    from ..lint import LintResult
    from . import ReportContext

JSON_VERSION = 1
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029]")


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
    if result.profiles is not None:  # `check --profile`: path → durability profile
        document["profiles"] = dict(result.profiles)
    # JSON escapes C0 controls itself; C1 controls (\x9b is a terminal CSI) and the JS-breaking
    # line separators only ever occur inside strings, so escaping them keeps the output safe
    # to `cat` and to embed, and still loads to the same strings.
    stream.write(_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}",
                             json.dumps(document, indent=2, ensure_ascii=False)))
    stream.write("\n")
