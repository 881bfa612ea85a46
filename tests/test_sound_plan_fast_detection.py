"""Pedantic findings the in-context review of 2026-11-30 named on the corpus (issue 12).

- An engineer who noticed the outage within the strictest time-to-detect limit of any
  severity (15 min by default) found it as fast as an alert would have: asking for a
  detection item (PM402) is `info` under `strict` only. An engineer noticing hours later
  keeps the warning.
- "detected within ten minutes of the rollout" is read as the time to detect (an upper
  bound), and the profile says so.
- A request to people beside a system change in the same plan ("We enabled branch
  protection and required reviews", "We requested all maintainers prune their tokens")
  is no defect a reviewer would raise (PM312 `strict` only); the people fix alone stays.
"""

from __future__ import annotations

import json

import pytest

from conftest import rule_findings, write

ROLLOUT = """\
# Prow outage

## Summary

A config bump broke job triggering for 47 minutes.

## Detection

The issue was detected {delay} of the rollout by the engineer running it.

## Action items

- Add a presubmit test that rejects a deploy job in the wrong namespace ([#11134])

## Timeline

All times in PST, on February 5th 2019

* 08:47 The bump PR is merged, triggering a deploy. **Outage begins.**
* {noticed} @kim notices that statuses are still present and block merges
* 09:29 @kim manually rolls back the deployment.
* 09:34 Service is confirmed to be functional. **Outage ends.**
"""


def test_an_engineer_noticing_within_minutes_is_no_detection_gap(run_cli, tmp_path):
    doc = write(tmp_path / "pm.md", ROLLOUT.format(delay="within ten minutes", noticed="08:57"))
    assert rule_findings(run_cli, doc, "PM402") == []
    strict = rule_findings(run_cli, doc, "PM402", preset="strict")
    assert [finding["severity"] for finding in strict] == ["info"]


def test_the_within_phrase_is_the_time_to_detect_in_the_profile(run_cli, tmp_path):
    # (the timeline must not mark the detection itself: "@kim notices" is a detected
    # milestone, and the milestones' arithmetic, a stated fact, wins over the prose)
    text = ROLLOUT.format(delay="within ten minutes", noticed="08:57").replace("@kim notices that", "@kim: ")
    doc = write(tmp_path / "pm.md", text)
    code, out, err = run_cli("check", "--format", "json", "--profile", "--exit-zero", str(doc))
    assert code == 0, err
    profile = json.loads(out)["profiles"][str(doc)]
    detect = profile["time_to_detect_minutes"]
    assert detect["value"] == 10 and detect["inferred"] is True
    assert "detected within ten minutes" in detect["evidence"]


def test_a_timeline_that_marks_the_noticing_gives_the_time_to_detect(run_cli, tmp_path):
    doc = write(tmp_path / "pm.md", ROLLOUT.format(delay="within ten minutes", noticed="08:57"))
    code, out, err = run_cli("check", "--format", "json", "--profile", "--exit-zero", str(doc))
    assert code == 0, err
    detect = json.loads(out)["profiles"][str(doc)]["time_to_detect_minutes"]
    assert detect["value"] == 10 and detect["inferred"] is False and "from start to detection" in detect["evidence"]


@pytest.mark.parametrize("delay", ["about three hours after the start", "only after three hours"])
def test_an_engineer_noticing_hours_later_keeps_the_warning(run_cli, tmp_path, delay):
    doc = write(tmp_path / "pm.md", ROLLOUT.format(delay=delay, noticed="11:44").replace(
        "09:29", "11:50").replace("09:34", "11:55"))
    assert [finding["severity"] for finding in rule_findings(run_cli, doc, "PM402", "PM403")] == ["warning"]


PLAN = """\
# Leaked token

## Summary

A personal access token with push rights leaked from the CI server logs.

## What we're doing about it

{items}
"""


def test_a_request_to_people_beside_a_system_change_is_strict_only(run_cli, tmp_path):
    doc = write(tmp_path / "pm.md", PLAN.format(items=(
        "- We enabled branch protection and required reviews on every repository.\n"
        "- We requested all maintainers review and prune their personal access tokens.\n")))
    assert rule_findings(run_cli, doc, "PM312") == []
    assert [finding["severity"] for finding in rule_findings(run_cli, doc, "PM312", preset="strict")] == ["info"]


def test_a_request_to_people_alone_is_reported(run_cli, tmp_path):
    doc = write(tmp_path / "pm.md", PLAN.format(items=(
        "- We requested all maintainers review and prune their personal access tokens.\n")))
    assert [finding["severity"] for finding in rule_findings(run_cli, doc, "PM312")] == ["warning"]
