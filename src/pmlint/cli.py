"""The command line: parse options, call the library, set the exit code. Nothing else.

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it;
2 usage, configuration or internal error (one line on stderr, no traceback
unless --debug).
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import Any, Sequence

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:  # answer without importing click: `--version` must be instant
        sys.stdout.write(f"pmlint {__version__}\n")
        raise SystemExit(EXIT_OK)
    cli = _build_cli()
    debug = "--debug" in args
    _exit_on_signals()
    try:
        cli.main(args=args, prog_name="pmlint", standalone_mode=True)
    except SystemExit:
        raise
    except Stopped as stopped:  # the pool's workers are already gone (pool.py cleans up on the way out)
        sys.stderr.write(f"pmlint: {stopped.word}\n")
        raise SystemExit(128 + stopped.signum) from None
    except Exception as error:  # never show a traceback unless asked
        if debug:
            raise
        sys.stderr.write(f"pmlint: internal error: {type(error).__name__}: {error} (run with --debug for details)\n")
        raise SystemExit(EXIT_ERROR) from None


class Stopped(BaseException):
    """A signal ended the run: Ctrl-C (SIGINT) or SIGTERM. A BaseException, so no
    `except Exception` on the way up (click's included) turns it into a report or a
    finding; `main` exits 128 + the signal's number, with no report written."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.word = "interrupted" if signum == signal.SIGINT else "terminated"


def _exit_on_signals() -> None:
    """SIGINT and SIGTERM raise Stopped in the main thread. Click would turn Ctrl-C into
    "Aborted!" and exit 1, the code for findings; a CI runner's SIGTERM would kill us
    without running the cleanup that stops the pool's workers."""

    def stop(signum: int, frame: object) -> None:
        raise Stopped(signum)

    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            signal.signal(signum, stop)
        except (ValueError, OSError):  # not the main thread (embedded use): leave the defaults
            pass


def _split_codes(values: Sequence[str]) -> list[str]:
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def _build_cli():
    import click

    from .errors import PmlintError

    class Group(click.Group):
        def invoke(self, ctx: click.Context) -> Any:
            try:
                return super().invoke(ctx)
            except PmlintError as error:
                click.echo(f"pmlint: error: {error}", err=True)
                ctx.exit(EXIT_ERROR)

    @click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
    @click.version_option(__version__, "--version", prog_name="pmlint", message="%(prog)s %(version)s")
    @click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
    @click.pass_context
    def cli(ctx: click.Context, debug: bool) -> None:
        """pmlint: lint incident postmortems for durable fixes.

        Checks that root causes are analysed across code, infrastructure and architecture,
        that on-call burden is recorded and reduced, and that action items are owned,
        dated and address the cause. Start with `pmlint check examples/`.
        """
        ctx.obj = {"debug": debug}

    @cli.command(short_help="Lint postmortem files and folders.")
    @click.argument("paths", nargs=-1, type=click.Path())
    @click.option("--format", "-f", "formats", multiple=True, metavar="FORMAT[:FILE]",
                  help="Output format: text (default), json, sarif, github, junit, gitlab, markdown. "
                       "Repeat for several; FORMAT:FILE writes to a file.")
    @click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to this file.")
    @click.option("--select", multiple=True, metavar="CODES", help="Enable only these rules (ids, names, PM3, ALL).")
    @click.option("--extend-select", multiple=True, metavar="CODES", help="Enable these rules too.")
    @click.option("--ignore", multiple=True, metavar="CODES", help="Disable these rules.")
    @click.option("--preset", type=click.Choice(["recommended", "strict"]), help="Rule preset (default: recommended).")
    @click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]),
                  help="Lowest severity that fails the run (default: error).")
    @click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file to use.")
    @click.option("--isolated", is_flag=True, help="Ignore every configuration file: built-in defaults and the command line only.")
    @click.option("--show-config", is_flag=True,
                  help="Print the configuration file in effect and the resolved settings and rules as YAML, then exit.")
    @click.option("--no-suppressions", is_flag=True, help="Ignore `pmlint: disable` comments (for audits).")
    @click.option("--quiet", "-q", is_flag=True, help="One line per finding, no source or hints.")
    @click.option("--color/--no-color", default=None, help="Force colour on or off (default: on a terminal).")
    @click.option("--stdin-filename", metavar="PATH",
                  help="With `-` as the path: the name of the postmortem read from stdin "
                       "(its format by extension, per-path config, how findings show it).")
    @click.option("--respect-gitignore/--no-respect-gitignore", default=True,
                  help="When walking folders in a git work tree, skip what git ignores (default: on).")
    @click.option("--changed-since", metavar="REF",
                  help="Lint only postmortems added or modified since the merge base of REF and HEAD.")
    @click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
                  help="Hide findings recorded in this baseline file.")
    @click.option("--write-baseline", type=click.Path(dir_okay=False), metavar="FILE",
                  help="Record the current findings in FILE as the baseline, then exit 0.")
    @click.option("--statistics", is_flag=True, help="After the report, print finding counts per rule on stderr.")
    @click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
    @click.option("--profile", "show_profile", is_flag=True,
                  help="Add each postmortem's durability profile (stated and inferred facts) to the report.")
    @click.option("--jobs", "-j", type=click.IntRange(min=0), default=0,
                  help="Processes to lint with (default 0: one per CPU; a pool starts only for 200+ files).")
    @click.pass_context
    def check(ctx: click.Context, paths: tuple[str, ...], formats: tuple[str, ...], output: str | None,
              select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
              preset: str | None, fail_on: str | None, config_path: str | None, no_suppressions: bool,
              quiet: bool, color: bool | None, changed_since: str | None, baseline_path: str | None,
              write_baseline: str | None, statistics: bool, exit_zero: bool, jobs: int,
              respect_gitignore: bool, stdin_filename: str | None, isolated: bool, show_config: bool,
              show_profile: bool = False) -> None:
        """Lint postmortems (files or directories; default: the current directory)."""
        from .config import Config, load_config, select_rules, severity_overrides
        from .discover import changed_since as changed_files, discover
        from dataclasses import replace

        from .filters import PerPath, Plan, filter_findings
        from .engine.rules import load_rules
        from .engine.run import RunOptions
        from .lint import lint_files
        from .report import FORMATS, ReportContext, render

        targets = _parse_formats(formats, output, FORMATS)
        if select and not _split_codes(select):
            raise PmlintError("--select needs at least one rule code (an id such as PM301, a name, "
                              "a category such as PM3, or ALL)")
        if isolated and config_path:
            raise PmlintError("--isolated ignores configuration files, so it cannot take --config; drop one of them")
        config = Config() if isolated else load_config(config_path)
        rules = load_rules(config.rules_directories())
        enabled = select_rules(rules, config, select=_split_codes(select) or None,
                               extend_select=_split_codes(extend_select), ignore=_split_codes(ignore), preset=preset)
        per_path = PerPath(config, rules, enabled, cli_select=bool(select),
                           cli_extend_select=_split_codes(extend_select), cli_ignore=_split_codes(ignore))
        if show_config:
            from .show_config import show_config as show

            given = {"select": _split_codes(select), "extend-select": _split_codes(extend_select),
                     "ignore": _split_codes(ignore), "preset": preset, "fail-on": fail_on}
            click.echo(show(config, enabled, isolated=isolated, explicit=config_path,
                            fail_on=fail_on or config.fail_on, command_line=given), nl=False)
            return
        if not per_path.engine_rules(enabled):  # "All clear" from checking nothing would be a lie
            raise PmlintError(_nothing_enabled(config, select, extend_select, ignore, preset))
        reads_stdin = "-" in paths or (stdin_filename is not None and not paths)
        if reads_stdin:
            from .discover import stdin_source
            from .load.limits import DEFAULT_MAX_BYTES

            if paths not in ((), ("-",)):
                raise PmlintError("`-` (standard input) is the only path when given; lint files in another run")
            if changed_since:
                raise PmlintError("--changed-since needs files in a git repository, not standard input")
            limit = int(config.settings.get("max_file_bytes", DEFAULT_MAX_BYTES))
            files = [stdin_source(stdin_filename, limit)]
        elif stdin_filename is not None:
            raise PmlintError("--stdin-filename names standard input: pass `-` as the only path")
        elif changed_since:
            files = changed_files(changed_since, list(paths) or ["."], config.include, config.exclude,
                                  skip=config.own_paths())
        else:
            files = discover(list(paths) or ["."], config.include, config.exclude, skip=config.own_paths(),
                             respect_gitignore=respect_gitignore)
            if not files:  # a wrong path in CI must not pass green
                raise PmlintError(f"no postmortems found in {', '.join(paths) or '.'} "
                                  f"(include: {', '.join(config.include)})")
        _refuse_to_overwrite_inputs([destination for _, destination in targets] + [write_baseline], files)
        options = RunOptions(settings=config.settings, severity=severity_overrides(config, rules),
                             use_suppressions=not no_suppressions, debug=ctx.obj["debug"],
                             known_rules=tuple((rule.id, rule.name) for rule in rules), profiles=show_profile)
        engine_rules = per_path.engine_rules(enabled)
        raw = lint_files(files, engine_rules, options, jobs=jobs or None)
        threshold = fail_on or config.fail_on
        plan = Plan(rules=tuple(engine_rules), known_rules=options.known_rules,
                    suppressions={} if no_suppressions else raw.suppressions, per_path=per_path,
                    files=tuple(raw.files), fail_on=threshold)
        if write_baseline:
            from .baseline import write_baseline as write_baseline_file

            kept = filter_findings(raw.findings, plan).kept
            count = write_baseline_file(kept, write_baseline, raw.files)
            click.echo(f"pmlint: wrote {count} baseline entries to {write_baseline}", err=True)
            return
        baseline = baseline_path or (str(config.root / config.baseline) if config.baseline else None)
        if baseline:
            from .baseline import Baseline

            plan = replace(plan, baseline=Baseline.read(baseline))
        outcome = filter_findings(raw.findings, plan)
        result = raw.filtered(outcome, baseline=baseline, changed_since=changed_since)
        # CI formats report paths relative to the repository root; finding it costs a git call
        root = Path.cwd()
        if any(fmt not in ("text", "json") for fmt, _ in targets):
            from .repo import find_root

            root = find_root()
        report_context = ReportContext(color=color, quiet=quiet, root=root, fail_on=threshold)
        if changed_since:
            if not files and not any(fmt == "text" and destination is None for fmt, destination in targets):
                click.echo("No changed postmortems.", err=True)
        for fmt, destination in targets:
            _write(fmt, destination, result, report_context, render)
        if statistics:
            from .report.statistics import statistics_text

            click.echo(statistics_text(result), err=True, nl=False)
        if exit_zero:
            return
        if outcome.failed:
            ctx.exit(EXIT_FINDINGS)

    @cli.command(name="rules", short_help="List every rule with its severity and preset.")
    @click.option("--format", "-f", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table",
                  help="table (default), json, or markdown (the source of docs/rules.md).")
    @click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (adds rules-dirs).")
    def rules_command(fmt: str, config_path: str | None) -> None:
        """List every rule with its id, severity, preset and summary."""
        from .config import load_config
        from .engine.rules import load_rules
        from .report.rules import rules_json, rules_markdown, rules_table

        config = load_config(config_path)
        rules = load_rules(config.rules_directories())
        if fmt == "markdown":
            click.echo(rules_markdown(rules), nl=False)
            return
        click.echo(rules_json(rules) if fmt == "json" else rules_table(rules, color=sys.stdout.isatty()), nl=False)

    @cli.command(name="functions", short_help="List the check functions a rule can call.")
    @click.option("--format", "-f", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table",
                  help="table (default), json, or markdown (the source of docs/functions.md).")
    def functions_command(fmt: str) -> None:
        """List the check functions a rule's `then:` can call: name, what it checks, options.

        Includes functions of installed plugins (entry point group `pmlint.functions`).
        """
        from .engine.builtin import list_functions
        from .report.functions import functions_json, functions_markdown, functions_table

        functions = list_functions()
        if fmt == "markdown":
            click.echo(functions_markdown(functions), nl=False)
        elif fmt == "json":
            click.echo(functions_json(functions), nl=False)
        else:
            click.echo(functions_table(functions, color=sys.stdout.isatty()), nl=False)

    @cli.command(name="test-rules", short_help="Run the examples of your own YAML rules.")
    @click.argument("directory", type=click.Path(exists=True, file_okay=False))
    @click.pass_context
    def test_rules_command(ctx: click.Context, directory: str) -> None:
        """Run the examples of the YAML rules in DIRECTORY (exit 1 if one fails, 2 on a bad rule file)."""
        from pathlib import Path

        from .engine.examples import run_examples
        from .engine.rules import load_rules, rule_files
        from .report.rules import example_results_text

        folder = Path(directory).resolve()
        paths = rule_files(folder)
        if not paths:
            raise PmlintError(f"no rule files (*.yaml) in {directory}")
        # loaded exactly as `check` loads them, so an id or name that clashes with the
        # built-in pack (or another file) fails here with the same "defined twice" error
        every_rule = load_rules((str(folder),))
        sources = {str(path) for path in paths}
        own = [rule for rule in every_rule if rule.source in sources]
        outcomes = run_examples(own, list(every_rule))
        click.echo(example_results_text(outcomes), nl=False)
        if not all(outcome.passed for outcome in outcomes):
            ctx.exit(EXIT_FINDINGS)

    @cli.command(short_help="Explain a rule, with examples.")
    @click.argument("rule")
    @click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (adds rules-dirs).")
    def explain(rule: str, config_path: str | None) -> None:
        """Explain a rule: what it asks, why, how to fix, and examples."""
        from .config import closest_code, load_config, matches_code
        from .engine.rules import load_rules
        from .report.rules import explain_text

        config = load_config(config_path)
        rules = load_rules(config.rules_directories())
        found = [r for r in rules if rule.upper() == r.id or rule == r.name]
        if not found:
            near = [r.id for r in rules if matches_code(rule, r.id, r.name)]
            closest = closest_code(rule, rules, categories=False)
            if near:  # a category (PM3): its rules
                hint = f" (did you mean one of {', '.join(near[:8])}?)"
            elif closest:  # a typo (PM7O1, action-item-ownr): the closest rule
                hint = f" (did you mean {closest}?)"
            else:
                hint = " (see `pmlint rules`)"
            raise PmlintError(f"no rule {rule!r}{hint}")
        click.echo(explain_text(found[0]), nl=False)

    @cli.command(short_help="Print a JSON Schema: postmortem, rule or config.")
    @click.argument("name", type=click.Choice(["postmortem", "rule", "config"]), default="postmortem")
    def schema(name: str) -> None:
        """Print a JSON Schema (default: the postmortem schema, for editors)."""
        import json

        from .schema import load_schema
        from .settings_schema import config_schema

        click.echo(json.dumps(config_schema() if name == "config" else load_schema(name), indent=2))

    @cli.command(short_help="Print the YAML pmlint reads from a postmortem.")
    @click.argument("path", type=click.Path(dir_okay=False))
    @click.pass_context
    def convert(ctx: click.Context, path: str) -> None:
        """Print the YAML form of what pmlint understood from a postmortem (Markdown or YAML)."""
        from .config import load_config
        from .load import load_path
        from .load.md_convert import to_yaml

        if not __import__("os").path.isfile(path):
            raise PmlintError(f"no such file: {path}")
        settings = load_config(None).settings
        document = load_path(path, settings)
        for problem in document.problems:
            click.echo(f"{path}:{problem.span.line}:{problem.span.column}: {problem.message}", err=True)
        data, notes = None, []
        if not document.broken:  # fields pmlint inferred are filled in and marked as such
            from .infer import build_profile
            from .infer.overlay import ReadLog, inferred_fields, overlay

            view = overlay(document.data, build_profile(document, settings), ReadLog())
            if view is not None:
                data = view
                notes = [(pointer, f"inferred from {fact.evidence}" + (f" (line {fact.span.line})" if fact.span else ""))
                         for pointer, fact in inferred_fields(view)]
        click.echo(to_yaml(document, data, notes), nl=False)
        if document.broken:
            ctx.exit(EXIT_FINDINGS)

    @cli.command(short_help="Write a new postmortem template.")
    @click.argument("path", required=False, type=click.Path())
    @click.option("--format", "fmt", type=click.Choice(["yaml", "markdown"]), default=None,
                  help="Template format (default: from PATH's extension, .md or .yaml; else yaml).")
    @click.option("--force", is_flag=True, help="Overwrite an existing file.")
    def init(path: str | None, fmt: str | None, force: bool) -> None:
        """Write a new postmortem template: `pm.md` gets the Markdown one, `pm.yaml` the YAML one
        (default: postmortem-YYYY-MM-DD.yaml here). Missing folders are created."""
        from .templates import write_template

        written = write_template(fmt, path, force=force)
        click.echo(f"Wrote {written}: fill in every placeholder, then run `pmlint check {written}`.")

    @cli.command(short_help="Report on a whole incident history (HTML, Markdown, JSON).")
    @click.argument("paths", nargs=-1, type=click.Path())
    @click.option("--format", "-f", "fmt", type=click.Choice(["html", "markdown", "json"]),
                  help="html (default when --output ends in .html; needs pmlint[report]), markdown "
                       "(default otherwise) or json.")
    @click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to this file.")
    @click.option("--today", metavar="YYYY-MM-DD", help="The date items are overdue against (default: today).")
    @click.option("--since", metavar="YYYY-MM-DD", help="Only incidents on or after this date.")
    @click.option("--until", metavar="YYYY-MM-DD", help="Only incidents on or before this date.")
    @click.option("--service", "services", multiple=True, metavar="NAME",
                  help="Only incidents touching this service (aliases from config apply). Repeatable.")
    @click.option("--severity", "severities", multiple=True, metavar="SEV",
                  help="Only incidents of this severity, stated or inferred. Repeatable.")
    @click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file to use.")
    @click.option("--jobs", "-j", type=click.IntRange(min=0), default=0,
                  help="Processes to use (default 0: one per CPU; a pool starts only for 200+ files).")
    def report(paths: tuple[str, ...], fmt: str | None, output: str | None, today: str | None, since: str | None,
               until: str | None, services: tuple[str, ...], severities: tuple[str, ...], config_path: str | None,
               jobs: int) -> None:
        """Metrics over every postmortem found: incidents over time, time to detect and mitigate,
        the layer gap, on-call burden, action items, recurrence and durability scores."""
        from .history import ReportRequest, run_report
        from .report.history import default_format, render as render_history

        fmt = fmt or default_format(output)
        if fmt == "html":
            from .report.history.html import require

            require()
        request = ReportRequest(paths=tuple(paths) or (".",), config_path=config_path,
                                today=_date_option("--today", today) or __import__("datetime").date.today(),
                                since=_date_option("--since", since), until=_date_option("--until", until),
                                services=services, severities=severities, jobs=jobs or None, output=output)
        model = run_report(request)
        if output is None:
            render_history(fmt, model, sys.stdout)
            return
        from .atomic import atomic_writer

        with atomic_writer(output) as stream:
            render_history(fmt, model, stream)
        click.echo(f"pmlint: wrote the {fmt} report on {model['documents']['analysed']} incidents to {output}",
                   err=True)

    return cli


