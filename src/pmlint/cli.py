"""The command line: parse options, call the library, set the exit code. Nothing else.

Each command turns its options into a request for `app.py` (`run_check`, `run_convert`,
...; `history.run_report` for `report`), renders what comes back and exits. This is the
only module that imports click (an import contract in pyproject.toml).

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it;
2 usage, configuration or internal error (one line on stderr, no traceback
unless --debug).
"""

from __future__ import annotations

import signal
import sys
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
    finally:
        if argv is None:  # the console script or `python -m pmlint`: the process ends next
            _skip_exit_collection()


def _skip_exit_collection() -> None:
    """Leave every object still alive out of the garbage collection Python runs as the
    process exits. That collection walks the whole heap to find reference cycles the exit
    frees anyway: after a 5 MB Markdown postmortem, whose data tree, timeline and texts
    the per-document caches still hold, it cost 0.35 s (7 % of the run). Exit handlers
    (the regex cache's) still run; only finalizers of objects in reference cycles, which
    Python never promises to run at exit, are skipped. Not done when `main` is called with
    arguments (tests, embedding): that process goes on and its collector must stay whole."""
    import gc

    gc.freeze()


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
        from .app import CheckRequest, check_config_text, report_root, report_targets, run_check, write_report
        from .report import ReportContext

        targets = report_targets(formats, output)
        request = CheckRequest(
            paths=paths, select=tuple(_split_codes(select)) if select else None,
            extend_select=tuple(_split_codes(extend_select)), ignore=tuple(_split_codes(ignore)), preset=preset,
            fail_on=fail_on, config_path=config_path, isolated=isolated, use_suppressions=not no_suppressions,
            stdin_filename=stdin_filename, respect_gitignore=respect_gitignore, changed_since=changed_since,
            baseline_path=baseline_path, write_baseline=write_baseline, profiles=show_profile, jobs=jobs or None,
            debug=ctx.obj["debug"], destinations=tuple(destination for _, destination in targets if destination),
            on_warning=lambda text: click.echo(f"pmlint: warning: {text}", err=True))
        if show_config:
            click.echo(check_config_text(request), nl=False)
            return
        result = run_check(request)
        if result.baseline_written is not None:
            click.echo(f"pmlint: wrote {result.baseline_written} baseline entries to {write_baseline}", err=True)
            return
        context = ReportContext(color=color, quiet=quiet, root=report_root(targets), fail_on=result.fail_on)
        if changed_since and not result.files:
            if not any(fmt == "text" and destination is None for fmt, destination in targets):
                click.echo("No changed postmortems.", err=True)
        for fmt, destination in targets:
            write_report(fmt, destination, result.lint, context)
        if statistics:
            from .report.statistics import statistics_text

            click.echo(statistics_text(result.lint), err=True, nl=False)
        if result.failed and not exit_zero:
            ctx.exit(EXIT_FINDINGS)

    @cli.command(name="rules", short_help="List every rule with its severity and preset.")
    @click.option("--format", "-f", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table",
                  help="table (default), json, or markdown (the source of docs/rules.md).")
    @click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (adds rules-dirs).")
    def rules_command(fmt: str, config_path: str | None) -> None:
        """List every rule with its id, severity, preset and summary."""
        from .app import load_rule_pack
        from .report.rules import rules_json, rules_markdown, rules_table

        rules = load_rule_pack(config_path)
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
        from .app import run_rule_examples
        from .report.rules import example_results_text

        outcomes = run_rule_examples(directory)
        click.echo(example_results_text(outcomes), nl=False)
        if not all(outcome.passed for outcome in outcomes):
            ctx.exit(EXIT_FINDINGS)

    @cli.command(short_help="Explain a rule, with examples.")
    @click.argument("rule")
    @click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (adds rules-dirs).")
    def explain(rule: str, config_path: str | None) -> None:
        """Explain a rule: what it asks, why, how to fix, and examples."""
        from .app import find_rule
        from .report.rules import explain_text

        click.echo(explain_text(find_rule(rule, config_path)), nl=False)

    @cli.command(short_help="Print a JSON Schema: postmortem, rule or config.")
    @click.argument("name", type=click.Choice(["postmortem", "rule", "config"]), default="postmortem")
    def schema(name: str) -> None:
        """Print a JSON Schema (default: the postmortem schema, for editors)."""
        import json

        from .schema import load_schema
        from .settings_schema import config_schema

        if name == "config":
            from .engine.rules import load_rules

            click.echo(json.dumps(config_schema(load_rules()), indent=2))
            return
        click.echo(json.dumps(load_schema(name), indent=2))

    @cli.command(short_help="Print the YAML pmlint reads from a postmortem.")
    @click.argument("path", type=click.Path(dir_okay=False))
    @click.pass_context
    def convert(ctx: click.Context, path: str) -> None:
        """Print the YAML form of what pmlint understood from a postmortem (Markdown or YAML)."""
        from .app import run_convert

        converted = run_convert(path)
        for problem in converted.problems:
            click.echo(problem, err=True)
        click.echo(converted.yaml, nl=False)
        if converted.broken:
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
