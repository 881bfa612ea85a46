"""Causes judged false or noise on held-out sets CD and CE (blind documents, judged once),
each read as its author meant it, beside a twin that keeps the finding (synthetic documents):
- a string the loader joined from two places (an "**Impact**:" label in the summary and an
  "## Impact Assessment" forty lines below) no longer hides what stands between them (a
  "### Immediate Response" list that says the team identified the impact);
- "One person from New Zealand reported that my site seems to be down": a reader, no lone
  responder;
- "Discovered while testing", "I logged on to the server to find that ...": a person noticing;
- "a Github issue was created: ... by @raffig", "a support question was raised": a report;
- "saved my ass by chance by proposing a solution": chance found the fix, no detection;
- "this will be part of JobRunr 6 which will be released ...": the fix, promised in a release;
- "Only use if: ... - Data loss is acceptable": a condition, no data lost;
- "**Status**: ACTIVE INCIDENT": an update written while the incident is open;
- "almost one-third of my audience": a share of who; "929a-437d-89a4" holds no 437 days;
  "once memory drops below 80%": a machine's level, no share of who;
- a "What happened?" story that opens at a clock time and goes on "About 10 minutes later",
  "At this time", "Once ...", "After ...": the timeline, told in prose;
- "**Risk**: Split-brain scenarios, data corruption": a risk, no SEV1;
- an audit report's bold labels and tables are no story told in words (the cause section
  it lacks is still asked for).
"""

from __future__ import annotations

import pytest

from conftest import missing_section, rule_findings, rule_severities, write

CAUSE = "\n## Root cause\n\nThe cache change made the CDN ignore query strings.\n"


def convert(run_cli, path) -> str:
    code, out, err = run_cli("convert", str(path))
    assert code == 0, err
    return out


