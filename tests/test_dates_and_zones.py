"""How timelines, times, dates and zones are read, behaviour-level (CLI in, findings out),
on our own synthetic postmortems (never corpus text):

- a zone stated once (first entry, bold date line) holds for the zone-less entries after it,
  and PM501 never gives more than one "zone missing" finding per timeline;
- numeric dates are read day first or month first once per document (`24-10-2024` settles
  it; with every date ambiguous, the document's other dates do), and `date - time` keeps
  its time; `2023-01-04/11:34` is a date and a time;
- a date-only entry is a day: it orders by date, never "before" an entry on its own day;
- a `Date:` line on the last day of a multi-day timeline is the write-up's date (PM012).
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import write

from pmlint.load import load_path


def findings(run_cli, path: Path, *rules: str, preset: str | None = None) -> list[dict]:
    args = ["check", "--format", "json", "--exit-zero"]
    if preset:
        args += ["--preset", preset]
    for rule in rules:
        args += ["--select", rule]
    code, out, err = run_cli(*args, str(path))
    assert code == 0, err
    return [item for item in json.loads(out)["findings"] if item["rule"] in rules]


def timeline(path: Path) -> list[dict]:
    return load_path(str(path)).data["timeline"]


# -- a zone stated once ----------------------------------------------------------------

ZONE_ON_FIRST_ENTRY = """# Cache stampede

## Timeline

**Mar 03, 2024, 21:45 (UTC):** The on-call engineer sees the error rate rise.

**21:48:** The cache cluster is found saturated.

**21:56:** Traffic is shed at the edge.

**22:07:** The cache is warmed again.

**22:09:** Error rate back to normal, incident resolved.
"""


def test_a_zone_on_the_first_entry_holds_for_the_entries_after_it(tmp_path, run_cli):
    path = write(tmp_path / "stampede.md", ZONE_ON_FIRST_ENTRY)
    assert [entry["at"] for entry in timeline(path)][:3] == [
        "2024-03-03T21:45:00+00:00", "2024-03-03T21:48:00+00:00", "2024-03-03T21:56:00+00:00"]
    assert findings(run_cli, path, "PM501") == []


NUMBERED_LIST = """# Uplink outage

## Timeline

1. **2024-05-10, 03:50 (UTC) – Outage begins**
   - The uplink router fails.
2. **2024-05-10, 04:01 – Alert fires**
   - Monitoring pages the operations team.
3. **2024-05-10, 04:20 – Provider contacted**
4. **2024-05-10, 07:30 – Failover to the second site**
5. **2024-05-11, 10:00 – Uplink restored, incident resolved**
"""


def test_a_zone_on_entry_one_of_a_list_reaches_the_night_rules(tmp_path, run_cli):
    path = write(tmp_path / "uplink.md", NUMBERED_LIST)
    assert all(entry["at"].endswith("+00:00") for entry in timeline(path))
    assert findings(run_cli, path, "PM501", preset="strict") == []


BOLD_DATE_LINE = """# Queue backlog

## Timeline

**12 June 2024 (UTC)**

- 09:10 Queue depth alert fires
- 09:25 Consumers scaled up
- 10:05 Backlog drained, resolved
"""


def test_a_zone_in_the_bold_date_line_above_the_entries_holds_for_them(tmp_path, run_cli):
    path = write(tmp_path / "backlog.md", BOLD_DATE_LINE)
    assert [entry["at"] for entry in timeline(path)] == [
        "2024-06-12T09:10:00+00:00", "2024-06-12T09:25:00+00:00", "2024-06-12T10:05:00+00:00"]
    assert findings(run_cli, path, "PM501", preset="strict") == []


MOSTLY_ZONED_ONE_SLIP = """# Disk full

## Timeline

- 2024-02-01 10:00 UTC Disk usage alert fires
- 2024-02-01 10:05 UTC On-call acknowledges
- 2024-02-01 10:20 Old logs deleted
- 2024-02-01 10:30 UTC Service healthy, resolved
"""


def test_one_entry_without_the_zone_every_other_carries_is_a_slip(tmp_path, run_cli):
    path = write(tmp_path / "disk.md", MOSTLY_ZONED_ONE_SLIP)
    found = findings(run_cli, path, "PM501")
    assert [item["line"] for item in found] == [7]
    assert "has no timezone" in found[0]["message"]


MIXED = """# Replica lag

## Timeline