def _date_option(name: str, value: str | None) -> Any:
    """A YYYY-MM-DD option as a date; a usage error (exit 2) otherwise."""
    from datetime import date

    from .errors import PmlintError

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PmlintError(f"{name} must be a date such as 2025-03-31, got {value!r}") from None


def _nothing_enabled(config: Any, select: Sequence[str], extend_select: Sequence[str],
                     ignore: Sequence[str], preset: str | None) -> str:
    """`no rules enabled: --select PM301 and --ignore PM301 leave nothing to check`."""
    where = f" in {config.path.name}" if config.path is not None else ""

    def listed(codes: Sequence[str]) -> str:
        return ",".join(codes) if codes else '""'

    parts: list[str] = []
    if select:
        parts.append(f"--select {listed(_split_codes(select))}")
    elif config.select is not None:
        parts.append(f"`select: [{', '.join(config.select)}]`{where}")
    else:
        parts.append(f"preset {preset or config.preset}")
    if _split_codes(extend_select):
        parts.append(f"--extend-select {listed(_split_codes(extend_select))}")
    if config.extend_select and not select:
        parts.append(f"`extend-select: [{', '.join(config.extend_select)}]`{where}")
    if config.ignore:
        parts.append(f"`ignore: [{', '.join(config.ignore)}]`{where}")
    if _split_codes(ignore):
        parts.append(f"--ignore {listed(_split_codes(ignore))}")
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    verb = "leaves" if len(parts) == 1 else "leave"
    return f"no rules enabled: {joined} {verb} nothing to check"


