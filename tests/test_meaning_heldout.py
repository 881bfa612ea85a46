"""What the text means for detection, night burden, blame and action quality: patterns
two outside reviewers raised on real postmortems pmlint had never seen, each shown with
our own synthetic Markdown (never their text). CLI in, findings out.
"""

from __future__ import annotations

import pytest
from conftest import rule_findings as findings
from conftest import write


# -- PM310: response steps done, strategies kept, links that track nothing -----------------

DONE_STEPS = """# Stuck withdrawals

## Summary

Withdrawals stalled for six hours on 2025-03-02 because the signer lost its nonce.

## Action items

| Action item | Type | Owner | State |
| --- | --- | --- | --- |
| Try to restart the signer queue | mitigate | kim | DONE |
| Investigate reasons for the stall | mitigate | lee | DONE |
| Persist the signer nonce in the database before each broadcast | fix | kim | ONGOING |
"""


def test_response_steps_already_done_are_not_judged_as_vague(run_cli, tmp_path):
    path = write(tmp_path / "2025-03-02-withdrawals.md", DONE_STEPS)
    assert findings(run_cli, path, "PM310") == []


def test_an_open_vague_step_is_still_reported(run_cli, tmp_path):
    path = write(tmp_path / "2025-03-02-withdrawals.md", DONE_STEPS.replace("| Investigate reasons for the stall | mitigate | lee | DONE |",
                                                                          "| Investigate reasons for the stall | mitigate | lee | TODO |"))
    found = findings(run_cli, path, "PM310")
    assert [item["message"].split('"')[1] for item in found] == ["Investigate"]


STRATEGY = """# Build host compromise

## Summary

An attacker used a leaked deploy key on 2025-03-02 to reach the build host.

## What we are changing

- Rotate every deploy key and store them in the secrets manager
- Continue to host our container images on the public registry (despite their [recent notice](https://vendor.example.com/article/registry-notice)).
- Keep using the public forge for open repositories
- Continue to improve our [alerting](https://vendor.example.com/blog/alerting-tips)
"""


def test_a_strategy_kept_is_no_vague_action_and_a_vendor_link_tracks_nothing(run_cli, tmp_path):
    path = write(tmp_path / "2025-03-02-build-host.md", STRATEGY)
    found = findings(run_cli, path, "PM310")
    # "Continue to host ..." and "Keep using ..." state a strategy; "Continue to improve"
    # is open-ended, and the blog link beside it is no tracker: a warning, not "tracked in"
    assert [(item["severity"], "tracked in" in item["message"]) for item in found] == [("warning", False)]
    assert '"Continue to"' in found[0]["message"] and "improve" in path.read_text().splitlines()[found[0]["line"] - 1]


def test_an_issue_link_still_tracks_a_vague_item(run_cli, tmp_path):
    text = STRATEGY.replace("https://vendor.example.com/blog/alerting-tips", "https://git.example.com/ops/infra/issues/42")
    path = write(tmp_path / "2025-03-02-build-host.md", text)
    assert findings(run_cli, path, "PM310") == []
    assert ["tracked in" in item["message"] for item in findings(run_cli, path, "PM310", preset="strict")] == [True]


# -- PM312: training beside a system change is pedantic -----------------------------------

SOUND_PLAN = """# Auto-merge bypass

## Summary

On 2025-03-02 a crafted pull request passed the auto-review bot because its diff parser skipped lines.

## What we are doing about it

- The auto-review workflow has been disabled and removed from all repositories.
- We have removed the bots' commit access to the package repositories.
- We are training existing maintainers to review package pull requests by hand.
"""


def test_training_beside_a_system_change_is_pedantic(run_cli, tmp_path):
    path = write(tmp_path / "2025-03-02-automerge.md", SOUND_PLAN)
    assert findings(run_cli, path, "PM312") == []
    strict = findings(run_cli, path, "PM312", preset="strict")
    assert [(item["severity"], item["line"]) for item in strict] == [("info", 11)]


