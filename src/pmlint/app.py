"""The library entry points behind the commands: a request in, a result out.

    CheckRequest ──run_check──▶ config ─▶ rules ─▶ files ─▶ lint_files ─▶ filter ─▶ CheckResult

`cli.py` only turns options into a request, calls one of these functions and renders
what comes back (report, messages, exit code); a program or a test can call them the
same way, with no click involved (the import contract in pyproject.toml keeps click out
of everything but the CLI). Nothing here prints or exits: a usage or configuration
problem is a `PmlintError` (the CLI shows it in one line, exit 2).

Modules are imported inside the functions that need them, as the CLI did: `pmlint
rules` must not pay for the linting machinery, nor `pmlint check` for the history report.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, NamedTuple, Sequence

from .errors import PmlintError

if TYPE_CHECKING:
    from .config import Config
    from .discover import SourceFile
    from .engine.examples import ExampleOutcome
    from .engine.rules import Rule
    from .filters import FilterResult, Hidden, PerPath
    from .lint import LintResult
    from .model import Finding
    from .report import ReportContext


# -- check -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckRequest:
    """One `pmlint check` run, as the user asked for it (options already split into codes)."""

    #: files and folders; () is the current directory, ("-",) standard input
    paths: tuple[str, ...] = ()
    #: rule codes that replace the selection; None: not given (an empty tuple is a usage error)
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    preset: str | None = None
    #: error | warning | info | never; None: the configuration's
    fail_on: str | None = None
    config_path: str | None = None
    #: ignore every configuration file (cannot be combined with `config_path`)
    isolated: bool = False
    use_suppressions: bool = True
    #: the name of the postmortem read from standard input
    stdin_filename: str | None = None
    respect_gitignore: bool = True
    #: lint only files changed since the merge base of this git ref and HEAD
    changed_since: str | None = None
    #: hide findings recorded here (None: the configuration's `baseline`, if any)
    baseline_path: str | None = None
    #: record the findings in this file instead of reporting them
    write_baseline: str | None = None
    #: add each document's durability profile to the result
    profiles: bool = False
    #: processes (None: one per CPU; a pool starts only for many files)
    jobs: int | None = None
    #: let internal errors of a rule propagate instead of becoming PM009 findings
    debug: bool = False
    #: told each configuration warning (a deprecated `settings:` key), once the rules took
    #: the values; None: warnings are dropped
    on_warning: Callable[[str], None] | None = None
    #: files the reports will be written to: refused when one of them is being linted
    destinations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What a check found after filtering, and what decides the exit code."""

    #: the filtered result every reporter renders (kept findings, hidden counts, baseline summary)
    lint: LintResult
    #: the files linted (empty with --changed-since when nothing changed)
    files: tuple[SourceFile, ...]
    #: the lowest severity that fails the run (request or configuration)
    fail_on: str
    #: a kept finding is at or above `fail_on` (exit 1 unless the caller says otherwise)
    failed: bool
    #: baseline entries of linted files that matched no finding (fixed since)
    stale: int = 0
    #: the baseline file that hid findings, if any
    baseline: str | None = None
    #: entries written when the request was `write_baseline` (then `lint` is unfiltered by a baseline)
    baseline_written: int | None = None

    @property
    def findings(self) -> Sequence[Finding]:
        return self.lint.findings

    @property
    def hidden(self) -> Hidden:
        """Findings taken out, by reason (suppressed, per-path, baseline)."""
        return self.lint.hidden_counts


class _Prepared(NamedTuple):
    """Configuration and rule selection, shared by `run_check` and `check_config_text`
    (a NamedTuple: a fraction of a frozen dataclass's cost at import, on every run)."""

    config: Config
    rules: tuple[Rule, ...]
    enabled: list[Rule]
    per_path: PerPath


