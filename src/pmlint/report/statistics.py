"""`--statistics`: how many findings each rule reported, as a small table.

Printed to stderr after the reports, so it never corrupts a machine-readable format
on stdout (`--format sarif`, `json`, ...) and still shows in a terminal or CI log.
Sorted by count (highest first), then rule id: stable across runs.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..lint import LintResult


def statistics_text(result: "LintResult") -> str:
    counts = Counter(finding.rule_id for finding in result.findings)
    names = {finding.rule_id: finding.rule_name for finding in result.findings}
    severities = {finding.rule_id: finding.severity.label for finding in result.findings}
    lines = []
    for rule_id, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        lines.append(f"{count:>6}  {rule_id}  {severities[rule_id]:<7}  {names[rule_id]}")
    lines.append(f"{len(result.findings):>6}  total")
    baseline = result.baseline
    baselined = result.hidden_counts.baseline
    per_path = result.hidden_counts.per_path
    if baselined:
        lines.append(f"{baselined:>6}  hidden by the baseline")
    if per_path:
        lines.append(f"{per_path:>6}  hidden by per-path configuration")
    if baseline is not None and baseline.stale:
        lines.append(f"{baseline.stale:>6}  baseline entries no longer match (fixed): "
                     "run --write-baseline to shrink the baseline")
    return "\n".join(lines) + "\n"
