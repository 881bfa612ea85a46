"""Issue 12, the independent third review: findings it showed to be false or pedantic.

Each pattern is shown on our own synthetic Markdown: a document goes in through the CLI
(`recommended`, or `strict` where the pedantic variant moved there), findings come out.
"""

from __future__ import annotations

from pathlib import Path

from conftest import rule_findings as findings


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- PM601 "how long": a duration the document gives -----------------------------------

OUTAGE = """# Search API outage

## Summary

{who}

## Timeline

All times UTC.

{timeline}

## Action items

- Add a 2 second timeout to the search client (owner: @ana, due: 2025-04-01)
"""

RECOVERED = """- 09:47 Search requests start failing with 502 errors
- 10:02 The on-call engineer is paged by the error-rate alert
- 10:40 The bad index is rolled back
- 11:30 All systems verified operational"""


def test_a_timeline_from_onset_to_recovery_answers_how_long(run_cli, tmp_path):
    """Onset (requests failing) and recovery ("verified operational") in the timeline: the
    duration is in the document, so "how long" is not asked."""
    path = write(tmp_path, "recovered.md", OUTAGE.format(who="Every search request failed.", timeline=RECOVERED))
    assert findings(run_cli, path, "PM601") == []


def test_a_stats_line_answers_how_long(run_cli, tmp_path):
    text = OUTAGE.format(who="Every search request failed.\n\nTime to recovery: 13 minutes",
                         timeline="- 09:47 Search requests start failing with 502 errors")
    assert findings(run_cli, write(tmp_path, "stats.md", text), "PM601") == []


def test_a_timeline_that_ends_on_a_new_failure_does_not_answer_how_long(run_cli, tmp_path):
    """A restore followed by a fresh alert about something still down is no recovery: the
    document does not say when the impact ended, and the half-finding stays (at info)."""
    timeline = RECOVERED.replace("- 11:30 All systems verified operational",
                                 "- 11:30 The node is restored\n- 14:05 The team is alerted that the indexer is offline "
                                 "because its volume was not healthy")
    found = findings(run_cli, write(tmp_path, "relapse.md", OUTAGE.format(who="Every search request failed.",
                                                                          timeline=timeline)), "PM601")
    assert [(item["severity"], item["message"].split(";")[0]) for item in found] == [
        ("info", "Impact not quantified: how long (`duration_minutes`)")]


def test_a_timeline_of_lead_up_only_does_not_answer_how_long(run_cli, tmp_path):
    """Entries that only set the scene (a deploy, a merge) give no onset and no end."""
    timeline = "- 09:00 The index change is merged\n- 09:30 The deploy is scheduled"
    found = findings(run_cli, write(tmp_path, "leadup.md", OUTAGE.format(who="Every search request failed.",
                                                                         timeline=timeline)), "PM601")
    assert [item["severity"] for item in found] == ["info"]


def test_no_thing_could_work_is_a_full_share(run_cli, tmp_path):
    """ "No image could be launched" says everyone was affected: a 100 % share, and with the
    timeline's onset and recovery nothing is missing."""
    path = write(tmp_path, "nothing.md", OUTAGE.format(who="No image could be launched.", timeline=RECOVERED))
    assert findings(run_cli, path, "PM601") == []


def test_the_missing_message_never_claims_a_duration_the_timeline_has(run_cli, tmp_path):
    """With a vague who and a timeline that gives the duration, only the who half is asked,
    at info; the warning that nothing was found anywhere is not given."""
    path = write(tmp_path, "vague.md", OUTAGE.format(who="Some searches were slow.", timeline=RECOVERED))
    found = findings(run_cli, path, "PM601")
    assert [(item["severity"], item["message"].split(";")[0]) for item in found] == [
        ("info", "Impact not quantified: who or what was affected (`users_affected` or `requests_failed`)")]


# -- PM601 "who" in a security incident: what was exposed ------------------------------

COMPROMISE = """# {title}

{lead}

## Timeline (PST) 4/21/23-4/25/23

- 11:12 AM: {first}
- 11:31 AM: The account is locked.

## Action items

- Require hardware keys for every Okta account (owner: @ana, due: 2025-04-01)
"""


