"""The library entry point: files in, findings out (no printing, no exit codes).

    files ──load──▶ Document ──rules──▶ findings ──▶ LintResult

The CLI, the tests and the benchmarks all go through `lint_files`, so what is
measured and tested is what users run. Its findings are the rules' raw output:
filtering (suppression comments, per-path configuration, baseline, fail-on) is the
next stage, `filters.filter_findings`, which gets each file's suppression comments
from the result; `LintResult.filtered` records its outcome.

Large runs fan out over a process pool (`jobs`, see `pool.py`): forked workers share
the compiled rules, lint chunks of files, and one that gets stuck is replaced. The
serial and parallel paths share `lint_source` and the final sort, so their results
are identical. Each document has a time budget (`budget.py`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Mapping, Sequence

from . import budget
from .gc_tuning import fewer_collections
from .discover import SourceFile
from .engine.rules import Rule
from .engine.run import RunOptions, run_rules, run_with_profile
from .load import format_of, load_bytes, load_path
from .model import Document, Finding, Problem, Severity, Span
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
#: Called once per loaded document with the run's settings and the document's durability
#: profile (None unless the run builds one): `pmlint report` keeps each document's id,
#: tags and profile here, so a document is loaded once. A run with a collector hands it
#: the profile object instead of putting its JSON form in `LintResult.profiles`: the
#: collector's value is pickled by the pool, and a JSON round trip cost the parent 43 us
#: a document after the pool (0.43 s of a 10,000-document report). It must be picklable
#: (a module-level function or an instance of a module-level class), so a pool can send
#: it to its workers.
Collector = Callable[[Any, Any, Any], Any]
#: One file's outcome: its findings, the lines they point at, its suppressions, its
#: profile as JSON (None when it has none, or none was asked for), and what the
#: collector took from it, as a 1-tuple (None: no collector, or the file never loaded).
FileOutcome = tuple[list[Finding], list[str], FileSuppressions | None, dict[str, Any] | None, tuple[Any] | None]


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
    #: path → the document's durability profile as JSON; None unless asked (`check --profile`);
    #: empty with a collector (which gets the profile object, see Collector)
    profiles: Mapping[str, dict[str, Any]] | None = None
    #: path → what the run's collector took from the document; None without a collector
    collected: Mapping[str, Any] | None = None
    #: shown path → path on disk, for file names that are not UTF-8 (shown with `\xff`):
    #: SARIF percent-encodes the real bytes, so its URI names the file on disk
    real_paths: Mapping[str, str] = field(default_factory=dict)

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
    Each document has `settings.time_budget_seconds` (see `budget.py`); one that runs
    out of time gets a PM007 finding and the run goes on.
    `collect`: see Collector; its values land in `result.collected`.
    """
    workers = effective_jobs(len(files), jobs)
    if workers > 1:
        findings, sources, suppressions, profiles, collected = _lint_parallel(files, rules, options, workers, collect)
    else:
        findings, sources, suppressions, profiles, collected = _lint_chunk(files, rules, options, collect)
    findings.sort(key=Finding.sort_key)
    real_paths = {source.display: source.path for source in files if not _is_utf8(source.path)}
    return LintResult(tuple(source.display for source in files), tuple(findings), tuple(rules), sources,
                      suppressions, profiles=profiles if options.profiles else None,
                      collected=collected if collect is not None else None, real_paths=real_paths)


def _is_utf8(path: str) -> bool:
    """False for a name with bytes that are not UTF-8 (decoded to lone surrogates)."""
    try:
        path.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def _lint_chunk(files: Sequence[SourceFile], rules: Sequence[Rule], options: RunOptions,
                collect: Collector | None = None) -> Outcome:
    outcome: Outcome = ([], {}, {}, {}, {})
    for source in files:
        _gather(source, lint_source(source, rules, options, collect), outcome)
    return outcome


def _gather(source: SourceFile, file_outcome: FileOutcome, outcome: Outcome) -> None:
    """Add one file's outcome to the run's."""
    findings, sources, suppressions, profiles, collected = outcome
    found, lines, comments, profile, taken = file_outcome
    if comments is not None:
        suppressions[source.display] = comments
    if found or comments is not None:  # a suppression comment may become a finding (PM006, PM008)
        findings.extend(found)
        sources[source.display] = lines
    if profile is not None:
        profiles[source.display] = profile
    if taken is not None:
        collected[source.display] = taken[0]


