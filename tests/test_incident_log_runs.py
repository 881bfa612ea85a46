"""An incident log (a status page's history: `forms.incident_log`) is many incidents, each
headed by its date, alone or leading a title (`### 14-Mar-2024: Runners down`, a bold line
`__21-Nov-2023: Cache server crashed__`, `__3:00 PM, 05-Sep-22: Mirror outage__`), with
time-only updates under it. Each incident is its own run: its updates take its date, order
is checked within it and never across two, and no duration spans two. CLI in, findings out.

A held-out review judged "25 timeline times could not be read as a date and time" false on
such a page: every date was in the heading above the time. An earlier attempt that only
dated the updates then compared incidents with each other (PM502 across incidents, a time
to mitigate of years, an incident written oldest first turned around). These documents
are short, synthetic and in this file's own words."""

from __future__ import annotations

import pytest

from conftest import rule_findings, write
from linearity import assert_ten_times_linear
from pmlint.load import load_text
from pmlint.load.markdown.times import incident_heading, parse_stamp

_LOG = """---
severity: SEV2
---
# Build farm notices

## Current notices

### 14-Mar-2024: Runners back

* 6:10 PM - The runners are back up and picking up queued jobs.

### 14-Mar-2024: Runners down

* 5:05 PM - All build runners went down after a switch failure.

### 02-Feb-2024: Artifact store slow

* 9:00 AM - Artifact uploads were slow for most of the morning.

## Archive

__21-Nov-2023: Cache server crashed__

* 11:40 PM - The cache server is up again and the incident is resolved.
* 11:00 PM - The admin is rebooting the cache server.
* 10:15 PM - The cache server crashed and builds failed.

__3:00 PM, 05-Sep-22: Mirror outage__

The package mirror was unreachable for an afternoon.

__30-Aug-2022: Disk replacement__

* 8:00 AM - A failed disk was found in the storage array.
* 1:00 PM - The disk was replaced and the array rebuilt.
"""


def _timeline(text: str) -> list[dict]:
    return load_text("log.md", text).data["timeline"]


def test_each_update_takes_the_date_of_its_incident(run_cli, tmp_path):
    path = write(tmp_path / "log.md", _LOG)
    assert rule_findings(run_cli, path, "PM501", "PM502") == []
    assert rule_findings(run_cli, path, "PM504", preset="strict") == []
    stamps = [entry["at"] for entry in _timeline(_LOG)]
    # incidents oldest first, each in the order things happened; the heading with a time
    # (`3:00 PM, 05-Sep-22`) is an entry of its own
    assert stamps == ["2022-08-30T08:00:00", "2022-08-30T13:00:00", "2022-09-05T15:00:00", "2023-11-21T22:15:00",
                      "2023-11-21T23:00:00", "2023-11-21T23:40:00", "2024-02-02T09:00:00", "2024-03-14T17:05:00",
                      "2024-03-14T18:10:00"]
    document = load_text("log.md", _LOG)
    # two headings of the same day (`Runners down`, then `Runners back`) are one incident
    assert document.meta.timeline_incidents == (0, 2, 3, 6, 7)


def test_an_entry_out_of_place_within_one_incident_is_still_reported(run_cli, tmp_path):
    """An incident written oldest first inside the newest-first log is left as written: an
    entry out of place in it is a slip PM502 reports, at that entry."""
    text = _LOG.replace("* 1:00 PM - The disk was replaced", "* 7:00 AM - The array alarm was silenced.\n"
                                                              "* 1:00 PM - The disk was replaced")
    found = rule_findings(run_cli, write(tmp_path / "log.md", text), "PM502")
    assert [(item["line"], item["severity"]) for item in found] == [(text.splitlines().index(
        "* 7:00 AM - The array alarm was silenced.") + 1, "warning")]


_SLOW_NEWEST = """---
severity: SEV2
---
# Build farm notices

### 14-Mar-2024: Runners down

* 5:05 PM - Outage started: all build runners went down after a switch failure.
* 8:20 PM - Traffic failed over to the spare switch; runners mitigated.

### 02-Feb-2024: Artifact store slow

* 9:00 AM - Artifact uploads were slow for most of the morning.

### 21-Nov-2023: Cache server crashed

* 10:15 PM - Outage started: the cache server crashed and builds failed.
* 10:40 PM - The cache server is being looked at.
"""


