"""Plans written as prose or loose lists that are vague or intent-only (held-out sets C-H:
"actions are intentions, no owners/dates", "actions soft", "vague first item"). Synthetic
documents, CLI in, findings out.

- A plan headed "What we're doing differently" or "Looking forward" is the plan: its items
  are read like any other action items (before, the section was skipped and nothing in it
  was checked).
- Intent lead-ins ("We intend to", "In the future we are looking to", "I want to", "We are"
  before an -ing form) do not hide the vague verb after them: "We are looking into more
  robust mechanisms" is as open-ended as "Look into more robust mechanisms".
- "Make the component more resilient" asks for more of a quality and names no end state.
- The closing apology or contact paragraph of a prose plan is no action item.
- Precision: concrete items after the same lead-ins, and a quality with its outcome, stay
  silent.
"""

from __future__ import annotations

import pytest

from conftest import rule_findings, write

_CAUSE = "## Root cause\n\nThe relay did not demote builders when the simulator timed out.\n\n"


def _plan(run_cli, tmp_path, heading: str, body: str, *rules: str, preset: str = "recommended") -> list[dict]:
    doc = write(tmp_path / "pm.md", f"# Relay outage\n\n{_CAUSE}## {heading}\n\n{body}\n")
    return rule_findings(run_cli, doc, *rules, preset=preset)


@pytest.mark.parametrize("heading", ["What we're doing differently", "What we\u2019re doing differently",
                                     "Looking Forward", "Looking ahead"])
def test_an_outlook_heading_holds_the_plan(run_cli, tmp_path, heading):
    found = _plan(run_cli, tmp_path, heading,
                  "- We will add an early step to our run sheet to escalate to suppliers.\n"
                  "- We will investigate setting up canaries in several regions.\n", "PM310", "PM314")
    assert [(item["rule"], item["line"]) for item in found] == [("PM314", 9), ("PM310", 10)], found
    assert 'vague verb "investigate"' in found[1]["message"]


def test_labelled_items_under_looking_forward_are_read_by_their_text(run_cli, tmp_path):
    found = _plan(run_cli, tmp_path, "Looking Forward",
                  "We have identified several areas to improve:\n\n"
                  "1. **Incident Response**\n"
                  "   - Refining incident response processes to improve escalation.\n\n"
                  "2. **Demotion**\n"
                  "   - We are looking into more robust builder demotion mechanisms.\n\n"
                  "3. **Alerting**\n"
                  "   - Page the on-call engineer when more than 3 slots are missed in 10 minutes.\n", "PM310")
    assert [item["message"].split('"')[1] for item in found] == ["Refining", "looking into"], found


@pytest.mark.parametrize("title, verb", [
    ("We intend to investigate the relay timeouts", "investigate"),
    ("In the future we are looking to improve our error pages", "improve"),
    ("I want to be much more explicit with the IT team", "be much more"),
    ("We plan to look at the rollout tooling", "look at"),
    ("We'd like to work on our deploy process", "work on"),
])
def test_an_intent_lead_in_does_not_hide_the_vague_verb(run_cli, tmp_path, title, verb):
    found = _plan(run_cli, tmp_path, "Action items", f"- {title}\n- Add a disk alert at 80%\n", "PM310")
    assert [item["message"] for item in found] == [
        f'Action item starts with the vague verb "{verb}" and states no measurable outcome'], found


@pytest.mark.parametrize("title", [
    "We intend to add a health check that drains a node after 3 failed probes",
    "We are building tests that run on every change to the redirect service",
    "We plan to move the importer to its own node pool",
    "We are sorry for the outage; we will add a disk alert at 80%",
])
def test_concrete_items_after_the_same_lead_ins_are_not_vague(run_cli, tmp_path, title):
    assert _plan(run_cli, tmp_path, "Action items", f"- {title}\n", "PM310") == []


def test_more_of_a_quality_is_no_end_state(run_cli, tmp_path):
    found = _plan(run_cli, tmp_path, "Action items",
                  "- Make the component that allocates node_modules more resilient.\n"
                  "- Cap the number of hosts drained at once to 5\n", "PM310")
    assert [item["message"] for item in found] == [
        'Action item only asks for "more resilient" ("Make the component that allocates node_modules more resilie…")'
        ' and names no end state: say what will change and how done is checked'], found


@pytest.mark.parametrize("title", [
    "Make the component that allocates node_modules more resilient, so that one failed host does not stop a rollout",
    "Make the importer more robust by retrying each batch 3 times",
    "Make the config more resilient to typos by validating it in CI",
    "Make sure the deploy is faster",
])
def test_a_quality_with_its_outcome_or_its_means_is_concrete(run_cli, tmp_path, title):
    assert _plan(run_cli, tmp_path, "Action items", f"- {title}\n", "PM310") == []


def test_a_closing_apology_is_no_item_of_a_prose_plan(run_cli, tmp_path):
    found = _plan(run_cli, tmp_path, "What we\u2019re doing differently",
                  "We are building tests to verify the failover behaviour of the redirect service.\n\n"
                  "Once again, the platform team sincerely apologises for the degraded service. If you have any "
                  "questions, please don't hesitate to contact us.\n", "PM314")
    assert [(item["message"], item["severity"]) for item in found] == [
        ("The only open action item names no owner or due date", "info")], found


def test_a_report_received_from_someone_is_how_the_incident_was_found(run_cli, tmp_path):
    doc = write(tmp_path / "pm.md", "# Relay outage\n\n## Timeline\n\n| Time | Event |\n|---|---|\n"
                "| 06:39 | Report received from Lido about a high missed block rate. |\n"
                "| 07:39 | Builder shut down. |\n\n" + _CAUSE +
                "## Looking Forward\n\n- Alert when more than 3 slots are missed in 10 minutes, owner: @dana\n")
    assert rule_findings(run_cli, doc, "PM401") == []
