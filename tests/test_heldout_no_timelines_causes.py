"""Timelines, causes and repeats in the forms held-out sets N and O showed (CLI in, findings
out, on short documents written for these tests): status updates joined by `<br />` in one
paragraph, uptime-monitor fields (`Down: 15:21 UTC`, `Up: 15:38 UTC`) under each incident
of a log, outage windows written tight (`11:00-12:45`), a heading that asks why, a past
decision that "came back to bite", and a repeat whose earlier incident is written up on the
same page. Each has a negative twin: where the content is really absent, the finding stays."""

from __future__ import annotations

import re

from conftest import rule_findings, write
from linearity import assert_ten_times_linear
from pmlint.load import load_text
from pmlint.load.markdown.times import entry_pieces, labelled_time


def _findings(run_cli, tmp_path, text: str, *rules: str, preset: str = "recommended") -> list[dict]:
    return rule_findings(run_cli, write(tmp_path / "pm.md", text), *rules, preset=preset)


def _missing(found: list[dict], section: str) -> list[dict]:
    return [item for item in found if item["rule"] == "PM011" and f"`{section}`" in item["message"]]


# -- 1. status updates joined by <br /> in one paragraph ----------------------------------

_BR_UPDATES = """---
title: Slow shop pages
date: 2024-02-11T09:10:00+00:00
---

The shop pages time out for some customers. We are looking into it.<br /><br />**Update: 09:40** A crawler \
is sending a flood of search requests; the cause is an unthrottled search endpoint.<br /><br />**Update: \
10:05** We blocked the crawler's ranges.<br /><br />**Update 11:30** All pages answer normally again.
"""


def test_updates_joined_by_line_breaks_are_the_timeline(run_cli, tmp_path):
    assert _missing(_findings(run_cli, tmp_path, _BR_UPDATES, "PM011"), "timeline") == []
    document = load_text("pm.md", _BR_UPDATES)
    assert [entry["at"] for entry in document.data["timeline"]] == [
        "2024-02-11T09:40:00", "2024-02-11T10:05:00", "2024-02-11T11:30:00"]
    assert document.data["timeline"][1]["event"] == "We blocked the crawler's ranges."


def test_a_paragraph_with_line_breaks_but_no_times_is_no_timeline(run_cli, tmp_path):
    text = re.sub(r"\*\*Update:? \d\d:\d\d\*\*", "**Update:**", _BR_UPDATES)
    assert "09:40" not in text and "10:05" not in text and "11:30" not in text
    assert len(_missing(_findings(run_cli, tmp_path, text, "PM011"), "timeline")) == 1


def test_one_timed_piece_does_not_split_a_paragraph():
    line = "We moved the cluster at 10:00 UTC.<br>It went well.<br>Nothing else changed."
    assert entry_pieces(line) == [line]


# -- 2. uptime-monitor fields under each incident of a log --------------------------------

_MONITOR_LOG = """# Outage log

Each outage below lists its times, the services hit and what I changed.

### Outage on May 2nd, 2023
- **Times**:
    - Down: 08:14 UTC
    - Up: 08:52 UTC (checked by hand)
    - Total: 38 minutes
- **Cause**: The backup job filled the disk, so the web server could not write its cache.
- **Fix**: I will move the backups to their own volume.

### Outage on May 9th, 2023
- **Times**:
    - Down: 21:03 UTC
    - Up: 21:20 UTC
- **Cause**: A kernel update rebooted the host because automatic reboots were on.
- **Fix**: I will turn automatic reboots off.
"""


def test_down_and_up_fields_are_a_timeline_with_start_and_resolution(run_cli, tmp_path):
    assert _missing(_findings(run_cli, tmp_path, _MONITOR_LOG, "PM011"), "timeline") == []
    entries = load_text("pm.md", _MONITOR_LOG).data["timeline"]
    assert [(entry["kind"], entry["event"]) for entry in entries] == [
        ("started", "Down"), ("resolved", "Up (checked by hand)"), ("started", "Down"), ("resolved", "Up")]


def test_duration_fields_alone_are_no_timeline(run_cli, tmp_path):
    text = "\n".join(line for line in _MONITOR_LOG.splitlines() if "Down:" not in line and "Up:" not in line) + "\n"
    assert len(_missing(_findings(run_cli, tmp_path, text, "PM011"), "timeline")) == 1


def test_a_label_must_be_a_milestone_word_and_the_time_must_follow_it():
    assert labelled_time("Down: 15:21 UTC (~ 5 minutes)").kind == "started"
    assert labelled_time("**Update 20:09** still blocking").kind == "other"
    assert labelled_time("End - 12:40").kind == "resolved"
    for text in ("Up to 10:00 requests failed", "Upgrade 10:00", "Total Time: 17 minutes down", "Room 10:15",
                 "Version 2:30 shipped"):
        assert labelled_time(text) is None, text


# -- 3. outage windows written tight ------------------------------------------------------

_WINDOWS = """# Learning platform outages - March

Platform down:

03/03/2023 - 09:00-10:40

14/03/2023 - 13:15-15:00

Root cause:

- A cache setting rebuilt the course cache on every front end instead of once.

Resolution

- Moved the cache to a shared store.
"""


def test_dated_outage_windows_make_a_missing_timeline_pedantic(run_cli, tmp_path):
    """Each window gives the start and the end: a reviewer asks for the zone and what
    happened in between, not for a timeline section (`info` under `strict` only)."""
    assert _missing(_findings(run_cli, tmp_path, _WINDOWS, "PM011"), "timeline") == []
    strict = _missing(_findings(run_cli, tmp_path, _WINDOWS, "PM011", preset="strict"), "timeline")
    assert [item["severity"] for item in strict] == ["info"]


