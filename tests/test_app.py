"""The library entry points (`pmlint.app`), driven directly: no click, no CLI runner.

`run_check(request) -> result` is what `pmlint check` does between parsing options and
rendering; these tests hold it to the same answers the CLI gives.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import EXAMPLES, ROOT, write
from pmlint.app import CheckRequest, find_rule, run_check, run_convert
from pmlint.errors import PmlintError
from pmlint.model import Severity

PM = """\
title: Checkout outage
summary: The dashboard did not show replication lag.
action_items:
  - title: Add alert
    due: 2024-05-01
"""


def test_run_check_finds_what_the_cli_reports(run_cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    path = str(EXAMPLES / "flawed-blame.yaml")
    result = run_check(CheckRequest(paths=(path,)))
    code, out, _ = run_cli("check", "-f", "json", path)
    shown = [(f["rule"], f["line"], f["column"], f["message"]) for f in json.loads(out)["findings"]]
    assert shown and [(f.rule_id, f.span.line, f.span.column, f.message) for f in result.findings] == shown
    assert result.failed == (code == 1) and result.fail_on == "error"
    assert [source.display for source in result.files] == [str((EXAMPLES / "flawed-blame.yaml").relative_to(ROOT))]


def test_fail_on_decides_failed_not_the_findings():
    path = str(EXAMPLES / "flawed-blame.yaml")
    strict = run_check(CheckRequest(paths=(path,), fail_on="info"))
    never = run_check(CheckRequest(paths=(path,), fail_on="never"))
    assert strict.failed and not never.failed
    assert strict.findings == never.findings  # fail-on hides nothing
    clean = run_check(CheckRequest(paths=(str(EXAMPLES / "exemplary.yaml"),), fail_on="error"))
    assert not clean.failed and all(finding.severity < Severity.ERROR for finding in clean.findings)


def test_baseline_written_then_hides_findings_and_counts_stale_entries(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "pm.yaml", PM)
    first = run_check(CheckRequest(paths=("pm.yaml",), isolated=True, fail_on="info"))
    assert first.findings and first.hidden.baseline == 0 and first.baseline is None
    written = run_check(CheckRequest(paths=("pm.yaml",), isolated=True, write_baseline="baseline.json"))
    assert written.baseline_written == len(first.findings) and (tmp_path / "baseline.json").is_file()
    again = run_check(CheckRequest(paths=("pm.yaml",), isolated=True, baseline_path="baseline.json",
                                   fail_on="info"))
    assert again.findings == () and not again.failed
    assert again.hidden.baseline == len(first.findings) and again.stale == 0
    assert again.baseline == "baseline.json" and again.lint.baseline is not None
    # every finding fixed: the entries that matched nothing are stale
    write(tmp_path / "pm.yaml", (EXAMPLES / "exemplary.yaml").read_text(encoding="utf-8"))
    fixed = run_check(CheckRequest(paths=("pm.yaml",), isolated=True, baseline_path="baseline.json"))
    assert fixed.stale > 0


@pytest.mark.parametrize("request_, message", [
    (CheckRequest(paths=("x.yaml",), select=()), "--select needs at least one rule code"),
    (CheckRequest(isolated=True, config_path="c.yaml"), "--isolated ignores configuration files"),
    (CheckRequest(paths=("-", "x.yaml")), "`-` (standard input) is the only path"),
    (CheckRequest(paths=("nowhere-at-all",), isolated=True), "nowhere-at-all"),
    (CheckRequest(paths=(str(EXAMPLES),), select=("PM301",), ignore=("PM301",), isolated=True),
     "no rules enabled: --select PM301 and --ignore PM301 leave nothing to check"),
])
def test_usage_problems_are_errors_not_results(request_, message):
    with pytest.raises(PmlintError, match="^.*" + __import__("re").escape(message)):
        run_check(request_)


def test_a_report_aimed_at_a_linted_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "pm.yaml", PM)
    with pytest.raises(PmlintError, match="refusing to write a report over pm.yaml"):
        run_check(CheckRequest(paths=(".",), isolated=True, destinations=("pm.yaml",)))
    assert (tmp_path / "pm.yaml").read_text(encoding="utf-8") == PM


def test_the_other_entry_points():
    assert find_rule("action-item-owner").id == "PM301"
    with pytest.raises(PmlintError, match="did you mean"):
        find_rule("PM7O1")
    converted = run_convert(str(EXAMPLES / "exemplary.md"))
    assert not converted.broken and converted.problems == () and "action_items:" in converted.yaml


def test_the_app_layer_runs_without_click():
    """What the import contract promises, checked for real: a program that calls
    run_check never loads click."""
    script = ("import sys\nfrom pmlint.app import CheckRequest, run_check\n"
              f"result = run_check(CheckRequest(paths=({str(EXAMPLES / 'exemplary.yaml')!r},)))\n"
              "assert result.lint.files and not result.failed, result\n"
              "assert 'click' not in sys.modules, 'click was imported'\n"
              "assert 'pmlint.cli' not in sys.modules\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
