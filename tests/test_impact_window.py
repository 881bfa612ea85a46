"""PM601 reads "how long" where people write it without a number, and an impact stated as none.

Held-out set C: an outage whose summary says "at about 9:40am ... became inaccessible" and,
two paragraphs later, "at 12:10pm ... came back online" was asked how long it lasted; a
timeline from `Ready for Sale` to `Removed From Sale` was too; a phishing report that says
"No known impact." was asked for users and minutes. The duration is inferred (marked so in
the profile, named by a finding that rests on it); "none" is an answer.
"""

from __future__ import annotations

import gc
import json
import time

import pytest

from conftest import rule_findings, write
from pmlint.load import load_text

CLOCKS = """# Load balancer outage

## Summary

On April 14, at about 9:40am, the cluster became inaccessible.
Nothing we changed triggered it, so it took time to find.

We decided to upgrade the load balancer. This worked: at 12:10pm, the services that
were inaccessible came back online.

## Impact

{impact}
"""


def _profile(run_cli, path) -> dict:
    code, out, err = run_cli("check", "--isolated", "--profile", "--format", "json", "--exit-zero", str(path))
    assert code == 0, err
    return json.loads(out)["profiles"][str(path)]


# -- 1. a duration that follows from two clock times ------------------------------------------

def test_two_clock_times_in_the_prose_answer_how_long(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", CLOCKS.format(impact="Trading halted for all 3,000 customers."))
    assert rule_findings(run_cli, path, "PM601") == []


def test_the_duration_is_inferred_and_says_from_what(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", CLOCKS.format(impact="Trading halted for all 3,000 customers."))
    duration = _profile(run_cli, path)["duration_minutes"]
    assert duration["value"] == 150 and duration["inferred"] is True
    assert "9:40am" in duration["evidence"] and "12:10pm" in duration["evidence"]
    assert duration["line"] == 5


def test_a_finding_that_rests_on_the_inferred_duration_says_so(run_cli, tmp_path):
    """Who is still missing: the finding asks for it alone, names the duration it inferred
    and stays at info."""
    path = write(tmp_path / "pm.md", CLOCKS.format(impact="Trading halted."))
    found = rule_findings(run_cli, path, "PM601")
    assert len(found) == 1, found
    assert "how long" not in found[0]["message"].split("(inferred")[0]
    assert "inferred 2 h 30 min of impact from the clock times" in found[0]["message"]
    assert found[0]["severity"] == "info"


@pytest.mark.parametrize("story", [
    # a deploy and a meeting are clock times, but no onset or recovery
    "At 09:00 we deployed release 4.2. At 11:30 the team met to review the release notes.",
    # only the start
    "At 09:40 the API went down. We rolled back the release.",
    # a recovery that did not happen is no end
    "At 09:40 the API went down. At 10:15 the database was not restored, and we kept trying.",
])
def test_clock_times_that_are_not_a_start_and_an_end_leave_how_long_asked(run_cli, tmp_path, story):
    text = f"# Outage\n\n## Summary\n\n{story}\n\n## Impact\n\n1,200 users saw errors.\n"
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM601")
    assert len(found) == 1 and "how long" in found[0]["message"], found


def test_an_onset_after_a_deploy_is_measured_from_the_onset(run_cli, tmp_path):
    text = ("# Outage\n\n## Summary\n\nAt 09:00 we deployed release 4.2. At 09:40 the API went down.\n\n"
            "At 10:25 service was restored.\n\n## Impact\n\n1,200 users saw errors.\n")
    path = write(tmp_path / "pm.md", text)
    assert rule_findings(run_cli, path, "PM601") == []
    assert _profile(run_cli, path)["duration_minutes"]["value"] == 45


def test_a_window_past_midnight(run_cli, tmp_path):
    text = ("# Outage\n\n## Summary\n\nAt 23:40 UTC the site went down.\n\n"
            "It was back online at 00:20 UTC.\n\n## Impact\n\n1,200 users saw errors.\n")
    assert _profile(run_cli, write(tmp_path / "pm.md", text))["duration_minutes"]["value"] == 40


TABLE = """# Premature release

## Summary

Version 1.0 was published to the store before it was intended.

## Impact

500+ users were upgraded.

## Timeline

(All times EDT)

| Date-Time | Description |
| --- | --- |
| 2020-02-06 07:38 | Android set to `Ready for Sale` by the release manager |
| 2020-02-06 08:35 | @rachel notices on chat that the app name is wrong |
| 2020-02-06 11:03 | Android set to `Developer Removed From Sale` |
| 2020-02-06 11:05 | @sam says `we can't have these things happen again; the release failed us` |
"""


def test_a_timeline_from_release_to_withdrawal_answers_how_long(run_cli, tmp_path):
    """The window runs from the release to the withdrawal, and what someone is quoted as
    saying after it ("can't", "failed") is talk, not a new failure."""
    assert rule_findings(run_cli, write(tmp_path / "pm.md", TABLE), "PM601") == []


def test_a_timeline_that_ends_on_a_failure_has_not_recovered(run_cli, tmp_path):
    text = TABLE.replace("| 2020-02-06 11:05 | @sam says `we can't have these things happen again; the release failed us` |",
                         "| 2020-02-06 11:05 | the store listing fails to load for every user |")
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM601")
    assert len(found) == 1 and "how long" in found[0]["message"], found


def test_incident_started_and_resolving_mark_the_ends_of_a_timeline(run_cli, tmp_path):
    text = ("# Outage\n\n## Impact\n\n1,200 users saw errors.\n\n## Timeline\n\nAll times UTC.\n\n"
            "- 2024-05-01 09:50 incident started: the gateway returns 404 for every route\n"
            "- 2024-05-01 10:30 engineers join a call\n"
            "- 2024-05-01 12:09 gateway 1.7.30 deployed, resolving the issue\n")
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM601") == []


def test_a_yaml_timeline_with_a_quoted_remark_after_the_fix(run_cli, tmp_path):
    text = """title: Premature release
impact: {users_affected: 500}
timeline:
  - {at: "2020-02-06T07:38:00-05:00", event: "Android set to `Ready for Sale`"}
  - {at: "2020-02-06T11:03:00-05:00", event: "Android set to `Removed From Sale`"}
  - {at: "2020-02-06T11:05:00-05:00", event: "Sam says `this can't happen again`"}
"""
    assert rule_findings(run_cli, write(tmp_path / "pm.yaml", text), "PM601") == []


# -- 2. an impact stated as none --------------------------------------------------------------

PHISHING = """# Account phishing

## Summary

A phishing campaign targeted the mail accounts of several developers. Two-factor
authentication blocked the takeover.

## Impact

{impact}

## Action items

- Move sign-in approvals from e-mail to the SSO portal (owner: ana, due: 2020-05-01)
"""


OUTAGE = """# Build farm outage

## Summary

The build farm stopped scheduling jobs after a configuration push.

## Impact

{impact}
"""


@pytest.mark.parametrize("impact", [
    "No known impact.",
    "There was no customer impact.",
    "No user data was accessed.",
    "No users were affected.",
    "Impact: none",
    "None.",
])
def test_an_impact_stated_as_none_is_not_asked_for_numbers(run_cli, tmp_path, impact):
    """Neither who nor how long: nothing that did not happen has a count or minutes (an
    outage whose users were spared is not asked for its length either)."""
    for template in (PHISHING, OUTAGE):
        path = write(tmp_path / "pm.md", template.format(impact=impact))
        assert rule_findings(run_cli, path, "PM601") == [], template




@pytest.mark.parametrize("impact", [
    # something else was hit
    "There was no impact on latency, but 30% of requests failed.",
    # a negation with an exception is not none
    "No customer impact, but internal builds failed.",
    # a moment, not the outcome
    "No customer impact yet.",
    # a fix that did nothing says nothing about who was hit
    "The restart had no impact.",
    # nothing lost is not nothing hit
    "No data was lost.",
])
def test_a_negation_that_is_not_none_leaves_the_impact_asked(run_cli, tmp_path, impact):
    path = write(tmp_path / "pm.md", OUTAGE.format(impact=impact))
    found = rule_findings(run_cli, path, "PM601")
    assert len(found) == 1 and "how long" in found[0]["message"], found


def test_a_bare_none_outside_the_impact_section_is_no_answer(run_cli, tmp_path):
    text = OUTAGE.format(impact="Jobs queued up.") + "\n## Lessons learned\n\nNone.\n"
    assert len(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM601")) == 1


def test_a_plan_that_aims_at_no_impact_states_none_of_this_incident(run_cli, tmp_path):
    text = OUTAGE.format(impact="Jobs queued up.") + (
        "\n## Action items\n\n- Stage configuration pushes so there was no user impact next time (owner: ana)\n")
    assert len(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM601")) == 1


def test_a_yaml_impact_stated_as_none(run_cli, tmp_path):
    text = "title: Phishing attempt\nimpact:\n  description: No users were affected; no credentials were exposed.\n"
    assert rule_findings(run_cli, write(tmp_path / "pm.yaml", text), "PM601") == []


# -- cost -------------------------------------------------------------------------------------

@pytest.mark.parametrize("unit", [
    "At 9:40 the site went down. ", "came back online at 12:10. ", "no known impact ", "no users were ",
    "9:40am 10:10pm ", "`quoted ", "says `a` ", "Impact: ",
])
def test_the_new_readings_scale_linearly(unit):
    """Ten times the text costs about ten times the time, whatever it repeats."""
    from pmlint.infer.window import clock_window

    def cost(copies: int) -> float:
        text = "# Outage\n\n## Notes\n\n" + unit * copies
        gc.collect()
        started = time.perf_counter()
        document = load_text("pm.md", text)
        document.meta.evidence.get("no_impact")
        clock_window(document)
        return time.perf_counter() - started

    cost(200)
    small, large = min(cost(1000) for _ in range(3)), min(cost(10000) for _ in range(3))
    if large >= small * 25:  # a shared, loaded machine: measure once more before judging
        small, large = min(small, *(cost(1000) for _ in range(3))), min(large, *(cost(10000) for _ in range(3)))
    assert large < small * 25, (unit, small, large)
