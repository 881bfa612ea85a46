"""Due dates as people write them (PM303, PM302, PM314): a date spelled "Jul 16, 2023" is a
date; `error` only for a value that is certainly no date; done items are not judged; "soon"
is no date (PM302), not a malformed one. Synthetic documents, CLI in, findings out."""

from __future__ import annotations

import pytest

from conftest import rule_findings, write
from pmlint.engine.checks._due import read_due

TABLE = """\
---
date: {date}
---
# Cache outage

## Summary

The cache went read-only and pages failed to load for an hour.

## Corrective actions

| Action | Expected date | Status |
|---|---|---|
{rows}
"""


def _table(tmp_path, rows: list[tuple[str, str, str]], incident: str = "2023-07-16", name: str = "pm.md"):
    body = "\n".join(f"| {title} | {due} | {status} |" for title, due, status in rows)
    return write(tmp_path / name, TABLE.format(date=incident, rows=body))


@pytest.mark.parametrize("due", ["Jul 16, 2023", "July 28, 2023", "28 July 2023", "28th of July, 2023",
                                 "2023/07/28", "28/07/2023", "7/28/2023", "28.07.2023", "Q3 2023", "end of Q3",
                                 "2023-Q4", "H2 2023", "July 2023", "Jul 28", "Fri, Jul 28, 2023",
                                 "by 2023-07-28", "**Jul 28, 2023**"])
def test_written_dates_are_dates(tmp_path, run_cli, due):
    path = _table(tmp_path, [("Bind the cache to private addresses", due, "To Do")])
    assert rule_findings(run_cli, path, "PM303", preset="strict") == []


def test_done_items_due_dates_are_not_judged(tmp_path, run_cli):
    path = _table(tmp_path, [("Enable the firewall on the cache host", "2023-05-01", "Done"),
                             ("Audit the other hosts", "2023-13-45", "Done")])
    assert rule_findings(run_cli, path, "PM303", preset="strict") == []


def test_a_value_that_is_no_day_on_the_calendar_is_an_error(tmp_path, run_cli):
    path = _table(tmp_path, [("Bind the cache to private addresses", "2023-13-45", "To Do"),
                             ("Require authentication on the cache", "Feb 30, 2024", "To Do")])
    found = rule_findings(run_cli, path, "PM303")
    assert [(item["severity"], "not a day on the calendar" in item["message"]) for item in found] == \
        [("error", True), ("error", True)]


def test_a_day_before_the_stated_incident_date_is_an_error(tmp_path, run_cli):
    path = _table(tmp_path, [("Bind the cache to private addresses", "Jun 2, 2023", "To Do")])
    [found] = rule_findings(run_cli, path, "PM303")
    assert found["severity"] == "error" and "before the incident (2023-07-16)" in found["message"]


def test_before_the_incident_in_one_reading_only_is_a_warning(tmp_path, run_cli):
    # 07/08/2023: 8 July (before the incident) month first, 7 August (after) day first; the
    # document has no other numeric date to settle the order
    path = _table(tmp_path, [("Bind the cache to private addresses", "07/08/2023", "To Do")])
    [found] = rule_findings(run_cli, path, "PM303")
    assert found["severity"] == "warning"


def test_the_documents_date_order_reads_an_ambiguous_date(tmp_path, run_cli):
    # the document writes 20/07/2023 elsewhere (day first): 01/08/2023 is 1 August, after it
    path = _table(tmp_path, [("Bind the cache to private addresses", "20/07/2023", "To Do"),
                             ("Require authentication on the cache", "01/08/2023", "To Do")])
    assert rule_findings(run_cli, path, "PM303", preset="strict") == []


@pytest.mark.parametrize("due", ["next sprint", "in two weeks", "after the migration"])
def test_relative_or_unreadable_dates_are_warnings(tmp_path, run_cli, due):
    path = _table(tmp_path, [("Bind the cache to private addresses", due, "To Do")])
    [found] = rule_findings(run_cli, path, "PM303")
    assert found["severity"] == "warning"


@pytest.mark.parametrize("due", ["soon", "ASAP", "ongoing", "n/a", "-"])
def test_no_date_yet_is_a_missing_date_not_an_invalid_one(tmp_path, run_cli, due):
    path = _table(tmp_path, [("Bind the cache to private addresses", due, "To Do"),
                             ("Require authentication on the cache", "2023-08-01", "To Do")])
    assert rule_findings(run_cli, path, "PM303", preset="strict") == []
    [missing] = rule_findings(run_cli, path, "PM302", preset="strict")
    assert "Bind the cache" in missing["message"]


def test_yaml_due_dates_are_read_the_same_way(tmp_path, run_cli):
    path = write(tmp_path / "pm.yaml", """\
title: Cache outage
date: 2023-07-16
action_items:
  - {title: Bind the cache to private addresses, owner: dana, due: "Jul 28, 2023"}
  - {title: Require authentication on the cache, owner: dana, due: "28 July 2023"}
  - {title: Add a read-only alert, owner: dana, due: "2023-02-30"}
""")
    found = rule_findings(run_cli, path, "PM303", preset="strict")
    assert [(item["severity"], item["pointer"]) for item in found] == [("error", "/action_items/2/due")]


def test_reading_is_linear_on_hostile_values():
    # anchored, bounded patterns: a long run that nearly matches costs no more than a short one
    assert read_due("Jul " * 50_000).kind == "unknown"
    assert read_due("1/" * 50_000).kind == "unknown"