def test_a_compromised_account_is_not_asked_for_a_user_count(run_cli, tmp_path):
    text = COMPROMISE.format(title="Account compromise", lead="Password compromise of an employee's Okta account.",
                             first="An email about a login from an unknown address is received.")
    assert findings(run_cli, write(tmp_path, "account.md", text), "PM601") == []


def test_access_gained_to_machines_names_what_was_exposed(run_cli, tmp_path):
    text = COMPROMISE.format(title="Compromised build machines",
                             lead="Unauthorized access to the self-hosted runners was gained through a pull request.",
                             first="A pull request runs a workflow on a self-hosted runner.")
    assert findings(run_cli, write(tmp_path, "runners.md", text), "PM601") == []


def test_an_incident_that_names_nothing_exposed_is_still_asked_who(run_cli, tmp_path):
    """ "Some secrets were leaked" names nothing: the who half stays."""
    text = COMPROMISE.format(title="Secrets leaked", lead="Some secrets were leaked.",
                             first="A message about odd activity is received.")
    found = findings(run_cli, write(tmp_path, "vague-leak.md", text), "PM601")
    assert [item["message"].split(";")[0] for item in found] == [
        "Impact not quantified: who or what was affected (`users_affected` or `requests_failed`)"]


# -- PM011: the cause stated in the opening prose or under another heading -------------

DISCLOSURE = """# Deploy token disclosure

{lead}

## Impact

{impact}

## What we're doing about it

- Mask every secret in CI output with the runner's secret masking (owner: @ana, due: 2025-04-01)
"""


def _pm011(run_cli, tmp_path, lead: str, impact: str, preset: str = "recommended") -> list[tuple[str, str]]:
    path = write(tmp_path, "disclosure.md", DISCLOSURE.format(lead=lead, impact=impact))
    return [(item["severity"], item["message"]) for item in findings(run_cli, path, "PM011", preset=preset)]


def test_how_a_secret_leaked_in_the_lead_is_the_cause(run_cli, tmp_path):
    """ "A token was leaked from our CI logs" states the cause: no `root_causes` claim;
    the timeline a short disclosure lacks, when it says how long it took, is pedantic:
    `info` under `strict` only."""
    lead = ("On 2025-03-04 a researcher found that a deploy token with write access was "
            "leaked from our CI logs. Within a few hours the token had been revoked and replaced.")
    impact = "Nobody used the token: the audit log shows no push with it."
    assert _pm011(run_cli, tmp_path, lead, impact) == []
    found = _pm011(run_cli, tmp_path, lead, impact, preset="strict")
    assert all("root_causes" not in message for _, message in found), found
    assert [severity for severity, _ in found] == ["info"], found


def test_a_cause_written_under_impact_counts(run_cli, tmp_path):
    found = _pm011(run_cli, tmp_path, "On 2025-03-04 we published a build artifact by mistake.",
                   "Build artifacts are zip files which can be unpacked, exposing a deploy token and two API keys.")
    assert all("root_causes" not in message for _, message in found), found


def test_no_cause_anywhere_is_still_reported(run_cli, tmp_path):
    """Without any statement of how it happened, the cause is still asked for."""
    found = _pm011(run_cli, tmp_path, "On 2025-03-04 a researcher wrote to us about a deploy token.",
                   "Nobody used the token: the audit log shows no push with it.")
    assert any("root_causes" in message for _, message in found), found


VULNERABILITY = """# Parser library exposure

## Summary

We checked every service for the vulnerable parser library and patched the two that used it.

## Timeline

All times UTC.

- 2025-03-04 09:00 {published}
- 2025-03-04 11:30 Every repository is searched for the library
- 2025-03-05 16:00 The two affected services are patched

## Action items

- Keep a dependency inventory that answers "who uses library X" in one query (owner: @ana, due: 2025-04-01)
"""


