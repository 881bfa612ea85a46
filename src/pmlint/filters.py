"""The filter stage after the engine: per-path configuration.

    engine findings ──per-path (select / extend-select / ignore / severity)──▶ findings

Kept out of the engine and out of `lint_files` on purpose: the engine runs the
union of every rule any file may need (`PerPath.engine_rules`), and this stage
decides, per file, which findings stand and at which severity. That keeps the
engine per-document and parallel-friendly, and keeps configuration policy here.

Per-path globs match the file's path relative to the configuration file's folder
(`config.glob_match`: a glob without `/` matches any path part). When several globs
match, they apply in the order written: `select` replaces the file's rule set,
`extend-select` adds to it, `ignore` removes from it, `severity` overrides (later
wins). The command line stays final, as for the top-level keys: `--select` replaces
per-path `select` and `extend-select` too (only per-path `ignore` and `severity` still
apply), `--extend-select` codes stay on, and `--ignore` codes stay off.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable, Sequence

from .config import Config, GlobSet, matches_code
from .model import Finding, Severity

INTERNAL_ERROR_ID = "PM009"


class PerPath:
    """Per-file rule selection and severity from the config's `per-path` table."""

    def __init__(self, config: Config, rules: Sequence[Any], enabled: Sequence[Any], *,
                 cli_select: bool = False, cli_extend_select: Iterable[str] = (),
                 cli_ignore: Iterable[str] = ()) -> None:
        self.config = config
        self.rules = list(rules)
        self.enabled_ids = {rule.id for rule in enabled}
        self.cli_select = cli_select
        self.cli_extend_select = list(cli_extend_select)
        self.cli_ignore = list(cli_ignore)
        self._cache: dict[str, tuple[set[str], dict[str, Severity]]] = {}
        #: each per-path glob compiled once, not once per file
        self._globs = [(GlobSet((pattern,)), overrides) for pattern, overrides in config.per_path.items()]
        self._root = config.root.resolve()
        self._check_codes()

    def _ids(self, codes: Iterable[str]) -> set[str]:
        return {rule.id for rule in self.rules for code in codes if matches_code(code, rule.id, rule.name)}

    def _check_codes(self) -> None:
        from .config import unknown_code
        from .model import join_pointer

        for pattern, overrides in self.config.per_path.items():
            entry = join_pointer("/per-path", pattern)
            for key in ("select", "extend-select", "ignore"):
                for index, code in enumerate(overrides.get(key, [])):
                    if not self._ids([code]):
                        raise self.config.error(unknown_code(code, f"`per-path.{pattern}.{key}`", self.rules),
                                                f"{entry}/{key}/{index}")
            for code in overrides.get("severity", {}):
                if not self._ids([code]):
                    raise self.config.error(unknown_code(code, f"`per-path.{pattern}.severity`", self.rules),
                                            join_pointer(f"{entry}/severity", code))

    @property
    def active(self) -> bool:
        return bool(self.config.per_path)

    def engine_rules(self, enabled: Sequence[Any]) -> list[Any]:
        """`enabled` plus any rule a per-path entry may turn on (the engine runs them all)."""
        if self.cli_select:
            return list(enabled)
        wanted = set(self.enabled_ids)
        for overrides in self.config.per_path.values():
            wanted |= self._ids(overrides.get("select", [])) | self._ids(overrides.get("extend-select", []))
        wanted -= self._ids(self.cli_ignore)
        return sorted((rule for rule in self.rules if rule.id in wanted), key=lambda rule: rule.id)

    def relative(self, path: str) -> str | None:
        """`path` relative to the config folder, or None when it lies outside it."""
        absolute = Path(os.path.abspath(path))
        try:
            return absolute.relative_to(self._root).as_posix()
        except ValueError:
            return None

    def for_file(self, path: str) -> tuple[set[str], dict[str, Severity]]:
        """(enabled rule ids, severity overrides) for one file."""
        cached = self._cache.get(path)
        if cached is not None:
            return cached
        enabled = set(self.enabled_ids)
        severity: dict[str, Severity] = {}
        relative = self.relative(path)
        if relative is not None:
            for glob, overrides in self._globs:
                if not glob.matches(relative):
                    continue
                if not self.cli_select:  # a command-line --select replaces per-path selections
                    if "select" in overrides:  # keeps the command line's --extend-select
                        enabled = self._ids(overrides["select"]) | (self._ids(self.cli_extend_select) & self.enabled_ids)
                    enabled |= self._ids(overrides.get("extend-select", []))
                enabled -= self._ids(overrides.get("ignore", []))
                for code, level in overrides.get("severity", {}).items():
                    for rule_id in self._ids([code]):
                        severity[rule_id] = Severity.parse(level)
        enabled -= self._ids(self.cli_ignore)
        self._cache[path] = (enabled, severity)
        return enabled, severity

    def apply(self, findings: Sequence[Finding]) -> tuple[list[Finding], int]:
        """(findings kept, with per-path severities; number dropped)."""
        if not self.active:
            return list(findings), 0
        kept: list[Finding] = []
        for finding in findings:
            enabled, severity = self.for_file(finding.path)
            if finding.rule_id not in enabled and finding.rule_id != INTERNAL_ERROR_ID:
                continue  # internal errors are never configured away: they mean a rule did not run
            level = severity.get(finding.rule_id)
            kept.append(replace(finding, severity=level) if level is not None else finding)
        return kept, len(findings) - len(kept)


def refine(result: Any, per_path: PerPath | None = None, baseline: str | Path | None = None) -> Any:
    """Apply per-path configuration, then the baseline, to a LintResult (in place).

    `result.hidden` counts what was dropped; `result.extra["baseline"]` records how
    many findings the baseline hid and how many of its entries are stale.
    """
    findings = list(result.findings)
    hidden = 0
    if per_path is not None:
        findings, dropped = per_path.apply(findings)
        hidden += dropped
        result.extra["per_path_hidden"] = result.extra.get("per_path_hidden", 0) + dropped
    if baseline is not None:
        from .baseline import apply_baseline

        outcome = apply_baseline(findings, baseline, result.files)
        findings = outcome.kept
        hidden += outcome.hidden
        result.extra["baseline"] = {"path": str(baseline), "hidden": outcome.hidden, "stale": outcome.stale}
    result.findings = findings
    result.hidden += hidden
    return result