def _prepare(request: CheckRequest) -> _Prepared:
    from .config import Config, configure_rules, load_config, select_rules
    from .engine.rules import load_rules
    from .filters import PerPath

    if request.select is not None and not request.select:
        raise PmlintError("--select needs at least one rule code (an id such as PM301, a name, "
                          "a category such as PM3, or ALL)")
    if request.isolated and request.config_path:
        raise PmlintError("--isolated ignores configuration files, so it cannot take --config; drop one of them")
    config = Config() if request.isolated else load_config(request.config_path)
    rules = tuple(configure_rules(config, load_rules(config.rules_directories())))  # `rules: {ID: {...}}`
    if request.on_warning is not None:  # after the rules took the values: a config error stays one line
        for warning in config.warnings:
            request.on_warning(warning)
    enabled = select_rules(rules, config, select=list(request.select) if request.select else None,
                           extend_select=list(request.extend_select), ignore=list(request.ignore),
                           preset=request.preset)
    per_path = PerPath(config, rules, enabled, cli_select=bool(request.select),
                       cli_extend_select=request.extend_select, cli_ignore=request.ignore)
    return _Prepared(config, rules, enabled, per_path)


def check_config_text(request: CheckRequest) -> str:
    """`check --show-config`: the configuration in effect and the rules that would run, as YAML."""
    from .show_config import show_config

    prepared = _prepare(request)
    given = {"select": list(request.select or ()), "extend-select": list(request.extend_select),
             "ignore": list(request.ignore), "preset": request.preset, "fail-on": request.fail_on}
    return show_config(prepared.config, prepared.enabled, isolated=request.isolated, explicit=request.config_path,
                       fail_on=request.fail_on or prepared.config.fail_on, command_line=given)


def run_check(request: CheckRequest) -> CheckResult:
    """Lint what the request names and filter the findings (suppressions, per-path,
    baseline, fail-on). With `write_baseline`, writes the baseline instead of reading one."""
    from dataclasses import replace

    from .config import severity_overrides
    from .discover import refuse_to_overwrite_inputs
    from .engine.run import RunOptions
    from .filters import Plan, filter_findings
    from .lint import lint_files

    prepared = _prepare(request)
    config, rules, enabled, per_path = prepared.config, prepared.rules, prepared.enabled, prepared.per_path
    engine_rules = per_path.engine_rules(enabled)
    if not engine_rules:  # "All clear" from checking nothing would be a lie
        raise PmlintError(_nothing_enabled(config, request))
    files = _files(request, config)
    refuse_to_overwrite_inputs([*request.destinations, request.write_baseline], files, "files being linted")
    options = RunOptions(settings=config.settings, severity=severity_overrides(config, rules),
                         use_suppressions=request.use_suppressions, debug=request.debug,
                         known_rules=tuple((rule.id, rule.name) for rule in rules), profiles=request.profiles,
                         pedantic=(request.preset or config.preset) == "strict")
    raw = lint_files(files, engine_rules, options, jobs=request.jobs)
    threshold = request.fail_on or config.fail_on
    plan = Plan(rules=tuple(engine_rules), known_rules=options.known_rules,
                suppressions=raw.suppressions if request.use_suppressions else {}, per_path=per_path,
                files=tuple(raw.files), fail_on=threshold)
    if request.write_baseline:
        from .baseline import write_baseline

        outcome = filter_findings(raw.findings, plan)
        count = write_baseline(outcome.kept, request.write_baseline, raw.files)
        return _result(raw, outcome, files, threshold, baseline=None, written=count)
    baseline = request.baseline_path or (str(config.root / config.baseline) if config.baseline else None)
    if baseline:
        from .baseline import Baseline

        plan = replace(plan, baseline=Baseline.read(baseline))
    outcome = filter_findings(raw.findings, plan)
    return _result(raw.filtered(outcome, baseline=baseline, changed_since=request.changed_since), outcome, files,
                   threshold, baseline=baseline)


