"""Every loader error is contained to its document: extreme dates, numbers and times,
midnight rollovers at the calendar's edges. Whatever the text, loading and linting
return findings; a loader bug becomes a PM001 finding on that file, never an exit 2."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import write
from pmlint.engine.rules import load_rules
from pmlint.engine.run import RunOptions, lint_document
from pmlint.load import load_text_contained
from pmlint.settings import DEFAULT_SETTINGS

RULES = load_rules()
OPTIONS = RunOptions(settings=dict(DEFAULT_SETTINGS), severity={})

DATES = st.sampled_from(["9999-12-31", "0001-01-01", "9999-12-30", "2024-02-29", "2023-02-29", "0000-00-00",
                         "10000-01-01", "2025-13-45", "1970-01-01"])
CLOCKS = st.sampled_from(["23:59", "00:00", "00:01", "24:00", "23:59:59", "12:00", "99:99", "11:59 PM",
                          "12:00 AM", "-01:00"])
ZONES = st.sampled_from(["", "Z", "+14:00", "-12:00", "+23:59", "UTC", "PST", "Europe/Berlin", "+99:99"])
NUMBERS = st.sampled_from(["0", "-1", "1e308", "1e309", "nan", "inf", "9" * 400, "0.000001", "-0", "1_000"])


def lint_text(path: str, text: str) -> None:
    """The loader itself must not fail (containment is the last line of defence, tested
    below, not a licence): no loader-error problem, and no rule failing as PM009."""
    document = load_text_contained(path, text, OPTIONS.settings)
    assert not [problem for problem in document.problems if problem.code == "loader-error"], document.problems
    findings = lint_document(document, RULES, OPTIONS)
    assert not [finding.message for finding in findings if finding.rule_id == "PM009"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(date=DATES, clocks=st.lists(CLOCKS, min_size=1, max_size=6), zone=ZONES, number=NUMBERS)
def test_markdown_with_extreme_dates_and_times_never_escapes(date, clocks, zone, number):
    timeline = "\n".join(f"- {clock} {zone} event {index}" for index, clock in enumerate(clocks))
    text = (f"---\ndate: {date}\nseverity: SEV1\n---\n# Outage\n\n## Impact\n\n{number} users for {number} minutes, "
            f"{number}% of the error budget.\n\n## Timeline\n\n{timeline}\n\n| Time | Event |\n|---|---|\n"
            f"| {date} {clocks[0]} | started |\n| {clocks[-1]} | resolved |\n\n"
            f"## Action items\n\n- [ ] Add an alert (@bob, due {date})\n")
    lint_text("pm.md", text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(date=DATES, first=CLOCKS, last=CLOCKS, zone=ZONES, number=NUMBERS)
def test_yaml_with_extreme_dates_and_numbers_never_escapes(date, first, last, zone, number):
    text = (f"title: t\ndate: {date}\nseverity: SEV1\nimpact: {{users_affected: {number}, duration_minutes: {number}}}\n"
            f"timeline:\n  - {{at: '{date}T{first}{zone}', event: a, kind: started}}\n"
            f"  - {{at: '{date} {last}', event: b, kind: resolved}}\n"
            f"action_items:\n  - {{title: Add an alert, owner: bob, due: {date}}}\n"
            f"on_call: {{pages: {number}, off_hours_pages: {number}, person_hours: {number}}}\n")
    lint_text("pm.yaml", text)


def test_the_issue_case_is_linted_not_an_internal_error(tmp_path, run_cli):
    write(tmp_path / "a.md", "---\ndate: 9999-12-31\n---\n# T\n\n## Timeline\n\n- 23:50 started\n- 00:10 resolved\n")
    write(tmp_path / "b.yaml", "title: fine\n")
    code, out, err = run_cli("check", ".", "-f", "json", cwd=tmp_path)
    assert code in (0, 1) and "internal error" not in err, err  # findings, never exit 2
    assert {f["path"] for f in json.loads(out)["findings"]} == {"a.md", "b.yaml"}


def test_a_loader_bug_is_a_pm001_finding_on_its_file(tmp_path, run_cli, monkeypatch):
    import pmlint.load.markdown as markdown

    def broken(*args, **kwargs):
        raise OverflowError("date value out of range")

    monkeypatch.setattr(markdown, "load_markdown", broken)
    write(tmp_path / "a.md", "# T\n")
    write(tmp_path / "b.yaml", "title: fine\n")
    code, out, err = run_cli("check", ".", "-f", "json", cwd=tmp_path)
    found = {(f["path"], f["rule"]): f["message"] for f in json.loads(out)["findings"]}
    assert code == 1 and "internal error" not in err
    assert "OverflowError: date value out of range" in found[("a.md", "PM001")]
    assert any(path == "b.yaml" for path, _ in found)  # the run went on