#: formats that may share stdout with `text`: workflow commands, which the runner takes out
#: of the log and turns into annotations; they always come after the report
STDOUT_COMPANIONS = ("github",)


def _parse_formats(formats: Sequence[str], output: str | None, known: dict[str, str]) -> list[tuple[str, str | None]]:
    """`--format` and `--output` → (format, destination or None for stdout), in writing order.

    The rule for stdout: it carries one report, except that `github` annotations may
    follow the `text` report (in that order, whatever the order on the command line).
    In GitHub Actions (`GITHUB_ACTIONS=true`), when no format writes to stdout, stdout
    gets the `text` report and then the annotations, so naming files
    (`--format sarif:pmlint.sarif`) never silences the log or the annotations.
    """
    from .errors import PmlintError

    import os

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
    the `text` report and `github` annotations on stdout (see `_parse_formats`)."""
    import os

    from .errors import PmlintError

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


def _refuse_to_overwrite_inputs(destinations: Sequence[str | None], files: Sequence[Any]) -> None:
    """pmlint never modifies a postmortem: a report aimed at a linted file is a usage error."""
    import os

    from .errors import PmlintError

    targets: dict[tuple[int, int], str | None] = {}
    for destination in destinations:
        try:
            info = os.stat(destination) if destination else None
        except OSError:
            continue  # does not exist yet: it cannot be a linted file
        if info is not None:
            targets[(info.st_dev, info.st_ino)] = destination
    if not targets:
        return
    for source in files:  # the same file whatever the path or link: compare device and inode
        try:
            info = os.stat(source.path)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in targets:
            raise PmlintError(f"refusing to write a report over {targets[(info.st_dev, info.st_ino)]}: "
                              "it is one of the files being linted")


def _is_step_summary(destination: str) -> bool:
    """Is `destination` the file GitHub Actions collects the job summary from?"""
    import os

    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    return summary is not None and bool(summary) and os.path.realpath(summary) == os.path.realpath(destination)


def _write(fmt: str, destination: str | None, result: Any, context: Any, render: Any) -> None:
    if destination is None:
        # rendered whole first: a run stopped halfway (Ctrl-C) prints no partial report
        import io
        import os
        from dataclasses import replace

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
    from dataclasses import replace

    from .atomic import report_writer

    context_for_file = replace(context, color=False)
    if _is_step_summary(destination):
        # the runner collects what every step appended: replacing the file would erase
        # what earlier steps wrote, so this one is appended to, in one write
        import io
        import os

        from .errors import PmlintError

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
