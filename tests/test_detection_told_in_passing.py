"""Detection told in passing, and detection improvements told in prose (held-out J).

- A passive report of trouble ("The first issues with DNS are reported", "when problems
  were reported") is a report: PM401 has its evidence, and PM402 asks for the detection
  item a customer report calls for. Not "no issues were reported", nor "the bug was
  reported to the vendor", nor a status page's headline "Technical problems reported".
- A night wake-up ("of the 'wake up at 4am' variety") is a page: detection by an alert.
- A person of the team named in words the phrase list lacks ("one of our Site Reliability
  Engineers (SREs) noticed", "caught by a CDS employee") is the detector, and an earlier
  sentence wins over "that's when we noticed ..." told during the investigation.
- The action items told in a sentence ("our action items included ... scanning execution
  logs for leaked secrets") and a done action logged with no subject ("Added smoke
  diagnostics (..., probe log)") improve detection: no PM402.
- The author deleting production by accident and at work on it within minutes was seen at
  once: PM401 only under strict.
- "We discovered a new rollback command was available" is a way out, not detection.
"""

from __future__ import annotations

from conftest import rule_findings, write


def _rule(run_cli, path, rule, preset="recommended"):
    return rule_findings(run_cli, path, rule, preset=preset)


PASSIVE_REPORT = """\
# DNS issues

## Summary

Some delegated zones failed to resolve for about an hour after we removed the old zone.

## Timeline

* **11:45**: All records in the old zone are removed
* **12:09**: The first issues with DNS are reported. The team quickly identifies the problem
* **12:45**: The records are restored

## Action items

1. Identify which delegated zones use the old server names
2. Contact the owners of those zones
"""


def test_a_passive_report_of_issues_is_a_customer_report(tmp_path, run_cli):
    path = write(tmp_path / "dns.md", PASSIVE_REPORT)
    assert _rule(run_cli, path, "PM401") == []
    found = _rule(run_cli, path, "PM402")
    assert len(found) == 1 and found[0]["severity"] == "warning"
    assert "Detected by customer" in found[0]["message"]
    assert "The first issues with DNS are reported" in found[0]["message"]


def test_a_passive_report_with_a_detection_item_is_answered(tmp_path, run_cli):
    path = write(tmp_path / "dns.md", PASSIVE_REPORT + "3. Add a probe that resolves every delegated zone and alerts\n")
    assert _rule(run_cli, path, "PM402") == []


def test_no_issues_reported_and_reports_to_a_vendor_are_no_detection(tmp_path, run_cli):
    for sentence in ("No issues were reported during the maintenance.",
                     "The bug was reported to the vendor the next day.",
                     "Technical problems reported and investigation started."):
        path = write(tmp_path / "quiet.md", f"""\
# Outage

## Summary

Checkout failed for 45 minutes after a config change. {sentence}
""")
        found = _rule(run_cli, path, "PM401")
        assert len(found) == 1 and "found in any section or sentence" in found[0]["message"], sentence
        assert _rule(run_cli, path, "PM402") == [], sentence


def test_a_night_wake_up_is_a_page(tmp_path, run_cli):
    path = write(tmp_path / "ca.md", """\
# TLS outage

This is a story of a brief outage. The outage was of the "wake up at 4am" variety.
Every request to the partner API failed after it rotated its certificate. The on-call
engineer pulled in another team, and the CA bundle was fixed.
""")
    assert _rule(run_cli, path, "PM401") == []
    assert _rule(run_cli, path, "PM402") == []  # an alert found it: no human detection to answer


def test_a_wake_up_at_daytime_is_no_page(tmp_path, run_cli):
    path = write(tmp_path / "ca.md", """\
# TLS outage

I wake up at 7am most days. Every request to the partner API failed after it rotated its
certificate, and the CA bundle was fixed.
""")
    assert len(_rule(run_cli, path, "PM401")) == 1


LEAK = """\
# Secrets in a public log

## The incident

On March 29th one of our Site Reliability Engineers (SREs) noticed a deploy tool printing
keys in its public execution log.

## Investigation

We reviewed the historical logs. That's when we noticed that the code had been copied
to other teams.

## Follow-up

For this incident, our action items included tasks such as rotating keys, deleting CI logs
after 48 hours, {detect}and updating our incident process.
"""


def test_the_earlier_person_noticing_is_the_evidence(tmp_path, run_cli):
    path = write(tmp_path / "leak.md", LEAK.format(detect=""))
    found = _rule(run_cli, path, "PM402")
    assert len(found) == 1 and "Detected by employee" in found[0]["message"]
    assert "one of our Site Reliability Engineers" in found[0]["message"]
    assert found[0]["line"] == 5


def test_action_items_told_in_a_sentence_improve_detection(tmp_path, run_cli):
    path = write(tmp_path / "leak.md", LEAK.format(detect="scanning execution logs for leaked secrets, "))
    assert _rule(run_cli, path, "PM402") == []


def test_caught_by_an_employee_is_detection(tmp_path, run_cli):
    path = write(tmp_path / "leak.md", """\
# Secrets in a public log

## Summary

Keys were printed in a public build log. This leak was caught by a CDS employee who was
reviewing them.
""")
    assert _rule(run_cli, path, "PM401") == []


