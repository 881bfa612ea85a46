"""Held-out set F: status pages and incident logs (newest first, one date heading per
incident), a status page's own severity scale, and follow-ups that share a lone
responder's load. Behaviour first: CLI in, findings out, on synthetic documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from pmlint.load.markdown.times import date_heading


def check(run_cli, tmp_path: Path, name: str, text: str, *args: str) -> list[dict]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, out, _ = run_cli("check", "--format", "json", str(path), *args)
    assert code in (0, 1)
    return json.loads(out)["findings"]


def rules(found: list[dict], rule: str) -> list[dict]:
    return [finding for finding in found if finding["rule"] == rule]


def timeline(run_cli, tmp_path: Path, name: str, text: str) -> list[dict]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, out, _ = run_cli("convert", str(path))
    assert code == 0
    return YAML(typ="safe").load(out)["timeline"]


# -- 1. status pages: date headings, newest first ------------------------------------------

STATUS_PAGE = """\
# Cloud status page

Outages and degraded services of our hosted edition.

## Past incidents

### June 25, 2020

We are seeing elevated response times. We are investigating.

### May 26 - 27th, 2018

(7:30 UTC) Services operating normally, root cause is being worked at.

(1:00 UTC) A database failed during a nightly maintenance job and web workers dropped connections.

### April 25th, 2018

(8:15 UTC) The email notification service has been restored.

(7:28 UTC) We are aware of degraded mail notifications and are working on it.

### April 16th, 2018

(7:30 UTC) Services operating normally.

(7:20 UTC) A database denied new client connections, resulting in timeouts.

(6:30 UTC) We're investigating page timeouts returned to some of our instances.
"""


def test_a_status_page_is_dated_by_its_headings_and_read_oldest_first(run_cli, tmp_path):
    entries = timeline(run_cli, tmp_path, "status.md", STATUS_PAGE)
    assert [entry["at"] for entry in entries] == [
        "2018-04-16T06:30:00+00:00", "2018-04-16T07:20:00+00:00", "2018-04-16T07:30:00+00:00",
        "2018-04-25T07:28:00+00:00", "2018-04-25T08:15:00+00:00",
        # "(1:00 UTC)" under a newest-first heading is 01:00, not 13:00 (and not the next day)
        "2018-05-26T01:00:00+00:00", "2018-05-26T07:30:00+00:00"]


def test_a_newest_first_status_page_is_not_out_of_order(run_cli, tmp_path):
    found = check(run_cli, tmp_path, "status.md", STATUS_PAGE)
    assert rules(found, "PM502") == []
    assert rules(found, "PM012") == []  # the page's oldest update is not the date it is filed under


def test_strict_says_once_that_the_log_is_newest_first(run_cli, tmp_path):
    found = rules(check(run_cli, tmp_path, "status.md", STATUS_PAGE, "--preset", "strict"), "PM502")
    assert len(found) == 1
    assert found[0]["severity"] == "info" and "newest first" in found[0]["message"]


def test_runs_newest_first_under_days_written_oldest_first(run_cli, tmp_path):
    text = """\
# Incident log

## Log

### 2024-03-01

- 10:40 UTC Errors stop after the rollback
- 10:05 UTC Alert fires for checkout errors
- 09:50 UTC Checkout errors start

### 2024-03-02

- 16:20 UTC Queue drained
- 15:10 UTC Queue backlog alert fires
"""
    entries = timeline(run_cli, tmp_path, "log.md", text)
    assert [entry["at"][:16] for entry in entries] == [
        "2024-03-01T09:50", "2024-03-01T10:05", "2024-03-01T10:40", "2024-03-02T15:10", "2024-03-02T16:20"]
    assert rules(check(run_cli, tmp_path, "log.md", text), "PM502") == []


def test_a_genuine_misplaced_entry_in_a_forward_timeline_is_still_reported(run_cli, tmp_path):
    text = """\
# Checkout outage

## Timeline

All times UTC.

