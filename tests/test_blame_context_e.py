"""Held-out set E follow-up (issue 12): blame rules that read who the sentence is about.

CLI in, findings out, on synthetic Markdown postmortems:

- PM701: "should have been <participle>" with a person or team as subject is a passive
  ("X should have been involved"): the subject is who the action was done to, so it
  blames nobody unless a person is its agent;
- PM702: an adversary (attacker, threat actor, "the malicious contributor") is not a
  colleague: naming them, or "his" after them, is no blame;
- PM702: a named person or @handle as the subject of a failure to act ("did not alert
  others", "forgot to") is person-as-cause anywhere in the document;
- PM203: where the document says there is no pager or on-call rotation, night work is
  not a missing pages field (strict only, and said in those terms).
"""

from __future__ import annotations

import pytest

from conftest import rule_findings, write


def _doc(tmp_path, lessons: str, root_cause: str = "The deploy tool accepted a config for the wrong region.",
         summary: str = "A config change broke the bridge for an hour.") -> object:
    return write(tmp_path / "pm.md", f"# Bridge incident\n\n## Summary\n\n{summary}\n\n"
                 f"## Root cause\n\n{root_cause}\n\n## Lessons learned\n\n{lessons}\n")


# ---- PM701: a passive with a person or team as subject -------------------------------

@pytest.mark.parametrize("sentence", [
    "The Hub's team should have been involved in the patching process.",
    "The on-call engineer should have been paged sooner.",
    "Our partners should have been told before the release.",
    "The security team should have been consulted on the rate limits.",
])
def test_a_person_as_subject_of_a_passive_is_not_blamed(run_cli, tmp_path, sentence):
    doc = _doc(tmp_path, f"- {sentence}")
    assert rule_findings(run_cli, doc, "PM701") == []


@pytest.mark.parametrize("sentence", [
    "The engineer should have checked the dashboard.",
    "The engineer should have been more careful.",
    "The engineer should have been more prepared.",
    "The expiry warning should have been noticed by the on-call engineer.",
])
def test_blame_of_a_person_or_by_a_passive_agent_stays(run_cli, tmp_path, sentence):
    doc = _doc(tmp_path, f"- {sentence}")
    assert [f["line"] for f in rule_findings(run_cli, doc, "PM701")] == [13]


# ---- PM702: adversaries are not colleagues ------------------------------------------

@pytest.mark.parametrize("cause", [
    "The actor's ability to retain access past his termination was due to uneven offboarding.",
    "The malicious contributor kept his commit rights because offboarding varied across vendors.",
    "A threat actor reused her stolen token because tokens never expired.",
    "The attacker Mallory Crane pushed a backdoored release because publishing needed no second approval.",
])
def test_an_adversary_in_a_root_cause_is_not_a_blamed_person(run_cli, tmp_path, cause):
    doc = _doc(tmp_path, "- Offboarding is now one checklist.", root_cause=cause)
    assert rule_findings(run_cli, doc, "PM702") == []


@pytest.mark.parametrize("cause", [
    "Access reviews were skipped and he did not revoke the token.",
    "Dana Reyes pushed the config without review.",
])
def test_a_colleague_in_a_root_cause_is_still_reported(run_cli, tmp_path, cause):
    """The same sentences without an adversary word: a colleague stays reported."""
    doc = _doc(tmp_path, "- Offboarding is now one checklist.", root_cause=cause)
    assert [f["line"] for f in rule_findings(run_cli, doc, "PM702")] == [9]


def test_a_person_named_as_the_adversary_elsewhere_is_not_blamed(run_cli, tmp_path):
    """The summary says who the adversary is; the root cause and the lessons then name them
    without the adversary word."""
    doc = _doc(tmp_path, "- Mallory Crane deleted the bucket by mistake while probing it.",
               root_cause="Mallory Crane pushed a backdoored release because publishing needed no second approval.",
               summary="A DPRK-linked impersonator, Mallory Crane, got commit rights to the release repository.")
    assert rule_findings(run_cli, doc, "PM702") == []
    colleague = _doc(tmp_path, "- Offboarding is now one checklist.",
                     root_cause="Mallory Crane pushed a backdoored release because publishing needed no second approval.",
                     summary="Mallory Crane, a maintainer, got commit rights to the release repository.")
    assert [f["line"] for f in rule_findings(run_cli, colleague, "PM702")] == [9]


# ---- PM702: a named person's failure to act -----------------------------------------

@pytest.mark.parametrize("sentence", [
    "@jdoe did not alert others that the change touched the Terraform state.",
    "Priya didn't tell the release channel about the migration.",
    "Priya didn't tell the release channel about the migration.".replace("'", "\u2019"),
    "@kim forgot to announce the maintenance window.",
    "Bob neglected to update the runbook after the migration.",
    "@jdoe failed to notify the other maintainers.",
])
def test_a_named_person_failing_to_act_is_person_as_cause(run_cli, tmp_path, sentence):
    doc = _doc(tmp_path, f"- {sentence}")
    found = rule_findings(run_cli, doc, "PM702")
    assert [(f["line"], f["message"].split('"')[1]) for f in found] == [(13, sentence.split()[0])]


@pytest.mark.parametrize("sentence", [
    "@jdoe did not see any errors in the logs.",
    "Nobody alerted the other maintainers.",
    "I did not alert others that my change touched the Terraform state.",
    "We did not tell the release channel about the migration.",
    "Thanks to @kim, who alerted others within minutes.",
    "The deploy bot did not notify the channel.",
    "@jdoe never said the alert \"did not alert anyone\" was a problem.",
])
def test_observations_nobody_credit_and_ownership_are_not_person_as_cause(run_cli, tmp_path, sentence):
    doc = _doc(tmp_path, f"- {sentence}")
    assert rule_findings(run_cli, doc, "PM702") == []


# ---- PM203: no pager to count pages on ---------------------------------------------

def _night(tmp_path, statement: str):
    return write(tmp_path / "night.md", "# Deploy outage\n\n## Summary\n\n"
                 f"Deploys stopped for a night. {statement}\n\n## Timeline\n\nAll times Eastern.\n\n"
                 "- 2021-06-29 23:32 - @sam restarts the deploy job\n"
                 "- 2021-06-30 02:10 - @sam reverts the Terraform state\n")


@pytest.mark.parametrize("statement", [
    "As far as we know there's no clear ops on-call/escalation plan.",
    "We don't have an on-call rotation.",
    "There is no pager for this service.",
    "This is a volunteer-run project.",
])
def test_night_work_without_a_pager_asks_for_no_pages_field(run_cli, tmp_path, statement):
    doc = _night(tmp_path, statement)
    assert rule_findings(run_cli, doc, "PM203") == []
    strict = rule_findings(run_cli, doc, "PM203", preset="strict")
    assert [f["severity"] for f in strict] == ["info"]
    assert "no pager or on-call rotation" in strict[0]["message"] and "off_hours_pages" not in strict[0]["message"]


@pytest.mark.parametrize("statement", [
    "The on-call rotation handled it.",
    "No pages were missed, but the pager woke two people.",
])
def test_night_work_with_a_rotation_still_asks_for_pages(run_cli, tmp_path, statement):
    doc = _night(tmp_path, statement)
    found = rule_findings(run_cli, doc, "PM203")
    assert [f["severity"] for f in found] == ["warning"] and "off_hours_pages" in found[0]["message"]
