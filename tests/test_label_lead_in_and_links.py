"""A label line, then a one-line lead-in, then the list ("**Remediation plan:**", "Our
immediate action items:", the items) is the plan; "a timeline here that was kept during the
incident: https://..." links a timeline kept elsewhere; a career ("after spending over 15
years working as a developer") is no impact duration. All three seen in held-out U and J."""

from __future__ import annotations

from conftest import rule_findings, write

PLAN = """# Mail outage

During the afternoon of May 6th mail was delayed by hours and the service was down until May 10th.

{label}

Our immediate action items:

- Update the documentation to diagram the mail flow.
- Add disk health alerts for the mail server's arrays.
"""


def test_a_label_over_a_lead_in_and_a_list_is_the_plan(tmp_path, run_cli):
    for label in ("**Remediation plan:**", "**Action plan:**", "## Remediation plan"):
        path = write(tmp_path / "pm.md", PLAN.format(label=label))
        assert rule_findings(run_cli, path, "PM313") == [], label


def test_another_label_over_the_same_lead_in_is_no_plan(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", PLAN.format(label="**Recovery notes:**").replace(
        "Our immediate action items:", "What we did that day:"))
    assert len(rule_findings(run_cli, path, "PM313")) == 1


LINKED = """# Mail outage

## Summary

On May 6th mail was delayed; the service was down until May 10th, affecting all lists.

{line}

## Root cause

Two disks of one array failed.

## Action items

- [ ] Add disk health alerts (owner: infra, due 2014-06-30)
"""


def test_a_timeline_kept_elsewhere_and_linked_is_asked_for_under_strict_only(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", LINKED.format(
        line="You can find a timeline here that was kept during the incident: https://example.org/infra/mail"))
    assert [f for f in rule_findings(run_cli, path, "PM011") if "timeline" in f["message"]] == []
    found = [f for f in rule_findings(run_cli, path, "PM011", preset="strict") if "timeline" in f["message"]]
    assert len(found) == 1 and found[0]["severity"] == "info"


def test_a_timeline_named_in_another_sentence_than_the_link_is_not_linked(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", LINKED.format(
        line="We did not keep a timeline. Our status page is at: https://example.org/status"))
    found = [f for f in rule_findings(run_cli, path, "PM011") if "timeline" in f["message"]]
    assert len(found) == 1 and found[0]["severity"] == "warning"


CAREER = """# Secrets leaked in a deploy log

After spending over 15 years working as a developer, I know everything is a little bit broken.

## Summary

A deploy tool printed keys to its public log; we rotated them within an hour.
"""


def test_a_career_is_no_impact_duration(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", CAREER)
    code, out, _ = run_cli("convert", str(path))
    assert code == 0 and "severity:" in out and "15 years" not in out


def test_a_stated_outage_is_still_one(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", CAREER.replace(
        "After spending over 15 years working as a developer, I know everything is a little bit broken.",
        "After the release, the service was down for over 15 days, and everything was a little bit broken."))
    code, out, _ = run_cli("convert", str(path))
    assert code == 0 and "15 days" in out


LATER = """# Secrets printed to a deploy log

## Summary

A deploy tool printed keys to its public log on 2022-03-29; we rotated them within an hour.

## Root cause

A misconfigured flag made the tool print its environment.

## Action items

- [ ] Rotate the keys (owner: sre, due 2022-04-01)

## Lessons

{said}
"""


def test_a_similar_incident_after_this_one_is_no_repeat(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", LATER.format(
        said="A few weeks after this, we had a similar incident on a different team and fixed it faster."))
    assert rule_findings(run_cli, path, "PM802") == []


def test_a_similar_incident_before_this_one_is_a_repeat(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", LATER.format(
        said="We had a similar incident on a different team last year and did not fix the flag."))
    assert len(rule_findings(run_cli, path, "PM802")) == 1
