"""Causes judged false on held-out sets CH and CI and left at the last session's end, each
read as its author meant it, beside a twin that keeps the finding (synthetic documents):
- paragraphs that open with numeric days ("On 11/20/2024, I reserved ...", "On 1/19/2025,
  the network went down"): the story told day by day, a timeline;
- "they blamed it completely on Neoprotect": someone's excuse pinned on a provider,
  reported; "complete incompetence from RAVNIX" and "shame on you" are the blame;
- "The operator was immediately locked out of the Pi": the person at the keyboard noticed,
  at once (so asking for an alert is `strict` only);
- "- **Improvement**: **+1.98 GB free RAM**" beside "**Before**" and "**After**": a gain
  measured, no open action item.
"""

from __future__ import annotations

import pytest

from conftest import missing_section, rule_findings, rule_severities, write

CAUSE = "\n## Root cause\n\nThe upstream provider dropped our routes.\n"


@pytest.mark.parametrize("days, told", [
    (("11/20/2024", "12/11/2024", "1/19/2025"), True),
    (("20.11.2024", "11.12.2024", "19.01.2025"), True),
    (("1/2", "3/4", "5/6"), False),  # shares of the hosts, no days
])
def test_paragraphs_opening_with_numeric_days_are_the_timeline(tmp_path, run_cli, days, told):
    first, second, third = days
    text = ("# Hosting provider outages\n\nMy game server was down many times this winter, for 300 players.\n\n"
            f"On {first}, I reserved a dedicated server from the provider.\n\n"
            f"On {second}, I created a ticket reporting that my server was down.\n\n"
            f"On {third}, the network went down again for 37 seconds.\n" + CAUSE)
    assert bool(missing_section(run_cli, write(tmp_path / "pm.md", text), "timeline")) is not told


@pytest.mark.parametrize("sentence, phrases", [
    ("This time the network went down, and they blamed it completely on Neoprotect.", []),
    ("The outage was blamed on a stale config.", []),
    ("This time the network went down, and they blamed it on the on-call engineer.", ["blamed"]),
    ("Kayden blamed it on him.", ["blamed"]),
    ("This seems like complete incompetence from RAVNIX, and we said so.", ["incompetence"]),
    ("Kayden, whatever you go by, shame on you man.", ["shame on you"]),
])
def test_an_excuse_pinned_on_a_provider_is_reported_speech(tmp_path, run_cli, sentence, phrases):
    text = ("# Hosting provider outages\n\n## Summary\n\nThe server was down for 3 hours on 2025-01-23.\n\n"
            f"## What happened\n\n{sentence}\n" + CAUSE)
    findings = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM701")
    assert [finding["message"].split('"')[1] for finding in findings] == phrases


@pytest.mark.parametrize("sentence, detected, strict_only", [
    ("The operator was immediately locked out of the Pi with no remote recovery path.", True, True),
    ("After the key was deleted, every SSH attempt was rejected.", True, True),
    ("Users were locked out of their accounts for two hours.", False, False),
])
def test_the_operator_shut_out_of_their_machine_noticed_at_once(tmp_path, run_cli, sentence, detected, strict_only):
    text = ("# SSH lockout\n\n## Summary\n\nA hardening script deleted the only working SSH key on 2026-03-01. "
            f"{sentence}\n\n**Duration:** ~2 hours\n" + CAUSE.replace("The upstream provider dropped our routes",
                                                                        "The script removed every RSA key"))
    path = write(tmp_path / "pm.md", text)
    missing = [finding for finding in rule_findings(run_cli, path, "PM401") if "no alert, report" in finding["message"]]
    assert bool(missing) is not detected
    if detected:
        assert rule_severities(run_cli, path, "PM402") == []
        assert bool(rule_severities(run_cli, path, "PM402", preset="strict")) is strict_only


@pytest.mark.parametrize("value, item", [
    ("**+1.98 GB free RAM** 🎉", False),
    ("40% faster page loads", False),
    ("Add an alert on free memory below 10%", True),
])
def test_a_measured_gain_under_a_plan_label_is_no_item(tmp_path, run_cli, value, item):
    text = ("# Crypto miner removed\n\n## Summary\n\nA miner used 71% of RAM for 43 days on 2025-12-23.\n\n"
            "## ACTIONS TAKEN\n\n### 3. **Memory Recovery**\n- **Before**: 212 MB free RAM\n"
            f"- **After**: 2.2 GB free RAM\n- **Improvement**: {value}\n" + CAUSE)
    code, out, err = run_cli("convert", str(write(tmp_path / "pm.md", text)))
    assert code == 0, err
    assert ("action_items:" in out) is item


