"""`--format gitlab`: GitLab Code Quality report (a JSON array of issues).

Each issue has `description`, `check_name`, `fingerprint`, `severity`,
`location.path` (relative to the repository root) and `location.lines.begin`
(1-based). Fingerprints come from `pmlint.fingerprint`: unique per finding (GitLab
collapses issues that share one) and stable across edits above the finding.

Severity: error → major, warning → minor, info → info.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from ..lint import LintResult
    from . import ReportContext

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def issues(result: "LintResult", context: "ReportContext") -> list[dict[str, Any]]:
    from ..fingerprint import fingerprints
    from ..repo import relative_to_root

    out: list[dict[str, Any]] = []
    for finding, fingerprint in zip(result.findings, fingerprints(result.findings, context.root)):
        span = finding.span
        issue: dict[str, Any] = {
            "type": "issue",
            "engine_name": "pmlint",
            "check_name": finding.rule_id,
            "description": f"{finding.rule_id} {finding.rule_name}: {finding.message}",
            "fingerprint": fingerprint,
            "severity": SEVERITIES[finding.severity.label],
            "location": {
                "path": relative_to_root(finding.path, context.root),
                "lines": {"begin": max(1, span.line), "end": max(1, span.line, span.end_line)},
            },
        }
        if finding.fix:
            issue["content"] = {"body": " ".join(finding.fix.split())}
        out.append(issue)
    return out


def render(result: "LintResult", stream: TextIO, context: "ReportContext") -> None:
    json.dump(issues(result, context), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