def _result(lint: LintResult, outcome: FilterResult, files: Sequence[SourceFile], fail_on: str,
            baseline: str | None, written: int | None = None) -> CheckResult:
    return CheckResult(lint=lint, files=tuple(files), fail_on=fail_on, failed=outcome.failed, stale=outcome.stale,
                       baseline=baseline, baseline_written=written)


def _files(request: CheckRequest, config: Config) -> list[SourceFile]:
    """Standard input, the files changed since a ref, or every postmortem under the paths."""
    from .discover import changed_since, discover

    paths = request.paths
    if "-" in paths or (request.stdin_filename is not None and not paths):
        from .discover import stdin_source
        from .load.limits import DEFAULT_MAX_BYTES

        if paths not in ((), ("-",)):
            raise PmlintError("`-` (standard input) is the only path when given; lint files in another run")
        if request.changed_since:
            raise PmlintError("--changed-since needs files in a git repository, not standard input")
        limit = int(config.settings.get("max_file_bytes", DEFAULT_MAX_BYTES))
        return [stdin_source(request.stdin_filename, limit)]
    if request.stdin_filename is not None:
        raise PmlintError("--stdin-filename names standard input: pass `-` as the only path")
    if request.changed_since:
        return changed_since(request.changed_since, list(paths) or ["."], config.include, config.exclude,
                             skip=config.own_paths())
    files = discover(list(paths) or ["."], config.include, config.exclude, skip=config.own_paths(),
                     respect_gitignore=request.respect_gitignore)
    if not files:  # a wrong path in CI must not pass green
        raise PmlintError(f"no postmortems found in {', '.join(paths) or '.'} "
                          f"(include: {', '.join(config.include)})")
    return files


def _nothing_enabled(config: Config, request: CheckRequest) -> str:
    """`no rules enabled: --select PM301 and --ignore PM301 leave nothing to check`."""
    where = f" in {config.path.name}" if config.path is not None else ""

    def listed(codes: Sequence[str]) -> str:
        return ",".join(codes) if codes else '""'

    parts: list[str] = []
    if request.select:
        parts.append(f"--select {listed(request.select)}")
    elif config.select is not None:
        parts.append(f"`select: [{', '.join(config.select)}]`{where}")
    else:
        parts.append(f"preset {request.preset or config.preset}")
    if request.extend_select:
        parts.append(f"--extend-select {listed(request.extend_select)}")
    if config.extend_select and not request.select:
        parts.append(f"`extend-select: [{', '.join(config.extend_select)}]`{where}")
    if config.ignore:
        parts.append(f"`ignore: [{', '.join(config.ignore)}]`{where}")
    if request.ignore:
        parts.append(f"--ignore {listed(request.ignore)}")
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    verb = "leaves" if len(parts) == 1 else "leave"
    return f"no rules enabled: {joined} {verb} nothing to check"


# -- where reports go ----------------------------------------------------------------------

#: formats that may share stdout with `text`: workflow commands, which the runner takes out
#: of the log and turns into annotations; they always come after the report
STDOUT_COMPANIONS = ("github",)


def report_targets(formats: Sequence[str], output: str | None) -> list[tuple[str, str | None]]:
    """`--format` and `--output` → (format, destination or None for stdout), in writing order.

    The rule for stdout: it carries one report, except that `github` annotations may
    follow the `text` report (in that order, whatever the order on the command line).
    In GitHub Actions (`GITHUB_ACTIONS=true`), when no format writes to stdout, stdout
    gets the `text` report and then the annotations, so naming files
    (`--format sarif:pmlint.sarif`) never silences the log or the annotations.
    """
    from .report import FORMATS as known

    targets: list[tuple[str, str | None]] = []
    for spec in formats or ("text",):
        fmt, colon, destination = spec.partition(":")
        if fmt not in known:
            raise PmlintError(f"unknown format {fmt!r} (choose from {', '.join(known)})")
        if colon and not destination.strip():  # `markdown:$GITHUB_STEP_SUMMARY` outside Actions
            raise PmlintError(f"--format {spec}: the file name is empty (an unset variable, "
                              "such as $GITHUB_STEP_SUMMARY outside GitHub Actions?)")
        targets.append((fmt, destination or None))
    if output:
        unassigned = [index for index, (_, destination) in enumerate(targets) if destination is None]
        if len(unassigned) != 1:
            raise PmlintError("--output needs exactly one format without its own :FILE")
        targets[unassigned[0]] = (targets[unassigned[0]][0], output)
    _refuse_shared_destinations(targets)
    on_stdout = [fmt for fmt, destination in targets if destination is None]
    if os.environ.get("GITHUB_ACTIONS") == "true" and (not formats or not on_stdout):
        # the log report, then the annotations
        targets = [target for target in targets if target[1] is not None]
        targets = [("text", None), *targets, ("github", None)]
    # stdout: the report first, the workflow commands after it
    return sorted(targets, key=lambda target: target[1] is None and target[0] in STDOUT_COMPANIONS)