- 2024-02-01 10:00 UTC Replica lag alert fires
- 2024-02-01 10:05 UTC On-call acknowledges
- 2024-02-01 10:20 UTC Replica restarted
- 2024-02-01 10:25 UTC Lag falls
- 2024-02-01 10:40 Reads moved back
- 2024-02-01 10:50 Resolved
"""


def test_several_entries_without_a_zone_are_one_finding_not_one_each(tmp_path, run_cli):
    path = write(tmp_path / "lag.md", MIXED)
    found = findings(run_cli, path, "PM501")
    assert len(found) == 1
    assert "2 of the 6 timeline times carry no timezone" in found[0]["message"]


# -- day-first and month-first numeric dates -------------------------------------------

DAY_FIRST_AMBIGUOUS = """# Webhook certificate expired

## Summary

The webhook certificate expired on 8 January 2026 and nobody noticed until customers wrote in.

## Timeline

- **08-01-2026** – Webhook certificate expires
- **11-01-2026 10:00 UTC** – Webhook failures begin, instances unavailable
- **12-01-2026 09:52 UTC** – Customers report the outage
- **12-01-2026 10:40 UTC** – New certificate deployed, service restored
"""


def test_ambiguous_numeric_dates_follow_the_documents_other_dates(tmp_path, run_cli):
    path = write(tmp_path / "2026-01-11-webhook-cert.md", DAY_FIRST_AMBIGUOUS)
    assert timeline(path)[1]["at"] == "2026-01-11T10:00:00+00:00"
    assert findings(run_cli, path, "PM012", "PM502") == []


def test_without_other_evidence_ambiguous_dates_stay_month_first(tmp_path):
    text = DAY_FIRST_AMBIGUOUS.replace("on 8 January 2026 ", "")
    path = write(tmp_path / "webhook-cert.md", text)
    assert timeline(path)[1]["at"] == "2026-11-01T10:00:00+00:00"


DAY_OVER_TWELVE = """# Node image rollout

All times UTC.

## Timeline

- 16-10-2024 11:58 - A hardening change is merged upstream
- 02-11-2024 02:00 - The new node image is released
- 02-11-2024 04:45 - Availability drops sharply
- 02-11-2024 08:07 - A customer reports the outage
- 02-11-2024 - 08:15 - Support tells the platform team
- 02-11-2024 09:30 - Nodes rolled back, service restored
"""


def test_one_day_over_twelve_makes_the_whole_document_day_first(tmp_path, run_cli):
    path = write(tmp_path / "rollout.md", DAY_OVER_TWELVE)
    ats = [entry["at"] for entry in timeline(path)]
    assert ats[1] == "2024-11-02T02:00:00+00:00"  # 2 November, not 11 February
    assert ats[4] == "2024-11-02T08:15:00+00:00"  # `date - time` keeps its time
    assert findings(run_cli, path, "PM502", "PM012") == []


SLASHED = """# Website flood

## Timeline

*2023-01-04 05:13*: The website monitor raises an alert.

*2023-01-04/11:34*: The hosting provider reports a flood of requests and blocks the source.

*2023-01-04 09:15*: The team starts checking other systems.

*2023-01-04 14:30*: The team asks the provider for logs.
"""


def test_date_slash_time_is_read_and_the_real_disorder_reported(tmp_path, run_cli):
    path = write(tmp_path / "flood.md", SLASHED)
    assert timeline(path)[1]["at"] == "2023-01-04T11:34:00"
    found = findings(run_cli, path, "PM502")
    assert [item["line"] for item in found] == [9]  # 09:15 after 11:34, not 11:34 after 05:13


# -- date-only entries -----------------------------------------------------------------

DATE_ONLY_ENTRIES = """# Uplink outage

All times UTC.

## Timeline

- 14 May 2024, 11:31 – Read-only mode enabled
- 15 May 2024, 11:55 – Decision to wait for the provider
- 15 May 2024 – Provider escalates the new link installation
- 15 May 2024 – New link tested
- 16 May 2024, 12:21 – New link in service, resolved
"""


def test_a_date_only_entry_is_never_before_an_entry_on_its_own_day(tmp_path, run_cli):
    path = write(tmp_path / "uplink.md", DATE_ONLY_ENTRIES)
    assert timeline(path)[2]["at"] == "2024-05-15"
    assert findings(run_cli, path, "PM502", preset="strict") == []


def test_a_date_only_entry_on_an_earlier_day_is_still_out_of_order(tmp_path, run_cli):
    path = write(tmp_path / "uplink.md", DATE_ONLY_ENTRIES.replace("- 15 May 2024 – New link", "- 13 May 2024 – New link"))
    found = findings(run_cli, path, "PM502")
    assert [item["line"] for item in found] == [10]


# -- the write-up's date ---------------------------------------------------------------

WRITE_UP_DATE = """# Stuck withdrawals

Date: 2025-02-12

## Summary