def test_training_alone_is_still_a_people_fix(run_cli, tmp_path):
    text = SOUND_PLAN.replace("- The auto-review workflow has been disabled and removed from all repositories.\n", "") \
        .replace("- We have removed the bots' commit access to the package repositories.\n", "")
    path = write(tmp_path / "2025-03-02-automerge.md", text)
    assert [item["severity"] for item in findings(run_cli, path, "PM312")] == ["warning"]


# -- detection: a subject that is the detector, a verb of noticing about this incident ----

POOL = """# Vault drained

## Summary

On 2025-03-02 an attacker skewed the vault's price oracle and drained 40% of the vault.

## Timeline

All times UTC.

- 2025-03-02 13:38 - The attacker borrows against the skewed price
- 2025-03-02 13:52 - The attacker sells the proceeds through a third-party pool, priced normally
- 2025-03-02 15:20 - We pause the vault

## Root cause

The oracle read a single pool's spot price.

## Action items

- Add a lower bound to the oracle price
"""


def test_a_party_named_without_a_verb_of_noticing_is_no_detector(run_cli, tmp_path):
    path = write(tmp_path / "2025-03-02-vault.md", POOL)
    assert findings(run_cli, path, "PM402") == []
    missing = findings(run_cli, path, "PM401")
    assert len(missing) == 1 and "no alert, report or person noticing" in missing[0]["message"]


def test_a_third_party_that_reports_is_a_detector(run_cli, tmp_path):
    path = write(tmp_path / "2025-03-02-vault.md", POOL.replace(
        "- 2025-03-02 15:20 - We pause the vault", "- 2025-03-02 15:10 - A third party notified us of the drain\n"
                                                  "- 2025-03-02 15:20 - We pause the vault"))
    found = findings(run_cli, path, "PM402")
    assert len(found) == 1 and 'Detected by customer' in found[0]["message"]


ROLLOUT = """# Dashboard outage

## Summary

The dashboard was down for 3 hours on 2025-03-02 after a node image update.

## Timeline

All times UTC.

- 2025-03-02 04:00 - Nodescaler noticed that a new node image was available and started replacing the nodes
- 2025-03-02 04:45 - The uptime metric drops
- 2025-03-02 08:07 - Dana Reyes posted a message reporting the outage in the support channel
- 2025-03-02 08:40 - We pin the previous node image

## Action items

- Pin node images and roll them out to staging first
"""


def test_a_tool_noticing_is_no_employee_and_the_person_reporting_is(run_cli, tmp_path):
    path = write(tmp_path / "2025-03-02-dashboard.md", ROLLOUT)
    found = findings(run_cli, path, "PM402")
    assert len(found) == 1
    assert 'Detected by employee' in found[0]["message"] and '"posted a message reporting"' in found[0]["message"]
    assert found[0]["line"] == 13


def test_a_name_noticing_a_problem_is_still_a_person(run_cli, tmp_path):
    text = ROLLOUT.replace("Dana Reyes posted a message reporting the outage in the support channel",
                           "Dana noticed that the dashboard returned errors")
    found = findings(run_cli, path := write(tmp_path / "2025-03-02-dashboard.md", text), "PM402")
    assert len(found) == 1 and '"noticed that"' in found[0]["message"] and found[0]["line"] == 13, path


DISCLOSED = """# Permission check bypass

## Summary

A flaw in team permissions let a team member add themselves as an owner. It was fixed the same day; no one used it.

## Timeline

All times UTC.

- 2025-03-02 16:37 - A user testing the organisations feature noticed the issue and reported it according to our security policy
- 2025-03-02 17:02 - We confirm the flaw
- 2025-03-02 18:40 - The fix is deployed

## Action items

- Check the caller's role on every team membership change
"""