#: Whether this process has linted a document (its first pays the start-up costs).
_warm = False


def lint_source(source: SourceFile, rules: Sequence[Rule], options: RunOptions,
                collect: Collector | None = None) -> FileOutcome:
    """One file's findings, the source lines they point at, its suppression comments and
    its profile (when asked for), within the time budget."""
    global _warm
    seconds = budget.seconds_for(options.settings, _size(source))
    for attempt in (1, 2):
        try:
            with budget.time_budget(seconds), fewer_collections():
                if source.refused:
                    document = refused_document(source)
                elif source.content is not None:  # standard input, already read
                    document = load_bytes(source.content, source.display, options.settings)
                else:
                    document = load_path(source.path, options.settings, display_path=source.display)
                found, profile = run_with_profile(document, rules, options)
            break
        except budget.BudgetExceeded as exceeded:
            if attempt == 1 and not _warm:
                # the first document of a process also pays for what every later one finds
                # ready (regexes compiled and modules imported on first use, a cold cache):
                # on a busy CI runner that alone ran out a 5-second budget on a 9 KB
                # postmortem. It is tried once more, warm; a document that is itself too
                # slow runs out again, and only then is it reported
                _warm = True
                continue
            _warm = True
            return out_of_time(source, f"the {seconds:g}-second budget ran out in stage `{exceeded.stage}`",
                               rules, options), [], None, None, None
    _warm = True
    comments = FileSuppressions.of(document) if document.suppressions else None
    lines = _quoted_lines(document.lines, found, document.suppressions) if found or comments else []
    shown = profile.to_json() if options.profiles and profile is not None and collect is None else None
    taken = (collect(document, options.settings, profile),) if collect is not None and not source.refused else None
    return found, lines, comments, shown, taken


def _size(source: SourceFile) -> int:
    """The document's size in bytes, for its time budget (0 when it cannot be read: the
    loader reports that)."""
    if source.content is not None:
        return len(source.content)
    try:
        return os.stat(source.path).st_size
    except (OSError, ValueError):
        return 0


def refused_document(source: SourceFile) -> Document:
    """A file the walk found but must not read (a symlink out of the linted folder)."""
    return Document(path=source.display, format=format_of(source.path), lines=[], data={},
                    problems=[Problem("outside-root", source.refused or "Not read", Span.point(1))])


def out_of_time(source: SourceFile, why: str, rules: Sequence[Rule], options: RunOptions) -> list[Finding]:
    """The PM007 finding (through the rule, so selection and severity apply) for a
    document that was not fully checked; its partial findings are dropped."""
    document = Document(path=source.display, format=format_of(source.path), lines=[], data={}, problems=[Problem(
        "time-budget", f"Not fully checked: {why} (settings.time_budget_seconds); split or simplify the document",
        Span.point(1))])
    return run_rules(document, rules, options)


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

#: How long past its own budget a worker may stay silent before it is killed: the budget's
#: timer normally fires first; this catches a worker stuck where no signal handler runs.
GRACE_SECONDS = 5.0


def _work(source: SourceFile) -> FileOutcome:
    assert _worker_options is not None
    return lint_source(source, _worker_rules, _worker_options, _worker_collect)


def _lint_parallel(files: Sequence[SourceFile], rules: Sequence[Rule], options: RunOptions, workers: int,
                   collect: Collector | None = None) -> Outcome:
    """The pool (`pool.py`): forked workers share the compiled rules through these module
    globals, set before the fork; a stuck or dead worker is replaced and its file reported."""
    global _worker_rules, _worker_options, _worker_collect
    from .pool import run_pool

    _worker_rules, _worker_options, _worker_collect = tuple(rules), options, collect
    largest = max((_size(source) for source in files), default=0)
    limit = budget.seconds_for(options.settings, largest) + GRACE_SECONDS
    chunk = max(1, min(CHUNK_FILES, -(-len(files) // (workers * 4))))

    def stuck(source: SourceFile, why: str) -> FileOutcome:
        return out_of_time(source, why, rules, options), [], None, None, None

    outcomes = run_pool(files, _work, workers, limit, stuck, chunk)
    outcome: Outcome = ([], {}, {}, {}, {})
    for source, file_outcome in zip(files, outcomes):
        _gather(source, file_outcome, outcome)
    return outcome
