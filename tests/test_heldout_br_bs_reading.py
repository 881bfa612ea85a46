"""Forms sets BR and BS's blind documents (eleven and twelve, judged once at 29e2107:
BR 10 of 29 findings TP, BS 11 of 24) wrote, each read as its author meant it, beside a
twin that keeps the finding (synthetic documents):
- a plan under "## What changed as a result" (done), "## Section 3: Concrete fix
  recommendation", or a "| Follow-up | Owner | ... |" table under any heading ("## After-action
  review"), whose "Acceptance criterion" column says what done looks like;
- "Indexer failed to advance" where the text calls it "the indexer" elsewhere, and a table
  cell "Failed to start": a system, no person;
- "why did a *user* find it first?", "the problem was found by a user": how it was noticed;
- "`woke machine on request`" in a timeline: a log line quoted, nobody paged;
- a timeline heading over untimed steps: the message says the steps lack times, at the heading;
- "No reader-facing outage": nobody was hit;
- "This incident demonstrates the critical importance of:" over a list: the lessons;
- "### Short Term (This Week)": its items are dated; "(Already Prepared)": they are done;
- (and what an attacker's review of those readings showed they got wrong: "catches the
  error" and "a calendar reminder" are no detection, "greeted with a friendly welcome
  message" is no failure met, "wait for a user to find it first" no report, a
  "| Follow-up | Owner | Sent |" table no plan, "| Peter | Forgot to renew |" still blames.)
"""

from __future__ import annotations

import pytest

from conftest import impact_asks, missing_section, rule_findings, rule_severities as _severities, write

CAUSE = "\n## Root cause\n\nThe connect route kept a stale row.\n"
TIMELINE = "\n## Timeline\n\n- 2026-05-13 09:00 UTC deploy\n- 2026-05-13 10:00 UTC rollback started\n"
SUMMARY = "# Split brain\n\n## Summary\n\nFor 2 hours 300 users could not connect their accounts.\n"


