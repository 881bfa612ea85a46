"""Plans told plainly (held-out T): "We need to continue watching the metrics, experiment
with the workers" and a lesson's "(currently being worked on)" commit to work, however
vaguely (PM310's matter, not PM313's). A past narrative's "we need to estimated how long"
and "we need to understand" commit to nothing."""

from __future__ import annotations

import pytest
from conftest import rule_findings, write

DOC = """# Error budget consumed

## Summary

The latency objective's error budget dropped to 25 % in six weeks; the cause is not known.

## Analysis

{text}
"""


@pytest.mark.parametrize("text", [
    "We need to continue watching the metrics, experiment with the workers and give the changes more time.",
    "- More monitor nodes (currently being worked on)",
])
def test_a_plain_plan_is_a_plan(tmp_path, run_cli, text):
    assert rule_findings(run_cli, write(tmp_path / "pm.md", DOC.format(text=text)), "PM313") == []


@pytest.mark.parametrize("text", [
    "As it became clear the outage would last, we need to estimated how long support would take.",
    "We need to understand what happened before anything else.",
])
def test_no_plan_without_work_to_do(tmp_path, run_cli, text):
    assert len(rule_findings(run_cli, write(tmp_path / "pm.md", DOC.format(text=text)), "PM313")) == 1


def test_the_incident_being_worked_on_is_no_plan(tmp_path, run_cli):
    # an interim update: PM313 is asked under strict only, and the open incident is no plan
    text = "The problem is being worked on and we hope to restore all services soon."
    path = write(tmp_path / "pm.md", DOC.format(text=text))
    assert len(rule_findings(run_cli, path, "PM313", preset="strict")) == 1