@pytest.mark.parametrize("step, said", [
    ("1. **Issue Recognition**: Web team quickly identified widespread impact across multiple systems", True),
    ("1. **Logical Troubleshooting**: Attempted rollback of recent code changes", False),
])
def test_a_joined_impact_hides_no_list_between_its_parts(tmp_path, run_cli, step, said):
    text = ("# Site styling broken\n\n## Executive Summary\n\nThe website lost its styling for 15 minutes.\n\n"
            "**Impact**: Temporary degradation of website styling  \n**Duration**: ~11-15 minutes\n\n"
            f"## Response Actions\n\n### Immediate Response\n\n{step}\n2. **Escalation**: Opened a ticket\n\n"
            "### Resolution\n\nThe vendor removed the cache rule.\n\n## Impact Assessment\n\n"
            "- **Scope**: University-wide website functionality\n- **User Experience**: Broken styling\n" + CAUSE)
    messages = [finding["message"] for finding in rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM401")]
    assert messages and ("no alert, report" not in messages[0]) is said


@pytest.mark.parametrize("sentence, lone", [
    ("One person from New Zealand reported that my site seems to be down.", False),
    ("One person handled the whole outage, through the night.", True),
])
def test_one_person_who_reported_it_is_no_lone_responder(tmp_path, run_cli, sentence, lone):
    text = ("# Blog unreachable\n\n## Summary\n\nThe blog was unreachable for 300 readers for 2 hours.\n\n"
            f"## What happened\n\n{sentence}\n" + CAUSE)
    assert ("responders: 1" in convert(run_cli, write(tmp_path / "pm.md", text))) is lone


@pytest.mark.parametrize("sentence, method", [
    ("Discovered while testing the indexer fixes.", "employee"),
    ("After hours of trying, I logged on to the server to find that it was slow and full.", "employee"),
    ("On Monday a Github issue was created: [Unrecoverable error](https://example.com/598) by @raffig.", "customer"),
    ("The problem was detected by the developers and a support question was raised in our channel.", "customer"),
    ("I logged on to the server and restarted the service.", None),
    ("Or how code completion saved my ass by chance by proposing a solution no-where to be found.", None),
    ("I noticed by chance that the queue was stuck.", "employee"),
])
def test_how_a_person_or_a_user_came_upon_it(tmp_path, run_cli, sentence, method):
    text = ("# Jobs failing\n\n## Summary\n\nBuilds failed for 40 users for 2 hours.\n\n"
            f"## What happened\n\n{sentence}\n" + CAUSE)
    out = convert(run_cli, write(tmp_path / "pm.md", text))
    methods = [line.split(":", 1)[1].split("#")[0].strip() for line in out.splitlines()
               if line.strip().startswith("method:")]
    assert methods == ([method] if method else [])


@pytest.mark.parametrize("sentence, default", [
    ("This will be part of JobRunr 6 which will be released somewhere at the end of the year.", []),
    ("The fix will be included in v2.3.", []),
    ("This will be part of the next review.", ["warning"]),
    ("It will be released as soon as possible.", ["warning"]),
])
def test_a_fix_promised_in_a_named_release_is_a_plan(tmp_path, run_cli, sentence, default):
    text = ("# Scheduler stopped at DST\n\n## Summary\n\nEvery scheduled job stopped for 300 users for 6 hours.\n\n"
            f"## When will it be released?\n\n{sentence}\n" + CAUSE)
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM313") == default


@pytest.mark.parametrize("condition, lost", [
    ("- Production is completely down\n- Data loss is acceptable", False),
    ("- Production is completely down\n- Data loss was severe: 2 hours of events", True),
])
def test_data_loss_as_a_condition_of_a_step_is_no_loss(tmp_path, run_cli, condition, lost):
    text = ("# Redis out of memory\n\n## Summary\n\nThe queue stalled for 300 users for 2 hours. Backups of the "
            "stream are taken nightly.\n\n## Option 4: trim the queue\n\n**WARNING**: Only use if:\n\n"
            f"{condition}\n" + CAUSE)
    assert bool(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM315")) is lost


@pytest.mark.parametrize("status, pedantic", [
    ("**Status**: ACTIVE INCIDENT", True),
    ("**Status**: Resolved", False),
])
def test_an_active_incident_is_not_asked_for_its_lessons(tmp_path, run_cli, status, pedantic):
    text = (f"# Production Redis out of memory\n\n**Discovered**: 2025-10-30\n**Severity**: CRITICAL\n{status}\n\n"
            "## Issue Summary\n\n"
            "Redis refused all writes for 300 users for 2 hours.\n" + CAUSE)
    assert (rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM801") == []) is pedantic
    # nor how long an impact lasted that has not ended
    text = text.replace("for 300 users for 2 hours.", "and 300 users were affected.")
    assert (rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM601") == []) is pedantic


@pytest.mark.parametrize("sentence, asks_who", [
    ("It might have affected almost one-third of my audience, which is a lot.", False),
    ("![](https://cdn.example.com/upload/be6bafe7-929a-437d-89a4-9ce2ab732868.png align=\"center\")", True),
    ("| Node | VTEP MAC |\n|---|---|\n| worker-1 | a6:7a:a9:1f:05:8d |", True),
])
def test_a_share_of_readers_and_an_image_address(tmp_path, run_cli, sentence, asks_who):
    text = (f"# DNSSEC notes\n\n## Summary\n\nThe DNSSEC chain broke.\n\n"
            f"## The consequences\n\n{sentence}\n" + CAUSE)
    messages = [finding["message"] for finding in
                rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM601", preset="strict")]
    assert messages and ("who or what was affected" in messages[0]) is asks_who
    assert "437d" not in messages[0] and "8d" not in messages[0]


@pytest.mark.parametrize("sentence, quoted", [
    ("Messages were lost while Redis refused writes. Re-enable the ingester once memory drops below 80%.", False),
    ("Once 80% of users were affected, we paged the team.", True),
])
def test_a_memory_level_is_no_share_of_who(tmp_path, run_cli, sentence, quoted):
    text = ("# Redis full\n\n## Summary\n\nThe queue stalled.\n\n## Recovery\n\n" + sentence + "\n" + CAUSE)
    messages = [finding["message"] for finding in
                rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM601", preset="strict")]
    assert messages and ('count or share ("80%' in messages[0]) is quoted


STORY = """# DNS outage

## What happened?

At around 5.44pm UTC we noticed a high error rate when pulling images.

{second}

While we were digging into the problem, we started to spin up new clusters.

After looking at logs, we noticed a lot of DNS errors from our CoreDNS pods.

At this time the new clusters were ready and working fine.

Once traffic was diverted to the new clusters, workspaces started again.

## Root cause

The DNS servers of the old cluster stopped answering.
"""


@pytest.mark.parametrize("second, told", [
    ("About 10 minutes later we started getting reports from users.", True),
    ("We started getting reports from users.", False),
])
def test_a_story_told_in_steps_from_a_clock_time_is_the_timeline(tmp_path, run_cli, second, told):
    path = write(tmp_path / "pm.md", STORY.format(second=second))
    assert (missing_section(run_cli, path, "timeline") == []) is told


@pytest.mark.parametrize("label, sev1", [
    ("**Risk**: Split-brain scenarios, data corruption, service conflicts", False),
    ("**What happened**: Split-brain, then data corruption on two volumes", True),
])
def test_a_harm_named_as_a_risk_infers_no_severity(tmp_path, run_cli, label, sev1):
    text = ("# Cluster audit\n\n## Summary\n\nNode 1 is offline.\n\n## Fencing\n\n" + label + "\n" + CAUSE)
    assert ("severity: SEV1" in convert(run_cli, write(tmp_path / "pm.md", text))) is sev1


def test_an_audit_reports_labels_are_no_story_that_tells_its_cause(tmp_path, run_cli):
    labels = "\n".join(f"- **Check {number}**: node {number} reachable, storage ok, backups configured and "
                       "verified, quorum held, fencing missing on this node" for number in range(40))
    text = ("# Proxmox cluster audit\n\n## Summary\n\nNode 1 (proxmox) has been offline since 17:25.\n\n"
            f"## Findings\n\n{labels}\n")
    story = ("# Proxmox cluster audit\n\n## Summary\n\nNode 1 (proxmox) has been offline since 17:25.\n\n"
             "## What I saw\n\n" + " ".join(["I walked through the rack and checked each cable, one after "
                                              "another, and the node still did not answer me."] * 30) + "\n")
    assert [finding["severity"] for finding in missing_section(run_cli, write(tmp_path / "a.md", text),
                                                                "root_causes")] == ["warning"]
    assert missing_section(run_cli, write(tmp_path / "b.md", story), "root_causes") == []


# set CC, left from the twentieth session: a plan restated by horizon in another section

@pytest.mark.parametrize("between, default", [
    ("", ["warning"]),
    ("## Technical Recommendations\n\n### Short-term (Month 1)\n\n", []),
])
def test_a_plan_restated_in_another_section_is_no_duplicate(tmp_path, run_cli, between, default):
    text = ("# Workshop outage\n\n## Summary\n\nWorkspaces died for 10 users for 20 minutes.\n" + CAUSE +
            "\n## Action Items\n\n- [ ] Migrate CloudFlare DNS to Terraform\n- [ ] Add a disk alert\n\n" + between +
            "- [ ] Migrate CloudFlare DNS to Terraform\n")
    path = write(tmp_path / "pm.md", text)
    assert rule_severities(run_cli, path, "PM311") == default
    assert len(rule_findings(run_cli, path, "PM311", preset="strict")) == 1


# set CG (six blind documents, judged once at ae1474c)

def test_bug_reports_a_triager_read_are_the_detection(tmp_path, run_cli):
    text = ("# Comments dated tomorrow\n\n## Summary\n\nComments showed as created tomorrow for 2 hours.\n\n"
            "I started looking through bug reports from the day before.\n\n## The bug reports\n\n"
            "There were an unusually large number of bugs reported and they all said the same thing.\n" + CAUSE)
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM401") == []
    twin = text.replace("looking through bug reports from the day before", "my day") \
        .replace("bugs reported", "comments")
    assert rule_severities(run_cli, write(tmp_path / "twin.md", twin), "PM401") == ["warning"]


@pytest.mark.parametrize("sentence, blamed", [
    ("After a routine upgrade, SILO/LAPIS and V-Pipe Scout failed to auto-restart.", False),
    ("After a routine upgrade, the operator Scout failed to restart the services.", True),
])
def test_a_products_name_is_no_person(tmp_path, run_cli, sentence, blamed):
    text = f"# Containers down\n\n## Summary\n\n{sentence}\n" + CAUSE
    path = write(tmp_path / "pm.md", text)
    assert bool(rule_findings(run_cli, path, "PM701")) is blamed
    assert bool(rule_findings(run_cli, path, "PM702")) is blamed


@pytest.mark.parametrize("cause, named", [
    ("**Operator Error:** Ran `apt upgrade` without checking which packages would be upgraded.", False),
    ("**Operator Error:** Dana ran `apt upgrade` without checking which packages would be upgraded.", True),
])
def test_a_verb_opening_a_cause_is_no_name(tmp_path, run_cli, cause, named):
    text = f"# Containers down\n\n## Summary\n\nServices were down for 20 minutes.\n\n## Root Cause\n\n{cause}\n"
    assert bool(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM702")) is named


def test_human_error_told_twice_is_one_finding(tmp_path, run_cli):
    text = ("# Containers down\n\n## Summary\n\nServices were down for 20 minutes.\n\n**Root cause:** Operator error - "
            "did not anticipate the restart.\n\n## Root Cause\n\n**Operator Error:** the upgrade was run without "
            "checking the package list.\n")
    path = write(tmp_path / "pm.md", text)
    assert [(finding["severity"], finding["line"]) for finding in rule_findings(run_cli, path, "PM103")] == \
        [("error", 11)]  # where the cause is told at length, not the summary's label
    assert len(rule_findings(run_cli, path, "PM103", preset="strict")) == 2


@pytest.mark.parametrize("heading, dated", [
    ("### 🔴 High Priority (1 week)", True),
    ("### 🔴 High Priority (3+ months)", False),
])
def test_a_priority_heading_with_one_window_dates_its_items(tmp_path, run_cli, heading, dated):
    text = ("# Containers down\n\n## Summary\n\nServices were down for 20 minutes for 40 users.\n" + CAUSE +
            f"\n## Action Items\n\n{heading}\n\n1. **Fix SILO/LAPIS restart policy**\n   ```yaml\n   restart: always\n"
            "   ```\n\n2. Add service monitoring for container exits\n")
    messages = [finding["message"] for finding in rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM314")]
    assert messages and ("or a due date" not in messages[0]) is dated
    assert "2 open action items" in messages[0]


NEWEST_FIRST = """---
title: Outage Notice - Site Power Issue - NYC1
date: 2023-07-10 22:13:00
---

**Update**
02:15 UTC
Power is being restored to the racks.

**Update**
01:45:00 UTC
Still waiting on the facility.

**Update**
2023-07-11 00:15:00 UTC
The facility is working on the UPS.

**Update**
23:45:00 UTC
We are in contact with the data center.

**Update**
2023-07-10 22:34:00 UTC
Investigating a power issue.

**Investigating**
2023-07-10 22:13:00 UTC
Compute in NYC1 is down.
"""


def test_a_newest_first_log_dates_each_update_from_the_one_below(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", NEWEST_FIRST)
    out = convert(run_cli, path)
    assert "at: '2023-07-10T23:45:00+00:00'" in out and "at: '2023-07-11T01:45:00+00:00'" in out
    assert rule_findings(run_cli, path, "PM502") == []
    assert all("newest first" in finding["message"] for finding in rule_findings(run_cli, path, "PM502", preset="strict"))


# set CF (six blind documents, judged once at ae1474c)

@pytest.mark.parametrize("sentence, said", [
    ("Consequence: incorrect sibling order values, user complaints.", True),
    ("Consequence: incorrect sibling order values.", False),
])
def test_user_complaints_are_how_it_was_found(tmp_path, run_cli, sentence, said):
    text = f"# Sibling order wrong\n\n## Summary\n\n11 families saw the wrong order for 2 days.\n\n{sentence}\n" + CAUSE
    messages = [finding["message"] for finding in rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM401")]
    assert (messages == []) is said


@pytest.mark.parametrize("lead, open_items", [
    ("This incident drove significant changes to prevent recurrence:", 0),
    ("This incident calls for changes to prevent recurrence:", 3),
])
def test_changes_an_incident_drove_are_done(tmp_path, run_cli, lead, open_items):
    text = ("# Sibling order wrong\n\n## Summary\n\n11 families saw the wrong order for 2 days.\n" + CAUSE +
            f"\n## Never Again\n\n{lead}\n- Mandatory documentation of workflow\n- Automated pre-commit protection\n"
            "- Clear, enforced best practices\n")
    messages = [finding["message"] for finding in rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM314")]
    assert (f"{open_items} open action items" in messages[0]) if open_items else messages == []


@pytest.mark.parametrize("date_line, undated", [
    ("Date: 070223", False),
    ("Date: soon", True),
])
def test_a_compact_date_under_its_label_is_a_date(tmp_path, run_cli, date_line, undated):
    text = (f"# Supabase outage\n\n## Basic Information\n{date_line}\n\n## Summary\n\nThe app was down for 40 users.\n\n"
            "## Timeline\n\n- 14:00 GMT+1 connections fail\n- 14:30 GMT+1 connections restored\n" + CAUSE)
    messages = [finding["message"] for finding in rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM501")]
    assert any("no date is written anywhere" in message for message in messages) is undated


@pytest.mark.parametrize("fix, answered", [
    ("The solution was to modify the alert logic so that it looks at WAL activity 2 hours ago.", True),
    ("The fix eliminated the false positives.", True),
    ("The solution was to restart the replica.", False),
])
def test_a_paging_alert_already_fixed_answers_the_night(tmp_path, run_cli, fix, answered):
    text = ("# Lag Alert Woke Me Up at 1 AM\n\n## Summary\n\nA critical replication lag alert woke me up at 1 AM for a "
            f"healthy delayed replica; 3 pages in a week.\n\n## The Fix\n\n{fix}\n" + CAUSE)
    assert (rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM202") == []) is answered


# an attacker's review of the readings above: each problem it confirmed, read right

def test_a_wrapped_action_item_is_still_the_plan_not_prose(tmp_path, run_cli):
    text = ("# Site styling broken\n\n## Summary\n\nThe website lost its styling for 300 visitors for 15 minutes.\n" +
            CAUSE + "\n## Action items\n\n- **Add an alert on stylesheet 404s** (Owner: Ana, Due: 2025-04-01, "
            "Priority: P1)\n  Page the on-call engineer when more than 1% of stylesheet requests fail.\n")
    out = convert(run_cli, write(tmp_path / "pm.md", text))
    assert "method:" not in out  # a planned alert is no detection


@pytest.mark.parametrize("duration", ["~11-15 minutes", "15 minutes"])
def test_a_joined_impact_hides_no_list_whatever_its_duration(tmp_path, run_cli, duration):
    text = ("# Site styling broken\n\n## Executive Summary\n\nThe website lost its styling.\n\n"
            f"**Impact**: Temporary degradation of website styling  \n**Duration**: {duration}\n\n"
            "## Response Actions\n\n1. **Issue Recognition**: Web team quickly identified widespread impact across "
            "multiple systems\n2. **Escalation**: Opened a ticket\n\n## Impact Assessment\n\n"
            "- **Scope**: University-wide website functionality\n" + CAUSE)
    messages = [finding["message"] for finding in rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM401")]
    assert messages and "no alert, report" not in messages[0]


@pytest.mark.parametrize("status", ["status: ongoing", "status: investigating"])
def test_an_action_items_status_makes_no_interim_update(tmp_path, run_cli, status):
    text = ("# Checkout outage\n\n**Severity**: SEV2\n\n## Summary\n\nCheckout failed for 300 customers for 2 hours.\n" +
            CAUSE + f"\n## Action items\n\n- Add an endpoint health check (owner: Ana, due: 2025-04-01, {status})\n")
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM801") == ["warning"]


@pytest.mark.parametrize("sentence", [
    "A threat actor used a stolen token and caused a data breach affecting 2,000 customers.",
    "A high-risk migration ran without a backup, resulting in data loss for 300 customers.",
    "We knew the migration carried some risk; it caused data corruption in 12% of orders.",
])
def test_a_harm_that_happened_near_a_word_of_risk_still_weighs(tmp_path, run_cli, sentence):
    text = f"# Orders database incident\n\n## Summary\n\n{sentence}\n" + CAUSE
    assert "severity: SEV1" in convert(run_cli, write(tmp_path / "pm.md", text))


@pytest.mark.parametrize("sentence", [
    "The only engineer on call contacted AWS support at 02:30 and restored the service alone.",
    "I handled it alone and emailed our customers once it was fixed.",
])
def test_a_lone_responder_who_told_others_is_still_alone(tmp_path, run_cli, sentence):
    text = f"# API outage\n\n## Summary\n\nThe API was down for 300 customers for 2 hours.\n\n## What happened\n\n{sentence}\n"
    assert "responders: 1" in convert(run_cli, write(tmp_path / "pm.md", text + CAUSE))


@pytest.mark.parametrize("sentence", [
    "We logged into the third-party dashboard at 11:30 only to find that our API key had been rotated.",
    "After the rollback, a GitHub issue was created to track the clean-up work.",
])
def test_a_dashboard_checked_or_an_issue_to_track_is_no_report(tmp_path, run_cli, sentence):
    text = f"# Payments failing\n\n## Summary\n\nPayments failed for 40 customers for 2 hours.\n\n## What happened\n\n{sentence}\n"
    assert "method:" not in convert(run_cli, write(tmp_path / "pm.md", text + CAUSE))


@pytest.mark.parametrize("said", ["The data loss was acceptable to the business: 2 hours of events.",
                                  "Some data loss was tolerated: about 40,000 events were dropped."])
def test_a_loss_told_as_accepted_happened(tmp_path, run_cli, said):
    text = ("# Queue trimmed\n\n## Summary\n\nThe queue stalled for 300 users. Backups of the stream are taken "
            f"nightly.\n\n## What happened\n\n{said}\n" + CAUSE)
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM315") != []


@pytest.mark.parametrize("sentence", ["This will be part of sprint 42 planning.", "It will be released in 2 weeks.",
                                      "This will be part of Q3 2025 planning.", "This will be part of phase 2."])
def test_a_plans_date_is_no_fix_promised_in_a_release(tmp_path, run_cli, sentence):
    text = ("# Scheduler stopped\n\n## Summary\n\nEvery scheduled job stopped for 300 users for 6 hours.\n\n"
            f"## Next\n\n{sentence}\n" + CAUSE)
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM313") == ["warning"]


@pytest.mark.parametrize("sentence", ["The bug will be fixed in the next release.", "The fix will ship in v2.3.",
                                      "This bug will be fixed in upcoming **v0.17.0**."])
def test_more_ways_to_promise_the_fix_in_a_release(tmp_path, run_cli, sentence):
    text = ("# Scheduler stopped\n\n## Summary\n\nEvery scheduled job stopped for 300 users for 6 hours.\n\n"
            f"## Next\n\n{sentence}\n" + CAUSE)
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM313") == []


def test_how_a_job_works_told_in_steps_is_no_timeline(tmp_path, run_cli):
    text = ("# Orders API outage\n\n## Summary\n\nThe orders API returned errors for 300 customers for about two "
            "hours.\n\n## How the backup job works\n\nThe backup job is scheduled by cron at 02:00 every night.\n\n"
            "Once it starts, it takes a lock on the orders table.\n\nA few seconds later the connection pool fills up "
            "with waiting queries.\n\nThen every request queues behind the lock.\n\nWhile the lock is held, the health "
            "checks fail.\n\nAfter the backup finishes, the lock is released.\n" + CAUSE)
    assert [finding["severity"] for finding in missing_section(run_cli, write(tmp_path / "pm.md", text), "timeline")] \
        == ["warning"]


def test_half_an_hour_later_is_a_step_of_the_story(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", STORY.format(second="Half an hour later we started getting reports from users."))
    assert missing_section(run_cli, path, "timeline") == []


@pytest.mark.parametrize("line, text", [
    ("2. Marked 1500 stuck jobs as failed at 10:40 UTC", "Marked 1500 stuck jobs as failed at 10:40 UTC"),
    ("1. Decommission 2019 servers", "Decommission 2019 servers"),
    ("3. Mar 2025 10:05 UTC: Builds fail", "3. Mar 2025 10:05 UTC: Builds fail"),
])
def test_a_word_that_opens_like_a_month_is_no_month(line, text):
    from pmlint.load.markdown.blocks import parse_blocks
    assert [block.text for block in parse_blocks([line]) if block.kind == "item" and block.text] == [text]


def test_a_story_whose_paragraphs_open_in_bold_is_still_a_story(tmp_path, run_cli):
    steps = "\n\n".join(f"**Step {number}.** " + " ".join(["I walked through the rack and checked each cable, one "
                                                            "after another, and the node still did not answer."] * 4)
                        for number in range(1, 8))
    text = f"# Node offline\n\n## Summary\n\nNode 1 has been offline since 17:25.\n\n## What I did\n\n{steps}\n"
    assert missing_section(run_cli, write(tmp_path / "pm.md", text), "root_causes") == []


def test_a_newest_first_log_at_the_calendars_end_reads_without_error(tmp_path, run_cli):
    # the update after midnight writes no date: its day would be the one after 9999-12-31
    text = NEWEST_FIRST.replace("2023-07-11 00:15:00 UTC", "00:15:00 UTC").replace("2023-07-10", "9999-12-31")
    code, out, err = run_cli("convert", str(write(tmp_path / "pm.md", text)))
    assert code == 0 and "internal error" not in out + err


# sets CH and CI (six blind documents each, judged once at 1b480d7)

PLAN_DOC = ("# Backups empty\n\n## Summary\n\nNightly backups of 40 users' files were empty for six months.\n" + CAUSE +
            "\n## Mistake #1: Ignored alerts\n\nI ignored the failure e-mails.\n\n### {heading}\n\n"
            "Healthchecks will now send me a daily e-mail for every failing check.\n")


@pytest.mark.parametrize("heading, planned", [("Fix action #1", True), ("Why it mattered #1", False)])
def test_a_fix_action_heading_heads_the_plan(tmp_path, run_cli, heading, planned):
    path = write(tmp_path / "pm.md", PLAN_DOC.format(heading=heading))
    assert (rule_findings(run_cli, path, "PM313", preset="strict") == []) is planned


@pytest.mark.parametrize("heading, open_items", [("Preventive changes (this commit)", 0),
                                                  ("Preventive changes (next sprint)", 3)])
def test_changes_made_in_this_commit_are_done(tmp_path, run_cli, heading, open_items):
    text = ("# SSH lockout\n\n## Summary\n\nThe logger was unreachable for 40 users for 3 hours.\n" + CAUSE +
            f"\n## Remediation\n\n### {heading}\n\n- Add a second key to authorized_keys\n"
            "- Forbid the agent from editing ~/.ssh\n- Keep a console cable at the boat\n")
    messages = [finding["message"] for finding in rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM314")]
    assert (f"{open_items} open action items" in messages[0]) if open_items else messages == []


@pytest.mark.parametrize("parent, heading, told", [("Background", "What's Wrong", True),
                                                  ("Vulnerability Details", "Findings", True),
                                                  ("Background", "What's Next", False)])
def test_whats_wrong_is_the_cause(tmp_path, run_cli, parent, heading, told):
    text = ("# Redis exposed\n\n## Summary\n\nRedis was reachable from the internet for 3 days.\n\n"
            f"## {parent}\n\n### {heading}\n\n1. **No Authentication:** Redis runs without a password\n"
            "2. **Public Binding:** Redis is bound to 0.0.0.0:6379\n")
    assert (missing_section(run_cli, write(tmp_path / "pm.md", text), "root_causes", preset="strict") == []) is told


@pytest.mark.parametrize("heading, told", [("Critical Gaps Identified", True), ("Critical Dependencies", False)])
def test_critical_gaps_are_what_went_wrong(tmp_path, run_cli, heading, told):
    text = ("# Worker vanished\n\n**Severity**: SEV1\n\n## Summary\n\nThe sync API was gone for all users for 19 "
            "hours.\n" + CAUSE + f"\n## {heading}\n\n- No monitoring or alerting for worker health\n"
            "- No audit trail for worker deletion events\n")
    messages = [finding["message"] for finding in rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM801")]
    assert ("what went wrong" not in " ".join(messages)) is told


@pytest.mark.parametrize("nested, planned", [("", True), ("   - Only restart the integration\n", False)])
def test_a_list_of_bold_titles_alone_is_the_plan(tmp_path, run_cli, nested, planned):
    text = ("# Config deleted\n\n## Summary\n\nHome Assistant lost its integrations for 2 hours.\n" + CAUSE +
            "\n## Prevention Measures\n\n1. **Never touch the storage files**\n" + nested +
            "2. **Use integration reload instead of file deletion**\n")
    out = convert(run_cli, write(tmp_path / "pm.md", text))
    assert ("title: Never touch the storage files" in out) is planned


def test_a_measures_status_line_is_no_action_item(tmp_path, run_cli):
    text = ("# Crypto miner\n\n## Summary\n\nA miner ran on the server for 43 days.\n" + CAUSE +
            "\n## Security Measures\n\n### 1. Fail2Ban installed\n\n- Protects against SSH brute force\n"
            "- Status: ✅ ACTIVE\n\n### 2. UFW configured\n\n- All other ports blocked by default\n"
            "- Status: ✅ ACTIVE\n")
    path = write(tmp_path / "pm.md", text)
    assert rule_findings(run_cli, path, "PM311", preset="strict") == []
    assert "Status" not in convert(run_cli, path)