@pytest.mark.parametrize("line, repeat", [
    ("- ✅ **NEVER ALLOW DATA LOSS AGAIN**", False),
    ("We must make sure this cannot happen AGAIN.", False),
    ("The importer overwrote the ledger AGAIN, as it did in March.", True),
])
def test_a_vow_in_capitals_is_no_repeat(tmp_path, run_cli, line, repeat):
    text = ("# Data loss\n\n## Summary\n\nThe importer overwrote 3 months of records for one user on 2025-09-29.\n\n"
            f"## Commitment\n\n{line}\n" + CAUSE)
    assert bool(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM802")) is repeat


@pytest.mark.parametrize("step, detected", [
    ("3. Mailgun security detected exposed credentials", True),
    ("1. **Detected issue** when push notifications stopped working and saw the console deleting rows", True),
    ("1. **Deleted the function** using the CLI", False),
])
def test_how_it_was_found_told_as_a_step_with_no_subject(tmp_path, run_cli, step, detected):
    text = ("# Key exposure\n\n## Summary\n\nThe mail account was disabled for 2 days on 2025-09-26, "
            f"for 4 team members.\n\n## What happened\n\n1. The key was committed to the docs\n{step}\n" + CAUSE)
    missing = [finding for finding in rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM401")
               if "no alert, report" in finding["message"]]
    assert bool(missing) is not detected


@pytest.mark.parametrize("group, counted", [
    ("### Defenses added by this fix:", False),
    ("### Pre-existing defenses (confirmed working):", False),
    ("### Defenses to add:", True),
])
def test_defences_added_by_this_fix_or_there_before_are_no_open_items(tmp_path, run_cli, group, counted):
    text = ("# Login spinner\n\n## Summary\n\nLogin hung for 2 days for 300 users on 2026-03-01.\n" + CAUSE +
            f"\n## Prevention\n\n{group}\n1. **Fetch timeout (15s)** — requests abort after 15 seconds\n"
            "2. **Loading safety timeout (20s)** — the page clears its spinner after 20 seconds\n")
    assert bool(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM314")) is counted


@pytest.mark.parametrize("entry, timeline", [
    ("- **2025-09-26**: Incident occurred, new key generated, support contacted", True),
    ("- Waiting for the vendor to answer", False),
])
def test_dated_status_updates_are_the_timeline(tmp_path, run_cli, entry, timeline):
    text = ("# Key exposure\n\n## Summary\n\nThe mail account was disabled for 2 days, for 4 team members.\n" + CAUSE +
            f"\n## 🔄 Status Updates\n{entry}\n- **Next Update**: When support responds\n")
    assert bool(missing_section(run_cli, write(tmp_path / "pm.md", text), "timeline")) is not timeline


@pytest.mark.parametrize("time, impact, asks", [
    ("~2-3 hours on September 10, 2025", "~145 million database operations, ~$200 unexpected charges", None),
    ("14:05 UTC", "~$200 unexpected charges", "how long"),
    ("~2-3 hours on September 10, 2025", "the push notifications", "who or what"),
])
def test_a_runaway_jobs_length_operations_and_charges(tmp_path, run_cli, time, impact, asks):
    text = (f"# Loop\n\n### INCIDENT SUMMARY\n- **Time**: {time}\n- **Cause**: Infinite loop in a function\n"
            f"- **Impact**: {impact}\n\n### ROOT CAUSE\nThe function wrote to the collection it listened to.\n")
    messages = [finding["message"] for finding in rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM601",
                                                               preset="strict")]
    if asks is None:
        assert messages == []
    else:
        assert len(messages) == 1 and messages[0].startswith(f"Impact not quantified: {asks}")


@pytest.mark.parametrize("outcome, asked", [
    ("User's data could not be fully recovered.", False),
    ("The data was never restored.", False),
    ("User's data was recovered from a backup the next day.", True),
])
def test_data_that_could_not_be_recovered_has_no_length_to_ask(tmp_path, run_cli, outcome, asked):
    text = ("# Data loss\n\n## Summary\n\n- **Impact:** 412 invoices were lost, all of one user's records.\n\n"
            f"## Actions\n\n1. Created a recovery page\n2. {outcome}\n" + CAUSE)
    messages = [finding["message"] for finding in rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM601",
                                                               preset="strict")]
    assert any("how long" in message for message in messages) is asked


@pytest.mark.parametrize("sentence, delay", [
    ("On 2021-11-24, one day before the American holiday Thanksgiving Day, the PMC received an email with the "
     "first vulnerability report.", False),
    ("One day later, a user reported the vulnerability to us by email.", True),
])
def test_a_day_told_by_an_occasion_is_no_time_to_detect(tmp_path, run_cli, sentence, delay):
    text = ("# Log4Shell\n\n## Summary\n\nA remote code execution flaw in the lookup feature, released 2013.\n\n"
            f"## The report\n\nOn 2021-11-23 the PMC shipped 2.14.1.\n\n{sentence}\n" + CAUSE)
    findings = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM403", preset="strict")
    assert any("one day" in finding["message"].lower() for finding in findings) is delay


@pytest.mark.parametrize("sentence, woken", [
    ("The following day, I woke up to a bursting inbox and a handful of text messages from journalists.", False),
    ("At 3am I woke up to the phone ringing: the pager had fired.", True),
])
def test_waking_up_to_an_inbox_broke_no_sleep(tmp_path, run_cli, sentence, woken):
    text = ("# Outage\n\n## Summary\n\nThe API was down for 2 hours for 3,000 users on 2025-02-02.\n\n"
            f"## What happened\n\n{sentence}\n" + CAUSE)
    code, out, err = run_cli("convert", str(write(tmp_path / "pm.md", text)))
    assert code == 0, err
    assert ("sleep_interrupted: true" in out) is woken


@pytest.mark.parametrize("event, detected", [
    ("Issue #20253 filed: Aether 8.3.1 SRTP call throws `NotSupportedException` under 10.0.400.", True),
    ("PR #20260 adds read-side normalization.", False),
])
def test_a_numbered_issue_filed_in_the_timeline_is_a_report(tmp_path, run_cli, event, detected):
    text = ("# Compiler regression\n\n## Summary\n\nLibraries built with F# 5 failed to load in SDK 10.0.400 "
            "for 3 weeks.\n" + CAUSE + "\n## Timeline\n\n| Date | Event |\n|---|---|\n"
            "| 2026-07-02 | PR #19548 merges. |\n| ~2026-08 | Ships in .NET SDK 10.0.400. |\n"
            f"| 2026-08-13 | {event} |\n")
    missing = [finding for finding in rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM401")
               if "no alert, report" in finding["message"]]
    assert bool(missing) is not detected
