"""Detection evidence and the timing of detection (issue 12, held-out set D).

Every document is synthetic, written in the shapes real postmortems take; each test runs
`pmlint check` (CLI in, JSON findings out).

- PM401: a user opening an issue on the tracker, a monitoring tool named as sending the
  alert, and watching official sources are how an incident was detected; a chain halting
  at its scheduled upgrade height was seen by everyone running it (strict only).
- PM402: "we noticed" inside a debugging sentence is no detection by an employee.
- PM403/PM404: the onset is the first entry with impact, not a fault put in place weeks
  before ("services are operational, but the conditions for failure have been set"); a
  person's first observation is the detection, not the onset; an incident that is
  resolved and comes back the next day is two episodes, measured apart; an alert that
  fired long before anyone acted on it makes the gap acknowledgement, and the finding
  asks for alert routing, not another alert.
"""

from __future__ import annotations

import pytest

from conftest import rule_findings, write


def _findings(run_cli, tmp_path, text: str, *rules: str, preset: str = "recommended") -> list[dict]:
    return rule_findings(run_cli, write(tmp_path / "pm.md", text), *rules, preset=preset)


@pytest.mark.parametrize("sentence", [
    "@kim posts [an issue on the importer project](https://example.org/issues/7) describing odd error messages.",
    "A user opened a GitHub issue saying that exports were empty.",
    "Someone filed a bug about the blank dashboard.",
    "Sentry begins sending rollup error alerts because of the error frequency.",
    "Datadog alerted the team about the queue depth.",
    "PagerDuty paged the on-call engineer.",
    "Watching \u201cofficial\u201d sources meant two days before learning it was remote code execution.",
    "We were monitoring the upstream security mailing list, which announced the flaw.",
])
def test_detection_named_in_these_words_is_recorded(run_cli, tmp_path, sentence):
    text = f"# Exports empty\n\n## What happened\n\n{sentence}\n"
    assert _findings(run_cli, tmp_path, text, "PM401") == []


@pytest.mark.parametrize("sentence", [
    "We opened an issue to track the cleanup.",  # the team's own tracking issue: no report
    "The cache was cold and pages were slow.",
])
def test_words_that_record_no_detection_still_leave_it_missing(run_cli, tmp_path, sentence):
    text = f"# Exports empty\n\n## What happened\n\n{sentence}\n"
    assert [item["rule"] for item in _findings(run_cli, tmp_path, text, "PM401")] == ["PM401"]


def test_a_user_report_on_the_tracker_asks_for_a_detection_item(run_cli, tmp_path):
    text = ("# Exports empty\n\n## What happened\n\nA user opened a GitHub issue saying that exports were empty.\n\n"
            "## Action items\n\n- Fix the export query\n")
    found = _findings(run_cli, tmp_path, text, "PM402")
    assert len(found) == 1 and "customer" in found[0]["message"]


UPGRADE = """\
# v9 upgrade

## What happened

Upon reaching the upgrade height 4120000, upgraded nodes halted with a fatal panic.
Validators rolled back to the previous binary and skipped the upgrade.
"""


def test_a_halt_at_a_scheduled_upgrade_height_needs_no_detection_section(run_cli, tmp_path):
    assert _findings(run_cli, tmp_path, UPGRADE, "PM401") == []
    strict = _findings(run_cli, tmp_path, UPGRADE, "PM401", preset="strict")
    assert [item["severity"] for item in strict] == ["info"]
    assert "scheduled event" in strict[0]["message"] and "upgrade height" in strict[0]["message"]


def test_an_upgrade_that_went_well_is_no_scheduled_failure(run_cli, tmp_path):
    text = "# v9 upgrade\n\n## What happened\n\nUpon reaching the upgrade height 4120000, nodes switched binaries.\n"
    assert [item["rule"] for item in _findings(run_cli, tmp_path, text, "PM401")] == ["PM401"]


@pytest.mark.parametrize("sentence", [
    "After the upgrade the nodes returned hash errors; the strange thing we noticed here was that both hashes matched.",
    "While debugging, we noticed the config had a stale feature flag.",
])
def test_we_noticed_while_debugging_is_no_detection_by_an_employee(run_cli, tmp_path, sentence):
    text = f"# Hash errors\n\n## What happened\n\n{sentence}\n\n## Action items\n\n- Pin the compiler version\n"
    assert _findings(run_cli, tmp_path, text, "PM402") == []