def _refuse_shared_destinations(targets: Sequence[tuple[str, str | None]]) -> None:
    """Two reports on one stream are one corrupt document (two JSON objects glued together,
    or the last file write silently winning): at most one format per destination, except
    the `text` report and `github` annotations on stdout (see `report_targets`)."""
    taken: dict[str, str] = {}
    companions: set[str] = set()
    for fmt, destination in targets:
        key = "" if destination is None else os.path.realpath(destination)
        if key in taken:
            if destination is None and taken[key] == "text" and fmt in STDOUT_COMPANIONS and fmt not in companions:
                companions.add(fmt)
                continue
            if destination is None and fmt == "text" and taken[key] in STDOUT_COMPANIONS and not companions:
                companions.add(taken[key])
                taken[key] = fmt
                continue
            where = "stdout" if destination is None else destination
            fix = ("only text and github share stdout; write the others to a file with FORMAT:FILE"
                   if destination is None else "give each its own file")
            raise PmlintError(f"--format {taken[key]} and --format {fmt} both write to {where}; {fix}")
        taken[key] = fmt


def report_root(targets: Sequence[tuple[str, str | None]]) -> Path:
    """The folder report paths are relative to: CI formats use the repository root
    (finding it costs a git call), text and JSON the working directory."""
    if any(fmt not in ("text", "json") for fmt, _ in targets):
        from .repo import find_root

        return find_root()
    return Path.cwd()


def _is_step_summary(destination: str) -> bool:
    """Is `destination` the file GitHub Actions collects the job summary from?"""
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    return summary is not None and bool(summary) and os.path.realpath(summary) == os.path.realpath(destination)


