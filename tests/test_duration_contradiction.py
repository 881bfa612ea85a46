"""PM505 holds a stated duration to the times the document gives, wherever it is written.

Held-out reviewers raised a summary whose "total outage of 4:21h" sat in the same sentence
as a start and an end 4 h 52 min apart. A stated duration is read where the text says it is
the outage's length, with how it was written (to the minute, rounded to the hour, hedged,
a bound); the times are the ones the same sentence gives, or the timeline's marked start
and end. Synthetic documents only: nothing here is keyed to one postmortem's wording.
"""

from __future__ import annotations

import pytest

from conftest import rule_findings, write

WINDOW = """# Database failover

## Summary

The primary was unreachable from the start of the outage (2025-03-04 13:50:46) until writes
resumed (2025-03-04 18:42:57), {length}.
"""


@pytest.mark.parametrize("length", ["for a total outage of 4:21h", "for a total outage of 4 hours 21 minutes",
                                    "lasting 4h 21m"])
def test_a_sentence_whose_own_times_contradict_its_duration_is_reported(run_cli, tmp_path, length):
    path = write(tmp_path / "pm.md", WINDOW.format(length=length))
    found = rule_findings(run_cli, path, "PM505")
    assert len(found) == 1
    message = found[0]["message"]
    assert "(line 6)" in message and "4 h 52 min" in message and "13:50:46" in message and "18:42:57" in message
    assert found[0]["severity"] == "warning" and found[0]["line"] == 6


@pytest.mark.parametrize("length", ["for a total outage of 4:52h", "for a total outage of 4 hours 50 minutes",
                                    "lasting about 5 hours", "lasting at least 2 hours", "lasting just under 7 hours"])
def test_a_duration_that_agrees_or_is_only_a_bound_is_not(run_cli, tmp_path, length):
    path = write(tmp_path / "pm.md", WINDOW.format(length=length))
    assert rule_findings(run_cli, path, "PM505") == []


def test_a_window_past_midnight_is_read_as_such(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", "# Router\n\n## Summary\n\nThe outage lasted approximately 95 minutes "
                                     "(23:55 UTC to 01:30 UTC) and hit every region.\n")
    assert rule_findings(run_cli, path, "PM505") == []


def test_a_window_with_no_dates_is_read_up_to_whole_days(run_cli, tmp_path):
    """The clock alone cannot tell how many midnights passed: 28 hours from 22:00 on Monday
    to 02:00 on Wednesday agrees; 3 hours from 22:00 to 02:00 does not."""
    agree = "The outage lasted 28 hours, from 22:00 on Monday to 02:00 on Wednesday."
    assert rule_findings(run_cli, write(tmp_path / "a.md", f"# X\n\n## Summary\n\n{agree}\n"), "PM505") == []
    disagree = "The outage lasted 3 hours, from 22:00 to 02:00 UTC."
    found = rule_findings(run_cli, write(tmp_path / "b.md", f"# X\n\n## Summary\n\n{disagree}\n"), "PM505")
    assert len(found) == 1 and "4 h" in found[0]["message"]


def test_two_times_that_are_not_a_window_are_not_read_as_one(run_cli, tmp_path):
    """An alert at 10:00 and a restart at 10:30 in a sentence about a 2-hour outage: the two
    times are events, not the outage's ends."""
    path = write(tmp_path / "pm.md", "# Cache\n\n## Summary\n\nThe alert fired at 10:00 and we restarted the "
                                     "cache at 10:30; the outage lasted 2 hours in all.\n")
    assert rule_findings(run_cli, path, "PM505") == []


@pytest.mark.parametrize("sentence", [
    "The outage lasted 3 hours; from 10:00 to 10:30 we tried restarting the cache.",
    "The outage lasted 3 hours, and much later that week, once the vendor had replied to every one of our "
    "questions, we ran a drill from 10:00 to 10:30.",
])
def test_a_window_in_another_clause_is_not_the_stated_length(run_cli, tmp_path, sentence):
    path = write(tmp_path / "pm.md", f"# Cache\n\n## Summary\n\n{sentence}\n")
    assert rule_findings(run_cli, path, "PM505") == []


TIMELINE = """# Cache outage

## Summary

{summary}

## Timeline (UTC)

- 2025-05-01 10:00 Errors start for all users (outage starts)
- 2025-05-01 10:20 The on-call engineer is paged
- 2025-05-01 12:20 Service fully restored, incident resolved
"""


@pytest.mark.parametrize("summary", ["The outage lasted 1 hour 10 minutes.", "Duration: 45 minutes",
                                     "We were down for 4 hours."])
def test_a_prose_duration_against_the_marked_timeline(run_cli, tmp_path, summary):
    path = write(tmp_path / "pm.md", TIMELINE.format(summary=summary))
    found = rule_findings(run_cli, path, "PM505")
    assert len(found) == 1
    assert "2 h 20 min" in found[0]["message"] and "(line 5)" in found[0]["message"]
    assert "(line 9)" in found[0]["message"] and "(line 11)" in found[0]["message"]


@pytest.mark.parametrize("summary", ["The outage lasted about 2 hours.", "The outage lasted 2 hours 20 minutes.",
                                     "The outage lasted 2 hours.", "Duration: ~2.5 hours",
                                     # phases of one incident: no one figure to hold the timeline to
                                     "- Halt: duration 30 minutes\n- Degraded: duration 5 hours",
                                     "The fix took 7 hours to roll out to every region."])
def test_rounding_hedges_phases_and_other_durations_are_not_contradictions(run_cli, tmp_path, summary):
    path = write(tmp_path / "pm.md", TIMELINE.format(summary=summary))
    assert rule_findings(run_cli, path, "PM505") == []


def test_a_timeline_that_marks_no_start_or_end_is_not_held_to_a_figure(run_cli, tmp_path):
    text = TIMELINE.format(summary="The outage lasted 4 hours.").replace(" (outage starts)", "") \
        .replace(", incident resolved", "").replace("Service fully restored", "Dashboards reviewed")
    path = write(tmp_path / "pm.md", text)
    assert rule_findings(run_cli, path, "PM505") == []


def test_yaml_prose_duration_against_marked_milestones(run_cli, tmp_path):
    path = write(tmp_path / "pm.yaml", """summary: The outage lasted 30 minutes for every customer.
timeline:
  - {at: "2025-06-21T23:05:00Z", event: Error rate rises, kind: started}
  - {at: "2025-06-22T00:40:00Z", event: Rollback completes, kind: mitigated}
""")
    found = rule_findings(run_cli, path, "PM505")
    assert len(found) == 1 and "95 min" in found[0]["message"] and found[0]["line"] == 1


def test_markdown_impact_hedged_duration_gets_the_rounding_tolerance(run_cli, tmp_path):
    """`impact.duration_minutes` read from "lasting about 2 hours" is 120, give or take 30."""
    text = TIMELINE.format(summary="Cache errors.") + "\n## Impact\n\nAll users, lasting about 2 hours.\n"
    path = write(tmp_path / "pm.md", text)
    assert rule_findings(run_cli, path, "PM505") == []