- 2024-03-01 09:50 Checkout errors start
- 2024-03-01 10:05 Alert fires for checkout errors
- 2024-03-01 11:50 Rollback completed
- 2024-03-01 10:30 On-call engineer starts the rollback
- 2024-03-01 12:10 Errors back to normal
"""
    found = rules(check(run_cli, tmp_path, "forward.md", text), "PM502")
    assert [finding["line"] for finding in found] == [10]
    assert rules(check(run_cli, tmp_path, "forward.md", text, "--preset", "strict"), "PM502")[0]["line"] == 10


NEWEST_FIRST_YAML = """\
title: Checkout outage
severity: SEV2
timeline:
  - {at: "2025-06-21T12:00:00Z", event: Services operating normally}
  - {at: "2025-06-21T11:30:00Z", event: Rolled back the deploy}
  - {at: "2025-06-21T11:00:00Z", event: Alert fires for checkout errors}
  - {at: "2025-06-21T06:00:00Z", event: Checkout errors start}
"""


def test_a_newest_first_yaml_timeline_is_measured_oldest_first(run_cli, tmp_path):
    found = check(run_cli, tmp_path, "log.yaml", NEWEST_FIRST_YAML)
    assert rules(found, "PM502") == []
    # time to detect: onset 06:00 → alert 11:00, measured as in any timeline
    assert [finding["message"][:32] for finding in rules(found, "PM403")] == ["Time to detect was 5 h, over the"]


def test_two_steps_back_among_forward_ones_is_no_log(run_cli, tmp_path):
    text = """\
title: Checkout outage
timeline:
  - {at: "2025-06-21T06:00:00Z", event: Checkout errors start}
  - {at: "2025-06-21T11:00:00Z", event: Alert fires}
  - {at: "2025-06-21T10:00:00Z", event: A customer reports errors}
  - {at: "2025-06-21T11:30:00Z", event: Rollback}
  - {at: "2025-06-21T11:20:00Z", event: Decision to roll back}
  - {at: "2025-06-21T12:00:00Z", event: Services operating normally}
"""
    assert len(rules(check(run_cli, tmp_path, "forward.yaml", text), "PM502")) == 2


@pytest.mark.parametrize("text, expected", [
    ("June 25, 2020", "2020-06-25"), ("April 25th, 2018", "2018-04-25"), ("May 26 - 27th, 2018", "2018-05-26"),
    ("May 31 – June 1, 2018", "2018-05-31"), ("Monday, June 3, 2024", "2024-06-03"), ("2019-01-22", "2019-01-22"),
    ("2018 October 21 22:52 UTC", "2018-10-21"),
])
def test_date_headings(text, expected):
    stamp = date_heading(text, 2020)
    assert stamp is not None and stamp.moment is not None and stamp.moment.date().isoformat() == expected


@pytest.mark.parametrize("text", ["June 25, 2020: the outage", "Timeline", "Mayday 5", "Decision 2", "12:00", ""])
def test_not_date_headings(text):
    assert date_heading(text, 2020) is None


# -- 2. severity: emoji around a level, a status page's own scale --------------------------

def severity_doc(severity: str) -> str:
    return f"# Subscription outage\n\n**Date**: October 23, 2025\n**Severity**: {severity}\n\n## Summary\n\nPaid plans were not activated.\n"


@pytest.mark.parametrize("severity", ["🔴 Critical", "**High**", "(SEV2)", "critical!"])
def test_marks_around_a_known_level_are_no_part_of_it(run_cli, tmp_path, severity):
    assert rules(check(run_cli, tmp_path, "sev.md", severity_doc(severity), "--preset", "strict"), "PM014") == []


def test_an_unknown_level_is_still_reported(run_cli, tmp_path):
    assert len(rules(check(run_cli, tmp_path, "sev.md", severity_doc("🔴 Urgent"), "--preset", "strict"), "PM014")) == 1


CSTATE = """\
---
title: Debian package installs unavailable
date: 2022-05-27T16:50:00-00:00
resolved: true
# Possible severity levels: down, disrupted, notice
severity: {severity}
---

