"""The library entry point: files in, findings out (no printing, no exit codes).

    files ──load──▶ Document ──rules──▶ findings ──▶ LintResult

The CLI, the tests and the benchmarks all go through `lint_files`, so what is
measured and tested is what users run. Its findings are the rules' raw output:
filtering (suppression comments, per-path configuration, baseline, fail-on) is the
next stage, `filters.filter_findings`, which gets each file's suppression comments
from the result; `LintResult.filtered` records its outcome.

Large runs fan out over a process pool (`jobs`); each worker receives the compiled
rules once, through the pool initializer, and lints chunks of files. The serial and
parallel paths share `_lint_chunk` and the final sort, so their results are identical.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Mapping, Sequence

from .discover import SourceFile
from .engine.rules import Rule
from .engine.run import RunOptions, run_with_profile
from .load import load_bytes, load_path
from .model import Finding, Severity
from .filters import FilterResult, Hidden
from .suppress import FileSuppressions

#: Below this many files a pool costs more (fork, pickling findings back) than it saves:
#: measured on 2 cores, one 4 KB file costs ~1.5 ms and starting a worker ~40 ms.
POOL_MIN_FILES = 200
#: Files per task: big enough to amortise the round trip, small enough to balance the load.
CHUNK_FILES = 64

#: A chunk's outcome: its findings, the source lines they point at, each file's
#: suppressions, (when asked for) each document's durability profile as JSON, and what
#: the optional collector took from each document.
Outcome = tuple[list[Finding], dict[str, list[str]], dict[str, FileSuppressions], dict[str, dict[str, Any]],
                dict[str, Any]]
#: Called once per loaded document with the run's settings (`pmlint report` keeps each
#: document's id and tags here, so a document is loaded once). It must be picklable (a
#: module-level function or an instance of a module-level class), so a pool can send it
#: to its workers.
Collector = Callable[[Any, Any], Any]


@dataclass(frozen=True, slots=True)
class BaselineSummary:
    path: str
    #: findings the baseline accepted
    hidden: int
    #: entries for linted files that matched nothing (fixed since)
    stale: int


@dataclass(frozen=True, slots=True)
class LintResult:
    """What a run found; every stage after the engine makes a new one (`filtered`)."""

    files: Sequence[str]
    findings: Sequence[Finding]
    rules: Sequence[Rule]
    #: path → its source lines, only those findings point at kept (others blank): code frames
    sources: Mapping[str, list[str]] = field(default_factory=dict)
    #: path → its `pmlint: disable` comments, for the filter stage (files that have any)
    suppressions: Mapping[str, FileSuppressions] = field(default_factory=dict)
    hidden_counts: Hidden = Hidden()
    baseline: BaselineSummary | None = None
    #: the `--changed-since` REF the files were chosen by
    changed_since: str | None = None
    #: path → the document's durability profile as JSON; None unless asked (`check --profile`)
    profiles: Mapping[str, dict[str, Any]] | None = None
    #: path → what the run's collector took from the document; None without a collector
    collected: Mapping[str, Any] | None = None

    @property
    def hidden(self) -> int:
        """Findings hidden by the baseline or per-path configuration (for --statistics)."""
        return self.hidden_counts.per_path + self.hidden_counts.baseline

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    def worst(self) -> Severity | None:
        return max((finding.severity for finding in self.findings), default=None)

    def filtered(self, outcome: FilterResult, baseline: str | None = None,
                 changed_since: str | None = None) -> LintResult:
        """This result with the filter stage's outcome: kept findings and hidden counts."""
        summary = BaselineSummary(baseline, outcome.hidden_counts.baseline, outcome.stale) if baseline else None
        return replace(self, findings=tuple(outcome.kept), hidden_counts=outcome.hidden_counts, baseline=summary,
                       changed_since=changed_since)


