"""The second corpus review's general patterns (night work, detection items and roles,
commitments in the third person, causes outside a cause heading), each shown on our own
synthetic Markdown: a document goes in through the CLI, the findings come out.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import write

from pmlint.infer import build_profile
from pmlint.load import load_path


def rules_of(run_cli, path: Path, *rules: str) -> list[dict]:
    code, out, err = run_cli("check", "--format", "json", "--exit-zero", str(path))
    assert code == 0, err
    return [item for item in json.loads(out)["findings"] if item["rule"] in rules]


# -- pattern 3/4: night work is not a page ----------------------------------------------

NIGHT_WORK = """# Ledger replay stalls

## Summary

The replay service stalled for four hours and 300 merchants saw stale balances.

## Timeline

All times UTC.

- 2025-04-02 16:10 - Replay lag rises
- 2025-04-02 16:20 - The team starts investigating the lag
- 2025-04-02 22:40 - Engineers deploy a fix for the replay cursor
- 2025-04-02 23:30 - The team confirms balances are current

## Action items

- Add an integration test for the replay cursor
"""


def test_night_timestamps_alone_are_asked_about_once_and_not_called_a_page(run_cli, tmp_path):
    # past midnight in the team's own zone (evening work alone, or a night read only on
    # UTC clocks, is reported under `strict` only)
    late = NIGHT_WORK.replace("2025-04-02 22:40", "2025-04-03 00:40").replace("2025-04-02 23:30", "2025-04-03 01:30") \
        .replace("All times UTC.", "All times CET.")
    found = rules_of(run_cli, write(tmp_path / "2025-04-02-replay.md", late), "PM202", "PM203")
    # one concern, one finding: PM203 asks to record the night work; nobody was paged,
    # so "reduce paging" (PM202) is not the fix
    assert [item["rule"] for item in found] == ["PM203"]
    assert "first at 00:40" in found[0]["message"]


def test_a_page_in_the_prose_is_the_count_pm203_reads(run_cli, tmp_path):
    paged = NIGHT_WORK.replace("Engineers deploy a fix", "Kim is paged and deploys a fix")
    found = rules_of(run_cli, write(tmp_path / "2025-04-02-replay.md", paged), "PM202", "PM203")
    assert [item["rule"] for item in found] == ["PM202"]
    assert "paged at night" in found[0]["message"] and "22:40" in found[0]["message"]


def test_people_awake_in_their_own_hours_lose_no_sleep(run_cli, tmp_path):
    awake = NIGHT_WORK.replace("Engineers deploy a fix", "Engineers online at that hour in Sydney deploy a fix")
    assert rules_of(run_cli, write(tmp_path / "2025-04-02-replay.md", awake), "PM202", "PM203") == []
    burden = build_profile(load_path(str(tmp_path / "2025-04-02-replay.md"))).on_call
    assert burden.sleep_interrupted is None


def test_planned_work_handed_over_between_zones_is_no_night_burden(run_cli, tmp_path):
    planned = NIGHT_WORK.replace("The team confirms balances are current",
                                 "Migration done, handed over to the team in Oslo for verification")
    assert rules_of(run_cli, write(tmp_path / "2025-04-02-replay.md", planned), "PM202", "PM203") == []


def test_a_woken_responder_is_still_a_page_even_when_others_were_awake(run_cli, tmp_path):
    woken = NIGHT_WORK.replace("Engineers deploy a fix", "The alert pages the on-call, who deploys a fix") \
        .replace("All times UTC.", "All times UTC. Two of us were online at that hour.")
    found = rules_of(run_cli, write(tmp_path / "2025-04-02-replay.md", woken), "PM202", "PM203")
    assert [item["rule"] for item in found] == ["PM202"]


# -- pattern 2: what improves detection, and who detected ---------------------------------

CUSTOMER_FOUND = """# Index drift

## Summary

We received a report from a user that new versions were missing from the index.
About 40 packages were affected for three hours.

## Root cause

The sync job skipped entries when the database write timed out.

## Action items

{item}
"""


def _pm402(run_cli, tmp_path, item: str) -> list[dict]:
    path = write(tmp_path / "2025-05-01-index.md", CUSTOMER_FOUND.format(item=item))
    return rules_of(run_cli, path, "PM402")


def test_detection_gap_without_a_detection_item_is_reported(run_cli, tmp_path):
    found = _pm402(run_cli, tmp_path, "- Retry the database write on timeout")
    assert len(found) == 1 and "Detected by customer" in found[0]["message"]


def test_checks_that_page_or_verify_the_live_system_are_detection_items(run_cli, tmp_path):
    for item in ("- Add a periodic job comparing the index with the database that pages the on-call on drift",
                 "- Add a test/check to ensure new versions reach the index",
                 "- Uptime and alerting for the index service",
                 "- Add a health check on the sync worker"):
        assert _pm402(run_cli, tmp_path, item) == [], item


def test_a_detection_item_under_a_process_heading_still_counts(run_cli, tmp_path):
    assert _pm402(run_cli, tmp_path, "### Process improvements\n\n1. Uptime and alerting issue: #611") == []


def test_an_automated_security_alert_is_not_a_customer(tmp_path):
    text = """# Account takeover attempt

