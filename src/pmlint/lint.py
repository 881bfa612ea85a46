"""The library entry point: files in, findings out (no printing, no exit codes).

    files ──load──▶ Document ──rules──▶ findings ──filter──▶ LintResult

The CLI, the tests and the benchmarks all go through `lint_files`, so what is
measured and tested is what users run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from .discover import SourceFile
from .engine.rules import Rule
from .engine.run import RunOptions, lint_document
from .load import load_path
from .model import Finding, Severity


@dataclass(slots=True)
class LintResult:
    files: list[str]
    findings: list[Finding]
    rules: Sequence[Rule]
    #: findings hidden by a baseline, per-path config and the like (for --statistics)
    hidden: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    def worst(self) -> Severity | None:
        return max((finding.severity for finding in self.findings), default=None)


def lint_files(files: Sequence[SourceFile], rules: Sequence[Rule], options: RunOptions) -> LintResult:
    """Lint every file; never raises for a file's content."""
    findings: list[Finding] = []
    sources: dict[str, list[str]] = {}
    for source in files:
        document = load_path(source.path, options.settings, display_path=source.display)
        found = lint_document(document, rules, options)
        if found:
            findings.extend(found)
            sources[document.path] = document.lines  # kept only where a code frame will be shown
    findings.sort(key=Finding.sort_key)
    return LintResult([source.display for source in files], findings, rules, extra={"sources": sources})