Two withdrawals were stuck because the fee estimate was too low; both were completed by hand.

## Timeline

(all times CET)

2025-02-10 00:21 A user reports a stuck withdrawal
2025-02-10 08:00 Investigation starts
2025-02-11 16:12 Cause identified
2025-02-12 15:44 Second withdrawal completes, resolved
"""


def test_a_date_line_on_the_timelines_last_day_is_the_write_ups_date(tmp_path, run_cli):
    path = write(tmp_path / "2025-02-10-stuck-withdrawals.md", WRITE_UP_DATE)
    assert findings(run_cli, path, "PM012") == []


def test_a_date_line_before_the_timeline_still_disagrees(tmp_path, run_cli):
    path = write(tmp_path / "2025-02-10-stuck-withdrawals.md", WRITE_UP_DATE.replace("Date: 2025-02-12", "Date: 2025-01-12"))
    assert len(findings(run_cli, path, "PM012")) == 1


# -- timelines told in prose -----------------------------------------------------------

PROSE_CHRONOLOGY = """# Build server intrusion

## Summary

An attacker used an outdated build server to reach production hosts; every host was rebuilt.

## Root cause

The build server ran a plugin with a known remote code execution flaw, and it was reachable from the internet.

## What happened

The attacker first got into the build server on March 2nd through the plugin flaw.

On Mar 20th at 09:14 UTC an engineer logged into a build agent with agent forwarding on, which let the attacker reach other hosts.

A researcher warned us on Mar 27th that the build server was outdated.

By around 2am on Mar 28th we had locked the attacker out, and the rebuild started that morning.
"""


def test_a_dated_chronology_in_prose_is_a_timeline(tmp_path, run_cli):
    path = write(tmp_path / "intrusion.md", PROSE_CHRONOLOGY)
    assert not any("`timeline`" in item["message"] for item in findings(run_cli, path, "PM011"))


def test_two_dates_in_prose_are_no_timeline(tmp_path, run_cli):
    text = PROSE_CHRONOLOGY.split("A researcher")[0]
    path = write(tmp_path / "intrusion.md", text)
    assert any("`timeline`" in item["message"] for item in findings(run_cli, path, "PM011"))


def test_times_in_a_log_excerpt_are_no_timeline(tmp_path, run_cli):
    text = PROSE_CHRONOLOGY.split("## What happened")[0] + (
        "## What happened\n\nThe service crashed; the log said:\n\n```\n"
        "Mar 21 21:26:21 host app: error\nMar 21 21:29:39 host app: error\n"
        "Mar 21 21:31:02 host app: error\nMar 21 21:48:12 host app: error\n```\n")
    path = write(tmp_path / "intrusion.md", text)
    assert any("`timeline`" in item["message"] for item in findings(run_cli, path, "PM011"))


NAMED_TIMELINE = """# April outages

## Summary

Several outages in April made the service unavailable for hours; this post covers all of them.

## Root cause

A nightly database job locked the database, and a cache flush overloaded the API.

## Establishing the timeline

### Database lock-up

On 15 April 2026 the database locked up; at 2:10am the nightly job had started the cascade.

### Cache stampede

On 23 April 2026 the API fell over after a cache flush.
"""


def test_a_heading_that_names_the_timeline_in_other_words_is_the_timeline(tmp_path, run_cli):
    path = write(tmp_path / "april.md", NAMED_TIMELINE)
    assert not any("`timeline`" in item["message"] for item in findings(run_cli, path, "PM011"))


# -- 24-hour times without a colon, and a time never filled in -------------------------

COMPACT_TIMES = """# Patch rollout

## Timeline (UTC)

- 2024-03-05 1625: A researcher reports the flaw by e-mail.
- 2024-03-05 X: The researcher pings us in chat to check the e-mail arrived.
- 2024-03-05 1650: Response call begins.
- 2024-03-06 0457: Provider A upgrades.
- 2024-03-06 2309: Provider B upgrades production.
- 2024-03-06 1432: Provider B upgrades staging.
- 2024-03-06 1945: Provider C is told.
- 2024-03-07 1617: The fix is merged.
"""


def test_times_without_a_colon_after_a_date_are_read(tmp_path):
    path = write(tmp_path / "patch.md", COMPACT_TIMES)
    ats = [entry["at"] for entry in timeline(path)]
    assert ats[0] == "2024-03-05T16:25:00+00:00" and ats[3] == "2024-03-06T04:57:00+00:00"


def test_a_time_left_as_a_placeholder_is_reported(tmp_path, run_cli):
    path = write(tmp_path / "patch.md", COMPACT_TIMES)
    assert timeline(path)[1]["at"] == "2024-03-05 X"
    found = findings(run_cli, path, "PM501")
    assert [(item["line"], "placeholder for its time" in item["message"]) for item in found] == [(6, True)]


def test_an_entry_out_of_order_is_reported_once_not_again_at_every_later_date(tmp_path, run_cli):
    path = write(tmp_path / "patch.md", COMPACT_TIMES)
    found = findings(run_cli, path, "PM502")
    assert [item["line"] for item in found] == [10]  # 14:32 after 23:09; the 2024-03-07 entry is in order


LEAD_CHRONOLOGY = """---
date: 2024-11-26T15:14:59Z
title: Registry downtime
---

