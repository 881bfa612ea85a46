"""Bare clock times that may be a.m. or p.m. are no evidence of night work (issue 12, held-out C).

A document that writes "9:40am" in its summary and then "4:16: we deploy ..." in its
timeline keeps a 12-hour clock: "4:16" is very likely 16:16. A single-digit hour followed
the same day by a 24-hour afternoon hour ("18:30") that its p.m. reading also fits before
is just as ambiguous. Neither counts as night work (PM203, the inferred on-call burden),
and neither is read as after midnight when the p.m. reading keeps the timeline in order
(PM502). A leading zero ("02:42") is a 24-hour clock: still night. Entries are never
dropped from the timeline.
"""

from __future__ import annotations

import json

import pytest
from ruamel.yaml import YAML

from conftest import rule_findings, write
from pmlint.load.markdown.times import writes_am_pm


def _converted(run_cli, path) -> dict:
    code, out, err = run_cli("convert", str(path))
    assert code == 0, err
    return YAML(typ="safe").load(out)


def _profile(run_cli, path) -> dict:
    code, out, err = run_cli("check", "--format", "json", "--exit-zero", "--profile", str(path))
    assert code == 0, err
    return next(iter(json.loads(out)["profiles"].values()))


TWELVE_HOUR = """\
---
title: Cluster outage
date: 2025-04-14
---

# Cluster outage

## Summary

At about 9:40am every service on the cluster became unreachable; at 12:10pm all of them
came back after we upgraded the load balancer.

## Timeline

- 2025-04-13
  - 4:16: Dana deploys the staging app and sees 404 on every page
  - 4:38: Dana and Lee go on a call to investigate the issue
  - ~18:30: Dana and Lee end the call and decide to continue the next day
- 2025-04-14
  - 8:30: Lee resumes investigating the issue
  - 12:09: We deploy the new load balancer, resolving the issue
"""


def test_bare_hours_in_a_document_that_writes_am_pm_are_not_night_work(tmp_path, run_cli):
    path = write(tmp_path / "outage.md", TWELVE_HOUR)
    for preset in ("recommended", "strict"):
        assert rule_findings(run_cli, path, "PM203", "PM202", preset=preset) == []
    assert _profile(run_cli, path)["on_call"]["sleep_interrupted"] is None
    timeline = _converted(run_cli, path)["timeline"]
    assert len(timeline) == 5  # nothing dropped: the entries stay, read as written
    assert timeline[0]["at"].startswith("2025-04-13T04:16")


def test_a_leading_zero_is_a_24_hour_clock_and_still_night_work(tmp_path, run_cli):
    # the same document, but the night entry written "02:42": a 24-hour clock, night work
    text = TWELVE_HOUR.replace("  - 4:16: Dana deploys the staging app and sees 404 on every page\n",
                               "  - 02:42: We restart the database after the staging app returns 404\n")
    path = write(tmp_path / "outage.md", text)
    found = rule_findings(run_cli, path, "PM203")
    # (a Markdown post naming no pager or on-call rotation: the night work is reported at info)
    assert len(found) == 1 and found[0]["severity"] == "info" and "02:42" in found[0]["message"]


TWENTY_FOUR_HOUR = """\
# Database outage

## Timeline

- 2025-03-03 22:10 We see the error rate rise on the checkout service
- 2025-03-03 23:04 We page the database owner
- 2:42 We restart the database
- 3:30 We confirm that checkouts succeed again
"""


def test_single_digit_hours_after_midnight_in_a_24_hour_timeline_are_night_work(tmp_path, run_cli):
    # no am/pm anywhere, and no p.m. reading fits after 23:04: after midnight, night work
    path = write(tmp_path / "outage.md", TWENTY_FOUR_HOUR)
    found = rule_findings(run_cli, path, "PM203")
    assert len(found) == 1 and "first at 22:10" in found[0]["message"] and found[0]["message"].startswith("4 ")
    assert _converted(run_cli, path)["timeline"][2]["at"] == "2025-03-04T02:42:00"


SAME_DAY = """\
# Staging outage

## Timeline

- 2025-04-13
  - 4:16 We deploy the staging app and see 404 on every page
  - 4:38 We go on a call to investigate the issue
  - 18:30 We end the call and decide to continue the next day
"""


