"""Action items under the headings and markers people write (PM313 must not claim there is
no plan), a finished bug-fix write-up (PM313 pedantic), and one PM012 finding per wrong date.
Synthetic documents, CLI in, findings out."""

from __future__ import annotations

import pytest
from ruamel.yaml import YAML

from conftest import rule_findings, write

HEAD = """\
# Disk filled on the database host

## Summary

The root filesystem of the database host filled and writes failed for ten minutes.

## Root cause

Write-ahead-log archives were never cleaned up.

"""


def _items(run_cli, path) -> list[dict]:
    """The action items `pmlint convert` shows it understood."""
    code, out, err = run_cli("convert", str(path))
    assert code == 0, err
    return (YAML(typ="safe").load(out) or {}).get("action_items", [])


@pytest.mark.parametrize("heading", ["Resulting Action", "Resolving actions", "Remedial measures",
                                     "Proactive measures", "Follow-up items", "Corrective action points",
                                     "Further actions", "Open items"])
def test_plan_headings_by_what_they_name(tmp_path, run_cli, heading):
    path = write(tmp_path / "pm.md", HEAD + f"## {heading}\n\n- Add an alert at 90 % disk use\n"
                                            "- Schedule a cron job that prunes archives older than five days\n")
    assert rule_findings(run_cli, path, "PM313") == []
    assert [item["title"] for item in _items(run_cli, path)] == [
        "Add an alert at 90 % disk use", "Schedule a cron job that prunes archives older than five days"]


def test_sub_headings_are_items_and_their_handle_the_owner(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", HEAD + """\
## Resulting action

#### @kim Archive cleanup scheduled

A cron job removes archives older than five days.

#### 2) Disk alerts configured by `@lee`

Alerts fire at 90 % filesystem use on every database node.
""")
    assert rule_findings(run_cli, path, "PM313", "PM314") == []
    items = _items(run_cli, path)
    assert [(item["title"], item.get("owner")) for item in items] == [
        ("Archive cleanup scheduled", "kim"), ("Disk alerts configured", "lee")]
    assert items[0]["description"] == "A cron job removes archives older than five days."


def test_a_plan_heading_under_a_timeline_heading_still_opens_the_plan(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", """\
# Timeline

- 2025-03-01 10:00 UTC the disk fills

## Resulting action

- Add an alert at 90 % disk use
""")
    assert [item["title"] for item in _items(run_cli, path)] == ["Add an alert at 90 % disk use"]


def test_a_heading_naming_what_was_done_is_not_the_plan(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", HEAD + "## Actions taken during the incident\n\n- Restarted the database\n")
    assert _items(run_cli, path) == []


@pytest.mark.parametrize("label", ["Action point", "Action item", "**Action item:**", "Follow-up", "Next step"])
def test_labelled_paragraphs_anywhere_are_items(tmp_path, run_cli, label):
    marker = label if label.endswith(":**") else f"{label}:"
    path = write(tmp_path / "pm.md", HEAD + f"""\
## Lessons learned

### Monitoring

The fork monitor had to be restarted during the evening.

{marker} enable push alerts from the fork monitor to speed up detection.
""")
    assert rule_findings(run_cli, path, "PM313") == []
    assert [item["title"] for item in _items(run_cli, path)] == [
        "enable push alerts from the fork monitor to speed up detection."]


def test_labels_that_are_not_commitments_are_not_items(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", HEAD + """\
## Notes

AP: the access point in rack 4 rebooted.

Action point: none.
""")
    assert _items(run_cli, path) == []
    assert len(rule_findings(run_cli, path, "PM313")) == 1


def test_no_further_actions_is_no_item(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", HEAD + "## Further actions\n\nNo further actions are needed.\n")
    assert _items(run_cli, path) == []
    assert len(rule_findings(run_cli, path, "PM313")) == 1


FIXED = """\
# Regression: reader misaligned after the metadata change

## Summary

Libraries compiled with the older language version failed to load.

## Fix

Added the missing byte write to all four cases.

## Regression tests

Two tests added to the import suite.
"""


def test_a_finished_bug_fix_write_up_is_not_asked_for_a_plan_by_default(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", FIXED)
    assert rule_findings(run_cli, path, "PM313") == []
    [strict] = rule_findings(run_cli, path, "PM313", preset="strict")
    assert strict["severity"] == "info"


def test_a_fix_that_is_only_described_still_asks_for_a_plan(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", FIXED.replace("Two tests added to the import suite.", "None yet."))
    [found] = rule_findings(run_cli, path, "PM313")
    assert found["severity"] == "warning"


def test_one_wrong_date_field_is_one_finding(tmp_path, run_cli):
    # the file name and a timeline running up to its day agree; only `date` is wrong
    path = write(tmp_path / "2023-07-16-cache-exposed.md", """\
---
date: 2023-05-16
---
# Cache exposed

## Timeline

| Time (UTC) | Event |
|---|---|
| 2023-07-09 19:16 | The host restarts without its firewall |
| 2023-07-16 10:45 | An engineer notices read-only errors |
""")
    [found] = rule_findings(run_cli, path, "PM012")
    assert found["message"] == "The file name says 2023-07-16 but the `date` field (line 2) says 2023-05-16"
    assert found["line"] == 2


def test_two_different_wrong_dates_are_two_findings(tmp_path, run_cli):
    path = write(tmp_path / "2023-07-16-cache-exposed.md", """\
---
date: 2023-05-16
---
# Cache exposed on 2023-09-01

## Summary

The cache was reachable from the internet.
""")
    assert len(rule_findings(run_cli, path, "PM012")) == 2


INTENT = HEAD + """\
## Opportunities

We need to improve our monitoring and alerting on {scope}.

## Resulting action

#### @kim Alerts added for pgbouncer errors

Alerts for error log lines on pgbouncer were added.
"""


def test_an_intent_about_every_critical_system_is_not_taken_up_by_one_components_alert(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", INTENT.format(scope="critical systems"))
    [found] = rule_findings(run_cli, path, "PM804", preset="strict")
    assert "critical systems" in found["message"]


def test_an_intent_about_the_same_kind_of_work_is_taken_up(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", INTENT.format(scope="the connection pooler"))
    assert rule_findings(run_cli, path, "PM804", preset="strict") == []