def default_jobs() -> int:
    """The CPU count this process may use (respects affinity masks in containers)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def effective_jobs(file_count: int, jobs: int | None) -> int:
    """How many processes to use: 1 unless there are enough files for a pool to pay."""
    wanted = default_jobs() if jobs is None or jobs <= 0 else jobs
    if wanted <= 1 or file_count < POOL_MIN_FILES:
        return 1
    return min(wanted, -(-file_count // CHUNK_FILES))


def lint_files(files: Sequence[SourceFile], rules: Sequence[Rule], options: RunOptions,
               jobs: int | None = 1, collect: Collector | None = None) -> LintResult:
    """Lint every file; never raises for a file's content.

    `jobs`: processes to use (None or 0: one per CPU); a pool is only started when
    there are at least POOL_MIN_FILES files. Findings come back sorted either way.
    `collect`: see Collector; its values land in `result.collected`.
    """
    workers = effective_jobs(len(files), jobs)
    if workers > 1:
        findings, sources, suppressions, profiles, collected = _lint_parallel(files, rules, options, workers, collect)
    else:
        findings, sources, suppressions, profiles, collected = _lint_chunk(files, rules, options, collect)
    findings.sort(key=Finding.sort_key)
    return LintResult(tuple(source.display for source in files), tuple(findings), tuple(rules), sources,
                      suppressions, profiles=profiles if options.profiles else None,
                      collected=collected if collect is not None else None)


def _lint_chunk(files: Sequence[SourceFile], rules: Sequence[Rule], options: RunOptions,
                collect: Collector | None = None) -> Outcome:
    findings: list[Finding] = []
    sources: dict[str, list[str]] = {}
    suppressions: dict[str, FileSuppressions] = {}
    profiles: dict[str, dict[str, Any]] = {}
    collected: dict[str, Any] = {}
    for source in files:
        if source.content is not None:  # standard input, already read
            document = load_bytes(source.content, source.display, options.settings)
        else:
            document = load_path(source.path, options.settings, display_path=source.display)
        found, profile = run_with_profile(document, rules, options)
        if document.suppressions:
            suppressions[document.path] = FileSuppressions.of(document)
        if found or document.suppressions:  # a suppression comment may become a finding (PM006, PM008)
            findings.extend(found)
            sources[document.path] = _quoted_lines(document.lines, found, document.suppressions)
        if options.profiles and profile is not None:
            profiles[document.path] = profile.to_json()
        if collect is not None:
            collected[document.path] = collect(document, options.settings)
    return findings, sources, suppressions, profiles, collected


def _quoted_lines(lines: list[str], findings: list[Finding], suppressions: Sequence[object] = ()) -> list[str]:
    """`lines` with only the lines findings point at kept (the rest blank).

    Keeps indexes and length intact for the reporters' code frames, while a run over
    thousands of files holds (and a worker sends back) a few lines per file, not all.
    """
    kept = [""] * len(lines)
    for finding in findings:
        span = finding.span
        for number in range(max(span.line, 1), min(span.end_line, span.line + 5, len(lines)) + 1):
            kept[number - 1] = lines[number - 1]
    for suppression in suppressions:  # the comment itself, where PM006/PM008 would point
        number = getattr(suppression, "line", 0)
        if 0 < number <= len(lines):
            kept[number - 1] = lines[number - 1]
    return kept


# -- the pool -----------------------------------------------------------------------------

_worker_rules: Sequence[Rule] = ()
_worker_options: RunOptions | None = None
_worker_collect: Collector | None = None


def _init_worker(rules: Sequence[Rule], options: RunOptions, collect: Collector | None = None) -> None:
    """Runs once per worker: keep the compiled rules for every chunk it lints."""
    global _worker_rules, _worker_options, _worker_collect
    _worker_rules, _worker_options, _worker_collect = rules, options, collect


def _work(files: Sequence[SourceFile]) -> Outcome:
    assert _worker_options is not None
    return _lint_chunk(files, _worker_rules, _worker_options, _worker_collect)


def _lint_parallel(files: Sequence[SourceFile], rules: Sequence[Rule], options: RunOptions, workers: int,
                   collect: Collector | None = None) -> Outcome:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork shares the already-compiled rules (and any functions registered in-process)
    # with the workers for free; elsewhere they are pickled once per worker.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    chunk = max(1, min(CHUNK_FILES, -(-len(files) // (workers * 4))))
    chunks = [files[start:start + chunk] for start in range(0, len(files), chunk)]
    findings: list[Finding] = []
    sources: dict[str, list[str]] = {}
    suppressions: dict[str, FileSuppressions] = {}
    profiles: dict[str, dict[str, Any]] = {}
    collected: dict[str, Any] = {}
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method),
                             initializer=_init_worker, initargs=(tuple(rules), options, collect)) as pool:
        for chunk_findings, chunk_sources, chunk_suppressions, chunk_profiles, chunk_collected in pool.map(
                _work, chunks):
            collected.update(chunk_collected)
            findings.extend(chunk_findings)
            sources.update(chunk_sources)
            suppressions.update(chunk_suppressions)
            profiles.update(chunk_profiles)
    return findings, sources, suppressions, profiles, collected
