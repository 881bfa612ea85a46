"""Golden tests: the exact text and JSON a user sees for a fixed document and rule set.

The fixture uses the document rules (PM0xx) and two custom rules from
tests/fixtures/rules, so the built-in pack can evolve without churning these files.
Regenerate deliberately with PMLINT_UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import json
import os

from conftest import ROOT

GOLDEN = ROOT / "tests" / "fixtures" / "golden"
ARGS = ["check", "--config", "tests/fixtures/golden/pmlint.yaml", "tests/fixtures/yaml/golden.yaml"]


def _compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("PMLINT_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


def test_text_output_matches_golden(run_cli):
    code, out, _ = run_cli(*ARGS, "--no-color", cwd=ROOT)
    assert code == 1
    _compare("text.txt", out)


def test_json_output_matches_golden(run_cli):
    code, out, _ = run_cli(*ARGS, "--format", "json", cwd=ROOT)
    assert code == 1
    _compare("json.json", out)
    document = json.loads(out)
    assert document["summary"]["errors"] == 1
    assert [f["rule"] for f in document["findings"]] == ["PM005", "ACME101", "ACME102"]


def test_color_only_when_asked(run_cli):
    _, plain, _ = run_cli(*ARGS, cwd=ROOT)
    _, colored, _ = run_cli(*ARGS, "--color", cwd=ROOT)
    assert "\x1b[" not in plain
    assert "\x1b[" in colored


def test_no_color_env_wins_over_terminal(run_cli, monkeypatch):
    import io

    from pmlint.lint import LintResult
    from pmlint.report import ReportContext, render

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("NO_COLOR", "1")
    stream = Terminal()
    render("text", LintResult(["a.yaml"], [], []), stream, ReportContext())
    assert "\x1b[" not in stream.getvalue()
    assert "All clear" in stream.getvalue()
