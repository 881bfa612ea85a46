"""PM401 says what the document does record about its detection (issue 12, held-out C).

- A timeline entry that marks the moment of detection ("~23:56 UTC: connectivity loss
  detected") records when and that, not by what: `info` under `strict` only.
- An outage that followed the team's own change within minutes (a router swap, planned
  maintenance), seen by the people making it: asking what detected it is pedantic.
- "No alert, report or person noticing the problem found in any section or sentence" is
  said only when it is true; "the team was notified" is quoted instead.
- Employees warning each other ("to inform other employees") is detection by employees.
"""

from __future__ import annotations


import pytest

from conftest import rule_findings, write
from linearity import assert_ten_times_linear
from pmlint.engine.checks._detection_signals import came_to_light, own_change_seen
from pmlint.load import load_text


def _pm401(run_cli, path, preset="recommended"):
    return rule_findings(run_cli, path, "PM401", preset=preset)


DETECTED_IN_TIMELINE = """\
# API errors

## Summary

The API returned errors for 40 minutes after a disk filled up.

## Timeline

- 13:40 UTC: The API starts returning errors
- ~14:02 UTC: Elevated error rate detected on the API
- 14:20 UTC: Disk space freed, errors stop
"""


def test_a_timeline_entry_that_marks_detection_is_strict_only(tmp_path, run_cli):
    path = write(tmp_path / "api.md", DETECTED_IN_TIMELINE)
    assert _pm401(run_cli, path) == []
    found = _pm401(run_cli, path, "strict")
    assert len(found) == 1 and found[0]["severity"] == "info"
    assert "timeline marks when the problem was detected" in found[0]["message"]
    assert "found in any section or sentence" not in found[0]["message"]


def test_a_detected_milestone_in_yaml_is_strict_only(tmp_path, run_cli):
    path = write(tmp_path / "api.yaml", """\
title: API errors
timeline:
  - {at: "2025-06-21T13:40:00Z", event: The API starts returning errors, kind: started}
  - {at: "2025-06-21T14:02:00Z", event: Problem detected, kind: detected}
""")
    assert _pm401(run_cli, path) == []
    assert [item["severity"] for item in _pm401(run_cli, path, "strict")] == ["info"]


OWN_CHANGE = """\
# Core router swap

## Summary

We replaced one of the two core routers at the primary site; traffic was dropped until
we costed the new node out.

## Timeline

All times UTC.

- 2025-07-10 21:00 We swap the core router for the new hardware
- 2025-07-10 21:03 Traffic from the data centre is dropped; links saturate
- 2025-07-10 21:07 We cost the new node out and traffic recovers
"""


def test_an_outage_right_after_the_teams_own_change_is_strict_only(tmp_path, run_cli):
    path = write(tmp_path / "swap.md", OWN_CHANGE)
    assert _pm401(run_cli, path) == []
    found = _pm401(run_cli, path, "strict")
    assert len(found) == 1 and found[0]["severity"] == "info" and "own change" in found[0]["message"]
    assert "3 min" in found[0]["message"]


def test_an_outage_long_after_the_change_still_asks_how_it_was_detected(tmp_path, run_cli):
    # 40 minutes later: nobody says who or what saw it; the warning stands
    path = write(tmp_path / "swap.md", OWN_CHANGE.replace("21:03", "21:40").replace("21:07", "21:45"))
    found = _pm401(run_cli, path)
    assert len(found) == 1 and found[0]["severity"] == "warning"
    assert "found in any section or sentence" in found[0]["message"]


def test_a_failure_right_after_the_change_that_nobody_acted_on_for_hours_still_asks(tmp_path, run_cli):
    # errors 3 minutes after the swap, but the next thing anyone did was two hours later:
    # nothing says the people making the change saw it
    path = write(tmp_path / "swap.md", OWN_CHANGE.replace("21:07", "23:07"))
    assert [item["severity"] for item in _pm401(run_cli, path)] == ["warning"]


def test_an_unattended_change_is_not_the_team_watching(tmp_path, run_cli):
    text = OWN_CHANGE.replace("We swap the core router for the new hardware",
                              "The nightly pipeline deploys the new router config automatically")
    path = write(tmp_path / "swap.md", text)
    assert [item["severity"] for item in _pm401(run_cli, path)] == ["warning"]


OWN_CHANGE_PROSE = """\
# Lessons from an outage

I caused an outage last week. We were replacing one of the core routers, and the new
node came up live before it could reach the other sites. For a period of around four
minutes, a third of the egress traffic from the data centre was dropped.

## What I learnt

Always cost a node out before repatching its links.
"""


def test_a_short_outage_the_author_caused_is_strict_only(tmp_path, run_cli):
    path = write(tmp_path / "lessons.md", OWN_CHANGE_PROSE)
    assert _pm401(run_cli, path) == []
    assert [item["severity"] for item in _pm401(run_cli, path, "strict")] == ["info"]


def test_a_long_outage_the_author_caused_still_asks_how_it_was_detected(tmp_path, run_cli):
    path = write(tmp_path / "lessons.md", OWN_CHANGE_PROSE.replace("around four\nminutes", "around four\nhours"))
    assert [item["severity"] for item in _pm401(run_cli, path)] == ["warning"]


def test_nothing_found_is_said_only_when_nothing_was_found(tmp_path, run_cli):
    learned = write(tmp_path / "learned.md", """\
# Node disk full

## Summary

A process exhausted the inotify watches on a node. The process was terminated, and the
maintainers were informed about the issue.
""")
    found = _pm401(run_cli, learned)
    assert len(found) == 1 and found[0]["severity"] == "warning"
    assert '"maintainers were informed about the issue."' in found[0]["message"]
    assert "found in any section or sentence" not in found[0]["message"]
    silent = write(tmp_path / "silent.md", """\
# Node disk full

## Summary

A process exhausted the inotify watches on a node. The process was terminated.
""")
    found = _pm401(run_cli, silent)
    assert len(found) == 1 and "no alert, report or person noticing the problem found" in found[0]["message"]


def test_employees_warning_each_other_is_detection_by_employees(tmp_path, run_cli):
    path = write(tmp_path / "phishing.md", """\
# Account phishing

## Summary

A phishing campaign targeted the private mail accounts of several developers.

## What went well

The phishing mail was circulated promptly to inform other employees.
""")
    assert _pm401(run_cli, path, "strict") == []


def test_we_noticed_at_a_time_is_never_reported_as_nothing_found(tmp_path, run_cli):
    path = write(tmp_path / "queue.md", """\
# Queue stall

## Summary

The job queue stalled after a broker upgrade. We noticed at 14:02 that no job had
finished for twenty minutes and restarted the broker.
""")
    for preset in ("recommended", "strict"):
        assert not any("found in any section or sentence" in item["message"]
                       for item in _pm401(run_cli, path, preset))
    assert _pm401(run_cli, path) == []


@pytest.mark.parametrize("unit", [
    "I caused ", "for a period of about ", "we we were ", "planned maintenance ", "- 4:16 we swap it\n",
    "9:40am ", "- 2025-01-01 4:16 We deploy\n- 2025-01-01 18:30 x\n",
])
def test_detection_signals_and_clock_reading_scale_linearly(unit):
    """Ten times the text costs about ten times the time, whatever it repeats (the
    loader's am/pm and ambiguity passes, PM401's own-change and came-to-light readings)."""

    def read(copies: int) -> None:
        document = load_text("pm.md", "# Outage\n\n## Timeline\n\n" + unit * copies)
        own_change_seen(document, 15)
        came_to_light(document)

    assert_ten_times_linear(read, 500, unit)