Package installs failed; a configuration fix restored them.
"""


def test_a_status_page_level_with_no_defensible_mapping_is_strict_only(run_cli, tmp_path):
    text = CSTATE.format(severity="disrupted")
    assert rules(check(run_cli, tmp_path, "status.md", text), "PM014") == []
    found = rules(check(run_cli, tmp_path, "status.md", text, "--preset", "strict"), "PM014")
    assert len(found) == 1 and found[0]["severity"] == "info" and "status page" in found[0]["message"]


def test_a_status_page_down_is_read_as_sev1(run_cli, tmp_path):
    text = CSTATE.format(severity="down")
    assert rules(check(run_cli, tmp_path, "status.md", text, "--preset", "strict"), "PM014") == []
    code, out, _ = run_cli("convert", str(tmp_path / "status.md"))
    assert code == 0 and "severity: down" in out  # the page's word is kept as written


def test_the_status_page_table_is_configurable(run_cli, tmp_path):
    (tmp_path / ".pmlint.yaml").write_text("settings:\n  status_page_severities:\n    disrupted: SEV2\n",
                                          encoding="utf-8")
    text = CSTATE.format(severity="disrupted")
    (tmp_path / "status.md").write_text(text, encoding="utf-8")
    code, out, _ = run_cli("check", "--format", "json", "--preset", "strict", "status.md", cwd=tmp_path)
    assert code in (0, 1)
    assert rules(json.loads(out)["findings"], "PM014") == []


# -- 3. a lone responder's load shared -----------------------------------------------------

def lone(follow_up: str) -> str:
    return f"""\
# Docs site outage

## Summary

The docs site was down for seven hours. One person carried the response alone, at night.

## Follow-up

- {follow_up}
"""


@pytest.mark.parametrize("follow_up", [
    "The monitoring system should notify more people. Ideally, it would ping the chat directly.",
    "Add an @emergency role on the chat server which has notifications enabled.",
    "Expand DNS approvals to the second team since that would increase the number of people in different time zones.",
    "Add the second team's members to the OWNERS file.",
    "We are working on adding more people to be on-call.",
])
def test_follow_ups_that_share_the_load(run_cli, tmp_path, follow_up):
    assert rules(check(run_cli, tmp_path, "lone.md", lone(follow_up)), "PM206") == []


def test_a_follow_up_that_shares_nothing_keeps_the_finding(run_cli, tmp_path):
    found = rules(check(run_cli, tmp_path, "lone.md", lone("Email more customers about planned maintenance.")), "PM206")
    assert len(found) == 1


# -- properties ----------------------------------------------------------------------------

from datetime import datetime, timedelta, timezone  # noqa: E402

from hypothesis import given, settings, strategies as st  # noqa: E402

from pmlint.timeline import entries  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_date_heading_never_fails_and_is_a_date_or_nothing(text):
    stamp = date_heading(text, 2020)
    assert stamp is None or (stamp.has_date and stamp.moment is not None)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=600), min_size=3, max_size=30, unique=True))
def test_a_timeline_written_newest_first_reads_as_written_oldest_first(offsets):
    start = datetime(2025, 6, 21, 8, 0, tzinfo=timezone.utc)
    moments = [start + timedelta(minutes=minutes) for minutes in sorted(offsets)]
    forward = {"timeline": [{"at": moment.isoformat(), "event": f"step {n}"} for n, moment in enumerate(moments)]}
    backward = {"timeline": list(reversed(forward["timeline"]))}
    read_forward = [(entry.moment, entry.event) for entry in entries(forward)]
    read_backward = [(entry.moment, entry.event) for entry in entries(backward)]
    assert read_forward == read_backward == [(moment, f"step {n}") for n, moment in enumerate(moments)]


def test_an_hour_written_in_utc_is_never_read_as_pm(run_cli, tmp_path):
    text = """\
# Database failover

## Timeline

### 2024-03-01

(7:30 UTC) Replica lag alert fires.

(1:00 UTC) The failover completed.
"""
    # not a log (one step back): the forward reading puts 1:00 after midnight, never at 13:00
    assert [entry["at"] for entry in timeline(run_cli, tmp_path, "utc.md", text)] == [
        "2024-03-01T07:30:00+00:00", "2024-03-02T01:00:00+00:00"]