## Timeline

- 09:12 - An email arrives from the identity provider about a login attempt from an unfamiliar IP address
- 09:40 - Security locks the account
- 10:20 - User reported that they had clicked a link in a chat message

## Action items

- Require phishing-resistant MFA for all staff
"""
    fact = build_profile(load_path(str(write(tmp_path / "2025-06-01-login.md", text)))).detection_method
    assert fact is not None and fact.value == "alert"


def test_a_user_report_in_a_chat_room_is_a_customer_not_an_employee(tmp_path):
    text = """# Builds stop launching

## Timeline

### 20:55 - Team alerted

A user reported failing launches in the chat room. A team member noticed and began investigating.

## Action items

- Raise the pod quota
"""
    fact = build_profile(load_path(str(write(tmp_path / "2025-06-02-builds.md", text)))).detection_method
    assert fact is not None and fact.value == "customer"


# -- pattern 5: commitments in the third person, a report submitted ------------------------

THIRD_PERSON = """# Build runners compromised

## Summary

Self-hosted build runners were reachable from public pull requests for two days.

## Timeline

- 2025-07-01 10:00 - A vulnerability report describing the runner exposure was submitted via the bounty platform
- 2025-07-01 11:00 - Runners taken offline

## Root cause

Public pull requests could schedule jobs on persistent runners.

## What happens next

{plan}
"""


def test_third_person_and_in_progress_commitments_are_action_items(run_cli, tmp_path):
    for plan in ("Acme plans to commission an external penetration test.",
                 "All deploy keys are being rotated.",
                 "Changes to how runners are provisioned are under way.",
                 "The fix is being deployed to every region.",
                 "We have started moving runners to ephemeral machines."):
        path = write(tmp_path / "2025-07-01-runners.md", THIRD_PERSON.format(plan=plan))
        assert rules_of(run_cli, path, "PM313") == [], plan


def test_a_plan_of_past_facts_only_is_still_no_action(run_cli, tmp_path):
    path = write(tmp_path / "2025-07-01-runners.md", THIRD_PERSON.format(plan="The runners were rebuilt last week."))
    assert len(rules_of(run_cli, path, "PM313")) == 1


def test_a_report_submitted_via_a_channel_is_the_detection(run_cli, tmp_path):
    path = write(tmp_path / "2025-07-01-runners.md", THIRD_PERSON.format(plan="Acme plans to add runner isolation."))
    assert rules_of(run_cli, path, "PM401") == []
    silent = THIRD_PERSON.replace("A vulnerability report describing the runner exposure was submitted via the "
                                  "bounty platform", "Runner exposure begins")
    path = write(tmp_path / "2025-07-01-runners.md", silent.format(plan="Acme plans to add runner isolation."))
    assert len(rules_of(run_cli, path, "PM401")) == 1


# -- pattern 6: a cause stated outside a cause heading --------------------------------------

NO_CAUSE_HEADING = """# Notebook servers unresponsive

## Summary

Students could not open notebooks for an hour. {cause}

## Timeline

- 20:50 - Reports of stuck pages
- 21:40 - Core pods moved to a dedicated pool

## Action items

- Give core pods resource guarantees
{extra}
"""


def test_a_cause_stated_in_the_summary_or_the_plan_is_not_missing(run_cli, tmp_path):
    for cause, extra in (
            ("After investigation, we determined that the core pods had no resource guarantees.", ""),
            ("Student pods filled the nodes, causing the core pods to starve.", ""),
            ("", "\nThe primary cause of these issues is the loss of watch events in the spawner."),
            ("The outage was caused by student pods exhausting node memory.", "")):
        path = write(tmp_path / "2025-08-01-notebooks.md", NO_CAUSE_HEADING.format(cause=cause, extra=extra))
        missing = [item for item in rules_of(run_cli, path, "PM011") if "root_causes" in item["message"]]
        assert missing == [], cause or extra


def test_no_cause_anywhere_is_still_reported(run_cli, tmp_path):
    path = write(tmp_path / "2025-08-01-notebooks.md", NO_CAUSE_HEADING.format(cause="", extra=""))
    assert [item for item in rules_of(run_cli, path, "PM011") if "root_causes" in item["message"]]