def test_a_published_vulnerability_is_the_cause_of_a_vulnerability_response(run_cli, tmp_path):
    """A response to a published vulnerability names its cause by its CVE id or by saying
    the vulnerability was published: no `root_causes` claim (both reviewers: pedantic)."""
    for published in ("CVE-2025-12345 is published for the parser library",
                      "The parser vulnerability was publicly disclosed"):
        path = write(tmp_path, "exposure.md", VULNERABILITY.format(published=published))
        found = findings(run_cli, path, "PM011", preset="strict")
        assert all("root_causes" not in item["message"] for item in found), (published, found)
    # a vulnerability mentioned without being published is no cause statement
    path = write(tmp_path, "exposure.md", VULNERABILITY.format(published="Someone asks about a vulnerability"))
    assert any("root_causes" in item["message"] for item in findings(run_cli, path, "PM011", preset="strict"))


# -- PM310: a vague verb on a tracked item in an otherwise concrete plan ---------------

PLAN = """# Queue outage

## Summary

Every upload failed for 40 minutes because the queue's disk filled up.

## Action items

{items}
"""

CONCRETE = "- Alert when the queue disk passes 80 % for 5 minutes (owner: @ana, due: 2025-04-01)"


def _pm310(run_cli, tmp_path, items: str, preset: str = "recommended") -> list[tuple[str, str]]:
    path = write(tmp_path, "plan.md", PLAN.format(items=items))
    return [(item["severity"], item["message"]) for item in findings(run_cli, path, "PM310", preset=preset)]


def test_a_tracked_vague_item_in_a_concrete_plan_is_strict_only(run_cli, tmp_path):
    """The tracker holds the outcome: a reviewer does not raise it (independent review:
    pedantic), so `recommended` is silent and `strict` says it at `info`."""
    for reference in ("(#4521)", "https://github.com/example/queue/issues/88", "(QUEUE-311)"):
        items = f"{CONCRETE}\n- Improve disk usage alerting {reference}"
        assert _pm310(run_cli, tmp_path, items) == [], reference
        found = _pm310(run_cli, tmp_path, items, preset="strict")
        assert [severity for severity, _ in found] == ["info"], (reference, found)
        assert "tracked in" in found[0][1]


def test_an_untracked_vague_item_is_still_a_warning(run_cli, tmp_path):
    found = _pm310(run_cli, tmp_path, f"{CONCRETE}\n- Improve disk usage alerting")
    assert [severity for severity, _ in found] == ["warning"]


def test_a_severity_or_a_cve_name_is_no_tracking_reference():
    from pmlint.engine.checks.action_items import tracked
    assert tracked({"title": "Investigate SEV-1 handling for CVE-2021-44228"}) is None
    assert tracked({"title": "Improve alerting", "ticket": "https://example.org/issues/4"}) == \
        "https://example.org/issues/4"
    assert tracked({"title": "Improve alerting, see OPS-412"}) == "OPS-412"


def test_a_plan_of_only_tracked_vague_items_is_still_a_warning(run_cli, tmp_path):
    """Links do not make a plan of open-ended items concrete."""
    found = _pm310(run_cli, tmp_path, "- Improve disk usage alerting (#4521)\n- Investigate the queue (#4522)")
    assert [severity for severity, _ in found] == ["warning", "warning"]


# -- PM403: slow detection where the plan already has a detection item -----------------

SLOW = """severity: SEV2
title: Checkout errors
summary: Checkout failed for 2 hours for 5% of customers because a config flag was wrong.
timeline:
  - {at: "2025-06-21T23:05:00Z", event: Error rate rises, kind: started}
  - {at: "2025-06-22T00:52:00Z", event: A customer reports errors, kind: detected}
  - {at: "2025-06-22T01:05:00Z", event: The flag is rolled back, kind: mitigated}
action_items:
  - {title: Validate config flags in CI before deploy, owner: ana, due: 2025-08-01, type: prevent}
"""


def test_slow_detection_with_a_detect_item_in_the_plan_is_info(run_cli, tmp_path):
    path = write(tmp_path, "slow.yaml", SLOW + "  - {title: Alert when checkout errors pass 1% for 5 minutes, "
                                              "owner: ana, due: 2025-08-01, type: detect}\n")
    found = findings(run_cli, path, "PM403", "PM402")
    assert [(item["rule"], item["severity"]) for item in found] == [("PM403", "info")]
    assert "the plan already improves detection" in found[0]["message"]