def test_a_duration_is_measured_within_the_newest_incident_and_says_so(run_cli, tmp_path):
    found = rule_findings(run_cli, write(tmp_path / "log.md", _SLOW_NEWEST), "PM404")
    assert len(found) == 1
    assert "3 h 15 min" in found[0]["message"] and "newest incident" in found[0]["message"]
    assert "2024-03-14" in found[0]["message"]


def test_no_duration_spans_two_incidents(run_cli, tmp_path):
    """The old incident starts and is never mitigated; the new one is mitigated and never
    said to start: joined, they would make a time to mitigate of months."""
    text = _SLOW_NEWEST.replace("* 5:05 PM - Outage started: all build runners went down after a switch failure.\n",
                                "")
    assert rule_findings(run_cli, write(tmp_path / "log.md", text), "PM403", "PM404", "PM505") == []


_POSTMORTEM = """# 14-Mar-2024: Runners down

## Summary

All build runners went down after a switch failure.

## Timeline

- 17:05 Outage started: the runners went down.
- 17:40 Traffic failed over to the spare switch.
- 17:12 The on-call engineer was paged.
- 18:10 Resolved: the runners are back.
"""


def test_a_single_postmortem_with_a_dated_title_still_gets_its_order_checked(run_cli, tmp_path):
    """Negative twin: one incident, its date in the title, is no log; its timeline is one run."""
    path = write(tmp_path / "pm.md", _POSTMORTEM)
    found = rule_findings(run_cli, path, "PM502")
    assert [item["line"] for item in found] == [_POSTMORTEM.splitlines().index("- 17:12 The on-call engineer was paged.")
                                                + 1]
    assert load_text("pm.md", _POSTMORTEM).meta.timeline_incidents == ()


@pytest.mark.parametrize(("text", "expected"), [
    ("20-Dec-18", "2018-12-20T00:00:00"),
    ("1:00 PM, 20-Dec-18: Outage due to AC failure", "2018-12-20T13:00:00"),
    ("10:02 AM, 13-Apr-17", "2017-04-13T10:02:00"),
])
def test_a_joined_date_with_a_two_digit_year_reads(text, expected):
    stamp = parse_stamp(text)
    assert stamp is not None and stamp.moment is not None and stamp.moment.isoformat() == expected


@pytest.mark.parametrize(("text", "day"), [
    ("10-Apr-2023: Bigdata down", "2023-04-10"),
    ("__28-Oct-2020: Cluster jobs failed__", "2020-10-28"),
    ("12:00 AM, 16-Jun-17 to 17-Jun-17: maintenance shutdown", "2017-06-16"),
    ("June 25, 2020", "2020-06-25"),
])
def test_an_incident_heading_gives_its_date(text, day):
    stamp = incident_heading(text)
    assert stamp is not None and stamp.moment is not None and stamp.moment.date().isoformat() == day


@pytest.mark.parametrize("text", ["June 25, 2020 was the day the disks filled", "June 3: outage", "Timeline",
                                  "9:00 PM - the router was repaired"])
def test_a_sentence_or_a_date_without_its_year_is_no_incident_heading(text):
    assert incident_heading(text) is None


def test_reading_a_log_is_linear():
    from datetime import date, timedelta

    unit = "### {day}: Runners down\n\n* 5:05 PM - The runners went down.\n* 6:10 PM - The runners are back up.\n\n"

    def run(copies: int) -> None:
        days = [(date(2024, 3, 1) - timedelta(days=3 * index)).strftime("%d-%b-%Y") for index in range(copies)]
        document = load_text("log.md", "# Notices\n\n" + "".join(unit.format(day=day) for day in days))
        assert len(document.meta.timeline_incidents) == copies or copies < 3

    assert_ten_times_linear(run, 40, "incident log")


def test_a_heading_with_a_time_is_the_incident_first_entry_its_title_the_event():
    text = _LOG.replace("__3:00 PM, 05-Sep-22: Mirror outage__", "__3:00 PM, 05-Sep-22 to 06-Sep-22: Mirror outage__")
    entry = next(item for item in _timeline(text) if item["at"] == "2022-09-05T15:00:00")
    assert entry["event"] == "Mirror outage"
