"""Who a plan is written for, and whether it is a plan at all (PM314, PM313, PM804). CLI in,
findings out, on synthetic Markdown.

Reviews of real postmortems judged "None of the N open action items names an owner" pedantic
on a one-person home lab, on a promise made to customers ("We are committed to:"), on a plan
sorted by horizon ("### short term" / "### long term", "## Future Work") and on a lone "We need
to be more careful" item; they missed "no concrete action items" where the only commitment
was "I will figure out what went wrong", and a plan-less essay whose "We'll start with the
outage here" was read as a commitment; and they called a "We need to ..." in a product's
background section an unfollowed lesson.
"""

from __future__ import annotations

import time

import pytest

from conftest import rule_findings, write
from pmlint.load.markdown.blocks import parse_blocks
from pmlint.load.markdown.forms import personal

_PLAN = "## Next steps\n\n1. Add a secondary DNS server\n2. Create a safety checklist for deployments\n"


def _severities(run_cli, path, rule, preset="recommended"):
    return [item["severity"] for item in rule_findings(run_cli, path, rule, preset=preset)]


# --- PM314: one person's own systems ------------------------------------------------------

@pytest.mark.parametrize("lead", [
    "**Host**: `hsb0` (Home DNS/DHCP Server)\n\n**Impact**: Total home LAN outage.",
    "I deleted the production database. I restored my backup, and I lost my evening's data. "
    "Thankfully I had a backup from the morning.",
])
def test_one_persons_write_up_is_not_asked_who_owns_its_plan(run_cli, tmp_path, lead):
    path = write(tmp_path / "pm.md", f"# Outage\n\n{lead}\n\n{_PLAN}")
    assert _severities(run_cli, path, "PM314") == []
    assert _severities(run_cli, path, "PM314", preset="strict") == []  # PM301/PM302 speak per item there


def test_a_team_narrated_in_the_first_person_is_still_asked(run_cli, tmp_path):
    lead = ("I was on call for our team. I paged my lead, and I rolled back the deploy myself. "
            "Then I wrote this up for the team.")
    path = write(tmp_path / "pm.md", f"# Outage\n\n{lead}\n\n{_PLAN}")
    assert _severities(run_cli, path, "PM314") == ["warning"]