def test_we_noticed_the_errors_is_detection_by_an_employee(run_cli, tmp_path):
    text = ("# Hash errors\n\n## What happened\n\nWe noticed the error rate climbing on the dashboard.\n\n"
            "## Action items\n\n- Pin the compiler version\n")
    found = _findings(run_cli, tmp_path, text, "PM402")
    assert len(found) == 1 and "employee" in found[0]["message"]


LATENT = """\
# Wrong certificates

## Timeline

All times UTC.

### 2025-03-01 18:40

Certificates applied by hand to the load balancers. Services are operational, but the conditions for failure have been set for the next deployment.

### 2025-03-24 12:15

The reorganised service templates are deployed to production.

### 2025-03-24 14:00

Clients fail with TLS errors against the API.

### 2025-03-24 19:00

Ana reports the TLS errors in the team chat and starts investigating.

### 2025-03-24 19:30

Correct certificates applied; service restored.
"""


def test_the_onset_is_the_first_entry_with_impact_not_a_latent_fault(run_cli, tmp_path):
    found = _findings(run_cli, tmp_path, LATENT, "PM403")
    assert len(found) == 1
    message = found[0]["message"]
    assert "Time to detect was 5 h" in message  # 14:00 → 19:00, not 23 days from 2025-03-01
    assert '"Clients fail with TLS errors' in message and "at 14:00" in message and "at 19:00" in message


FIRST_OBSERVATION = """\
# Failover

## Timeline

All times UTC.

### 2025-03-24

- **16:45** Started system updates on `web-2`
- **16:59** Ana noted that whilst `web-2` was down for maintenance, requests did not fail over
- **18:30** First report of 500 responses from users
- **19:40** Reinstalled the runtime on both machines; service restored
"""


def test_a_persons_first_observation_is_the_detection_not_the_onset(run_cli, tmp_path):
    assert _findings(run_cli, tmp_path, FIRST_OBSERVATION, "PM403") == []  # seen at 16:59, when it began


TWO_EPISODES = """\
# Elevated 500s

## Summary

A global outage: all users saw 500 errors, on two days.

## Timeline

All times UTC.

### 2025-01-20

- **17:00** Web nodes start returning 500 errors
- **17:05** Ana notices the errors on the dashboard and starts investigating
- **17:40** Runtime reinstalled on both nodes; the errors stopped

### 2025-01-21

- **15:15** Alerts started firing for elevated 500 error levels; nobody was receiving the notifications
- **17:20** A community member reported seeing 500 errors, which Ana saw
- **17:50** Connection limit raised; outage resolved
"""


def test_two_episodes_on_two_days_are_measured_apart(run_cli, tmp_path):
    mitigate = _findings(run_cli, tmp_path, TWO_EPISODES, "PM404")
    assert all("23 h" not in item["message"] and "24 h" not in item["message"] for item in mitigate)
    detect = _findings(run_cli, tmp_path, TWO_EPISODES, "PM403")
    assert len(detect) == 1
    message = detect[0]["message"]
    # the second episode's delay (15:15 → 17:20), named as such, with the alert nobody saw
    assert "Time to detect was 2 h 5 min" in message and "episode 2 of 2" in message
    assert "an alert at 15:15" in message and "went unacknowledged for 2 h 5 min" in message
    assert "route that alert to someone who is paged" in message


UNSEEN_ALERT = """\
# Differ broken

## Timeline

All times UTC.

### 2025-07-20 20:30

The diffing service starts raising errors.

### 2025-07-20 21:00

Sentry begins sending error alerts.

### 2025-07-21 11:30

Ana sees the errors while checking her phone and starts investigating.

### 2025-07-21 12:10

Ana restarts the differ pods; errors stop and the incident is resolved.
"""


def test_an_alert_nobody_saw_asks_for_routing_not_another_alert(run_cli, tmp_path):
    found = _findings(run_cli, tmp_path, UNSEEN_ALERT, "PM403", "PM401")
    assert [item["rule"] for item in found] == ["PM403"]  # the alert is the recorded detection method
    message = found[0]["message"]
    assert "Time to detect was 15 h" in message  # onset to the first person acting, the rule's definition
    assert "an alert at 21:00" in message and "30 min after the onset" in message
    assert "went unacknowledged for 14 h 30 min" in message and "route that alert" in message


def test_an_alert_acted_on_at_once_is_the_detection(run_cli, tmp_path):
    text = UNSEEN_ALERT.replace("### 2025-07-21 11:30", "### 2025-07-20 21:10").replace(
        "### 2025-07-21 12:10", "### 2025-07-20 21:40")
    assert _findings(run_cli, tmp_path, text, "PM403") == []  # 30 min to the alert, within the limit