@pytest.mark.parametrize("heading, plans", [
    ("What changed as a result", True),
    ("Section 3: Concrete fix recommendation", True),
    ("What changed", False),
    ("What changed as a result of the config push", False),
    ("Specific steps taken", False),
])
def test_a_plan_named_by_its_heading(tmp_path, run_cli, heading, plans):
    text = (SUMMARY + TIMELINE + CAUSE + f"\n## {heading}\n\n- Merge the pull request that removes the ghost rows\n"
            "- Add a reconcile job for duplicate connections\n")
    assert bool(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM313")) is not plans


@pytest.mark.parametrize("table, plans", [
    ("| Follow-up | Owner | Status |\n| --- | --- | --- |\n| Expand identity logging | Mike | open |\n", True),
    ("| Time | Action | Who |\n| --- | --- | --- |\n| 10:00 | Restarted the pod | Mike |\n", False),
    ("| Follow-up | Owner | Sent |\n| --- | --- | --- |\n| Apology email to customers | @carol | 11:30 UTC |\n", False),
])
def test_a_follow_up_table_is_the_plan_under_any_heading(tmp_path, run_cli, table, plans):
    text = SUMMARY + TIMELINE + CAUSE + "\n## After-action review\n\n" + table
    assert bool(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM313")) is not plans


@pytest.mark.parametrize("impact, blamed", [
    # ("the indexer" written only under an untimed timeline, whose text pmlint keeps nowhere else)
    ("- Indexer failed to advance; no new transactions appeared.\n\n## Timeline (approximate)\n\n"
     "- Initial symptom: the indexer timed out on traces\n- Fix applied", False),
    ("| Aspect | Before | After |\n|---|---|---|\n| **Worker Status** | Failed to start | Running |", False),
    ("- Peter failed to advance the indexer; no new transactions appeared.", True),
    ("| Who | What happened |\n|---|---|\n| Peter | Forgot to renew the certificate |", True),
    # (a lower-case "peter" in code or an address names an account, not a thing)
    ("- Peter failed to renew the certificate.\n\n```\nssh peter@bastion\n```", True),
])
def test_a_system_that_failed_to_is_no_person(tmp_path, run_cli, impact, blamed):
    text = SUMMARY + f"\n## Impact\n\n{impact}\n" + TIMELINE + CAUSE
    assert bool(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM701")) is blamed


@pytest.mark.parametrize("sentence, default", [
    ("Why did a *user* find it first? There was no synthetic check on the handler.", []),
    ("The problem was found by a user.", []),
    ("The fix took two hours.", ["warning"]),
    ("We never want to wait for a user to find it first.", ["warning"]),
])
def test_a_user_finding_it_first_is_the_detection(tmp_path, run_cli, sentence, default):
    text = SUMMARY + f"\n{sentence}\n" + TIMELINE + CAUSE
    assert _severities(run_cli, write(tmp_path / "pm.md", text), "PM401") == default


@pytest.mark.parametrize("entry, paged", [
    ("`woke machine on request` for the replica", False),
    ("the on-call engineer woke up to the alarm", True),
])
def test_a_quoted_log_line_pages_nobody(tmp_path, run_cli, entry, paged):
    text = ("# 2026-09-06 — Split brain\n" + SUMMARY.split("\n", 1)[1] +
            f"\n## Timeline\n\n| Time (UTC) | Event |\n|---|---|\n| 04:33 | {entry} |\n"
            "| 11:00 | the guest froze |\n| 13:10 | rollback |\n" + CAUSE +
            "\n## Action items\n\n- Rename the socket variable, owner @ana, due 2026-10-01\n")
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM202", preset="strict")
    assert bool(found) is paged


def test_an_untimed_timeline_is_reported_at_its_heading_as_untimed(tmp_path, run_cli):
    text = SUMMARY + "\n## Timeline (approximate)\n\n- Initial symptom: timeouts\n- Fix applied\n" + CAUSE
    found = missing_section(run_cli, write(tmp_path / "pm.md", text), "timeline")
    assert len(found) == 1 and found[0]["line"] == 7 and "gives no exact date or time of day for any entry" in found[0]["message"]
    bare = SUMMARY + CAUSE
    found = missing_section(run_cli, write(tmp_path / "bare.md", bare), "timeline")
    assert len(found) == 1 and found[0]["message"].startswith("Missing core section")


@pytest.mark.parametrize("impact, who_missing", [
    ("No reader-facing outage: the health check answered 200 throughout.", False),
    ("The reader-facing site was slow.", True),
    # (a forecast, and a silence with a loss beside it: an attacker's review of 6ad2ca2)
    ("No reader-facing outage was expected.", True),
    ("No reader-facing outage; orders were silently written to the old table and lost.", True),
])
def test_no_reader_facing_outage_says_nobody_was_hit(tmp_path, run_cli, impact, who_missing):
    text = (f"# Stalled releases\n\n## Impact\n\n{impact} The releases were stuck for 4 hours.\n" + TIMELINE + CAUSE)
    assert impact_asks(run_cli, write(tmp_path / "pm.md", text), "who or what was affected") is who_missing


@pytest.mark.parametrize("lead, missing", [
    ("**This incident demonstrates the critical importance of:**", False),
    ("**This incident involved:**", True),
])
def test_what_an_incident_demonstrates_is_its_lesson(tmp_path, run_cli, lead, missing):
    text = ("# Mass email\n\n**Severity:** SEV1\n" + SUMMARY.split("\n", 1)[1] + TIMELINE + CAUSE +
            "\n## Action items\n\n- Make the send atomic, owner @ana, due 2026-10-01\n"
            f"\n---\n\n{lead}\n- Atomic operations in concurrent systems\n- Rate limiting for external calls\n")
    assert bool(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM801")) is missing


@pytest.mark.parametrize("heading, message", [
    ("Short Term (This Week)", "names an owner"),
    ("Short Term", "names an owner or a due date"),
])
def test_a_window_in_the_group_heading_dates_its_items(tmp_path, run_cli, heading, message):
    text = (SUMMARY + TIMELINE + CAUSE + f"\n## Action items\n\n### {heading}\n\n- [ ] Remove the direct database path\n"
            "- [ ] Add authentication alerts\n")
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM314")
    assert len(found) == 1 and found[0]["message"].endswith(message)


@pytest.mark.parametrize("item, detects", [
    ("Add an alert on the token mismatch rate", True),
    # (an attacker's review of 29e2107's "catches the", "to catch" and "reminder": exception
    # handling and a calendar reminder detect nothing; nor does what a pre-deploy test would
    # have done, looking back)
    ("Wrap the serializer in a try/except to catch the missing-column error", False),
    ("Add a calendar reminder for the DBA team to review pending schema drops", False),
    ("Add a smoke test of the bundle in CI, which would have caught this issue", False),
    # (a gap listed is no fix, unless the fix follows it)
    ("❌ No monitoring to catch the stalled queue", False),
    ("Add monitoring to catch the stalled queue", True),
    ("Missing alert on the queue depth: add a Prometheus alert", True),
])
def test_only_a_signal_improves_detection(tmp_path, run_cli, item, detects):
    text = ("# Stale token\n\n## Summary\n\nFor 2 hours 300 users could not deploy. A customer reported it.\n"
            + TIMELINE + CAUSE + f"\n## Action items\n\n- {item}, owner @ana, due 2026-10-01\n")
    assert bool(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM402")) is not detects


@pytest.mark.parametrize("heading, asks_owner", [
    ("What changed as a result", False),
    ("Follow-up actions", True),
])
def test_changes_made_as_a_result_are_done(tmp_path, run_cli, heading, asks_owner):
    text = (SUMMARY + TIMELINE + CAUSE + f"\n## {heading}\n\n- A release-drift check compares the live sha\n"
            "- A settle policy re-reads the version three times\n")
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM313", "PM314")
    assert [finding["rule"] for finding in found] == (["PM314"] if asks_owner else [])


@pytest.mark.parametrize("criterion, vague", [
    ("Fresh login succeeds without repeated challenges", False),
    ("-", True),
    ("To be agreed", True),
])
def test_an_acceptance_criterion_column_says_what_done_looks_like(tmp_path, run_cli, criterion, vague):
    text = (SUMMARY + TIMELINE + CAUSE + "\n## Follow-ups\n\n| Follow-up | Owner | Acceptance criterion | Status |\n"
            f"| --- | --- | --- | --- |\n| Investigate the repeated login prompts | Mike | {criterion} | open |\n")
    assert bool(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM310")) is vague


@pytest.mark.parametrize("heading, asks_owner", [
    ("Prevention Measures (Already Prepared)", False),
    ("Prevention Measures (To Prepare)", True),
])
def test_measures_already_prepared_are_done(tmp_path, run_cli, heading, asks_owner):
    text = (SUMMARY + TIMELINE + CAUSE + f"\n## Action items\n\n### {heading}\n\n- Fail2ban on SSH\n"
            "- Daily off-site backups of the database\n")
    assert bool(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM314")) is asks_owner