The registry was down three times between November 4th and November 15th:

1. November 4th -- 14:30 to 15:00 UTC
2. November 13th -- 15:00 to 19:30 UTC
3. November 15th -- 15:30 to 18:00 UTC

## Summary

The registry ran out of disk and of people to watch it; a second server now takes the load.

## Root cause

One database server held every package and nobody was paid to watch it.
"""


def test_a_dated_chronology_in_the_lead_is_a_timeline(tmp_path, run_cli):
    path = write(tmp_path / "registry.md", LEAD_CHRONOLOGY)
    assert not any("`timeline`" in item["message"] for item in findings(run_cli, path, "PM011"))


def test_the_front_matter_dates_are_no_chronology(tmp_path, run_cli):
    text = LEAD_CHRONOLOGY.split("The registry was down")[0] + LEAD_CHRONOLOGY.split("18:00 UTC\n")[1]
    text = text.replace("title: Registry downtime\n", "title: Registry downtime\nupdated: 2024-11-27 10:00\n"
                        "reviewed: 2024-11-28 11:00\npublished: 2024-11-29 12:00\ncreated: 2024-11-25 09:00\n", 1)
    path = write(tmp_path / "registry.md", text)
    assert any("`timeline`" in item["message"] for item in findings(run_cli, path, "PM011"))


def test_an_iso_date_in_the_title_settles_ambiguous_numeric_dates(tmp_path):
    text = DAY_FIRST_AMBIGUOUS.replace("on 8 January 2026 ", "").replace("# Webhook", "# 2026-01-11: Webhook")
    path = write(tmp_path / "webhook-cert.md", text)
    assert timeline(path)[1]["at"] == "2026-01-11T10:00:00+00:00"



ORDER_DECIDES = """# Batch job backlog

## Timeline

- 05-03-2025 10:00 UTC - Nightly batch starts failing
- 06-03-2025 09:00 UTC - Backlog noticed
- 07-03-2025 12:00 UTC - Batch fixed, backlog drained
- 03-04-2025 12:00 UTC - Follow-up review held
"""


def test_with_no_other_date_the_reading_that_keeps_the_timeline_in_order_wins(tmp_path, run_cli):
    path = write(tmp_path / "backlog.md", ORDER_DECIDES)
    ats = [entry["at"] for entry in timeline(path)]
    assert ats[0].startswith("2025-03-05") and ats[3].startswith("2025-04-03")  # day first
    assert findings(run_cli, path, "PM502") == []


LABELLED_ZONE = """# Uplink outage

## Summary

- **Outage start (UTC):** 14 May 2024, 03:50
- **Outage end (UTC):** 15 May 2024, 12:21

## Timeline

- 14 May 2024, 03:50 – Uplink fails
- 14 May 2024, 04:01 – Monitoring pages the operations team
- 15 May 2024, 12:21 – New link in service, resolved
"""


def test_a_zone_in_a_labelled_time_of_the_summary_holds_for_the_timeline(tmp_path, run_cli):
    path = write(tmp_path / "uplink.md", LABELLED_ZONE)
    assert all(entry["at"].endswith("+00:00") for entry in timeline(path))
    assert findings(run_cli, path, "PM501", preset="strict") == []
    without = write(tmp_path / "other.md", LABELLED_ZONE.replace(" (UTC)", ""))
    assert len(findings(run_cli, without, "PM501", preset="strict")) == 1


def test_a_numeric_title_date_whose_order_is_certain_is_compared(tmp_path, run_cli):
    text = DAY_OVER_TWELVE.replace("# Node image rollout", "# 30-09-2024 - Node image rollout")
    path = write(tmp_path / "2024-11-02-rollout.md", text)
    found = findings(run_cli, path, "PM012")
    assert len(found) == 1 and "title (line 1) says 2024-09-30" in found[0]["message"]
    ambiguous = write(tmp_path / "2024-11-02-other.md", text.replace("30-09-2024", "09-10-2024"))
    assert findings(run_cli, ambiguous, "PM012") == []  # 9 October or 10 September: not for PM012 to guess