def test_a_team_record_is_asked_who_owns_its_plan(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", f"# Outage\n\nWe restored the DNS server after 15 minutes.\n\n{_PLAN}")
    assert _severities(run_cli, path, "PM314") == ["warning"]


def test_reading_the_narrators_voice_is_linear():
    def seconds(repeats: int) -> float:
        blocks = parse_blocks(("We restored the service and I checked our graphs.\n\n" * repeats).splitlines())
        began = time.perf_counter()
        for _ in range(5):
            personal(blocks)
        return time.perf_counter() - began

    seconds(50)
    small, large = min(seconds(200) for _ in range(3)), min(seconds(1600) for _ in range(3))
    assert large / small < 8 * 2.5


# --- PM314: a plan sorted by horizon, a call to be careful, a promise to customers ---------

def test_a_plan_sorted_by_horizon_is_asked_for_owners_at_info(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", "# Anycast outage\n\nWe restored the address.\n\n## Recommendations\n\n"
                                     "### short term\n\n- [ ] configure the address on two more servers\n\n"
                                     "### long term\n\n- [ ] detect configuration drift\n")
    found = rule_findings(run_cli, path, "PM314")
    assert [(item["severity"], item["message"]) for item in found] == [
        ("info", 'None of the 2 open action items names an owner, and none a date beyond the heading '
                 '"short term / long term"')]


def test_future_work_alone_is_a_horizon(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", "# Outage\n\nWe restored peering.\n\n## Future Work\n\n"
                                     "1. Automated configuration validation\n2. Install a third edge router\n")
    assert _severities(run_cli, path, "PM314") == ["info"]


def test_one_short_term_heading_orders_nothing(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", "# Outage\n\nWe restored peering.\n\n## Short-term corrective actions\n\n"
                                     "1. Add a disk alert\n2. Rotate the logs daily\n")
    assert _severities(run_cli, path, "PM314") == ["warning"]


def test_a_call_to_be_careful_is_no_item_to_own(run_cli, tmp_path):
    only = write(tmp_path / "only.md", "# Outage\n\nWe rolled back.\n\n## Action items\n\n"
                                       "- We need to be more careful when deploying sweeping changes.\n")
    assert _severities(run_cli, only, "PM314") == []
    both = write(tmp_path / "both.md", "# Outage\n\nWe rolled back.\n\n## Action items\n\n"
                                       "- We need to be more careful when deploying sweeping changes.\n"
                                       "- Add a staging environment for the scheduler\n")
    assert [item["message"] for item in rule_findings(run_cli, both, "PM314")] == [
        "The only open action item names no owner or due date"]


def test_a_promise_to_the_readers_is_a_public_write_up(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", "# SDK outage\n\nCustomers' sites failed.\n\n## Action Items\n\n"
                                     "We are committed to:\n\n- Adding a check that releases reach the CDN\n"
                                     "- Alerting on SDK error rates\n")
    assert _severities(run_cli, path, "PM314") == []
    assert _severities(run_cli, path, "PM314", preset="strict") == []


# --- PM313: what is and is not a commitment -------------------------------------------------

_ESSAY = ("# The CA footgun\n\n## The Ugly\n\nWe'll start with the outage here and then work our way backwards. "
          "I'll introduce a fictional API. Often an API provider will run a private CA and will use it to sign "
          "certificates.\n\n## What happened\n\nEvery request failed after the vendor rotated its certificate. "
          "The integration was fixed by adding the new root to the bundle.\n")


def test_the_writer_guiding_the_reader_commits_to_nothing(run_cli, tmp_path):
    found = rule_findings(run_cli, write(tmp_path / "pm.md", _ESSAY), "PM313")
    assert [item["severity"] for item in found] == ["warning"]
    assert "no commitment" in found[0]["message"]


def test_a_promise_only_to_look_is_no_plan(run_cli, tmp_path):
    text = ("# I deleted the production database\n\nI restored the backup after 30 minutes.\n\n"
            "## What have I learned?\n\nComputers are complex. However, I will figure out what went wrong and "
            "ensure that this error doesn't happen again.\n")
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM313")
    assert [(item["severity"], item["message"]) for item in found] == [
        ("warning", 'No action items, and the only commitment in the text promises to look, not to change '
                    'anything: "However, I will figure out what went wrong and ensure that this error doesn\'t '
                    'happen again" (line 7)')]


@pytest.mark.parametrize("also", [
    "We will add an alert on replication lag.",
    "Rest assured, the item at the top of my to-do list is to put a new backup system in place.",
])
def test_a_change_committed_beside_the_promise_to_look_is_a_plan(run_cli, tmp_path, also):
    text = ("# Database lost\n\nWe restored the backup after 30 minutes.\n\n## Next\n\n"
            f"We will look into what went wrong. {also}\n")
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM313") == []


# --- PM804: the background explains the system ---------------------------------------------

def _backlog(heading: str) -> str:
    return (f"# Step backlog\n\n### {heading}\n\nFunctions can wait for a matching event.\n\n"
            "### Function cancellation\n\nWe need to sample events received by our system with all waiting "
            "signals.\n\n### Incident timeline\n\n- 07:06 PDT: The team was paged because of a growing backlog.\n\n"
            "## Action items\n\n- Add an alert on queue depth\n")


def test_a_need_stated_in_the_background_is_the_designs(run_cli, tmp_path):
    assert rule_findings(run_cli, write(tmp_path / "bg.md", _backlog("Background: waitForEvent")), "PM804",
                          preset="strict") == []
    told = rule_findings(run_cli, write(tmp_path / "told.md", _backlog("What went wrong with waitForEvent")),
                         "PM804", preset="strict")
    assert [item["rule"] for item in told] == ["PM804"]


# --- a plan listed in one sentence of prose --------------------------------------------------

def test_a_plan_listed_in_a_sentence_is_read_as_items(run_cli, tmp_path):
    text = ("# Secrets in CI logs\n\nAn engineer noticed keys in the CI logs.\n\n## Review\n\n"
            "For this incident, our action items included tasks such as rotating keys, deleting CI logs after "
            "48 hours, scanning execution logs for leaked secrets, and updating our incident process.\n")
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM314", "PM313")
    assert [(item["rule"], item["severity"], item["message"], item["line"]) for item in found] == [
        ("PM314", "info", "None of the 4 open action items names an owner or a due date", 7)]


@pytest.mark.parametrize("said", [
    "The action items are tracked in OPS-123.",
    "Our follow-ups are tracked in Jira, and reviewed weekly by the team.",
])
def test_a_sentence_about_the_plan_lists_no_items(run_cli, tmp_path, said):
    text = f"# Outage\n\nThe disk filled.\n\n## Review\n\n{said}\n"
    assert [item["rule"] for item in rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM314")] == []
    code, out, _ = run_cli("convert", str(tmp_path / "pm.md"))
    assert "action_items:" not in out
