"""Timelines in forms real teams write that pmlint did not read (held-out sets K, L, M),
CLI in, findings out, on short synthetic postmortems:

- A status page's updates as headings (`## Investigating 2025-03-02 8:10a`, `## Resolved
  ...`) or statuspage.io's export (`**Resolved** - ...` over `Mar 2, 2025 - 14:00 UTC`) are
  the timeline; their states are its milestones and their window the impact's length.
- `####Why it happened` (no space after the hashes, as Jekyll renders it) is a heading.
- A timeline typed in a code fence, one entry a line, is the timeline.
- `**~01:00**` under a date heading is an approximate time, not an unreadable one; the
  date of a `### Timeline` comes from the incident heading above it; a list that mixes
  `7:20am` and `10:27am` is one PM501 finding, not two.
"""

from __future__ import annotations

import pytest

from conftest import rule_findings, write
from pmlint.load import load_text

_STATUS_HEADINGS = """---
title: "Unplanned downtime: building power cut"
date: "2025-03-02"
---

## Investigating 2025-03-02 8:10a

A power cut hit the machine room and every server is down. More when we know it.

## Monitoring 2025-03-02 10:40a

Power is back in part of the building; we are bringing machines up one by one.

## Resolved 2025-03-02 2:15p

All machines are back up and the queues are draining normally.
"""


def test_status_updates_as_headings_are_the_timeline(run_cli, tmp_path):
    path = write(tmp_path / "status.md", _STATUS_HEADINGS)
    document = load_text(str(path), _STATUS_HEADINGS)
    assert [(item["at"], item["kind"]) for item in document.data["timeline"]] == [
        ("2025-03-02T08:10:00", "detected"), ("2025-03-02T10:40:00", "mitigated"),
        ("2025-03-02T14:15:00", "resolved")]
    core = rule_findings(run_cli, path, "PM011", preset="strict")
    assert not [item for item in core if "`timeline`" in item["message"]]
    # the updates span the impact: 8:10 to 14:15, so "how long" is answered
    assert not [item for item in rule_findings(run_cli, path, "PM601", preset="strict") if "how long" in item["message"]]


def test_one_status_heading_is_no_timeline(run_cli, tmp_path):
    """A single update heading is a notice, not a timeline: "no timeline" still holds."""
    text = _STATUS_HEADINGS.split("## Monitoring")[0]
    path = write(tmp_path / "status.md", text)
    assert "timeline" not in load_text(str(path), text).data
    assert [item for item in rule_findings(run_cli, path, "PM011", preset="strict") if "`timeline`" in item["message"]]


def test_a_heading_that_only_opens_with_a_state_word_is_no_update(tmp_path):
    text = "# Broken deploy\n\n## Resolved 3 tickets in the queue\n\nText.\n\n## Update on the plan\n\nText.\n"
    assert "timeline" not in load_text("pm.md", text).data


_EXPORT = """# Elevated API errors

**Resolved** - This incident has been resolved.
Apr 9, 2025 - 16:05 UTC

**Monitoring** - A fix has been rolled out and we are watching the error rate.
Apr 9, 2025 - 15:20 UTC

**Investigating** - We are seeing elevated errors on the API.
Apr 9, 2025 - 14:02 UTC
"""


def test_statuspage_export_is_the_timeline(run_cli, tmp_path):
    path = write(tmp_path / "export.md", _EXPORT)
    timeline = load_text(str(path), _EXPORT).data["timeline"]
    # written newest first, read oldest first; each update's words and state
    assert [(item["at"], item["kind"]) for item in timeline] == [
        ("2025-04-09T14:02:00+00:00", "detected"), ("2025-04-09T15:20:00+00:00", "mitigated"),
        ("2025-04-09T16:05:00+00:00", "resolved")]
    assert timeline[0]["event"].startswith("Investigating")
    assert not [item for item in rule_findings(run_cli, path, "PM011", preset="strict") if "`timeline`" in item["message"]]


_HASH_HEADINGS = """# Search outage

The search page failed for every user on 2024-02-03 between 18:00 and 19:10 UTC.

####Why it happened
The indexer shared one connection between threads, and under the contest's load the
connection was closed under a running query.

####What we did
- We gave each thread its own connection.
"""


def test_hash_heading_without_a_space_is_a_heading(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _HASH_HEADINGS)
    assert not [item for item in rule_findings(run_cli, path, "PM011", preset="strict") if "root_causes" in item["message"]]


def test_hash_heading_is_read_after_an_html_line(run_cli, tmp_path):
    """`<br>` above it opens an HTML block in CommonMark; the heading still counts."""
    text = _HASH_HEADINGS.replace("####Why it happened", "<br>\n####Why it happened")
    path = write(tmp_path / "pm.md", text)
    assert not [item for item in rule_findings(run_cli, path, "PM011", preset="strict") if "root_causes" in item["message"]]