def test_a_flaw_reported_through_a_disclosure_channel_needs_no_alert_item(run_cli, tmp_path):
    path = write(tmp_path / "2025-03-02-permissions.md", DISCLOSED)
    assert findings(run_cli, path, "PM402") == []
    strict = findings(run_cli, path, "PM402", preset="strict")
    assert [item["severity"] for item in strict] == ["info"]
    # an outside user noticing is a customer, not an employee, whatever phrase matched
    assert "Detected by customer through a disclosure channel" in strict[0]["message"]


def test_a_live_exposure_reported_by_a_researcher_still_asks_for_detection(run_cli, tmp_path):
    text = DISCLOSED.replace("noticed the issue and reported it", "noticed that an admin token had leaked in a public image and reported it")
    path = write(tmp_path / "2025-03-02-permissions.md", text)
    found = findings(run_cli, path, "PM402")
    assert [item["severity"] for item in found] == ["warning"]
    assert "disclosure channel" not in found[0]["message"]


# -- night burden: whose night, and what answers it ----------------------------------------

PROVIDER = """# Website flood

## Summary

The website was unreachable for four short periods on 2025-03-02 during a request flood.

## Timeline

All times CET.

- 2025-03-02 05:13 - The website monitor triggers an alert
- 2025-03-02 05:16 - The responsible team of the hosting provider responded and blocked the flooding address
- 2025-03-02 11:34 - The hosting provider informs us of the flood
- 2025-03-02 14:30 - We ask the hosting provider for its logs

## Action items

- Put the website behind a rate-limiting proxy
"""


def test_an_outside_party_acting_at_night_is_not_the_teams_night(run_cli, tmp_path):
    path = write(tmp_path / "2025-03-02-flood.md", PROVIDER)
    assert findings(run_cli, path, "PM202", "PM203") == []


def test_the_team_acting_at_night_with_the_provider_is_still_night_work(run_cli, tmp_path):
    text = PROVIDER.replace("The responsible team of the hosting provider responded and blocked the flooding address",
                            "We call the hosting provider and block the flooding address")
    path = write(tmp_path / "2025-03-02-flood.md", text)
    found = findings(run_cli, path, "PM203")
    assert len(found) == 1 and "(first at 05:16)" in found[0]["message"]


BREACH = """# Build host breach

## Summary

On 2025-03-02 a contributor reported an unknown SSH key on the build host. We rotated every key and
rebuilt the hosts through the night, until we had to pause for sleep at 4am.

## Action items

- Rebuild every host from configuration management
"""


def test_night_work_no_alert_caused_asks_to_share_the_night_not_to_tune_alerts(run_cli, tmp_path):
    path = write(tmp_path / "2025-03-02-breach.md", BREACH)
    found = findings(run_cli, path, "PM202")
    assert len(found) == 1
    assert "no page and no alert behind it" in found[0]["message"] and "hand-over" in found[0]["message"]


def test_an_incident_manager_item_shares_the_night(run_cli, tmp_path):
    path = write(tmp_path / "2025-03-02-breach.md", BREACH + "- Name one incident manager who runs the hand-over between responders\n")
    assert findings(run_cli, path, "PM202") == []


@pytest.mark.parametrize("sentence,method", [
    ("At 21:45 UTC, Ana Costa notices the unusual transfer pattern of a contract calling the vault.", "employee"),
    ("Thanks to our users filing reports in the support tracker, we narrowed it to one cache node.", "customer"),
    ("The registry team was notified by Lee Park at a security firm.", "customer"),
])
def test_more_ways_of_saying_who_noticed(run_cli, tmp_path, sentence, method):
    text = f"""# Vault drained

## Summary

On 2025-03-02 the vault lost 40% of its deposits over 38 minutes. {sentence}

## Action items

- Add a lower bound to the oracle price
"""
    found = findings(run_cli, write(tmp_path / "2025-03-02-vault.md", text), "PM402")
    assert len(found) == 1 and f"Detected by {method}" in found[0]["message"]
