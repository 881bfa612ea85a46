"""Issue 12: no finding claims something is missing until the whole document was searched.

Every document here is synthetic, written for these tests in the shapes real
postmortems take: facts in prose under headings pmlint does not know, timelines without
a Timeline heading, plans written as "We will …". Each test lints Markdown in and checks
findings out.
"""

from __future__ import annotations

import time

import pytest

from checks_helpers import lint_yaml
from pmlint.load import load_text
from pmlint.model import Severity


def lint_md(text: str, rule_ids: set[str] | None = None):
    return lint_yaml(text, rule_ids, path="pm.md")


def rules_of(findings) -> set[str]:
    return {finding.rule_id for finding in findings}


NARRATIVE = """# Queue stalled on 2025-03-04

On 2025-03-04 at 09:12 UTC we received a report from a user that uploads were stuck.
The upload queue stopped for 47 minutes and about 1,200 uploads were delayed.

## What broke

The root cause was a worker pool that never released its leases after a restart.

## Where do we go from here?

- Release leases when a worker shuts down
- Alert when the queue depth stays above 500 for ten minutes
"""


def test_facts_in_prose_are_not_reported_missing():
    found = lint_md(NARRATIVE, {"PM401", "PM601", "PM313", "PM011"})
    assert rules_of(found) <= {"PM011"}  # a summary and causes are there; only the timeline heading is not
    for finding in found:
        assert "timeline" in finding.message


@pytest.mark.parametrize("sentence", [
    "The problem was identified by our monitoring at 09:30.",
    "A user reported that the page was blank.",
    "We were paged by the disk-space alert.",
    "An automated warning from the cloud provider said the subnet was full.",
    "Our engineers noticed the error rate climbing on the dashboard.",
    "It came to our attention through a support ticket.",
])
def test_detection_in_any_sentence_counts(sentence: str):
    text = f"# Outage\n\n## Notes\n\n{sentence}\n"
    assert "PM401" not in rules_of(lint_md(text, {"PM401"}))


def test_detection_not_found_says_where_pmlint_looked():
    found = lint_md("# Outage\n\n## Notes\n\nThe cache was cold and pages were slow.\n", {"PM401"})
    assert [finding.message for finding in found] == [
        "Detection method not recorded: no alert, report or person noticing the problem found in any section "
        "or sentence"]


def test_an_alert_in_the_plan_is_no_evidence_of_detection():
    text = "# Outage\n\n## Action items\n\n- Add an alert that fires when the cache is cold\n"
    assert "PM401" in rules_of(lint_md(text, {"PM401"}))


@pytest.mark.parametrize("sentence", [
    "We will add a lease timeout to every worker.",
    "We're deploying a second queue in another zone.",
    "We are taking actions to prevent this from happening again.",
    "A few changes have been made to mitigate future risk.",
])
def test_a_plan_in_prose_is_a_plan(sentence: str):
    text = f"# Outage\n\n## Summary\n\nThe queue stalled.\n\n## Response\n\n{sentence}\n"
    assert "PM313" not in rules_of(lint_md(text, {"PM313"}))


def test_no_plan_anywhere_is_still_reported_and_says_so():
    found = lint_md("# Outage\n\n## Summary\n\nThe queue stalled and came back by itself.\n", {"PM313"})
    assert len(found) == 1 and "found in any section or sentence" in found[0].message


@pytest.mark.parametrize("impact", [
    "Every player was disconnected for 73 hours.",
    "About 12% of requests failed between 09:47 and 11:02.",
    "The outage lasted approximately nine hours and affected all builds.",
    "The bot did not answer any chat commands; the outage was bounded to at maximum 16 hours.",
])
def test_impact_in_prose_anywhere_is_quantified(impact: str):
    text = f"# Outage\n\n## Story\n\n{impact}\n"
    assert "PM601" not in rules_of(lint_md(text, {"PM601"}))


def test_half_quantified_impact_is_info_and_nothing_quantified_is_a_warning():
    half = lint_md("# Outage\n\n## Impact\n\nAll customers saw errors.\n", {"PM601"})
    assert [finding.severity for finding in half] == [Severity.INFO]
    none = lint_md("# Outage\n\n## Impact\n\nSome customers saw errors.\n", {"PM601"})
    assert [finding.severity for finding in none] == [Severity.WARNING]
    assert "found in any section or sentence" in none[0].message


def test_a_detection_improvement_in_prose_answers_human_detection():
    text = ("detection: {method: employee}\nsummary: We noticed it by chance. Since then we've added alerts for "
            "high CPU usage.\n")
    assert "PM402" not in rules_of(lint_yaml(text, {"PM402"}))


def test_evidence_search_is_linear():
    """Ten times the text costs about ten times the time (never quadratic)."""
    paragraph = ("The upload queue stalled while the workers held their leases and nobody noticed until late. "
                 "Retries piled up behind a lock that the scheduler kept renewing. ") * 4

    def cost(copies: int) -> float:
        text = "# Outage\n\n" + "\n\n".join(f"## Part {index}\n\n{paragraph}" for index in range(copies))
        started = time.perf_counter()
        load_text("pm.md", text).meta.evidence.as_dict()  # the search runs on request: ask for every kind
        return time.perf_counter() - started

    cost(5)
    small, large = min(cost(20) for _ in range(3)), min(cost(200) for _ in range(3))
    assert large < small * 25, (small, large)


def test_a_layer_marked_not_a_factor_is_not_a_cause():
    text = ("severity: SEV1\nroot_causes:\n  - {summary: A retry loop without backoff, layer: code}\n"
            "  - {summary: Not a factor, layer: architecture}\n"
            "action_items:\n  - {title: Add backoff with jitter to the client, layer: code, type: prevent}\n")
    assert [f.message for f in lint_yaml(text, {"PM307"})] == []


def test_toil_accepts_a_sentence():
    text = "on_call:\n  toil: Someone re-ran the failed jobs by hand, one by one.\n"
    assert [f.rule_id for f in lint_yaml(text, {"PM005"})] == []


HOLLOW_TIMELINE = """# Cache outage

## Summary

The cache cluster lost quorum and checkout failed for most users.

## Timeline {WIP}

{body}

## Root cause

A library upgrade removed the quorum check.
"""


def test_a_timeline_heading_over_narrative_without_any_time_is_no_timeline():
    """A lost yardstick TP (avail-2023-12-04, "## Timeline {WIP}" over narrative): the
    heading alone used to count as the section. Reported at the heading, saying what it lacks."""
    body = "Debugging began right after the first reports. A week later the vendor confirmed the bug."
    found = [f for f in lint_md(HOLLOW_TIMELINE.replace("{body}", body), {"PM011"}) if f.rule_id == "PM011"]
    assert len(found) == 1
    assert "The `timeline` section (its heading at line 7) gives no exact date or time of day for any entry" in found[0].message
    assert found[0].span.line == 7
    assert found[0].severity is Severity.WARNING


@pytest.mark.parametrize("body", [
    "On Dec 4 the cache lost quorum; by the afternoon the vendor had a patch.",
    "Around 22h15 the cache lost quorum.",
    "- 4th of December: the cache lost quorum",
    "On Monday the cache lost quorum and on Tuesday the patch shipped.",
    "### The first hours\n\nAt 9 am the cache lost quorum.",
])
def test_a_timeline_heading_with_any_date_or_time_is_the_timeline(body: str):
    """Any date or time form, even one the loader cannot read as entries, keeps the heading
    as the timeline: evidence before absence."""
    assert "PM011" not in rules_of(lint_md(HOLLOW_TIMELINE.replace("{body}", body), {"PM011"}))