def test_slow_human_detection_without_a_detect_item_is_one_finding(run_cli, tmp_path):
    """A customer found it, late, and nothing in the plan improves detection: PM403 names
    the delay and asks for the detect item; PM402 asking the same again is `strict` only."""
    path = write(tmp_path, "slow.yaml", SLOW)
    assert [(item["rule"], item["severity"]) for item in findings(run_cli, path, "PM402", "PM403")] == [
        ("PM403", "warning")]
    assert sorted((item["rule"], item["severity"]) for item in findings(run_cli, path, "PM402", "PM403",
                                                                          preset="strict")) == [
        ("PM402", "info"), ("PM403", "warning")]


def test_slow_detection_without_a_detect_item_is_a_warning(run_cli, tmp_path):
    found = findings(run_cli, write(tmp_path, "slow.yaml", SLOW), "PM403")
    assert [item["severity"] for item in found] == ["warning"]
    assert "already" not in found[0]["message"]


# -- PM501: one house style without a zone is info; a slip in a zoned timeline is not ---

ZONES = """# Ingress errors

## Summary

Every request to the login service failed for 47 minutes after an ingress upgrade.

## Timeline

{timeline}

## Action items

- Run the WAF rules against recorded login traffic before each upgrade (owner: @ana, due: 2025-04-01)
"""


def test_a_timeline_without_any_zone_is_strict_only(run_cli, tmp_path):
    """One house style with no zone at all: the durations are still right, so a reviewer
    does not raise it (independent review: pedantic); `strict` says it at `info`."""
    timeline = "- 2025-03-04 09:12 Login requests start failing\n- 2025-03-04 09:59 The upgrade is rolled back"
    path = write(tmp_path, "house.md", ZONES.format(timeline=timeline))
    assert findings(run_cli, path, "PM501") == []
    found = findings(run_cli, path, "PM501", preset="strict")
    assert [item["severity"] for item in found] == ["info"]


def test_one_time_without_the_zone_the_others_have_is_a_warning(run_cli, tmp_path):
    timeline = ("- 2025-03-04 09:12 UTC Login requests start failing\n- 2025-03-04 09:40 Paged\n"
                "- 2025-03-04 09:59 UTC The upgrade is rolled back")
    found = findings(run_cli, write(tmp_path, "slip.md", ZONES.format(timeline=timeline)), "PM501")
    assert [item["severity"] for item in found] == ["warning"]


# -- PM203: evening work is not lost sleep; the count says what was counted -------------

NIGHT = """timezone: Europe/Berlin
title: Storage migration
summary: The storage migration ran long and 3% of uploads failed for 2 hours.
timeline:
{entries}
action_items:
  - {{title: Split the migration into batches of 1000 volumes, owner: ana, due: 2025-08-01}}
"""


def _pm203(run_cli, tmp_path, *entries: tuple[str, str], preset: str = "recommended") -> list[tuple[str, str]]:
    rows = "\n".join(f'  - {{at: "{at}", event: "{event}"}}' for at, event in entries)
    path = write(tmp_path, "night.yaml", NIGHT.format(entries=rows))
    return [(item["severity"], item["message"]) for item in findings(run_cli, path, "PM203", preset=preset)]


def test_one_evening_entry_finishing_planned_work_is_strict_only(run_cli, tmp_path):
    entries = (("2025-06-21T18:00:00+02:00", "We start the planned migration"),
               ("2025-06-21T23:55:00+02:00", "We finish the migration and verify the volumes"))
    assert _pm203(run_cli, tmp_path, *entries) == []
    found = _pm203(run_cli, tmp_path, *entries, preset="strict")
    assert [severity for severity, _ in found] == ["info"]
    assert "before midnight" in found[0][1]