@pytest.mark.parametrize("line", ["#hashtag trending today", "#123 fixed the retry", "#Deploys"])
def test_hashtags_and_references_are_no_headings(run_cli, tmp_path, line):
    text = _HASH_HEADINGS.replace("####Why it happened", line)
    path = write(tmp_path / "pm.md", text)
    assert [item for item in rule_findings(run_cli, path, "PM011", preset="strict") if "root_causes" in item["message"]]


def test_hash_heading_inside_code_is_no_heading(run_cli, tmp_path):
    text = _HASH_HEADINGS.replace("####Why it happened", "```\n####Why it happened\n```")
    path = write(tmp_path / "pm.md", text)
    assert [item for item in rule_findings(run_cli, path, "PM011", preset="strict") if "root_causes" in item["message"]]


_FENCED = """# Scoreboard outage 2023-05-20

## What happened

The scoreboard stopped accepting flags after the network opened.

```
12:00 UTC - network opened
12:09 UTC - we noticed the scoreboard was failing
12:25 UTC - we found the queue was full
12:40 UTC - the scoreboard was restored
```

## Root cause

The checker queue filled because the checkers had too few cores.
"""


def test_timeline_typed_in_a_fence_is_the_timeline(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _FENCED)
    timeline = load_text(str(path), _FENCED).data["timeline"]
    assert [item["at"] for item in timeline] == ["2023-05-20T12:00:00+00:00", "2023-05-20T12:09:00+00:00",
                                                 "2023-05-20T12:25:00+00:00", "2023-05-20T12:40:00+00:00"]
    assert not [item for item in rule_findings(run_cli, path, "PM011", preset="strict") if "`timeline`" in item["message"]]
    assert not [item for item in rule_findings(run_cli, path, "PM601", preset="strict") if "how long" in item["message"]]


@pytest.mark.parametrize("log", [
    "\n".join(f"12:0{line // 4} ERROR queue full" for line in range(10)),  # a burst: many lines a minute
    "\n".join(f"12:{minute:02d}:07 ERROR queue full" for minute in range(10)),  # times to the second: a log
])
def test_a_log_excerpt_in_a_fence_is_no_timeline(log):
    """Log lines are the failure's evidence, not its timeline."""
    text = _FENCED.replace(_FENCED[_FENCED.index("```"):_FENCED.rindex("```") + 3], f"```\n{log}\n```")
    assert "timeline" not in load_text("pm.md", text).data


_APPROXIMATE = """# Lost tables

## Timeline

### March 3, 2025
- **~01:00 UTC** - The tables were dropped (exact time unknown)
- **~01:30 UTC** - A player reports missing phrases
- **01:45 UTC** - We start looking
- **02:30 UTC** - The tables are restored

## Root cause

The restore script skipped two tables.
"""


def test_approximate_bold_times_are_read(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _APPROXIMATE)
    timeline = load_text(str(path), _APPROXIMATE).data["timeline"]
    assert timeline[0]["at"] == "2025-03-03T01:00:00+00:00"
    assert not rule_findings(run_cli, path, "PM501", preset="strict")


def test_approximate_times_with_no_zone_say_the_zone_is_missing(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _APPROXIMATE.replace(" UTC**", "**"))
    messages = [item["message"] for item in rule_findings(run_cli, path, "PM501", preset="strict")]
    assert len(messages) == 1 and "timezone" in messages[0] and "ISO 8601" not in messages[0]


_LOG = """# Incident log

## 2025 February 13th: Teachers locked out

### Timeline

7:20am deployed the new roles feature

9:47am users reported they could not open the teacher pages

10:27am issue reproduced on staging

10:49am fix confirmed in production
"""


def test_timeline_takes_its_date_from_the_incident_heading(run_cli, tmp_path):
    path = write(tmp_path / "log.md", _LOG)
    timeline = load_text(str(path), _LOG).data["timeline"]
    assert [item["at"] for item in timeline][:2] == ["2025-02-13T07:20:00", "2025-02-13T09:47:00"]


def test_mixed_clock_forms_in_one_list_are_one_finding(run_cli, tmp_path):
    """`7:20am` and `10:27am` are one way of writing: one PM501 finding, not one per form."""
    text = _LOG.replace("## 2025 February 13th: Teachers locked out",
                        "This page began in November 2024.\n\n## Teachers locked out") + \
        "\n8:02am a second report\n\n11:30am all clear\n\n11:45am page closed\n"
    path = write(tmp_path / "log.md", text)
    assert len(rule_findings(run_cli, path, "PM501", preset="strict")) == 1


def test_date_lines_under_an_incident_heading_take_its_year():
    text = ("# Log\n\n## 2024 November 4-8th: Login trouble\n\n### Timeline\n\nMonday 4th November:\n\n"
            "7:30am deployed the new login\n\n8:55am reverted\n\nTuesday 5th November\n\n6:30am deployed again\n")
    assert [item["at"] for item in load_text("log.md", text).data["timeline"]] == [
        "2024-11-04T07:30:00", "2024-11-04T08:55:00", "2024-11-05T06:30:00"]