def test_a_single_digit_hour_that_fits_before_a_24_hour_afternoon_hour_is_ambiguous(tmp_path, run_cli):
    # no am/pm anywhere, but 16:16 and 16:38 fit before 18:30 as well as 04:16 does
    path = write(tmp_path / "outage.md", SAME_DAY)
    for preset in ("recommended", "strict"):
        assert rule_findings(run_cli, path, "PM203", preset=preset) == []
    assert _profile(run_cli, path)["on_call"]["sleep_interrupted"] is None


def test_a_single_digit_hour_whose_pm_reading_breaks_the_order_is_night_work(tmp_path, run_cli):
    # 3:10 and 3:40 before 14:00: 15:10 would come after 14:00, so they are a.m., night work
    text = SAME_DAY.replace("4:16", "3:10").replace("4:38", "3:40").replace("18:30", "14:00")
    path = write(tmp_path / "outage.md", text)
    found = rule_findings(run_cli, path, "PM203")
    assert len(found) == 1 and "first at 03:10" in found[0]["message"]


AFTERNOON = """\
# Checkout outage

## Timeline

All times CET.

- 2025-03-03 11:50 We deploy version 2 of the checkout service
- 2025-03-03 1:05 Errors rise on the checkout service; we roll back
- 2025-03-03 1:40 We confirm that checkouts succeed again
"""


def test_a_bare_hour_is_read_as_pm_when_that_keeps_the_timeline_in_order(tmp_path, run_cli):
    # 11:50 then 1:05: 13:05 on a 12-hour clock, not "after midnight" (no PM502), not night
    path = write(tmp_path / "outage.md", AFTERNOON)
    assert rule_findings(run_cli, path, "PM502", "PM203", preset="strict") == []
    timeline = _converted(run_cli, path)["timeline"]
    assert [entry["at"][11:16] for entry in timeline] == ["11:50", "13:05", "13:40"]
    # the same with time-only entries under a date line
    time_only = AFTERNOON.replace("- 2025-03-03 ", "- ").replace("All times CET.", "All times CET, on 2025-03-03.")
    path = write(tmp_path / "time-only.md", time_only)
    assert rule_findings(run_cli, path, "PM502", "PM203", preset="strict") == []
    assert [entry["at"][11:16] for entry in _converted(run_cli, path)["timeline"]] == ["11:50", "13:05", "13:40"]


def test_without_am_pm_a_step_back_nearer_than_the_pm_reading_stays_out_of_order(tmp_path, run_cli):
    # 11:50 then 9:30 in a document that never writes am/pm: 21:30 is further from 11:50
    # than 09:30 is, so the entry stays as written and PM502 reports the order
    text = AFTERNOON.replace("2025-03-03 1:05", "2025-03-03 9:30").replace("2025-03-03 1:40", "2025-03-03 9:45")
    path = write(tmp_path / "outage.md", text)
    found = rule_findings(run_cli, path, "PM502")
    assert len(found) == 1 and "earlier than the entry before it" in found[0]["message"]
    assert [entry["at"][11:16] for entry in _converted(run_cli, path)["timeline"]] == ["11:50", "09:30", "09:45"]


def test_a_written_date_left_unchanged_past_midnight_is_still_reported(tmp_path, run_cli):
    # 23:04 then 02:50 on the same date: no p.m. reading is in order; PM502 says so
    text = AFTERNOON.replace("11:50", "23:04").replace("1:05", "02:50").replace("1:40", "03:20")
    path = write(tmp_path / "outage.md", text)
    found = rule_findings(run_cli, path, "PM502")
    assert len(found) == 1 and "after midnight" in found[0]["message"]


def test_iso_times_in_yaml_are_a_24_hour_clock_whatever_the_prose_says(tmp_path, run_cli):
    path = write(tmp_path / "outage.yaml", """\
title: Database outage
summary: The database stopped at 2am local time, after a 9:40pm schema change.
timezone: Europe/Berlin
timeline:
  - {at: "2025-06-22T02:42:00+02:00", event: We restart the database}
""")
    found = rule_findings(run_cli, path, "PM203")
    assert len(found) == 1 and "02:42" in found[0]["message"]


@pytest.mark.parametrize("text, twelve_hour", [
    ("at about 9:40am", True), ("back at 12:10 PM", True), ("woken at 3 a.m.", True), ("until 11PM", True),
    ("see PM2019-009", False), ("I am on call", False), ("2 PMs were paged", False), ("23:45pm", False),
    ("version 1.2 am", False), ("at 09:40", False),
])
def test_what_counts_as_writing_am_pm(text, twelve_hour):
    assert writes_am_pm([text]) is twelve_hour
