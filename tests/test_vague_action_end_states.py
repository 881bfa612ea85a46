"""PM310: a vague lead-in that names what it watches, or the end state it checks, is concrete.

From the review of PM310 on held-out postmortems: "monitor for mail-stack network rule
warnings" names the exact signal; "review who has access ..., and ensure the group is
limited to those who need to know" names a checkable end state; "Study X to move Y from
A to B" states its target architecture (pedantic: `strict` only). Synthetic Markdown;
CLI in, findings out.
"""

from __future__ import annotations

import json

import pytest
from conftest import rule_findings as findings
from conftest import write

PLAN = """# Mail outage

## Summary

Inbound mail was delayed for 3 hours on 2025-05-02 after a firewall rule was reordered.

## Action items

- Add an external SMTP reachability check that pages after 10 minutes without mail
- {item}
"""


def vague(run_cli, tmp_path, item: str, preset: str = "recommended") -> list[dict]:
    return findings(run_cli, write(tmp_path / "2025-05-02-mail.md", PLAN.format(item=item)), "PM310", preset=preset)


@pytest.mark.parametrize("item", [
    "monitor for mail-stack network rule warnings",
    "Monitor the ingress controller for certificate renewal failures",
    "We will review who has access to the reporting channel, and ensure the group is limited to those who need to know.",
    "Review the admin group and make sure it is restricted to the on-call engineers",
])
def test_a_named_signal_or_a_checkable_end_state_is_concrete(run_cli, tmp_path, item):
    assert vague(run_cli, tmp_path, item) == []


@pytest.mark.parametrize("item", [
    "Monitor for issues",
    "monitor for errors",
    "Improve monitoring of the mail stack",
    "Review who has access to the reporting channel",
    "Review the access and ensure proper access",
])
def test_vague_monitoring_and_reviews_without_an_end_state_are_still_reported(run_cli, tmp_path, item):
    assert len(vague(run_cli, tmp_path, item)) == 1


def test_a_study_that_states_its_target_architecture_is_pedantic(run_cli, tmp_path):
    item = "Study route reflectors to move route management from the edge routers to a central route server"
    assert vague(run_cli, tmp_path, item) == []
    found = vague(run_cli, tmp_path, item, preset="strict")
    assert [finding["severity"] for finding in found] == ["info"]


def test_a_study_without_a_target_is_still_a_warning(run_cli, tmp_path):
    found = vague(run_cli, tmp_path, "Study route reflector architecture")
    assert [finding["severity"] for finding in found] == ["warning"]


def test_explore_and_plan_to_implement_is_no_target_architecture(run_cli, tmp_path):
    item = "Explore possibility of using cloud-based firewall rules as an extra layer of protection & plan to implement"
    code, out, err = run_cli("check", "--format", "json", "--exit-zero",
                             str(write(tmp_path / "2025-05-02-mail.md", PLAN.format(item=item))))
    assert code == 0, err
    assert [item["severity"] for item in json.loads(out)["findings"] if item["rule"] == "PM310"] == ["warning"]