@pytest.mark.parametrize("unit", [
    "## Investigating 2025-01-04 9:27a\n\nDown.\n\n", "**Resolved** - Done.\nJan 4, 2025 - 16:00 UTC\n\n",
    "####Why it happened\ntext\n\n", "<br>\n####Why\n", "```\n10:00 UTC - a\n10:05 UTC - b\n10:09 UTC - c\n```\n\n",
    "## 2025 May 4th: x\n\n### Timeline\n\n7:20am a\n\nTuesday 5th May\n\n",
])
def test_the_timeline_forms_scale_linearly(unit):
    from linearity import assert_ten_times_linear

    # (from 400 copies: between 200 and 400 the cost steps up once, for `#### Why` headings with the space too)
    assert_ten_times_linear(lambda copies: load_text("pm.md", "# Outage\n\n" + unit * copies).data, 400, unit)


def test_an_incident_log_is_not_joined_into_one_impact(run_cli, tmp_path):
    """Two incidents, each dated in its own heading: one timeline dated from both would
    measure one impact weeks long (PM404 "58 d to mitigate"); their times stay as written."""
    text = _LOG + ("\n## 2024 November 4th: Logins failing\n\n### Timeline\n\n7:30am deployed the new login\n\n"
                   "8:15am users reported failed logins\n\n8:55am reverted, logins work again\n")
    path = write(tmp_path / "log.md", text)
    assert [item["at"] for item in load_text(str(path), text).data["timeline"]][:2] == ["7:20am", "9:47am"]
    assert not rule_findings(run_cli, path, "PM403", "PM404", "PM502")


_SELF_HEALED = """# Validator stall

**Incident Date:** 11 March 2025

## Timeline (CET)

### 02:00 CET
We detected missing block proposals and consensus timeouts.

### 02:05 CET
Our validator stalled for several rounds.

### 02:08 CET
Consensus resumes; blocks are produced again.

## Root cause

An upstream network provider dropped packets between the peers.

{closing}
"""


@pytest.mark.parametrize("closing, expected", [
    ("The validator recovered with no manual intervention.", 0),
    ("The on-call engineer restarted the peer connections by hand.", 1),
    # what would have happened had nobody acted says nothing of who did
    ("Without human intervention at night, the validator would have stayed down.", 1),
    ("With no human intervention, the validator would have stayed down.", 1),
])
def test_night_entries_of_a_system_that_recovered_alone_are_no_night_work(run_cli, tmp_path, closing, expected):
    path = write(tmp_path / "pm.md", _SELF_HEALED.format(closing=closing))
    assert len(rule_findings(run_cli, path, "PM203", preset="strict")) == expected


def test_the_nobody_acted_reading_scales_linearly():
    from linearity import assert_ten_times_linear
    from pmlint.engine.rules import load_rules
    from pmlint.engine.run import RunOptions, lint_document
    from pmlint.settings import DEFAULT_SETTINGS

    rules = [rule for rule in load_rules() if rule.id == "PM203"]
    options = RunOptions(settings=dict(DEFAULT_SETTINGS), severity={})
    unit = "with no manual interventio automatically resolved itself automaticall "

    def run(copies: int) -> None:
        text = _SELF_HEALED.format(closing=(unit * 20 + "\n") * copies)
        lint_document(load_text("pm.md", text, options.settings), rules, options)

    assert_ten_times_linear(run, 200, "nobody acted")


def test_the_date_under_a_subtitle_dates_the_timeline():
    """`# Report`, `## Network degradation ...` (a subtitle), then `**Incident Date:**`:
    the date line is the report's metadata, and dates the CET ranges of its timeline."""
    text = _SELF_HEALED.format(closing="").replace(
        "# Validator stall\n", "# Technical incident report\n## Network degradation affecting the validator\n")
    timeline = load_text("pm.md", text).data["timeline"]
    assert [item["at"] for item in timeline] == ["2025-03-11T02:00:00+01:00", "2025-03-11T02:05:00+01:00",
                                                 "2025-03-11T02:08:00+01:00"]
    ranges = text.replace("### 02:00 CET", "### 01:58–02:00 CET")
    assert load_text("pm.md", ranges).data["timeline"][0]["at"] == "2025-03-11T01:58:00+01:00"


def test_a_hash_heading_alone_between_blank_lines_is_a_heading():
    """`##Prevention?` on its own line (a one-line paragraph in CommonMark) is as much a
    heading as one inside a paragraph: the split must not be dropped because it leaves as
    many blocks as before."""
    from pmlint.load import load_text

    text = ("# Task queue failure\n\nThe queue stopped for a day.\n\n##Prevention?\n\n"
            "- Alert when the queue stops growing for ten minutes\n")
    assert load_text("pm.md", text).data.get("action_items") == [
        {"title": "Alert when the queue stops growing for ten minutes"}]
