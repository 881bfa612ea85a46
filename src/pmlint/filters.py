"""The filter stage after the engine: one pure function from findings and a plan.

    engine findings ──suppression comments──per-path──baseline──fail-on──▶ FilterResult

`filter_findings(findings, plan)` is the only place a finding is hidden: inline
suppressions (`suppress.py`), per-path selection and severity (`PerPath`), the
baseline (read into the plan beforehand: no I/O here) and the fail-on threshold. It
never modifies its input; what it hid is counted in `FilterResult.hidden_counts`.

Per-path configuration:

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
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from .config import Config, GlobSet, matches_code, unknown_code
from .model import Finding, Severity, join_pointer
from .suppress import FileSuppressions, apply_suppressions

if TYPE_CHECKING:  # baseline.py costs ~9 ms of imports (hashing, atomic writes, git): only runs with one load it
    from .baseline import Baseline

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


@dataclass(frozen=True, slots=True)
class Hidden:
    """Findings the filter stage took out of the report, by reason."""

    suppressed: int = 0
    per_path: int = 0
    baseline: int = 0


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything the filter stage decides by, prepared beforehand (configuration read,
    baseline loaded), so `filter_findings` itself reads nothing and changes nothing."""

    #: the rules the engine ran (suppression comments may name them; PM006/PM008 come from them)
    rules: Sequence[Any] = ()
    #: (id, name) of every rule loaded, enabled or not (None: `rules`)
    known_rules: tuple[tuple[str, str], ...] | None = None
    #: path → the file's suppression comments; empty with --no-suppressions
    suppressions: Mapping[str, FileSuppressions] = field(default_factory=dict)
    per_path: PerPath | None = None
    baseline: Baseline | None = None
    #: the files linted (a baseline entry of one of them that matched nothing is stale)
    files: Sequence[str] = ()
    #: error | warning | info | never
    fail_on: str = "error"


@dataclass(frozen=True, slots=True)
class FilterResult:
    kept: tuple[Finding, ...]
    hidden_counts: Hidden
    #: baseline entries for linted files that matched no finding (fixed since)
    stale: int
    #: a kept finding is at or above `fail_on`: the run fails (exit 1)
    failed: bool


def filter_findings(findings: Sequence[Finding], plan: Plan) -> FilterResult:
    """Suppression comments, then per-path configuration, then the baseline, then fail-on."""
    kept: list[Finding] = []
    suppressed = 0
    by_path: dict[str, list[Finding]] = {path: [] for path in plan.suppressions}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    for path, found in by_path.items():
        facts = plan.suppressions.get(path)
        if facts is None:
            kept.extend(found)
            continue
        left, hidden = apply_suppressions(path, found, facts, plan.rules, plan.known_rules)
        kept.extend(left)
        suppressed += hidden
    kept.sort(key=Finding.sort_key)
    per_path = 0
    if plan.per_path is not None:
        kept, per_path = plan.per_path.apply(kept)
    baselined = stale = 0
    if plan.baseline is not None:
        from .baseline import apply_entries  # lazily: see the TYPE_CHECKING import above

        outcome = apply_entries(kept, plan.baseline, plan.files)
        kept, baselined, stale = outcome.kept, outcome.hidden, outcome.stale
    failed = plan.fail_on != "never" and any(finding.severity >= Severity.parse(plan.fail_on) for finding in kept)
    return FilterResult(tuple(kept), Hidden(suppressed, per_path, baselined), stale, failed)