def test_responders_working_past_midnight_is_a_warning_with_the_right_count(run_cli, tmp_path):
    found = _pm203(run_cli, tmp_path, ("2025-06-21T23:10:00+02:00", "We roll back the migration"),
                   ("2025-06-22T00:20:00+02:00", "A customer reports failed uploads"),
                   ("2025-06-22T01:30:00+02:00", "We restore the last volume"))
    assert found == [("warning", "2 of the 3 timeline entries in the night window 22:00–07:00 show responders at "
                                 "work (first at 23:10) but `on_call.off_hours_pages` is missing")]


# -- PM202: a night read on UTC clocks is a guess about where the responders sleep ------

PAGED = """# Database failover

## Summary

Writes failed for 3 hours for 20% of customers when the primary database lost its disk.

## Timeline

{zone}

- 2025-06-21 {clock} The on-call database engineer is paged and joins the incident
- 2025-06-22 02:10 The replica is promoted and writes recover

## Action items

- Alert on disk health of the primary before it fails (owner: @ana, due: 2025-08-01)
"""


def _pm202(run_cli, tmp_path, zone: str, clock: str) -> list[tuple[str, str]]:
    path = write(tmp_path, "paged.md", PAGED.format(zone=zone, clock=clock))
    return [(item["severity"], item["message"]) for item in findings(run_cli, path, "PM202")]


def test_a_page_at_night_in_utc_is_info_and_says_the_zone_is_unknown(run_cli, tmp_path):
    found = _pm202(run_cli, tmp_path, "All times UTC.", "23:13")
    assert [severity for severity, _ in found] == ["info"]
    assert "night read in UTC" in found[0][1]


def test_a_page_at_night_in_the_teams_zone_is_a_warning(run_cli, tmp_path):
    found = _pm202(run_cli, tmp_path, "All times CET.", "23:13")
    assert [severity for severity, _ in found] == ["warning"]
    assert "UTC" not in found[0][1]


def test_a_timeline_ending_on_a_restart_answers_how_long(run_cli, tmp_path):
    """The response's last step (a pod killed or restarted) with nothing failing after it
    ends the impact: "Node starts reporting 'no space left'" … "Pod killed" is a duration."""
    timeline = ("- 2025-01-20 13:50 The node starts reporting \"no space left on device\"\n"
                "- 2025-01-22 10:39 The log shipper pod is killed, releasing its file watches")
    path = write(tmp_path, "restart.md", OUTAGE.format(who="Every search request failed.", timeline=timeline))
    assert findings(run_cli, path, "PM601") == []


def test_an_untyped_alerting_item_counts_as_the_plans_detection_item(run_cli, tmp_path):
    """An item written without a type ("Alert when ...") improves detection, as PM402 reads it."""
    path = write(tmp_path, "slow.yaml", SLOW + "  - {title: Alert when checkout errors pass 1% for 5 minutes, "
                                              "owner: ana, due: 2025-08-01}\n")
    found = findings(run_cli, path, "PM403")
    assert [item["severity"] for item in found] == ["info"]
    assert '"Alert when checkout errors pass 1% for 5 minutes"' in found[0]["message"]


# -- repeats: the incident must be said to be like an earlier one ------------------------

REPEAT = """# Job queue stall

## Summary

Jobs stopped for 40 minutes for every customer. {lucky}

## Root cause

A config push removed the queue's worker pool.

## Action items

- Restart the workers automatically when the pool is empty (owner: @ana, due: 2025-04-01)
"""


def test_tooling_from_a_previous_outage_is_no_repeat(run_cli, tmp_path):
    """"We already had tooling from the previous outage" says where a script came from,
    not that this incident is the earlier one again: no repeat, no PM802."""
    path = write(tmp_path, "pm.md", REPEAT.format(
        lucky="We already had tooling to resolve this from the previous outage."))
    assert findings(run_cli, path, "PM802") == []


def test_an_incident_like_the_previous_one_is_a_repeat(run_cli, tmp_path):
    path = write(tmp_path, "pm.md", REPEAT.format(
        lucky="The queue stalled the same way as in the previous outage."))
    found = findings(run_cli, path, "PM802")
    assert len(found) == 1 and "inferred a repeat incident" in found[0]["message"], found