def write_report(fmt: str, destination: str | None, result: LintResult, context: ReportContext) -> None:
    """Render one report to stdout (None) or a file: whole or not at all."""
    from dataclasses import replace

    from .report import render

    if destination is None:
        # rendered whole first: a run stopped halfway (Ctrl-C) prints no partial report
        import io

        if context.color is None:  # decide for the real stream, not the buffer
            context = replace(context, color=sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
        buffer = io.StringIO()
        render(fmt, result, buffer, context)
        text = buffer.getvalue()
        # the human-readable report quotes file names and lines a pull request controls;
        # machine formats (JSON, SARIF, JUnit, ...) stay byte-exact and carry no command
        # at the start of a line by construction (tests/test_hostile_output.py parses them all)
        if os.environ.get("GITHUB_ACTIONS") == "true" and fmt == "text":
            from .report.workflow import inert

            text = inert(text)
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from .atomic import report_writer

    context_for_file = replace(context, color=False)
    if _is_step_summary(destination):
        # the runner collects what every step appended: replacing the file would erase
        # what earlier steps wrote, so this one is appended to, in one write
        import io

        buffer = io.StringIO()
        render(fmt, result, buffer, context_for_file)
        try:
            # a blank line keeps our heading from gluing onto an earlier step's last line
            separator = "\n" if os.path.exists(destination) and os.path.getsize(destination) else ""
            with open(destination, "a", encoding="utf-8", errors="backslashreplace", newline="\n") as stream:
                stream.write(separator + buffer.getvalue())
        except OSError as error:
            raise PmlintError(f"cannot append to {destination}: {error.strerror or error}") from None
        return
    with report_writer(destination) as stream:  # streamed: a 10,000-file report never sits in memory
        render(fmt, result, stream, context_for_file)


# -- the other commands ------------------------------------------------------------------


def load_rule_pack(config_path: str | None = None) -> tuple[Rule, ...]:
    """Every rule: the built-in pack plus the configuration's `rules-dirs` (`pmlint rules`)."""
    from .config import configure_rules, load_config
    from .engine.rules import load_rules

    config = load_config(config_path)
    return tuple(configure_rules(config, load_rules(config.rules_directories())))


def find_rule(code: str, config_path: str | None = None) -> Rule:
    """The rule with this id or name (`pmlint explain`); a usage error with the closest
    codes otherwise."""
    from .config import closest_code, matches_code

    rules = load_rule_pack(config_path)
    found = [rule for rule in rules if code.upper() == rule.id or code == rule.name]
    if found:
        return found[0]
    near = [rule.id for rule in rules if matches_code(code, rule.id, rule.name)]
    closest = closest_code(code, rules, categories=False)
    if near:  # a category (PM3): its rules
        hint = f" (did you mean one of {', '.join(near[:8])}?)"
    elif closest:  # a typo (PM7O1, action-item-ownr): the closest rule
        hint = f" (did you mean {closest}?)"
    else:
        hint = " (see `pmlint rules`)"
    raise PmlintError(f"no rule {code!r}{hint}")


def run_rule_examples(directory: str) -> list[ExampleOutcome]:
    """Run the examples of the rule files in `directory` (`pmlint test-rules`)."""
    from .engine.examples import run_examples
    from .engine.rules import load_rules, rule_files

    folder = Path(directory).resolve()
    paths = rule_files(folder)
    if not paths:
        raise PmlintError(f"no rule files (*.yaml) in {directory}")
    # loaded exactly as `check` loads them, so an id or name that clashes with the
    # built-in pack (or another file) fails here with the same "defined twice" error
    every_rule = load_rules((str(folder),))
    sources = {str(path) for path in paths}
    own = [rule for rule in every_rule if rule.source in sources]
    return run_examples(own, list(every_rule))


class Converted(NamedTuple):
    """`pmlint convert`: the YAML pmlint read from a postmortem, and what stopped it."""

    yaml: str
    #: `path:line:column: message` for each problem the loader found
    problems: tuple[str, ...] = ()
    #: the document could not be read as a postmortem (exit 1)
    broken: bool = False
    #: (pointer, "inferred from ...") for each field pmlint filled in
    notes: tuple[tuple[str, str], ...] = ()


def run_convert(path: str) -> Converted:
    """What pmlint understood from a postmortem (Markdown or YAML) as YAML, with the
    fields it inferred filled in and marked as such."""
    from .config import load_config
    from .load import load_path
    from .load.markdown.convert import to_yaml

    if not os.path.isfile(path):
        raise PmlintError(f"no such file: {path}")
    settings = load_config(None).settings
    document = load_path(path, settings)
    problems = tuple(f"{path}:{problem.span.line}:{problem.span.column}: {problem.message}"
                     for problem in document.problems)
    data, notes = None, []
    if not document.broken:  # fields pmlint inferred are filled in and marked as such
        from .infer import build_profile
        from .infer.overlay import ReadLog, inferred_fields, overlay

        view = overlay(document.data, build_profile(document, settings), ReadLog())
        if view is not None:
            data = view
            notes = [(pointer, f"inferred from {fact.evidence}" + (f" (line {fact.span.line})" if fact.span else ""))
                     for pointer, fact in inferred_fields(view)]
    return Converted(to_yaml(document, data, notes), problems, document.broken, tuple(notes))
