"""Behaviour of `pmlint check` on Markdown postmortems (own fixtures, JSON output)."""

from __future__ import annotations

import json
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "markdown"


def findings(run_cli, *args: str) -> list[dict]:
    code, out, _ = run_cli("check", "--format", "json", *args)
    assert code in (0, 1)
    data = json.loads(out)
    return data["findings"] if isinstance(data, dict) else data


def test_findings_point_into_the_markdown(run_cli):
    found = findings(run_cli, str(FIXTURES / "bullets-no-owner.md"), "--select", "PM301")
    assert found, "items without owners are reported"
    lines = (FIXTURES / "bullets-no-owner.md").read_text(encoding="utf-8").splitlines()
    for finding in found:
        assert lines[finding["line"] - 1].startswith(("- ", "## Follow-ups")), finding


def test_html_comment_suppression_applies(run_cli):
    everything = findings(run_cli, str(FIXTURES / "bullets-no-owner.md"), "--select", "PM701", "--no-suppressions")
    suppressed = findings(run_cli, str(FIXTURES / "bullets-no-owner.md"), "--select", "PM701")
    assert len(everything) == len(suppressed) + 1


def test_no_internal_errors_on_fixtures(run_cli):
    for path in FIXTURES.glob("*.md"):
        assert not [f for f in findings(run_cli, str(path)) if f["rule"] == "PM009"]