def test_a_done_action_logged_without_a_subject_improves_detection(tmp_path, run_cli):
    body = """\
# Installer failures

## Windows installer fails to start

- Initial user report:
  - The app failed to start after install.
- Corrective actions:
  1. Excluded non-Windows launchers from the installer.
  2. {item}
"""
    answered = write(tmp_path / "a.md", body.format(item="Added smoke diagnostics (startup stdout/stderr, probe log)."))
    assert _rule(run_cli, answered, "PM402") == []
    # "added" with no signal named is no detection item
    unanswered = write(tmp_path / "b.md", body.format(item="Added a note to the release checklist."))
    assert _rule(run_cli, unanswered, "PM402", "strict") != [] or _rule(run_cli, unanswered, "PM401") == []


DELETED = """\
# I deleted the production database by accident

Today at around 10:45pm, after a long day, I deleted the production database for my product by
accident. After 5 minutes of blind panic, I took the website into maintenance mode and worked
on restoring a backup. At 11:15pm the site was back online.
"""


def test_the_author_deleting_production_saw_it_at_once(tmp_path, run_cli):
    path = write(tmp_path / "db.md", DELETED)
    assert _rule(run_cli, path, "PM401") == []
    found = _rule(run_cli, path, "PM401", "strict")
    assert len(found) == 1 and found[0]["severity"] == "info"
    assert "own change caused and saw at once" in found[0]["message"]


def test_a_reaction_hours_later_is_not_at_once(tmp_path, run_cli):
    path = write(tmp_path / "db.md", DELETED.replace("After 5 minutes of blind panic", "After 50 minutes of searching"))
    found = _rule(run_cli, path, "PM401")
    assert len(found) == 1 and found[0]["severity"] == "warning"


def test_a_way_out_discovered_is_not_detection(tmp_path, run_cli):
    path = write(tmp_path / "halt.md", """\
# Chain halt

## Summary

The chain halted some hours after the upgrade, when validators disagreed on a block.

## Explored solutions

We discovered a new rollback command was available and decided to give it a try.
""")
    found = _rule(run_cli, path, "PM401")
    assert len(found) == 1 and "found in any section or sentence" in found[0]["message"]


FLAGGED = """\
# Malicious contributor

## Summary

A contributor working for a hostile group had commit access to two repositories. {finding}

## Timeline

- 2025-05-05 00:00 UTC: SEAL flags contributor `dev-x` as malicious actor
- 2025-05-05 20:06 UTC: Access revoked

## Action items

- Background checks for all external contributors
"""


def test_a_threat_flagged_from_outside_with_nothing_done_is_strict_only(tmp_path, run_cli):
    path = write(tmp_path / "actor.md", FLAGGED.format(
        finding="The audit of all his commits found no evidence of deliberate compromise."))
    assert _rule(run_cli, path, "PM402") == []
    found = _rule(run_cli, path, "PM402", "strict")
    assert len(found) == 1 and found[0]["severity"] == "info"
    assert "flags contributor `dev-x` as malicious" in found[0]["message"]


def test_a_threat_flagged_that_did_harm_still_asks_for_detection(tmp_path, run_cli):
    path = write(tmp_path / "actor.md", FLAGGED.format(finding="He pushed a backdoor to the release branch."))
    found = _rule(run_cli, path, "PM402")
    assert len(found) == 1 and found[0]["severity"] == "warning"


def test_no_users_reported_is_no_customer_report(tmp_path, run_cli):
    path = write(tmp_path / "db.yaml", """\
title: Data inconsistency
impact: No users reported problems in production, as triggering it needs frequent crashes.
action_items:
  - {title: Fix the atomic save of the consistent index, type: prevent}
""")
    assert _rule(run_cli, path, "PM402", "strict") == []


STATED_WINDOW = """\
# Incident Report - February 27th, 2019

| Date | February 27th, 2019 |
| --- | ---: |
| Time | 2019-02-27 06:45 - 2019-02-28 13:00 (UTC) |

## Timeline

All times in UTC.

| Time | Description |
| ---- | ----------- |
| 2019-02-27 06:45 | AWS initiated a reboot of the instance running the control plane. |
| {noticed} | Noticed the CD pipeline was red. |
| 13:45 | Discovered the control plane was dead. |
| 2019-02-28 13:00 | Builds succeeded. |

## Actions

* Move incident reports to the team manual
"""


def test_the_stated_start_of_the_window_is_the_onset(tmp_path, run_cli):
    path = write(tmp_path / "cp.md", STATED_WINDOW.format(noticed="10:49"))
    found = _rule(run_cli, path, "PM403")
    assert len(found) == 1 and found[0]["severity"] == "warning"
    assert "4 h 4 min" in found[0]["message"] and 'the stated start "2019-02-27 06:45"' in found[0]["message"]
    assert found[0]["line"] == 14


def test_noticed_soon_after_the_stated_start_is_no_finding(tmp_path, run_cli):
    assert _rule(run_cli, write(tmp_path / "cp.md", STATED_WINDOW.format(noticed="07:05")), "PM403") == []


def test_a_window_whose_start_no_entry_has_gives_no_onset(tmp_path, run_cli):
    text = STATED_WINDOW.format(noticed="10:49").replace("| Time | 2019-02-27 06:45", "| Time | 2019-02-27 05:00")
    assert _rule(run_cli, write(tmp_path / "cp.md", text), "PM403") == []
