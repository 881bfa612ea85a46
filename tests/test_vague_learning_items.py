"""PM310 / PM312: items that only ask people to learn, read, study or take more care, in
general vocabulary; concrete items next to them stay quiet. Synthetic Markdown written
here; CLI in, findings out.
"""

from __future__ import annotations

import pytest
from conftest import rule_findings as findings
from conftest import write

DOC = """# Router outage

## Summary

Traffic was dropped for 95 minutes on 2025-03-04 after two routers took the same router ID.

## Action items

- {item} (owner: @neteng)
"""


def item(tmp_path, text: str):
    return write(tmp_path / "2025-03-04-router.md", DOC.format(item=text))


@pytest.mark.parametrize("text, verb", [
    ("Study route reflector architecture to move route management off the edge routers", "Study"),
    ("Read RFC 2328 to understand how vendor implementations differ", "Read RFC"),
    ("Learn more about OSPF area design", "Learn more about"),
    ("Keep server software up to date", "Keep"),
    ("Investigate the S3 bucket policy", "Investigate"),
])
def test_learning_and_upkeep_items_are_vague(run_cli, tmp_path, text, verb):
    found = findings(run_cli, item(tmp_path, text), "PM310")
    assert [entry["message"] for entry in found] == [
        f'Action item starts with the vague verb "{verb}" and states no measurable outcome']


@pytest.mark.parametrize("text", [
    "Read replicas serve the dashboard queries from now on",
    "Read-only mode when the primary database is unreachable",
    "Study the p99 failover time and cut it below 30 seconds",
    "Keep at most 3 router IDs per rack in the inventory",
    "Add a presubmit check that rejects a router config whose router ID is already in use",
])
def test_concrete_items_are_not_vague(run_cli, tmp_path, text):
    assert findings(run_cli, item(tmp_path, text), "PM310") == []


@pytest.mark.parametrize("text, phrase", [
    ("Always triple check the router ID before committing a change", "triple check"),
    ("Ask a colleague to look over every core router change", "Ask a colleague"),
    ("Engineers must stay vigilant during maintenance windows", "stay vigilant"),
])
def test_items_that_ask_people_for_more_care_fix_people(run_cli, tmp_path, text, phrase):
    found = findings(run_cli, item(tmp_path, text), "PM312")
    assert [entry["message"] for entry in found] == [
        f'Action item tries to fix people ("{phrase}") without a system change']


def test_the_same_care_automated_is_a_system_change(run_cli, tmp_path):
    text = "Automate the triple check of router IDs in the deploy pipeline"
    assert findings(run_cli, item(tmp_path, text), "PM312") == []