def test_dates_without_windows_still_miss_the_timeline(run_cli, tmp_path):
    text = _WINDOWS.replace(" - 09:00-10:40", "").replace(" - 13:15-15:00", "")
    found = _missing(_findings(run_cli, tmp_path, text, "PM011"), "timeline")
    assert [item["severity"] for item in found] == ["warning"]


# -- 4. causes under a heading that asks why, or told as a decision that came back --------

_WHY = """# Database upgrade took longer

## Summary

We planned two hours for the database upgrade and finished in just over three.

## Timeline

- 2024-05-04 17:00 UTC: maintenance started
- 2024-05-04 20:10 UTC: maintenance finished

### {heading}

After the upgrade the app was very slow. The planner had no statistics for the new tables
until we ran ANALYZE, which took an hour.
"""


def test_a_heading_that_asks_why_holds_the_cause(run_cli, tmp_path):
    for heading in ("Why three hours, not two?", "Why did this happen?", "Why it happened"):
        found = _findings(run_cli, tmp_path, _WHY.format(heading=heading), "PM011")
        assert _missing(found, "root_causes") == [], heading


def test_a_why_heading_about_something_else_holds_no_cause(run_cli, tmp_path):
    for heading in ("Why this matters", "Why we are sharing this?", "Notes"):
        found = _missing(_findings(run_cli, tmp_path, _WHY.format(heading=heading), "PM011"), "root_causes")
        assert len(found) == 1, heading


_CAME_BACK = """# Deleted the wrong database

A year ago I rushed the reporting site out and skipped setting up its backups. That
shortcut {verb} last Tuesday, when I deleted a server I took for a test one.

Support restored the server from their own copies a few hours later.
"""


def test_a_decision_that_came_back_to_bite_is_a_cause(run_cli, tmp_path):
    found = _findings(run_cli, tmp_path, _CAME_BACK.format(verb="came back to bite me"), "PM011")
    assert _missing(found, "root_causes") == []


def test_the_same_story_without_the_link_to_the_decision_misses_the_cause(run_cli, tmp_path):
    found = _findings(run_cli, tmp_path, _CAME_BACK.format(verb="was still in place"), "PM011")
    assert len(_missing(found, "root_causes")) == 1


# -- 5. a repeat whose earlier incident is on the same page -------------------------------

_LOG_REPEAT = """# Outage log

### Outage on June 2nd, 2023
- Down: 08:14 UTC
- Up: 08:52 UTC
- **Cause**: The image resizer used every core, so the web server starved.
- **Fix**: I will limit the resizer to two cores.

### Outage on June 5th, 2023
- Down: 10:03 UTC
- Up: 11:40 UTC
- **Cause**: I think the resizer starved the web server again. It had the same symptoms as the previous outage{named}.
- **Fix**: I will limit the resizer to one core.
"""


def test_an_earlier_incident_written_up_above_is_linked(run_cli, tmp_path):
    for named in (" on June 2nd", ""):
        found = _findings(run_cli, tmp_path, _LOG_REPEAT.format(named=named), "PM802")
        assert [item["message"] for item in found] == [
            "This is the second incident with this cause (1 related) but no prevent action item is at the "
            "architecture layer (inferred a repeat incident from \"same symptoms as the previous outage\")"], named


def test_a_repeat_with_no_earlier_incident_on_the_page_is_still_unlinked(run_cli, tmp_path):
    # the earlier heading is gone; and a date the page does not record is no record of it
    single = _LOG_REPEAT.format(named=" on June 2nd").split("### Outage on June 5th", 1)[1]
    for text in ("# Outage log\n\n### Outage on June 5th" + single,
                 _LOG_REPEAT.format(named=" on May 20th")):
        found = _findings(run_cli, tmp_path, text, "PM802")
        assert len(found) == 1 and found[0]["message"].startswith(
            "The document says this happened before, yet it links no earlier postmortem"), text


# -- scaling --------------------------------------------------------------------------------

def test_line_break_splitting_and_labelled_times_scale_linearly():
    def build(copies: int) -> str:
        return "<br />".join(f"**Update: {copies % 24:02d}:15** still working on it" for _ in range(copies))

    assert_ten_times_linear(lambda text: [labelled_time(piece) for piece in entry_pieces(text)], 400,
                            "entry pieces", setup=build)


def test_an_incident_log_with_many_headings_loads_linearly():
    def build(copies: int) -> str:
        parts = ["# Outage log\n"]
        for index in range(copies):
            parts.append(f"### Outage on June {index % 28 + 1}th, 2023\n- Down: 08:14 UTC\n- Up: 08:52 UTC\n")
        parts.append("It had the same symptoms as the previous outage.\n")
        return "\n".join(parts)

    assert_ten_times_linear(lambda text: load_text("pm.md", text), 60, "incident log", setup=build)


def test_finding_the_earlier_incident_above_scales_linearly():
    """The repeat is read once; the lines above it once (`repeat._recorded_above`)."""
    from pmlint.infer.repeat import infer_repeat
    from pmlint.settings import DEFAULT_SETTINGS

    def build(copies: int):
        parts = ["# Outage log\n"]
        for index in range(copies):
            parts.append(f"### Outage on {index % 28 + 1} June {2000 + index // 28}\n\nThe disk filled.\n")
        parts.append(f"### Outage on 1 June {2001 + copies // 28}\n\nIt had the same symptoms as the previous outage.\n")
        return load_text("pm.md", "\n".join(parts))

    assert_ten_times_linear(lambda document: infer_repeat(document, DEFAULT_SETTINGS), 100, "recorded above",
                            setup=build)
