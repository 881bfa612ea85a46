"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

What GitHub reads, and what we give it:
- `tool.driver`: name, version, informationUri, and `rules` (every enabled rule plus
  any rule that reported) with id, name, short/full description, help text and
  markdown, default level, tags;
- one result per finding: ruleId, ruleIndex, level, message, a physical location
  whose `uri` is relative to the repository root (percent-encoded, forward slashes,
  `uriBaseId: %SRCROOT%`), or an absolute `file://` URI for a file outside the root,
  with a 1-based region, and `partialFingerprints` from
  `pmlint.fingerprint`, so GitHub keeps tracking an alert when lines move above it.

SARIF's `endColumn` is exclusive (the column after the region); pmlint spans are
inclusive, hence `end_column + 1`. Columns count Unicode code points (`columnKind`).
No timestamps, and no absolute paths for files in the repository: the same input gives
the same bytes.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from .. import __version__

if TYPE_CHECKING:
    from pathlib import Path

    from ..lint import LintResult
    from ..model import Finding
    from . import ReportContext

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/pmlint/pmlint"
FINGERPRINT_KEY = "pmlintFingerprint/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation"}
MAX_TAGS = 20


def _fold(text: str) -> str:
    return " ".join((text or "").split())


def rule_descriptor(rule: Any) -> dict[str, Any]:
    """A `reportingDescriptor` for one Rule object."""
    level = rule.severity.label
    summary = _fold(rule.summary) or rule.name
    rationale = _fold(rule.rationale) or summary
    fix = _fold(rule.fix)
    help_text = f"{rationale}\n\nFix: {fix}" if fix else rationale
    help_markdown = f"{rationale}\n\n**Fix:** {fix}\n\nRun `pmlint explain {rule.id}` for examples." if fix else rationale
    tags = [tag for tag in dict.fromkeys([rule.category, *getattr(rule, "tags", ())]) if tag][:MAX_TAGS]
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": rationale},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": LEVELS[level]},
        "properties": {"tags": tags, "precision": "high", "problem.severity": PROBLEM_SEVERITY[level]},
    }


def _fallback_descriptor(finding: "Finding") -> dict[str, Any]:
    """For a rule that reported but is not in the enabled set (e.g. an internal error)."""
    level = finding.severity.label
    return {
        "id": finding.rule_id,
        "name": finding.rule_name,
        "shortDescription": {"text": finding.rule_name},
        "fullDescription": {"text": finding.rule_name},
        "help": {"text": _fold(finding.fix or "") or finding.rule_name},
        "defaultConfiguration": {"level": LEVELS[level]},
        "properties": {"tags": [finding.category] if finding.category else []},
    }


def region(finding: "Finding") -> dict[str, int]:
    """1-based region; SARIF end columns are exclusive, pmlint's are inclusive."""
    span = finding.span
    start_line = max(1, span.line)
    start_column = max(1, span.column)
    end_line = max(start_line, span.end_line)
    end_column = span.end_column + 1
    if end_line == start_line:
        end_column = max(end_column, start_column + 1)
    return {"startLine": start_line, "startColumn": start_column, "endLine": end_line,
            "endColumn": max(1, end_column)}


def artifact_uri(relative_path: str) -> str:
    """A relative URI reference: percent-encode everything but the path separators. The
    path's bytes are encoded as they are on disk (RFC 3986 percent-encodes octets), so a
    file name that is not UTF-8 gives the URI of that very file (`%FF`), not of `\\xff`."""
    import os

    return quote(os.fsencode(relative_path), safe="/")


def artifact_location(path: str, root: "Path") -> dict[str, str]:
    """In the repository root: a relative `uri` with `uriBaseId: %SRCROOT%` (what code
    scanning matches on). Outside it: an absolute `file://` URI, since a `../../..` path
    relative to a root the file is not in means nothing to a consumer."""
    import os
    from pathlib import Path

    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(root.resolve() if root.is_absolute() else root.absolute())
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": artifact_uri(relative.as_posix()), "uriBaseId": "%SRCROOT%"}


def sarif_log(result: "LintResult", context: "ReportContext") -> dict[str, Any]:
    from ..fingerprint import fingerprints

    descriptors: list[dict[str, Any]] = [rule_descriptor(rule) for rule in sorted(result.rules, key=lambda r: r.id)]
    index = {descriptor["id"]: position for position, descriptor in enumerate(descriptors)}
    for finding in result.findings:
        if finding.rule_id not in index:
            index[finding.rule_id] = len(descriptors)
            descriptors.append(_fallback_descriptor(finding))
    results = []
    #: display path → the path on disk, for names that are not UTF-8 (shown as `\xff`)
    real_paths = getattr(result, "real_paths", {}) or {}
    for finding, fingerprint in zip(result.findings, fingerprints(result.findings, context.root)):
        results.append({
            "ruleId": finding.rule_id,
            "ruleIndex": index[finding.rule_id],
            "level": LEVELS[finding.severity.label],
            "message": {"text": finding.message or finding.rule_name},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": artifact_location(real_paths.get(finding.path, finding.path), context.root),
                    "region": region(finding),
                },
            }],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
            "properties": {"pointer": finding.pointer},
        })
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "pmlint", "version": __version__, "semanticVersion": __version__,
                            "informationUri": INFORMATION_URI, "rules": descriptors}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    profiles = result.profiles
    if profiles:  # `check --profile`: one artifact per postmortem, its profile in the property bag
        run["artifacts"] = [{"location": artifact_location(path, context.root),
                             "properties": {"pmlint_profile": profile}} for path, profile in profiles.items()]
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def render(result: "LintResult", stream: TextIO, context: "ReportContext") -> None:
    json.dump(sarif_log(result, context), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
